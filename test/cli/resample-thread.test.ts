// cli/resample-thread.ts: a verdict's bootstrap split over two threads gives the one-thread interval to the
// last bit and leaves the stream where one thread would, and every way the second thread can fail to help
// (it cannot start, it fails, it starts too late) still gives that interval. The thread runs the compiled
// dist/ (`npm test` builds it first); the spy checks it really ran, so a missing dist/ fails, not passes.
import { afterEach, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import {
  bootstrapSaving,
  offloadResamplesTo,
  OFFLOAD_MIN_DRAWS,
  type ResampleOffload,
} from '../../src/verdict/bootstrap.js';
import { CANCELLED, PENDING, awaitThread, threadOffload, type ResampleJob } from '../../src/cli/resample-thread.js';
import { createRng } from '../../src/workload/rng.js';

function units(count: number): { cost: number[]; baseline: number[] } {
  const data = createRng(`data/${count}`);
  return {
    cost: Array.from({ length: count }, () => data.next() * 3),
    baseline: Array.from({ length: count }, () => data.next() * 4 + 0.5),
  };
}

/** The interval and the stream's next draws, with whatever offload is set; `minDraws` 0 offloads any size. */
function bootstrapped(count: number, resamples: number, minDraws: number): { ci: readonly number[]; after: number[] } {
  const { cost, baseline } = units(count);
  const rng = createRng(7).fork('verdict/bootstrap');
  const result = bootstrapSaving(cost, baseline, rng, resamples, minDraws);
  return { ci: result!.ci, after: [rng.next(), rng.next(), rng.next()] };
}

function oneThread(count: number, resamples: number): { ci: readonly number[]; after: number[] } {
  offloadResamplesTo(null);
  return bootstrapped(count, resamples, 0);
}

/**
 * The CLI's offload, but waiting up to a minute for the thread to start (the CLI's 200 ms would let a loaded
 * machine cancel it), recording what each join gave back (true: the thread's savings).
 */
function spied(joined: boolean[]): ResampleOffload {
  const offload = threadOffload(60_000);
  return (pairs, state, count) => {
    const join = offload(pairs, state, count);
    if (join === null) {
      joined.push(false);
      return null;
    }
    return () => {
      const savings = join();
      joined.push(savings !== null);
      return savings;
    };
  };
}

afterEach(() => offloadResamplesTo(null));

describe('the bootstrap on two threads', { timeout: 60_000 }, () => {
  for (const [count, resamples] of [
    [2, 3],
    [37, 203],
    [3001, 1000],
  ]) {
    it(`gives the one-thread interval and stream (${count} units, ${resamples} resamples)`, () => {
      const expected = oneThread(count, resamples);
      const joined: boolean[] = [];
      offloadResamplesTo(spied(joined));
      expect(bootstrapped(count, resamples, 0)).toEqual(expected);
      expect(joined).toEqual([true]);
    });
  }

  it('is not split below OFFLOAD_MIN_DRAWS', () => {
    const joined: boolean[] = [];
    offloadResamplesTo(spied(joined));
    const count = 1000;
    bootstrapped(count, Math.floor(OFFLOAD_MIN_DRAWS / count) - 1, OFFLOAD_MIN_DRAWS);
    expect(joined).toEqual([]);
  });

  it('makes the resamples itself when the thread cannot start or fails', () => {
    const expected = oneThread(500, 301);
    offloadResamplesTo(() => null);
    expect(bootstrapped(500, 301, 0)).toEqual(expected);
    offloadResamplesTo(() => () => null);
    expect(bootstrapped(500, 301, 0)).toEqual(expected);
  });
});

describe('a thread that does not start in time', { timeout: 60_000 }, () => {
  it('is cancelled by the waiting caller', () => {
    const control = new Int32Array(new SharedArrayBuffer(4));
    expect(awaitThread(control, 50)).toBe(CANCELLED);
    expect(Atomics.load(control, 0)).toBe(CANCELLED);
  });

  it('does nothing when it starts after the cancel', async () => {
    const job: ResampleJob = {
      pairs: new SharedArrayBuffer(4 * 8),
      state: createRng(1).state(),
      count: 3,
      control: new SharedArrayBuffer(4),
      savings: new SharedArrayBuffer(3 * 8),
    };
    new Float64Array(job.pairs).set([1, 2, 3, 4]);
    Atomics.store(new Int32Array(job.control), 0, CANCELLED);
    const worker = new Worker(fileURLToPath(new URL('../../dist/cli/resample-worker.js', import.meta.url)), {
      workerData: job,
    });
    const code = await new Promise((resolve) => worker.once('exit', resolve));
    expect(code).toBe(0);
    expect(Atomics.load(new Int32Array(job.control), 0)).toBe(CANCELLED);
    expect([...new Float64Array(job.savings)]).toEqual([0, 0, 0]);
    // The same job, pending: the thread makes the three resamples.
    Atomics.store(new Int32Array(job.control), 0, PENDING);
    const again = new Worker(fileURLToPath(new URL('../../dist/cli/resample-worker.js', import.meta.url)), {
      workerData: job,
    });
    await new Promise((resolve) => again.once('exit', resolve));
    expect([...new Float64Array(job.savings)].every((s) => s !== 0)).toBe(true);
  });
});
