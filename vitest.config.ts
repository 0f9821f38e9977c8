import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Whether Docker answers (for the testcontainers cache backend), asked once per run.
    globalSetup: ['test/support/docker-check.ts'],
    testTimeout: 30_000,
    // Two files at a time: the suite waits on sockets, child processes and a
    // browser as much as on the CPU, so two workers on two cores halve the wall time.
    maxWorkers: 2,
    hookTimeout: 60_000,
    // Reports a person can read and a machine can parse (CI keeps the JUnit file).
    reporters: process.env.CI ? ['default', ['junit', { outputFile: 'reports/vitest-junit.xml' }]] : ['default'],
  },
});
