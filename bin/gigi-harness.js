#!/usr/bin/env node
// gigi-harness, without a build step: tsx loads the TypeScript sources.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
