// util/id-slots.ts: a slot per id, the same whether it comes with a reader index or not, in first-seen order.
import { describe, expect, it } from 'vitest';
import { IdSlots } from '../../src/util/id-slots.js';

describe('IdSlots', () => {
  it('numbers ids in the order first seen, with or without a reader index', () => {
    const slots = new IdSlots();
    expect(slots.slotOf('a', undefined)).toBe(0);
    expect(slots.added).toBe(true);
    expect(slots.slotOf('b', 5000)).toBe(1);
    expect(slots.added).toBe(true);
    expect(slots.slotOf('b', 5000)).toBe(1);
    expect(slots.added).toBe(false);
    // The same id without its index, and an id first seen without then with one, keep their slot.
    expect(slots.slotOf('b', undefined)).toBe(1);
    expect(slots.slotOf('a', 3)).toBe(0);
    expect(slots.added).toBe(false);
    expect(slots.slotOf('a', 3)).toBe(0);
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
      const withIndex = k % 3 !== 0 || random() < 0.5;
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
