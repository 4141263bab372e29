// Small builders shared by the engine and cache tests: hand-made requests and policies, a price profile
// with round numbers, and a runner that records each request's billing.
import type { Request, Segment } from '../src/model/request.js';
import type { EngineOptions } from '../src/model/scenario.js';
import type { KeepAliveSpec, PolicySpec, StaticPolicy, Tier } from '../src/model/policy.js';
import type { PriceProfile } from '../src/pricing/profile.js';
import type { ServeOutcome } from '../src/cache/prefix-cache.js';
import { simulate, type SimResult } from '../src/engine/simulate.js';
import { createRng } from '../src/workload/rng.js';
import { SegmentKeys } from '../src/workload/segment-keys.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

/** $1/MTok input so that costs read as multipliers: 5m write 1.25, 1h write 2, read 0.1, output 5. */
export const UNIT_PROFILE: PriceProfile = {
  provider: 'test',
  model: 'unit',
  displayName: 'Unit prices',
  usdPerMTok: { input: 1, cacheWrite5m: 1.25, cacheWrite1h: 2, cacheRead: 0.1, output: 5, storagePerHour: 0 },
  minCacheableTokens: 1024,
  ttls: ['5m', '1h'],
  refresh: { '5m': 'sliding', '1h': 'fixed' },
  ttlNonIncreasing: true,
  sourceUrl: 'test',
  asOf: '2026-11-24',
  notes: '',
};

/** A tier labelled '5m', '1h' (their usual refresh) or any other label, with `ttlMs` or the label in ms. */
export function tier(label: string, refresh?: 'sliding' | 'fixed', ttlMs?: number): Tier {
  const ms = ttlMs ?? (label === '5m' ? 5 * MINUTE_MS : label === '1h' ? HOUR_MS : Number(label));
  return {
    ttlMs: ms,
    refresh: refresh ?? (label === '1h' ? 'fixed' : 'sliding'),
    billAs: ms <= 5 * MINUTE_MS ? '5m' : '1h',
    label,
  };
}

export function policy(
  name: string,
  defaultTier: Tier | null,
  tierByRole: Record<string, Tier | null> = {},
  extra: { keepalive?: KeepAliveSpec; tierByThreadKind?: StaticPolicy['tierByThreadKind'] } = {},
): PolicySpec {
  const { keepalive, ...rest } = extra;
  return keepalive === undefined
    ? { kind: 'static', name, tierByRole, defaultTier, ...rest }
    : { kind: 'keepalive', name, tierByRole, defaultTier, ...rest, keepalive };
}

export const NO_CACHE: PolicySpec = { kind: 'none', name: 'no-cache' };

/** One key table for every hand-made segment, so equal ids get equal keys as in a real run. */
const TEST_KEYS = new SegmentKeys();

export function segment(id: string, tokens: number, role = 'context', breakpoint = false): Segment {
  return { id, key: TEST_KEYS.of(id), tokens, role, breakpoint };
}

export function request(atMs: number, segments: Segment[], extra: Partial<Request> = {}): Request {
  return {
    atMs,
    scope: 'default',
    model: 'unit',
    segments,
    segmentCount: segments.length,
    tailTokens: 0,
    outputTokens: 0,
    threadId: 't',
    threadKind: 'key',
    sessionId: 't',
    ...extra,
  };
}

export const ENGINE: EngineOptions = { lookback: 20, firstTokenDelayMs: 0, evictionRatePerMs: 0, bucketMs: HOUR_MS };

export interface Recorded {
  readonly result: SimResult;
  readonly outcomes: ServeOutcome[];
}

/** Runs hand-made requests through the engine, keeping a copy of each request's billing. */
export function run(
  requests: Request[],
  spec: PolicySpec,
  engine: Partial<EngineOptions> = {},
  horizonMs = 24 * HOUR_MS,
): Recorded {
  const outcomes: ServeOutcome[] = [];
  const result = simulate({
    arrivals: requests[Symbol.iterator](),
    policy: spec,
    priceOf: () => UNIT_PROFILE,
    engine: { ...ENGINE, ...engine },
    horizonMs,
    rng: createRng(1),
    onRequest: (_request, outcome) => outcomes.push({ ...outcome }),
  });
  return { result, outcomes };
}

/** One cached prefix of `tokens` sent at each time in `timesMs`. */
export function prefixAt(timesMs: number[], tokens = 10_000): Request[] {
  const prefix = [segment('p', tokens, 'context', true)];
  return timesMs.map((atMs) => request(atMs, prefix));
}
