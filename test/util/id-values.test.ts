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

  it('adds up exactly as a Map of sums does, over many random ids with and without indexes', () => {
    const values = new IdValues();
    const expected = new Map<string, number>();
    const lastSwapped = new Map<string, number>();
    const clock = new IdValues();
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 20_000; n++) {
      const k = Math.floor(random() * 3000);
      // An id comes with its index every time or never (Request.threadIndex).
      const index = k % 3 !== 0 ? k : undefined;
      const id = `key${k}`;
      const usd = random() * 0.01;
      values.add(id, index, usd);
      expected.set(id, (expected.get(id) ?? 0) + usd);
      const previous = clock.swap(id, index, n);
      expect(previous).toBe(lastSwapped.get(id) ?? NaN);
      lastSwapped.set(id, n);
    }
    expect([...values.entries()]).toEqual([...expected.entries()]);
    expect([...values.toMap()]).toEqual([...expected.entries()]);
    expect(values.size).toBe(expected.size);
  });
});
