// writeReports: both files, whole, in a folder it makes; nothing half-written left behind.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJUnit } from '../../../src/suite/report/junit.ts';
import { renderSummary } from '../../../src/suite/report/summary.ts';
import { writeAtomically, writeReports } from '../../../src/suite/report/write-reports.ts';
import { smallRun } from './runs.ts';

const fresh = () => mkdtempSync(join(tmpdir(), 'write-reports-'));

describe('writeReports', () => {
  it('makes the folder, writes junit.xml and summary.md, and returns their paths', () => {
    const dir = join(fresh(), 'nested', 'reports');
    const paths = writeReports(smallRun(), dir);
    expect(paths).toEqual({ junit: join(dir, 'junit.xml'), summary: join(dir, 'summary.md') });
    expect(readFileSync(paths.junit, 'utf8')).toBe(renderJUnit(smallRun()));
    expect(readFileSync(paths.summary, 'utf8')).toBe(renderSummary(smallRun()));
    expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'summary.md']);
  });

  it('replaces earlier reports whole', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'junit.xml'), 'old and much longer than the new one '.repeat(1000));
    writeReports(smallRun(), dir);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toBe(renderJUnit(smallRun()));
    expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'summary.md']);
  });

  it('leaves no temporary file behind when the rename fails', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'junit.xml'));
    writeFileSync(join(dir, 'junit.xml', 'keep'), '');
    expect(() => writeAtomically(join(dir, 'junit.xml'), 'x')).toThrow();
    expect(readdirSync(dir)).toEqual(['junit.xml']);
  });
});
