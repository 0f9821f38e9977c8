import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file's location so results do not depend on the cwd. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const DEFAULT_SPEC = path.join(REPO_ROOT, 'spec', 'swagger.yaml');
export const DEFAULT_OUT = path.join(REPO_ROOT, 'generated', 'wellsky.ts');

/**
 * A path as shown to people and written into generated headers: relative to the repo root and
 * POSIX-separated, so the same input gives byte-identical output on any machine and from any cwd.
 */
export function displayPath(absolutePath: string): string {
  const relative = path.relative(REPO_ROOT, absolutePath);
  return relative === '' ? '.' : relative.split(path.sep).join('/');
}
