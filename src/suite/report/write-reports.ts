// Writes reports/junit.xml and reports/summary.md, each whole or not at all:
// the text goes to a temporary file in the same folder (so the rename stays on
// one file system), is flushed to disk, then renamed over the old report. A
// reader (CI collecting the JUnit file) sees the last report or the new one,
// never half of one.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { SuiteRun } from '../results.ts';
import { renderJUnit } from './junit.ts';
import { renderSummary } from './summary.ts';

export interface ReportPaths {
  junit: string;
  summary: string;
}

export function writeReports(run: SuiteRun, dir = 'reports'): ReportPaths {
  mkdirSync(dir, { recursive: true });
  return {
    junit: writeAtomically(join(dir, 'junit.xml'), renderJUnit(run)),
    summary: writeAtomically(join(dir, 'summary.md'), renderSummary(run)),
  };
}

/** `text` at `path`, replacing what was there in one rename; no temporary file is left behind on failure. */
export function writeAtomically(path: string, text: string): string {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(temporary, 'wx');
    try {
      const bytes = Buffer.from(text, 'utf8');
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return path;
}
