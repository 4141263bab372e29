// One end-to-end comparison in a fresh process: the renewal workload generated lazily and simulated by
// the engine, against the reference loop generating and simulating the same process. Best of three.
import { simulate } from '../../dist/engine/simulate.js';
import { createArrivals } from '../../dist/workload/arrivals.js';
import { createRng } from '../../dist/workload/rng.js';
import { BENCH_POLICIES, MEAN_GAP_MS, horizonFor, renewalWorkload, simInput } from './setup.js';
import { referenceEndToEnd } from './reference-end-to-end.js';

const [name, requestsArg, keysArg] = process.argv.slice(2);
const requests = Number(requestsArg);
const keys = Number(keysArg);
const bench = BENCH_POLICIES.find((b) => b.name === name);
const horizonMs = horizonFor(requests, keys);
const timed = (fn) => {
  const started = process.hrtime.bigint();
  const result = fn();
  return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
};
let engineSeconds = Infinity;
let referenceSeconds = Infinity;
for (let r = 0; r < 3; r++) {
  const engine = timed(() =>
    simulate(
      simInput(
        createArrivals([renewalWorkload(keys)], createRng(42).fork('arrivals'), horizonMs),
        bench,
        horizonMs,
        createRng,
      ),
    ),
  );
  // The engine's request count (arrivals before the horizon) sets the reference's, so both do the same work.
  const simulated = engine.result.requests;
  const reference = timed(() =>
    referenceEndToEnd({
      keys,
      requests: simulated,
      meanGapMs: MEAN_GAP_MS,
      ttlMs: bench.tier.ttlMs,
      sliding: bench.tier.refresh === 'sliding',
      seed: 42,
    }),
  );
  engineSeconds = Math.min(engineSeconds, (engine.seconds * requests) / simulated);
  referenceSeconds = Math.min(referenceSeconds, (reference.seconds * requests) / simulated);
}
process.stdout.write(JSON.stringify({ engineSeconds, referenceSeconds }));
