// The architecture's rules, checked in `npm test` (test/architecture.test.ts).
// mock-server/ plays WellSky and src/ is Gigi: they share spec/ and generated/
// and nothing else, so one wrong reading of the API cannot pass on both sides.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-transport-free',
      severity: 'error',
      comment: 'mock-server/core answers plain requests; express, msw and node:http live in the doors (http.ts, msw.ts).',
      from: { path: '^mock-server/core/' },
      to: { path: '^(node:)?(http|https|http2|net|tls)$|(^|/)node_modules/(express|msw|supertest)/' },
    },
    {
      name: 'gigi-does-not-import-the-simulator',
      severity: 'error',
      comment: 'src/ is Gigi; only the composition root (src/target.ts) may start the simulated WellSky.',
      from: { path: '^src/', pathNot: '^src/target\\.ts$' },
      to: { path: '^mock-server/' },
    },
    {
      name: 'the-simulator-does-not-import-gigi',
      severity: 'error',
      comment: 'The simulated WellSky is written apart from Gigi.',
      from: { path: '^mock-server/' },
      to: { path: '^src/' },
    },
    {
      name: 'shipped-code-does-not-import-tests',
      severity: 'error',
      from: { path: '^(src|mock-server)/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
  },
};
