// A path that is not in the spec does not compile. `npm run typecheck` checks
// this file: each @ts-expect-error must meet a real type error, or tsc fails.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { paths } from '../../generated/wellsky.ts';
import type { WellSkyClient } from '../../src/wellsky/client.ts';

// Never called: the checks are at compile time.
function january(client: WellSkyClient) {
  // @ts-expect-error the January path: capitalised, singular, no slash
  void client.api.GET('/v1/Practitioner');
  // @ts-expect-error the doubled prefix from a base URL ending in /v1
  void client.api.GET('/v1/v1/practitioners/');
  // @ts-expect-error a missing trailing slash
  void client.api.GET('/v1/practitioners');
  // @ts-expect-error the plural that is not a route
  void client.api.GET('/v1/appointments/', { params: { query: {} } });
  // @ts-expect-error the lower-case document route the reference spells
  void client.api.POST('/v1/documentreference/', { body: {} });
  // @ts-expect-error a route that exists, with the wrong method
  void client.api.DELETE('/v1/practitioners/');
  // The right ones compile.
  void client.api.GET('/v1/practitioners/', { params: { query: { _count: 5 } } });
  void client.api.GET('/v1/practitioners/{id}/', { params: { path: { id: '2001' } } });
}

describe('typed paths', () => {
  it('are the spec\'s paths', () => {
    expectTypeOf<'/v1/practitioners/'>().toMatchTypeOf<keyof paths>();
    expectTypeOf<'/oauth/accesstoken'>().toMatchTypeOf<keyof paths>();
    expect(typeof january).toBe('function');
  });
});
