// util/id-values.ts: one number per id, for ids with a reader index and ids without alike, in first-seen order.
import { describe, expect, it } from 'vitest';
import { IdValues } from '../../src/util/id-values.js';

describe('IdValues', () => {
  it('swaps a value per id, NaN for an id not seen before, and keeps the first-seen order across both kinds', () => {
    const values = new IdValues();
    expect(values.swap('a', undefined, 1)).toBeNaN();
    expect(values.swap('b', 5000, 2)).toBeNaN();
    expect(values.swap('b', 5000, 3)).toBe(2);
    expect(values.swap('a', undefined, 4)).toBe(1);
    expect(values.swap('c', 0, 5)).toBeNaN();
    expect(values.size).toBe(3);
    expect([...values.entries()]).toEqual([
      ['a', 4],
      ['b', 3],
      ['c', 5],
    ]);
  });

  it('agrees with a Map over many random ids with and without indexes', () => {
    const clock = new IdValues();
    const last = new Map<string, number>();
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 20_000; n++) {
      const k = Math.floor(random() * 3000);
      // An id comes with its index every time or never (Request.threadIndex).
      const index = k % 3 !== 0 ? k : undefined;
      const id = `key${k}`;
      expect(clock.swap(id, index, n)).toBe(last.get(id) ?? NaN);
      last.set(id, n);
    }
    expect([...clock.entries()]).toEqual([...last.entries()]);
  });
});
