/**
 * Errors the generate CLI reports as one clean line (never a stack trace).
 * The exit code tells scripts and CI what kind of failure it was.
 */

/** Wrong flags or an input/output path that cannot be used: the fix is in the command line (exit 2). */
export class UsageError extends Error {
  readonly exitCode = 2;
  override readonly name = 'UsageError';
}

/** The input was read but could not be turned into types (bad YAML, wrong version, invalid spec): exit 1. */
export class GenerateError extends Error {
  readonly exitCode = 1;
  override readonly name = 'GenerateError';
}
