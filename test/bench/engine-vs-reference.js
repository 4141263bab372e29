// Engine against the plain reference loop on one materialised renewal trace: same arrivals, same
// single-prefix model, so the hit counts must agree exactly and the throughput ratio is meaningful.
import { simulate } from '../../dist/engine/simulate.js';
import { createRng } from '../../dist/workload/rng.js';
import { referenceLoop } from './reference-loop.js';
import { traceRequests } from './engine-adapter.js';
import { BENCH_PROFILE, benchPolicy } from './setup.js';

export function runEngine(trace, bench, prefixTokens) {
  const horizonMs = trace.atMs[trace.atMs.length - 1] + 1;
  const started = process.hrtime.bigint();
  const result = simulate({
    arrivals: traceRequests(trace, prefixTokens, 'bench'),
    policy: benchPolicy(bench),
    priceOf: () => BENCH_PROFILE,
    engine: { lookback: 20, firstTokenDelayMs: 0, evictionRatePerMs: 0, bucketMs: Math.ceil(horizonMs / 96) },
    horizonMs,
    rng: createRng(1),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { result, seconds };
}

export function runReference(trace, bench, prefixTokens) {
  const started = process.hrtime.bigint();
  const result = referenceLoop(trace, {
    ttlMs: bench.tier.ttlMs,
    sliding: bench.tier.refresh === 'sliding',
    prefixTokens,
    billAs1h: bench.tier.billAs === '1h',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { result, seconds };
}
