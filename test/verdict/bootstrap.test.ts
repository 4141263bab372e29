// verdict/bootstrap.ts steps Alea inline for speed: its interval must be the plain loop's over rng.next(), to
// the last bit, and the stream must go on afterwards exactly as if next() had made every draw.
import { describe, expect, it } from 'vitest';
import { bootstrapSaving } from '../../src/verdict/bootstrap.js';
import { createRng, type Rng } from '../../src/workload/rng.js';

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

  // Four blocks of resamples run side by side from jumped states (resample.ts), the rest from the last one.
  for (const resamples of [1, 3, 4, 5, 203]) {
    it(`gives the plain loop's interval with ${resamples} resamples (blocks of four and a remainder)`, () => {
      const data = createRng('data/blocks');
      const cost = Array.from({ length: 37 }, () => data.next() * 3);
      const baseline = Array.from({ length: 37 }, () => data.next() * 4 + 0.5);
      const fast = createRng(5).fork('verdict/bootstrap');
      const plain = createRng(5).fork('verdict/bootstrap');
      expect(bootstrapSaving(cost, baseline, fast, resamples)?.ci).toEqual(
        plainBootstrap(cost, baseline, plain, resamples),
      );
      for (let n = 0; n < 5; n++) expect(fast.next()).toBe(plain.next());
    });
  }

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

describe('bootstrapSaving on many units', () => {
  it("gives the plain loop's interval to the last bit over 20,000 units and 1,000 resamples", () => {
    const data = createRng('data/large');
    const units = 20_000;
    const cost = Array.from({ length: units }, () => data.next() * 3);
    const baseline = Array.from({ length: units }, () => data.next() * 4 + 0.5);
    const fast = createRng(3).fork('verdict/bootstrap');
    const plain = createRng(3).fork('verdict/bootstrap');
    expect(bootstrapSaving(cost, baseline, fast, 1000)?.ci).toEqual(plainBootstrap(cost, baseline, plain, 1000));
    for (let n = 0; n < 5; n++) expect(fast.next()).toBe(plain.next());
  }, 120_000);
});
