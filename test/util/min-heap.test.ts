// util/min-heap.ts: the one heap of ttlsim pops by (key, tie) under any interleaving of push, pop and
// replaceTop, so the event queue and the workload generators keep their exact order, ties included.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MinHeap } from '../../src/util/min-heap.js';

describe('MinHeap', () => {
  it('is empty at first: size 0, peekKey Infinity, peek and pop undefined', () => {
    const heap = new MinHeap<string>(1);
    expect(heap.size).toBe(0);
    expect(heap.peekKey()).toBe(Infinity);
    expect(heap.peek()).toBeUndefined();
    expect(heap.pop()).toBeUndefined();
  });

  it('pops equal keys by tie-break, whatever the push order', () => {
    const heap = new MinHeap<number>(2);
    for (const tie of [5, 3, 9, 0, 7]) heap.push(10, tie, tie);
    heap.push(9, 100, 100);
    const order: number[] = [];
    while (heap.size > 0) order.push(heap.pop()!);
    expect(order).toEqual([100, 0, 3, 5, 7, 9]);
  });

  it('pops any interleaving of push, pop and replaceTop in (key, tie) order', () => {
    const op = fc.oneof(
      fc.record({ key: fc.integer({ min: 0, max: 40 }), replace: fc.boolean() }),
      fc.constant('pop' as const),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const heap = new MinHeap<number>(1);
        const model: { key: number; tie: number }[] = [];
        const sort = () => model.sort((a, b) => a.key - b.key || a.tie - b.tie);
        let tie = 0;
        for (const o of ops) {
          sort();
          if (o === 'pop') {
            const expected = model.shift();
            if (heap.pop() !== expected?.tie) return false;
          } else if (o.replace && model.length > 0) {
            if (heap.peek() !== model[0].tie || heap.peekTie() !== model[0].tie) return false;
            model[0] = { key: o.key, tie };
            heap.replaceTop(o.key, tie, tie++);
          } else {
            model.push({ key: o.key, tie });
            heap.push(o.key, tie, tie++);
          }
          sort();
          if (heap.size !== model.length || heap.peekKey() !== (model[0]?.key ?? Infinity)) return false;
        }
        return true;
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
