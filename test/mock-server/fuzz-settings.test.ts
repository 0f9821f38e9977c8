// The fuzz's size and seed: fixed by default, set by flag or environment, and a
// bad value is an error naming the flag or variable (never a silent default).
import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUESTS, DEFAULT_SEED, fuzzEnvFromArgs, fuzzSettings } from './fuzz/fuzz-settings.ts';

describe('fuzz settings', () => {
  it('defaults: 20,000 requests from a fixed seed, a few thousand of them through the HTTP door', () => {
    expect(fuzzSettings({})).toEqual({ requests: DEFAULT_REQUESTS, seed: DEFAULT_SEED, httpRequests: 3_000 });
    expect(DEFAULT_REQUESTS).toBeGreaterThanOrEqual(20_000);
  });

  it('reads FUZZ_REQUESTS and FUZZ_SEED; 15% of a long run goes through the door', () => {
    expect(fuzzSettings({ FUZZ_REQUESTS: '500000', FUZZ_SEED: '-7' })).toEqual({ requests: 500_000, seed: -7, httpRequests: 75_000 });
  });

  it.each([
    [{ FUZZ_REQUESTS: '5e5' }, /^FUZZ_REQUESTS: must be a whole number from 100 to 100000000 \(got "5e5"\)/],
    [{ FUZZ_REQUESTS: '10' }, /^FUZZ_REQUESTS: .*got "10"/],
    [{ FUZZ_SEED: 'abc' }, /^FUZZ_SEED: must be a whole number/],
    [{ FUZZ_SEED: '4294967296' }, /^FUZZ_SEED: /],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => fuzzSettings(env)).toThrow(message);
  });

  it('flags become the environment; a bad flag names itself', () => {
    expect(fuzzEnvFromArgs(['--requests', '500000', '--seed=7'])).toEqual({ FUZZ_REQUESTS: '500000', FUZZ_SEED: '7' });
    expect(fuzzEnvFromArgs(['--help'])).toEqual({ help: true });
    expect(() => fuzzEnvFromArgs(['--requests', 'lots'])).toThrow(/^--requests: must be a whole number/);
    expect(() => fuzzEnvFromArgs(['--seed'])).toThrow(/^--seed: needs a value/);
    expect(() => fuzzEnvFromArgs(['--count', '5'])).toThrow(/^--count: not a fuzz option/);
  });
});
