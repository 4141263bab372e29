// The expiry state machine of cache/expiry-schedule.ts: laned and heaped entries, lazy re-queue of
// extended ones, stale heap items, the order of equal ends, and a pure nextMs / nextExpiryMs.
import { describe, expect, it } from 'vitest';
import { NO_NODE, NodeStore } from '../../src/cache/node-store.js';
import { ExpirySchedule } from '../../src/cache/expiry-schedule.js';
import { PrefixCache, emptyOutcome } from '../../src/cache/prefix-cache.js';
import { createRng } from '../../src/workload/rng.js';
import type { Request } from '../../src/model/request.js';
import type { Tier } from '../../src/model/policy.js';

const T_MS = 300_000;

function setup(useLanes: boolean, count = 4) {
  const store = new NodeStore();
  const root = store.create(NO_NODE, -1, 0, 0);
  const nodes = Array.from({ length: count }, (_, i) => store.create(root, i, 1000, 0));
  return { store, nodes, schedule: new ExpirySchedule(store, useLanes) };
}

/** Pops every step, as the engine does: (ms, node ended or NO_NODE). */
function drain(schedule: ExpirySchedule, store: NodeStore): [number, number][] {
  const steps: [number, number][] = [];
  for (let ms = schedule.nextMs(); ms !== Infinity; ms = schedule.nextMs()) {
    const node = schedule.popDue(ms);
    if (node !== NO_NODE) store.end(node);
    steps.push([ms, node]);
  }
  return steps;
}

describe('expiry schedule', () => {
  for (const useLanes of [true, false]) {
    it(`${useLanes ? 'laned' : 'heaped'}: writes end at t + T, a sliding read extends, a fixed read does not`, () => {
      const { store, nodes, schedule } = setup(useLanes);
      const [a, b, c] = nodes;
      store.store(a, T_MS, true, 0, 0, Infinity);
      schedule.scheduled(a, store.endMs(a), T_MS, 0);
      store.store(b, T_MS, false, 10, 10, Infinity);
      schedule.scheduled(b, store.endMs(b), T_MS, 10);
      store.store(c, T_MS, true, 20, 20, Infinity);
      schedule.scheduled(c, store.endMs(c), T_MS, 20);
      expect(schedule.nextMs()).toBe(T_MS);
      store.readAt(a, 100); // sliding: a now ends at 100 + T, the latest
      schedule.refreshed(a);
      store.readAt(b, 100); // fixed: b still ends at 10 + T
      const ended = drain(schedule, store).filter(([, node]) => node !== NO_NODE);
      expect(ended).toEqual([
        [10 + T_MS, b],
        [20 + T_MS, c],
        [100 + T_MS, a],
      ]);
      expect(nodes.slice(0, 3).some((node) => schedule.holds(node))).toBe(false);
    });
  }

  it('heaped: an extended entry re-queues lazily, one step per stale pop', () => {
    const { store, nodes, schedule } = setup(false);
    const [a] = nodes;
    store.store(a, T_MS, true, 0, 0, Infinity);
    schedule.scheduled(a, store.endMs(a), T_MS, 0);
    store.readAt(a, 1000);
    schedule.refreshed(a);
    expect(schedule.nextMs()).toBe(T_MS); // the old item, still in the heap
    expect(schedule.popDue(T_MS)).toBe(NO_NODE);
    expect(schedule.holds(a)).toBe(true);
    expect(schedule.nextMs()).toBe(1000 + T_MS);
    expect(schedule.popDue(1000 + T_MS)).toBe(a);
    expect(schedule.holds(a)).toBe(false);
  });

  it('a re-write of an unseen entry that keeps a longer expiry leaves its lane for the heap', () => {
    const { store, nodes, schedule } = setup(true);
    const [a, b] = nodes;
    const oneHourMs = 3_600_000;
    store.store(a, oneHourMs, false, 0, 4000, Infinity);
    schedule.scheduled(a, store.endMs(a), oneHourMs, 0);
    store.store(b, T_MS, false, 0, 4000, Infinity);
    schedule.scheduled(b, store.endMs(b), T_MS, 0);
    // A parallel cold request re-writes a at 5m: the 1h expiry is later and stays.
    store.restore(a, T_MS, false, 1000, Infinity);
    schedule.scheduled(a, store.endMs(a), T_MS, 1000);
    expect(drain(schedule, store)).toEqual([
      [T_MS, b],
      [oneHourMs, a],
    ]);
  });

  it('at equal ends, heap items pop before lane heads, and an item whose entry moved to a lane is dropped', () => {
    const { store, nodes, schedule } = setup(true);
    const [a, b, c] = nodes;
    // a: heaped (re-write keeping a longer expiry), ending at 2T.
    store.store(a, 2 * T_MS, false, 0, 4000, Infinity);
    schedule.scheduled(a, store.endMs(a), 2 * T_MS, 0);
    store.restore(a, T_MS, false, 10, Infinity);
    schedule.scheduled(a, store.endMs(a), T_MS, 10);
    // b: laned, also ending at 2T.
    store.store(b, T_MS, false, T_MS, T_MS, Infinity);
    schedule.scheduled(b, store.endMs(b), T_MS, T_MS);
    // c: heaped at 2T + 5, then re-written (ended, written afresh) into a lane: its heap item goes stale.
    store.store(c, 2 * T_MS + 5, false, 0, 4000, Infinity);
    schedule.scheduled(c, store.endMs(c), 2 * T_MS + 5, 0);
    store.restore(c, T_MS, false, 10, Infinity);
    schedule.scheduled(c, store.endMs(c), T_MS, 10);
    store.end(c);
    store.store(c, T_MS, false, T_MS + 7, T_MS + 7, Infinity);
    schedule.scheduled(c, store.endMs(c), T_MS, T_MS + 7);
    expect(drain(schedule, store)).toEqual([
      [2 * T_MS, a],
      [2 * T_MS, b],
      [2 * T_MS + 5, NO_NODE],
      [2 * T_MS + 7, c],
    ]);
  });

  it('nextExpiryMs() called any number of times changes nothing', () => {
    const tier: Tier = { ttlMs: T_MS, refresh: 'sliding', billAs: '5m', label: '5m' };
    const run = (peeks: number, evictionRatePerMs: number) => {
      const cache = new PrefixCache({
        lookback: 20,
        firstTokenDelayMs: 0,
        evictionRatePerMs,
        horizonMs: 10 * T_MS,
        minCacheableTokens: () => 1,
        rng: createRng(3),
      });
      const rng = createRng(5);
      const out = emptyOutcome();
      const ends: number[] = [];
      let nowMs = 0;
      const drainUntil = (untilMs: number) => {
        for (;;) {
          let ms = cache.nextExpiryMs();
          for (let i = 1; i < peeks; i++) expect(cache.nextExpiryMs()).toBe(ms);
          if (ms >= untilMs) return;
          cache.expireNext(ms);
          ms = cache.nextExpiryMs();
          ends.push(ms, cache.expirations, cache.liveEntries);
        }
      };
      for (let i = 0; i < 2000; i++) {
        nowMs += Math.floor(rng.next() * 2000);
        drainUntil(nowMs);
        const key = Math.floor(rng.next() * 200);
        const request: Request = {
          atMs: nowMs,
          scope: 's',
          model: 'm',
          segments: [{ id: `k${key}`, key, tokens: 1000, role: 'context', breakpoint: true }],
          segmentCount: 1,
          tailTokens: 0,
          outputTokens: 0,
          threadId: `k${key}`,
          threadKind: 'key',
          sessionId: `k${key}`,
        };
        cache.serve(request, 0, nowMs, () => tier, out);
      }
      drainUntil(Infinity);
      return { ends, expirations: cache.expirations, lifetimeMs: cache.endedLifetimeMs, live: cache.liveEntries };
    };
    for (const rate of [0, 1e-6]) {
      const once = run(1, rate);
      expect(once.expirations).toBeGreaterThan(0);
      expect(once.live).toBe(0);
      expect(run(7, rate)).toEqual(once);
    }
  });
});
