// What every benchmark run shares: the renewal workload of 100,000 keys with exponential gaps, a
// Sonnet-priced profile, and the two policies compared.
const MINUTE_MS = 60_000;
export const MEAN_GAP_MS = 4 * MINUTE_MS;
export const PREFIX_TOKENS = 20_000;

export const BENCH_POLICIES = [
  { name: '5m-sliding', tier: { ttlMs: 5 * MINUTE_MS, refresh: 'sliding', billAs: '5m', label: '5m' } },
  { name: '1h-fixed', tier: { ttlMs: 60 * MINUTE_MS, refresh: 'fixed', billAs: '1h', label: '1h' } },
];

export const BENCH_PROFILE = {
  provider: 'bench',
  model: 'bench',
  displayName: 'bench',
  minCacheableTokens: 1024,
  usdPerMTok: { input: 3, cacheWrite5m: 3.75, cacheWrite1h: 6, cacheRead: 0.3, output: 15, storagePerHour: 0 },
  ttls: ['5m', '1h'],
  refresh: { '5m': 'sliding', '1h': 'fixed' },
  ttlNonIncreasing: true,
  sourceUrl: '',
  asOf: '',
  notes: '',
};

const constant = (value) => ({ dist: 'constant', value });

export function renewalWorkload(keys) {
  return {
    kind: 'renewal',
    keys,
    gapMs: { dist: 'exponential', mean: MEAN_GAP_MS },
    prefixTokens: constant(PREFIX_TOKENS),
    suffixTokens: constant(0),
    outputTokens: constant(0),
    role: 'context',
    model: 'bench',
    scope: 'default',
    profile: null,
    label: 'w0',
  };
}

/** Each key sends about horizon / mean gap requests. */
export const horizonFor = (requests, keys) => Math.round((requests / keys) * MEAN_GAP_MS);

/** The engine's policy for one benchmark row: a static policy, every breakpoint at the row's tier. */
export const benchPolicy = (bench) => ({ kind: 'static', name: bench.name, tierByRole: {}, defaultTier: bench.tier });

export function simInput(arrivals, bench, horizonMs, createRng) {
  return {
    arrivals,
    policy: benchPolicy(bench),
    priceOf: () => BENCH_PROFILE,
    engine: { lookback: 20, firstTokenDelayMs: 0, evictionRatePerMs: 0, bucketMs: Math.ceil(horizonMs / 96) },
    horizonMs,
    rng: createRng(1),
  };
}
