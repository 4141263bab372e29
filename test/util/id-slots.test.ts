// util/id-slots.ts: a slot per id in first-seen order, for ids with a reader index and ids without alike.
import { describe, expect, it } from 'vitest';
import { IdSlots } from '../../src/util/id-slots.js';

describe('IdSlots', () => {
  it('numbers ids in the order first seen, those with a reader index and those without in one sequence', () => {
    const slots = new IdSlots();
    expect(slots.slotOf('a', undefined)).toBe(0);
    expect(slots.added).toBe(true);
    expect(slots.slotOf('b', 5000)).toBe(1);
    expect(slots.added).toBe(true);
    expect(slots.slotOf('b', 5000)).toBe(1);
    expect(slots.added).toBe(false);
    expect(slots.slotOf('a', undefined)).toBe(0);
    expect(slots.added).toBe(false);
    expect(slots.slotOf('c', 0)).toBe(2);
    expect(slots.size).toBe(3);
    expect([...slots.ids()]).toEqual(['a', 'b', 'c']);
  });

  it('agrees with a Map over many random ids and indexes', () => {
    const slots = new IdSlots();
    const expected = new Map<string, number>();
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 20_000; n++) {
      const k = Math.floor(random() * 3000);
      // An id comes with its index every time or never (Request.threadIndex).
      const withIndex = k % 3 !== 0;
      const id = `key${k}`;
      const slot = slots.slotOf(id, withIndex ? k : undefined);
      const known = expected.get(id);
      expect(slots.added).toBe(known === undefined);
      if (known === undefined) expected.set(id, expected.size);
      expect(slot).toBe(expected.get(id));
    }
    expect([...slots.ids()]).toEqual([...expected.keys()]);
  });
});
