// Keep-alive pings against a reference written plainly: the engine's first way of keeping them (a Map of ping
// states by thread id, each with a copy of the thread's latest request updated by Object.assign, and a queue
// popped and pushed anew at every ping), over random traces of numbered threads (Request.threadIndex, whose
// states the engine keeps in an array and whose copies it updates field by field) and un-numbered ones. The
// reference gives each ping's time and request; the cache's answers to them are checked by running the same
// tiers as a static policy over the arrivals and the reference's pings together, pings after the same
// millisecond's arrivals as the engine runs them.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Request } from '../../src/model/request.js';
import type { KeepAliveSpec, PolicySpec } from '../../src/model/policy.js';
import type { ServeOutcome } from '../../src/cache/prefix-cache.js';
import { Simulation, type SimResult } from '../../src/engine/simulate.js';
import { createRng } from '../../src/workload/rng.js';
import { ENGINE, MINUTE_MS, UNIT_PROFILE, policy, segment, tier } from '../helpers.js';

interface Ping {
  readonly atMs: number;
  /** The request the ping repeats, as a plain object with every own property (an undefined one too). */
  readonly request: Record<string, unknown>;
}

/** The old engine's pings, literally: lazily re-queued, one queued ping and one Object.assign'd copy per thread. */
function referencePings(arrivals: readonly Request[], keepalive: KeepAliveSpec, horizonMs: number): Ping[] {
  interface State {
    request: Record<string, unknown>;
    lastArrivalMs: number;
    nextPingMs: number;
    queued: boolean;
  }
  const states = new Map<string, State>();
  const queue: { timeMs: number; seq: number; state: State }[] = [];
  let seq = 0;
  const pings: Ping[] = [];
  // Pops every ping before `untilMs` (a ping at an arrival's millisecond runs after the arrival).
  const runUntil = (untilMs: number): void => {
    for (;;) {
      let first = -1;
      for (let i = 0; i < queue.length; i++)
        if (
          first < 0 ||
          queue[i].timeMs < queue[first].timeMs ||
          (queue[i].timeMs === queue[first].timeMs && queue[i].seq < queue[first].seq)
        )
          first = i;
      if (first < 0 || queue[first].timeMs >= untilMs) return;
      const [{ timeMs, state }] = queue.splice(first, 1);
      if (timeMs < state.nextPingMs) queue.push({ timeMs: state.nextPingMs, seq: seq++, state });
      else if (timeMs >= horizonMs) state.queued = false;
      else {
        pings.push({ atMs: timeMs, request: { ...state.request } });
        const nextMs = timeMs + keepalive.everyMs;
        if (nextMs - state.lastArrivalMs <= keepalive.maxIdleMs) {
          state.nextPingMs = nextMs;
          queue.push({ timeMs: nextMs, seq: seq++, state });
        } else {
          state.queued = false;
          states.delete(state.request.threadId as string);
        }
      }
    }
  };
  for (const request of arrivals) {
    runUntil(request.atMs);
    if (keepalive.everyMs > keepalive.maxIdleMs) continue;
    let state = states.get(request.threadId);
    if (state === undefined) {
      state = { request: { ...request }, lastArrivalMs: 0, nextPingMs: 0, queued: false };
      states.set(request.threadId, state);
    } else Object.assign(state.request, request);
    state.lastArrivalMs = request.atMs;
    state.nextPingMs = request.atMs + keepalive.everyMs;
    if (!state.queued) {
      state.queued = true;
      queue.push({ timeMs: state.nextPingMs, seq: seq++, state });
    }
  }
  runUntil(Infinity);
  return pings;
}

interface Run {
  readonly result: SimResult;
  /** Each arrival's outcome, in order. */
  readonly served: ServeOutcome[];
  readonly pings: { atMs: number; request: Record<string, unknown>; outcome: ServeOutcome }[];
}

function runEngine(arrivals: readonly Request[], spec: PolicySpec, horizonMs: number): Run {
  const served: ServeOutcome[] = [];
  const pings: Run['pings'] = [];
  const simulation: Simulation = new Simulation({
    policy: spec,
    priceOf: () => UNIT_PROFILE,
    engine: ENGINE,
    horizonMs,
    rng: createRng(1),
    onRequest: (_request, outcome) => served.push({ ...outcome }),
    // The engine's clock is private; a ping runs at it.
    onPing: (request, outcome) =>
      pings.push({ atMs: simulation['nowMs'], request: { ...request }, outcome: { ...outcome } }),
  });
  for (const request of arrivals) simulation.offer(request);
  return { result: simulation.finish(), served, pings };
}

// A trace: threads, some numbered (sparse numbers, so the engine's array grows past gaps), a few prompts each
// (prefixes of one growing array, a shared system segment), and optional fields that come and go, an
// explicitly undefined one included (Object.assign copies it; an absent one leaves the copy's value).
const SYSTEM = segment('system', 2_000, 'system', true);
const threadArb = fc.record({
  index: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
  prompt: fc.array(fc.integer({ min: 500, max: 3_000 }), { minLength: 1, maxLength: 3 }),
});
const optionalArb = fc.record(
  {
    warmSegments: fc.integer({ min: 0, max: 2 }),
    recordedTtl: fc.constantFrom('5m' as const, '1h' as const, undefined),
    priceKey: fc.constantFrom('unit', 'unit/long'),
  },
  { requiredKeys: [] },
);
const arrivalArb = fc.record({
  thread: fc.nat(),
  gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20 * MINUTE_MS })),
  length: fc.nat(),
  tailTokens: fc.integer({ min: 0, max: 500 }),
  optional: optionalArb,
});
// Up to six pings after an arrival (the idle horizon at most six intervals), some intervals past it (no pings).
const keepaliveArb = fc
  .record({
    everyMs: fc.integer({ min: 1, max: 6 * MINUTE_MS }),
    idleIntervalTenths: fc.integer({ min: 0, max: 60 }),
    tailTokens: fc.integer({ min: 0, max: 20 }),
    outputTokens: fc.integer({ min: 0, max: 20 }),
  })
  .map(({ everyMs, idleIntervalTenths, tailTokens, outputTokens }) => ({
    everyMs,
    maxIdleMs: Math.floor((everyMs * idleIntervalTenths) / 10),
    tailTokens,
    outputTokens,
  }));
const traceArb = fc.record({
  threads: fc.array(threadArb, { minLength: 1, maxLength: 8 }),
  arrivals: fc.array(arrivalArb, { minLength: 1, maxLength: 60 }),
  keepalive: keepaliveArb,
  ttl: fc.constantFrom('5m', '1h'),
  /** How far past the last arrival the run goes: pings past the horizon are not sent. */
  tailMs: fc.integer({ min: 0, max: 40 * MINUTE_MS }),
});

type TraceInput = typeof traceArb extends fc.Arbitrary<infer T> ? T : never;

function trace(input: TraceInput): { arrivals: Request[]; horizonMs: number } {
  const usedIndexes = new Set<number>();
  const threads = input.threads.map((thread, t) => {
    // Equal numbers only for equal ids (Request.threadIndex): a number already taken leaves the thread un-numbered.
    const index = thread.index !== undefined && !usedIndexes.has(thread.index) ? thread.index : undefined;
    if (index !== undefined) usedIndexes.add(index);
    const history = thread.prompt.map((tokens, i) => segment(`t${t}/${i}`, tokens, 'history', true));
    return { id: `thread-${t}`, index, segments: [SYSTEM, ...history] };
  });
  let atMs = 0;
  const arrivals = input.arrivals.map((a): Request => {
    atMs += a.gapMs;
    const thread = threads[a.thread % threads.length];
    return {
      atMs,
      scope: 'default',
      model: 'unit',
      segments: thread.segments,
      // The system segment and 1 to all of the thread's history.
      segmentCount: 2 + (a.length % (thread.segments.length - 1)),
      tailTokens: a.tailTokens,
      outputTokens: 3,
      threadId: thread.id,
      threadKind: 'key',
      sessionId: thread.id,
      ...(thread.index === undefined ? {} : { threadIndex: thread.index }),
      ...a.optional,
    };
  });
  return { arrivals, horizonMs: atMs + 1 + input.tailMs };
}

/** The arrivals and the reference's pings as one stream of requests, a ping after its millisecond's arrivals. */
function withPings(arrivals: readonly Request[], pings: readonly Ping[], keepalive: KeepAliveSpec): Request[] {
  const asRequests = pings.map(
    (ping) =>
      ({
        ...ping.request,
        atMs: ping.atMs,
        tailTokens: keepalive.tailTokens,
        outputTokens: keepalive.outputTokens,
      }) as unknown as Request,
  );
  const merged: Request[] = [];
  let p = 0;
  for (const request of arrivals) {
    while (p < asRequests.length && asRequests[p].atMs < request.atMs) merged.push(asRequests[p++]);
    merged.push(request);
  }
  return merged.concat(asRequests.slice(p));
}

describe('keep-alive pings (numbered threads by array, copies field by field, re-queued in one sift)', () => {
  it('ping the times and requests of the Map + Object.assign reference, and the cache answers them as requests', () => {
    fc.assert(
      fc.property(traceArb, (input) => {
        const { arrivals, horizonMs } = trace(input);
        const keepalive: KeepAliveSpec = input.keepalive;
        const tiers = tier(input.ttl);
        const engine = runEngine(arrivals, policy('keepalive', tiers, {}, { keepalive }), horizonMs);
        const expected = referencePings(arrivals, keepalive, horizonMs);
        expect(engine.result.keepalivePings).toBe(expected.length);
        expect(engine.pings.map(({ atMs, request }) => ({ atMs, request }))).toStrictEqual(expected);

        // The same tiers without keep-alive, over the arrivals and the reference's pings as requests.
        const merged = withPings(arrivals, expected, keepalive);
        const plain = runEngine(merged, policy('static', tiers), horizonMs);
        const pingAt: number[] = [];
        const arrivalAt: number[] = [];
        let next = 0;
        for (const request of merged) (arrivals.includes(request) ? arrivalAt : pingAt).push(next++);
        expect(engine.served).toStrictEqual(arrivalAt.map((i) => plain.served[i]));
        expect(engine.pings.map((ping) => ping.outcome)).toStrictEqual(pingAt.map((i) => plain.served[i]));
        expect(engine.result.hits).toBe(arrivalAt.filter((i) => plain.served[i].readTokens > 0).length);
        expect(engine.result.ledger.ledgers()).toStrictEqual(plain.result.ledger.ledgers());
        for (const field of [
          'entriesWritten',
          'expirations',
          'wastedWrites',
          'peakLiveEntries',
          'endedLifetimeMs',
        ] as const)
          expect(engine.result[field]).toBe(plain.result[field]);
      }),
      { numRuns: 400, seed: 11 },
    );
  });
});
