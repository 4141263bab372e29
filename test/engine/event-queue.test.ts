import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { EventQueue, Phase, eventKey } from '../../src/engine/event-queue.js';

describe('event ordering (timeMs, phase, seq)', () => {
  it('an expiry precedes an arrival at the same millisecond, which precedes a ping', () => {
    const queue = new EventQueue<string>();
    queue.push(100, Phase.PING, 'ping');
    queue.push(100, Phase.ARRIVAL, 'arrival');
    queue.push(100, Phase.EXPIRY, 'expiry');
    queue.push(99, Phase.PING, 'earlier');
    const order: string[] = [];
    while (queue.size > 0) {
      order.push(queue.peekPayload());
      queue.pop();
    }
    expect(order).toEqual(['earlier', 'expiry', 'arrival', 'ping']);
  });

  it('events with the same time and phase pop in push order', () => {
    const queue = new EventQueue<number>();
    for (let i = 0; i < 100; i++) queue.push(5, Phase.EXPIRY, i);
    const order: number[] = [];
    while (queue.size > 0) {
      order.push(queue.peekPayload());
      queue.pop();
    }
    expect(order).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('pops any interleaving of pushes and pops in (time, phase, push order)', () => {
    const op = fc.oneof(
      fc.record({
        timeMs: fc.integer({ min: 0, max: 50 }),
        phase: fc.constantFrom(Phase.EXPIRY, Phase.ARRIVAL, Phase.PING),
      }),
      fc.constant('pop' as const),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const queue = new EventQueue<number>();
        const model: { key: number; seq: number }[] = [];
        let seq = 0;
        for (const o of ops) {
          if (o === 'pop') {
            if (model.length === 0) continue;
            model.sort((a, b) => a.key - b.key || a.seq - b.seq);
            const expected = model.shift()!;
            if (queue.peekPayload() !== expected.seq) return false;
            queue.pop();
          } else {
            queue.push(o.timeMs, o.phase, seq);
            model.push({ key: eventKey(o.timeMs, o.phase), seq: seq++ });
          }
        }
        return queue.size === model.length;
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('requeueTop orders the next event as a pop and a push at the new time would (after its equal keys)', () => {
    const op = fc.oneof(
      fc.record({
        timeMs: fc.integer({ min: 0, max: 50 }),
        phase: fc.constantFrom(Phase.EXPIRY, Phase.ARRIVAL, Phase.PING),
      }),
      fc.record({ requeueMs: fc.integer({ min: 0, max: 50 }) }),
      fc.constant('pop' as const),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const queue = new EventQueue<string>();
        const model: { key: number; phase: Phase; seq: number; payload: string }[] = [];
        let seq = 0;
        const first = () => model.sort((a, b) => a.key - b.key || a.seq - b.seq)[0];
        for (const [i, o] of ops.entries()) {
          if (o === 'pop' || 'requeueMs' in o) {
            if (model.length === 0) continue;
            const top = first();
            if (queue.peekPayload() !== top.payload || queue.peekPhase() !== top.phase) return false;
            if (o === 'pop') {
              model.shift();
              queue.pop();
            } else {
              Object.assign(top, { key: eventKey(o.requeueMs, top.phase), seq: seq++ });
              queue.requeueTop(o.requeueMs);
            }
          } else {
            queue.push(o.timeMs, o.phase, `event ${i}`);
            model.push({ key: eventKey(o.timeMs, o.phase), phase: o.phase, seq: seq++, payload: `event ${i}` });
          }
        }
        while (model.length > 0) {
          const top = first();
          if (queue.peekPayload() !== top.payload || queue.peekTimeMs() !== Math.floor(top.key / 3)) return false;
          model.shift();
          queue.pop();
        }
        return queue.size === 0;
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
