// The one event ordering of ttlsim (docs/architecture.md, like SimPy's heap): events pop by (timeMs, phase, seq).
// Keys live in util/min-heap.ts's typed array so the hot loop allocates nothing per event. Since expiry
// moved to cache/expiry-schedule.ts, and the time series opens its buckets at events instead of ticks
// (engine/timeseries.ts), the queue holds PING events only; EXPIRY and ARRIVAL stay phases so the engine
// can compare the cache's next expiry and the next arrival with the queue by the same key.
import { MinHeap } from '../util/min-heap.js';

/**
 * Phases order events that fall on the same millisecond. Lower runs first.
 * The boundary rule follows from it: an entry alive on [t, t+T) is expired by its EXPIRY event at t+T
 * before an ARRIVAL at t+T looks it up, so a read at exactly the expiry misses.
 */
export const Phase = {
  /** An entry reaches its expiry (or early eviction): runs first so same-ms arrivals see it gone. */
  EXPIRY: 0,
  /** A request arrives. */
  ARRIVAL: 1,
  /** A keep-alive ping: after arrivals, so a request at the same ms makes the ping stale instead of racing it. */
  PING: 2,
} as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

const PHASES = 3;

/**
 * The ordering key of an event as one number: time first, then phase. Events with equal keys pop in
 * push order (a sequence number inside the queue). Every comparison of events goes through this.
 */
export function eventKey(timeMs: number, phase: Phase): number {
  return timeMs * PHASES + phase;
}

/**
 * The engine's events in (timeMs, phase, seq) order: one MinHeap (util/min-heap.ts) keyed by eventKey,
 * ties broken by a push sequence number, so events with equal keys pop in push order.
 */
export class EventQueue<P> {
  private readonly heap = new MinHeap<P>();
  private nextSeq = 0;

  get size(): number {
    return this.heap.size;
  }

  push(timeMs: number, phase: Phase, payload: P): void {
    // A fractional time would corrupt the phase packed into the key (time·4 + phase).
    if (!Number.isInteger(timeMs)) throw new Error(`event time must be whole milliseconds, got ${timeMs}`);
    this.heap.push(eventKey(timeMs, phase), this.nextSeq++, payload);
  }

  /** Ordering key of the next event (see eventKey); Infinity when empty. */
  peekKey(): number {
    return this.heap.peekKey();
  }

  /** Time of the next event; Infinity when empty. */
  peekTimeMs(): number {
    return Math.floor(this.heap.peekKey() / PHASES);
  }

  peekPhase(): Phase {
    return (this.heap.peekKey() % PHASES) as Phase;
  }

  peekPayload(): P {
    return this.heap.peek() as P;
  }

  /** Removes the next event; read it first with peekTimeMs/peekPhase/peekPayload. */
  pop(): void {
    this.heap.pop();
  }

  /**
   * The next event again at `timeMs`, same phase and payload, ordered as if popped and pushed anew (a new
   * sequence number: after every event already queued with its key). One pass down the heap instead of a
   * pop and a push: a keep-alive ping re-queues itself at every ping it sends or defers. Not on an empty queue.
   */
  requeueTop(timeMs: number): void {
    if (!Number.isInteger(timeMs)) throw new Error(`event time must be whole milliseconds, got ${timeMs}`);
    this.heap.rekeyTop(eventKey(timeMs, this.peekPhase()), this.nextSeq++);
  }
}
