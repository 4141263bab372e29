// verdict/bootstrap.ts steps Alea inline for speed: its interval must be the plain loop's over rng.next(), to
// the last bit, and the stream must go on afterwards exactly as if next() had made every draw.
import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { bootstrapSaving } from '../../src/verdict/bootstrap.js';
import { resampleSavings } from '../../src/verdict/resample.js';
import { DONE, type BootstrapShare } from '../../src/verdict/bootstrap-share.js';
import { aleaAfter, createRng, type Rng } from '../../src/workload/rng.js';

/** The bootstrap as a plain loop over rng.next(): the definition the fast one must match. */
function plainBootstrap(cost: number[], baseline: number[], rng: Rng, resamples: number): [number, number] {
  const units = cost.length;
  const savings = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let c = 0;
    let base = 0;
    for (let i = 0; i < units; i++) {
      const u = Math.floor(rng.next() * units);
      c += cost[u];
      base += baseline[u];
    }
    savings[b] = base === 0 ? 0 : 1 - c / base;
  }
  savings.sort();
  const at = (q: number) => savings[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))];
  return [at(0.025), at(0.975)];
}

describe('bootstrapSaving', () => {
  for (const units of [2, 7, 1000, 4099]) {
    it(`gives the plain loop's interval to the last bit, and leaves the stream where it would be (${units} units)`, () => {
      const data = createRng(`data/${units}`);
      const cost = Array.from({ length: units }, () => data.next() * 3);
      const baseline = Array.from({ length: units }, () => data.next() * 4 + 0.5);
      const fast = createRng(11).fork('verdict/bootstrap');
      const plain = createRng(11).fork('verdict/bootstrap');
      const result = bootstrapSaving(cost, baseline, fast, 200);
      expect(result?.ci).toEqual(plainBootstrap(cost, baseline, plain, 200));
      expect(result?.ci[0]).not.toBe(result?.ci[1]);
      for (let n = 0; n < 5; n++) expect(fast.next()).toBe(plain.next());
    });
  }

  it("splits a large bootstrap with a helper thread and still gives the plain loop's interval and stream", () => {
    // 20,000 units × 1,000 resamples: the size from which bootstrap.ts hands half to a helper thread.
    const data = createRng('data/large');
    const units = 20_000;
    const cost = Array.from({ length: units }, () => data.next() * 3);
    const baseline = Array.from({ length: units }, () => data.next() * 4 + 0.5);
    const fast = createRng(3).fork('verdict/bootstrap');
    const plain = createRng(3).fork('verdict/bootstrap');
    expect(bootstrapSaving(cost, baseline, fast, 1000)?.ci).toEqual(plainBootstrap(cost, baseline, plain, 1000));
    for (let n = 0; n < 5; n++) expect(fast.next()).toBe(plain.next());
  }, 120_000);

  it('the helper thread (dist/verdict/bootstrap-worker.js) writes the later resamples from the jumped state', async () => {
    const units = 3000;
    const pairs = new Float64Array(new SharedArrayBuffer(16 * units));
    const data = createRng('data/helper');
    for (let i = 0; i < pairs.length; i++) pairs[i] = data.next() + (i % 2);
    const savings = new Float64Array(new SharedArrayBuffer(8 * 40));
    const start = createRng(5).state();
    const share: BootstrapShare = {
      pairs: pairs.buffer,
      savings: savings.buffer,
      flag: new SharedArrayBuffer(4),
      state: aleaAfter(start, 25 * units),
      from: 25,
      to: 40,
    };
    const worker = new Worker(new URL('../../dist/verdict/bootstrap-worker.js', import.meta.url), {
      workerData: share,
    });
    await new Promise((resolve) => worker.once('exit', resolve));
    expect(new Int32Array(share.flag)[0]).toBe(DONE);
    const expected = new Float64Array(40);
    resampleSavings(pairs, start, expected, 0, 40);
    expect([...savings.subarray(25)]).toEqual([...expected.subarray(25)]);
    expect([...savings.subarray(0, 25)]).toEqual(new Array(25).fill(0));
  }, 60_000);

  it('needs two units', () => {
    expect(bootstrapSaving([1], [2], createRng(1))).toBeNull();
  });

  it('resume restores a stream taken with state()', () => {
    const a = createRng('s');
    const b = createRng('s');
    a.next();
    b.next();
    const saved = a.state();
    const drawn = [a.next(), a.next()];
    a.resume(saved);
    expect([a.next(), a.next()]).toEqual(drawn);
    expect([b.next(), b.next()]).toEqual(drawn);
  });
});

describe('aleaAfter', () => {
  it('is the state after that many draws, made one by one', () => {
    for (const draws of [0, 1, 2, 3, 4, 1000, 123_457]) {
      const stepped = createRng(`jump/${draws}`);
      const jumped = createRng(`jump/${draws}`);
      const after = aleaAfter(jumped.state(), draws);
      for (let n = 0; n < draws; n++) stepped.next();
      expect(after).toEqual(stepped.state());
      jumped.resume(after);
      expect([jumped.next(), jumped.next()]).toEqual([stepped.next(), stepped.next()]);
    }
  });
});
