// Vitest global setup: asks once per run whether a Docker engine answers, says
// so once when none does, and hands the answer to every test file
// (`inject('dockerAnswers')` in databases.ts), so no file asks again.
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    dockerAnswers: boolean;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  let answers = false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    answers = true;
  } catch (error) {
    console.warn(`cache tests: no Docker engine answers (${(error as Error).message.split('\n')[0]}); the testcontainers backend is skipped`);
  }
  project.provide('dockerAnswers', answers);
}
