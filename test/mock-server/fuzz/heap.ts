// The heap after a full garbage collection, for the "memory stays flat" check.
// `gc` is exposed at run time (no node flag needed in the test command).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Bytes in use after collecting twice (the second pass takes what finalisers freed). */
export function settledHeapBytes(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
