// One benchmark run in its own process: N lazily generated renewal requests through the engine
// (5m sliding); prints requests simulated, seconds, peak RSS and the live heap after the run as JSON.
import { simulate } from '../../dist/engine/simulate.js';
import { createArrivals } from '../../dist/workload/arrivals.js';
import { createRng } from '../../dist/workload/rng.js';
import { BENCH_POLICIES, horizonFor, renewalWorkload, simInput } from './setup.js';

const requests = Number(process.argv[2]);
const KEYS = Number(process.argv[3] ?? 100_000);
const horizonMs = horizonFor(requests, KEYS);
const started = process.hrtime.bigint();
const result = simulate(
  simInput(
    createArrivals([renewalWorkload(KEYS)], createRng(42).fork('arrivals'), horizonMs),
    BENCH_POLICIES[0],
    horizonMs,
    createRng,
  ),
);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
globalThis.gc?.();
const liveHeapMb = process.memoryUsage().heapUsed / 2 ** 20;
process.stdout.write(
  JSON.stringify({
    simulated: result.requests,
    seconds,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    liveHeapMb,
    peakLiveEntries: result.peakLiveEntries,
  }),
);
