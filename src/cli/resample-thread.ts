// cli/ (layer 12), EDGE: the bootstrap's second thread (verdict/bootstrap.ts, ResampleOffload). A verdict
// over 100,000 sessions is 10^8 draws, about 0.35 s on one core once the simulation has ended, 0.23 s with
// a second thread (docs/performance.md). The caller is synchronous, so it waits blocked on an Atomics cell,
// not for a message: the thread writes its savings into shared memory and flips the cell. The thread runs
// the compiled dist/ code (cli/resample-worker.ts), like the shard pool's.
import type * as WorkerThreads from 'node:worker_threads';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { ResampleOffload } from '../verdict/bootstrap.js';
import type { AleaState } from '../workload/rng.js';
import { cliWorkerUrl } from './worker-entry.js';

/** The control cell's states: the thread moves PENDING → STARTED → DONE or FAILED; the caller PENDING → CANCELLED. */
export const PENDING = 0;
export const STARTED = 1;
export const DONE = 2;
export const FAILED = 3;
export const CANCELLED = 4;

/**
 * How long the caller, done with its own share, waits for the thread to start (it takes about 35 ms) before
 * it cancels it and makes the rest itself: a thread that cannot start (a missing or broken dist/, a
 * machine too loaded to schedule it) costs this much at most.
 */
const START_WAIT_MS = 200;

// Required when a bootstrap is split, not at start-up: a run over a few sessions loads no thread code
// (test/cli/startup-modules.test.ts).
const require = createRequire(import.meta.url);

/** What the thread is given (its workerData). */
export interface ResampleJob {
  /** resample.ts's pairs, copied into shared memory. */
  readonly pairs: SharedArrayBuffer;
  readonly state: AleaState;
  readonly count: number;
  /** One Int32: PENDING … CANCELLED. */
  readonly control: SharedArrayBuffer;
  /** `count` doubles: the thread's savings. */
  readonly savings: SharedArrayBuffer;
}

/** Resamples on a thread of their own: verdict/bootstrap.ts's ResampleOffload, as the CLI sets it. */
export const resampleOnThread: ResampleOffload = threadOffload(START_WAIT_MS);

/**
 * The offload, waiting at most `startWaitMs` for the thread to start once the caller is done with its share
 * (the tests that must see the thread run, on a machine however loaded, wait longer).
 */
export function threadOffload(startWaitMs: number): ResampleOffload {
  return (pairs, state, count) => startThread(pairs, state, count, startWaitMs);
}

function startThread(
  pairs: Float64Array,
  state: AleaState,
  count: number,
  startWaitMs: number,
): (() => Float64Array | null) | null {
  if (availableParallelism() < 2) return null;
  const url = cliWorkerUrl('resample-worker.js');
  if (url === null) return null;
  const job: ResampleJob = {
    pairs: new SharedArrayBuffer(pairs.byteLength),
    state,
    count,
    control: new SharedArrayBuffer(4),
    savings: new SharedArrayBuffer(8 * count),
  };
  new Float64Array(job.pairs).set(pairs);
  let worker: WorkerThreads.Worker;
  try {
    const { Worker } = require('node:worker_threads') as typeof WorkerThreads;
    worker = new Worker(url, { workerData: job });
  } catch {
    return null;
  }
  // A thread that fails to load reports it as an event, which a blocked caller never sees: it is cancelled
  // by the wait below instead, and the event must not end the process as an unhandled error.
  worker.on('error', () => undefined);
  worker.unref();
  const control = new Int32Array(job.control);
  return () => (awaitThread(control, startWaitMs) === DONE ? new Float64Array(job.savings) : null);
}

/** Blocks until the thread is DONE or FAILED, or cancels it if it has not STARTED within `startWaitMs`. */
export function awaitThread(control: Int32Array, startWaitMs: number): number {
  const startBy = performance.now() + startWaitMs;
  for (;;) {
    const status = Atomics.load(control, 0);
    if (status === DONE || status === FAILED) return status;
    if (status === STARTED) {
      Atomics.wait(control, 0, STARTED);
      continue;
    }
    const left = startBy - performance.now();
    // Exactly one of the thread's start and this cancel takes the cell from PENDING.
    if (left <= 0 && Atomics.compareExchange(control, 0, PENDING, CANCELLED) === PENDING) return CANCELLED;
    if (left > 0) Atomics.wait(control, 0, PENDING, left);
  }
}
