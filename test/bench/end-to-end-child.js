// One end-to-end comparison in a fresh process: the renewal workload generated lazily and simulated by
// the engine, against the reference loop generating and simulating the same process. Best of three.
import { simulate } from '../../dist/engine/simulate.js';
import { createArrivals } from '../../dist/workload/arrivals.js';
import { createRng } from '../../dist/workload/rng.js';
import { BENCH_POLICIES } from './engine-vs-reference.js';
import { referenceEndToEnd } from './reference-end-to-end.js';

const [name, requestsArg, keysArg] = process.argv.slice(2);
const requests = Number(requestsArg);
const keys = Number(keysArg);
const bench = BENCH_POLICIES.find((b) => b.name === name);
const MEAN_GAP_MS = 240_000;
const constant = (value) => ({ dist: 'constant', value });
const workload = {
  kind: 'renewal', keys, gapMs: { dist: 'exponential', mean: MEAN_GAP_MS },
  prefixTokens: constant(20_000), suffixTokens: constant(0), outputTokens: constant(0),
  role: 'context', model: 'bench', scope: 'default', profile: null, label: 'w0',
};
const horizonMs = Math.round((requests / keys) * MEAN_GAP_MS);
const profile = {
  provider: 'bench', model: 'bench', displayName: 'bench', minCacheableTokens: 1024,
  usdPerMTok: { input: 3, cacheWrite5m: 3.75, cacheWrite1h: 6, cacheRead: 0.3, output: 15, storagePerHour: 0 },
  ttls: ['5m', '1h'], refresh: { '5m': 'sliding', '1h': 'fixed' }, ttlNonIncreasing: true, sourceUrl: '', asOf: '', notes: '',
};
const seconds = (fn) => {
  const started = process.hrtime.bigint();
  const result = fn();
  return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
};
let engineSeconds = Infinity;
let referenceSeconds = Infinity;
for (let r = 0; r < 3; r++) {
  const engine = seconds(() =>
    simulate({
      arrivals: createArrivals([workload], createRng(42).fork('arrivals'), horizonMs),
      policy: { name: bench.name, cache: true, tierByRole: {}, defaultTier: bench.tier, keepalive: null },
      priceOf: () => profile,
      engine: { lookback: 20, firstTokenDelayMs: 0, evictionRatePerMs: 0, bucketMs: Math.ceil(horizonMs / 96) },
      horizonMs,
      rng: createRng(1),
    }),
  );
  // The engine's request count (arrivals before the horizon) sets the reference's, so both do the same work.
  const reference = seconds(() => referenceEndToEnd({ keys, requests: engine.result.requests, meanGapMs: MEAN_GAP_MS, ttlMs: bench.tier.ttlMs, sliding: bench.tier.refresh === 'sliding', seed: 42 }));
  engineSeconds = Math.min(engineSeconds, (engine.seconds * requests) / engine.result.requests);
  referenceSeconds = Math.min(referenceSeconds, (reference.seconds * requests) / engine.result.requests);
}
process.stdout.write(JSON.stringify({ engineSeconds, referenceSeconds }));
