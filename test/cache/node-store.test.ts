import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { INITIAL_NODES, NO_NODE, NOT_READ, NodeStore, READ, READ_SLIDING } from '../../src/cache/node-store.js';

describe('node store (the trie as integer nodes)', () => {
  it('finds every child by (parent, key) through any sequence of creates and removes', () => {
    // Against a Map model: many parents and keys (so probes collide), removes (backward-shift deletion)
    // and growth past the table's first rehash.
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('add' as const),
        parent: fc.integer({ min: 0, max: 40 }),
        key: fc.integer({ min: 0, max: 300 }),
      }),
      fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 1000, maxLength: 3000 }), (ops) => {
        const store = new NodeStore();
        const roots = Array.from({ length: 41 }, () => store.create(NO_NODE, -1, 0, 0));
        const model = new Map<string, number>();
        for (const o of ops) {
          if (o.kind === 'add') {
            const name = `${o.parent}/${o.key}`;
            if (model.has(name)) continue;
            model.set(name, store.create(roots[o.parent], o.key, 1, 0));
          } else if (model.size > 0) {
            const names = [...model.keys()];
            const name = names[o.pick % names.length];
            store.remove(model.get(name)!);
            model.delete(name);
          }
        }
        for (let p = 0; p <= 40; p++) {
          for (let key = 0; key <= 300; key++) {
            const expected = model.get(`${p}/${key}`) ?? NO_NODE;
            if (store.child(roots[p], key) !== expected) return false;
          }
        }
        return true;
      }),
      { numRuns: 30, seed: 11 },
    );
  });

  it('finds every child after growing past its first size and rehashing its table, with removes between', () => {
    // The property above stays below INITIAL_NODES (a store grows only in larger runs): three times as many
    // nodes here, under 50 parents, a tenth of them removed on the way, so both the arrays and the table grow.
    const store = new NodeStore();
    const roots = Array.from({ length: 50 }, () => store.create(NO_NODE, -1, 0, 0));
    const model = new Map<string, number>();
    for (let i = 0; i < 3 * INITIAL_NODES; i++) {
      const parent = i % 50;
      model.set(`${parent}/${i}`, store.create(roots[parent], i, i, parent));
      if (i % 10 === 9) {
        const gone = `${(i - 5) % 50}/${i - 5}`;
        store.remove(model.get(gone)!);
        model.delete(gone);
      }
    }
    let found = 0;
    for (let i = 0; i < 3 * INITIAL_NODES; i++) {
      const expected = model.get(`${i % 50}/${i}`) ?? NO_NODE;
      if (store.child(roots[i % 50], i) === expected) found++;
    }
    expect(found).toBe(3 * INITIAL_NODES);
    for (const [name, node] of model) expect(store.prefixTokens(node)).toBe(Number(name.split('/')[1]));
  });

  it('re-uses the index of a removed node, and a re-used node is no longer the old child', () => {
    const store = new NodeStore();
    const root = store.create(NO_NODE, -1, 0, 0);
    const a = store.create(root, 1, 10, 0);
    store.remove(a);
    expect(store.child(root, 1)).toBe(NO_NODE);
    const b = store.create(root, 2, 20, 0);
    expect(b).toBe(a);
    expect(store.child(root, 2)).toBe(b);
    expect(store.prefixTokens(b)).toBe(20);
    expect(store.isLive(b)).toBe(false);
  });

  it('keeps an entry alive on [write, write + ttl) and readable only after its writer', () => {
    const store = new NodeStore();
    const node = store.create(store.create(NO_NODE, -1, 0, 0), 7, 100, 0);
    store.store(node, 1000, true, 5000, 5000, Infinity);
    expect([
      store.isReadableAt(node, 5000),
      store.isReadableAt(node, 5001),
      store.isReadableAt(node, 5999),
      store.isReadableAt(node, 6000),
    ]).toEqual([false, true, true, false]);
    store.readAt(node, 5500);
    expect(store.endMs(node)).toBe(6500);
    expect(store.reads(node)).toBe(1);
  });

  it('readAt reads a readable entry only: counts it, extends a sliding one, fixed and sliding', () => {
    const store = new NodeStore();
    const root = store.create(NO_NODE, -1, 0, 0);
    const fixed = store.create(root, 1, 100, 0);
    const sliding = store.create(root, 2, 100, 0);
    store.store(fixed, 1000, false, 5000, 5000, Infinity);
    store.store(sliding, 1000, true, 5000, 5000, 5800);
    const seen = [5000, 5001, 5500, 5799, 5800, 6000].map((nowMs) => [
      store.readAt(fixed, nowMs),
      store.readAt(sliding, nowMs),
    ]);
    expect(seen).toEqual([
      [NOT_READ, NOT_READ],
      [READ, READ_SLIDING],
      [READ, READ_SLIDING],
      [READ, READ_SLIDING],
      [READ, NOT_READ],
      [NOT_READ, NOT_READ],
    ]);
    expect([store.reads(fixed), store.reads(sliding)]).toEqual([4, 3]);
    expect([store.endMs(fixed), store.endMs(sliding)]).toEqual([6000, 5800]);
    expect(store.wasEvicted(sliding)).toBe(true);
  });
});
