// verdict/ (layer 8): a confidence interval for a saving by the bootstrap: resample the units (sessions, keys)
// with replacement, recompute the saving on each resample, take the percentiles. Seeded: the same input and
// seed give the same interval.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { aleaAfter, type AleaState, type Rng } from '../workload/rng.js';
import { resampleSavings } from './resample.js';
import { DONE, NOT_STARTED, STARTED, type BootstrapShare } from './bootstrap-share.js';

export interface BootstrapResult {
  /** 95% percentile interval of the saving (1 − cost / baseline). */
  readonly ci: readonly [number, number];
  readonly units: number;
  readonly resamples: number;
}

/**
 * From this many draws on, a second thread takes the later half of the resamples: starting it costs some
 * 30–50 ms, the draws about 3 ns each on one core (1,000 resamples of 100,000 sessions: 10^8 draws).
 */
const SHARED_DRAWS = 20_000_000;
/** A helper that has not started by then (a machine under heavy load) is not waited for. */
const START_TIMEOUT_MS = 2_000;

/**
 * `cost[u]` and `baseline[u]` are what unit u cost under the candidate and under the baseline. Returns
 * null with fewer than two units (nothing to resample).
 *
 * The draws are `rng`'s own, one stream (resample.ts steps it inline). A large bootstrap is split between
 * this thread and a helper that starts where this thread's half of the stream ends (workload/rng.ts
 * aleaAfter): each resample gets the same draws and the same sums as in one thread, so the interval is the
 * same to the last bit (test/verdict/bootstrap.test.ts), and `rng` ends where it would.
 */
export function bootstrapSaving(
  cost: readonly number[],
  baseline: readonly number[],
  rng: Rng,
  resamples = 1000,
): BootstrapResult | null {
  const units = cost.length;
  if (units < 2) return null;
  const split = units * resamples >= SHARED_DRAWS && resamples >= 2;
  const bytes = (n: number) => (split ? new SharedArrayBuffer(8 * n) : new ArrayBuffer(8 * n));
  const pairs = new Float64Array(bytes(2 * units));
  for (let u = 0; u < units; u++) {
    pairs[2 * u] = cost[u];
    pairs[2 * u + 1] = baseline[u];
  }
  const savings = new Float64Array(bytes(resamples));
  const start = rng.state();
  const half = split ? resamples >> 1 : resamples;
  const later = split ? aleaAfter(start, half * units) : null;
  const helper = later === null ? null : startHelper(pairs, savings, later, half, resamples);
  const end = resampleSavings(pairs, start, savings, 0, half);
  if (later === null) rng.resume(end);
  else {
    // Without the helper's half (it never started, or failed), this thread makes those draws itself.
    if (helper === null || !helper()) resampleSavings(pairs, later, savings, half, resamples);
    rng.resume(aleaAfter(later, (resamples - half) * units));
  }
  savings.sort();
  const at = (q: number) => savings[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))];
  return { ci: [at(0.025), at(0.975)], units, resamples };
}

/**
 * Starts the helper thread on resamples [from, to); returns the wait for it (true when it wrote them), or
 * null when there is no compiled worker to start. The calling thread blocks on a shared flag (Atomics), so
 * the bootstrap stays a plain function call.
 */
function startHelper(
  pairs: Float64Array,
  savings: Float64Array,
  state: AleaState,
  from: number,
  to: number,
): (() => boolean) | null {
  const url = workerUrl();
  if (url === null) return null;
  const flagBuffer = new SharedArrayBuffer(4);
  const share: BootstrapShare = {
    pairs: pairs.buffer as SharedArrayBuffer,
    savings: savings.buffer as SharedArrayBuffer,
    flag: flagBuffer,
    state,
    from,
    to,
  };
  const worker = new Worker(url, { workerData: share });
  worker.unref();
  // An 'error' event (the thread could not start) is the flag staying NOT_STARTED: the wait gives up.
  worker.on('error', () => {});
  return () => {
    const flag = new Int32Array(flagBuffer);
    if (Atomics.load(flag, 0) === NOT_STARTED) Atomics.wait(flag, 0, NOT_STARTED, START_TIMEOUT_MS);
    let progress = Atomics.load(flag, 0);
    if (progress === NOT_STARTED) {
      void worker.terminate();
      return false;
    }
    while (progress === STARTED) {
      Atomics.wait(flag, 0, STARTED);
      progress = Atomics.load(flag, 0);
    }
    return progress === DONE;
  };
}

/**
 * The compiled helper entry: beside this module in dist/; under vitest (this module is src/verdict/
 * bootstrap.ts, and a thread cannot load TypeScript) the one in dist/, which `npm test` builds first.
 */
function workerUrl(): URL | null {
  for (const candidate of ['./bootstrap-worker.js', '../../dist/verdict/bootstrap-worker.js']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(url)) return url;
  }
  return null;
}
