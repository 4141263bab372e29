// One benchmark run in its own process: N lazily generated renewal requests through the engine
// (5m sliding); prints requests simulated, seconds and peak RSS as JSON for run.js.
import { simulate } from '../../dist/engine/simulate.js';
import { createArrivals } from '../../dist/workload/arrivals.js';
import { createRng } from '../../dist/workload/rng.js';
import { BENCH_POLICIES } from './engine-vs-reference.js';

const requests = Number(process.argv[2]);
const KEYS = 100_000;
const MEAN_GAP_MS = 240_000;
const constant = (value) => ({ dist: 'constant', value });
const workload = {
  kind: 'renewal', keys: KEYS, gapMs: { dist: 'exponential', mean: MEAN_GAP_MS },
  prefixTokens: constant(20_000), suffixTokens: constant(0), outputTokens: constant(0),
  role: 'context', model: 'bench', scope: 'default', profile: null, label: 'w0',
};
// Each key sends about horizon / mean gap requests.
const horizonMs = Math.round((requests / KEYS) * MEAN_GAP_MS);
const profile = {
  provider: 'bench', model: 'bench', displayName: 'bench', minCacheableTokens: 1024,
  usdPerMTok: { input: 3, cacheWrite5m: 3.75, cacheWrite1h: 6, cacheRead: 0.3, output: 15, storagePerHour: 0 },
  ttls: ['5m', '1h'], refresh: { '5m': 'sliding', '1h': 'fixed' }, ttlNonIncreasing: true, sourceUrl: '', asOf: '', notes: '',
};
const bench = BENCH_POLICIES[0];
const started = process.hrtime.bigint();
const result = simulate({
  arrivals: createArrivals([workload], createRng(42).fork('arrivals'), horizonMs),
  policy: { name: bench.name, cache: true, tierByRole: {}, defaultTier: bench.tier, keepalive: null },
  priceOf: () => profile,
  engine: { lookback: 20, firstTokenDelayMs: 0, evictionRatePerMs: 0, bucketMs: Math.ceil(horizonMs / 96) },
  horizonMs,
  rng: createRng(1),
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
globalThis.gc?.();
const liveHeapMb = process.memoryUsage().heapUsed / 2 ** 20;
process.stdout.write(JSON.stringify({ simulated: result.requests, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, liveHeapMb, peakLiveEntries: result.peakLiveEntries }));
