// The helper lives with the code that starts servers; tests use the same one.
export { freePort } from '../../src/free-port.ts';
