// A WellSky client for a target, with the configured limits and the given ports.
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Target } from '../target.ts';
import { createWellSkyClient, type WellSkyClient } from './client.ts';

export function connect(config: Config, target: Target, ports: { clock: Clock; fetch?: typeof fetch }): WellSkyClient {
  const { allowWrites, timeoutMs, maxAttempts, retryBudgetMs, rateLimitPerSecond, maxConcurrent, tokenRefreshMarginSeconds } = config.wellsky;
  return createWellSkyClient({
    baseUrl: target.baseUrl,
    credentials: target.credentials,
    clock: ports.clock,
    ...{ allowWrites, timeoutMs, maxAttempts, retryBudgetMs, rateLimitPerSecond, maxConcurrent, tokenRefreshMarginSeconds },
    ...(ports.fetch ? { fetch: ports.fetch } : {}),
  });
}
