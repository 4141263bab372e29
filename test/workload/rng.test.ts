// workload/rng.ts: Rng.fill draws what next() draws, so the bootstrap that fills is the bootstrap that called next().
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/workload/rng.js';

describe('Rng.fill', () => {
  it('gives the draws next() gives, in order, and leaves the stream where next() would', () => {
    for (const seed of [1, 42, 'verdict', 'a/b/c', 987654321]) {
      const one = createRng(seed).fork('bootstrap');
      const bulk = createRng(seed).fork('bootstrap');
      // Interleave bulk fills of several sizes (empty included) with single draws.
      for (const size of [0, 1, 7, 1000, 3, 100_000]) {
        const filled = new Float64Array(size);
        bulk.fill(filled);
        const expected = Float64Array.from({ length: size }, () => one.next());
        expect(filled).toEqual(expected);
        expect(bulk.next()).toBe(one.next());
      }
    }
  });

  it('draws differ between streams, so a fill that ignored the state would fail above', () => {
    const a = new Float64Array(5);
    const b = new Float64Array(5);
    createRng(1).fill(a);
    createRng(2).fill(b);
    expect(a).not.toEqual(b);
    for (const x of a) expect(x >= 0 && x < 1).toBe(true);
  });
});
