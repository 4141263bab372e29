// util/min-heap.ts: the one heap of ttlsim pops by (key, tie) under any interleaving of push, pop and
// replaceTop and rekeyTop, so the event queue and the workload generators keep their exact order, ties included.
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

  it('pops any interleaving of push, pop, replaceTop and rekeyTop in (key, tie) order, at every arity', () => {
    const op = fc.oneof(
      fc.record({ key: fc.integer({ min: 0, max: 40 }), top: fc.constantFrom('push', 'replace', 'rekey') }),
      fc.constant('pop' as const),
    );
    fc.assert(
      fc.property(fc.constantFrom(2, 4, 8), fc.array(op, { maxLength: 400 }), (arity, ops) => {
        const heap = new MinHeap<number>(1, arity);
        // Each entry's payload is its tie at push time; rekeyTop keeps both the payload and the tie.
        const model: { key: number; tie: number; payload: number }[] = [];
        const sort = () => model.sort((a, b) => a.key - b.key || a.tie - b.tie);
        let tie = 0;
        for (const o of ops) {
          sort();
          if (o === 'pop') {
            const expected = model.shift();
            if (heap.pop() !== expected?.payload) return false;
          } else if (o.top !== 'push' && model.length > 0) {
            const top = model[0];
            if (heap.peek() !== top.payload || heap.peekTie() !== top.tie) return false;
            if (o.top === 'replace') {
              model[0] = { key: o.key, tie, payload: tie };
              heap.replaceTop(o.key, tie, tie++);
            } else {
              model[0] = { ...top, key: o.key };
              heap.rekeyTop(o.key);
            }
          } else {
            model.push({ key: o.key, tie, payload: tie });
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
