// test/lcg.ts, the generator many tests draw their data from: the C library's sequence, and no short cycle.
import { describe, expect, it } from 'vitest';
import { lcg, lcgBelow } from '../lcg.js';

describe('the tests’ linear congruential generator', () => {
  it('steps state · 1103515245 + 12345 modulo 2^31 exactly', () => {
    const random = lcg(1);
    // 1 · 1103515245 + 12345, then that · 1103515245 + 12345 modulo 2^31 (BigInt: exact).
    let state = 1n;
    for (let i = 0; i < 1000; i++) {
      state = (state * 1103515245n + 12345n) % 2n ** 31n;
      expect(random() * 2 ** 31).toBe(Number(state));
    }
  });

  it('draws 200,000 distinct numbers from a small seed (stepped in doubles it cycled within 14,000)', () => {
    const random = lcg(3);
    const seen = new Set<number>();
    for (let i = 0; i < 200_000; i++) seen.add(random());
    expect(seen.size).toBe(200_000);
  });

  it('lcgBelow draws the same stream as integers below n', () => {
    const uniform = lcg(9);
    const below = lcgBelow(9);
    for (const n of [1, 2, 7, 1000, 2 ** 31]) expect(below(n)).toBe(Math.floor(uniform() * n));
  });
});
