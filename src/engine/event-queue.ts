// The one event ordering of ttlsim (STYLE.md §1, like SimPy's heap): events pop by (timeMs, phase, seq).
// Keys live in typed arrays so the hot loop allocates nothing per event.

/**
 * Phases order events that fall on the same millisecond. Lower runs first.
 * The boundary rule follows from it: an entry alive on [t, t+T) is expired by its EXPIRY event at t+T
 * before an ARRIVAL at t+T looks it up, so a read at exactly the expiry misses.
 */
export const Phase = {
  /** An entry reaches its expiry (or early eviction): runs first so same-ms arrivals see it gone. */
  EXPIRY: 0,
  /** A time-series bucket closes: samples live state after expiries, before the arrivals of the new bucket. */
  TICK: 1,
  /** A request arrives. */
  ARRIVAL: 2,
  /** A keep-alive ping: after arrivals, so a request at the same ms makes the ping stale instead of racing it. */
  PING: 3,
} as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

const PHASES = 4;

/**
 * The ordering key of an event as one number: time first, then phase. Events with equal keys pop in
 * push order (a sequence number inside the queue). Every comparison of events goes through this.
 */
export function eventKey(timeMs: number, phase: Phase): number {
  return timeMs * PHASES + phase;
}

/** Binary min-heap of events. Payloads are opaque to the queue. */
export class EventQueue<P> {
  /** timeMs * PHASES + phase: exact in a double up to ~7e4 years of simulated ms. */
  private keys = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private payloads: (P | undefined)[] = new Array(1024);
  private count = 0;
  private nextSeq = 0;

  get size(): number {
    return this.count;
  }

  push(timeMs: number, phase: Phase, payload: P): void {
    if (this.count === this.keys.length) this.grow();
    const key = eventKey(timeMs, phase);
    const seq = this.nextSeq++;
    // Sift up: move parents down until the slot fits.
    let i = this.count++;
    const keys = this.keys;
    const seqs = this.seqs;
    const payloads = this.payloads;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent];
      if (pk < key || (pk === key && seqs[parent] < seq)) break;
      keys[i] = pk;
      seqs[i] = seqs[parent];
      payloads[i] = payloads[parent];
      i = parent;
    }
    keys[i] = key;
    seqs[i] = seq;
    payloads[i] = payload;
  }

  /** Ordering key of the next event (see eventKey); Infinity when empty. */
  peekKey(): number {
    return this.count === 0 ? Infinity : this.keys[0];
  }

  /** Time of the next event; Infinity when empty. */
  peekTimeMs(): number {
    return this.count === 0 ? Infinity : Math.floor(this.keys[0] / PHASES);
  }

  peekPhase(): Phase {
    return (this.keys[0] % PHASES) as Phase;
  }

  /** Removes the next event; read it first with peekTimeMs/peekPhase/peekPayload. */
  peekPayload(): P {
    return this.payloads[0] as P;
  }

  pop(): void {
    const last = --this.count;
    const keys = this.keys;
    const seqs = this.seqs;
    const payloads = this.payloads;
    const key = keys[last];
    const seq = seqs[last];
    const payload = payloads[last];
    payloads[last] = undefined;
    if (last === 0) return;
    // Sift the former last element down from the root.
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last && (keys[right] < keys[child] || (keys[right] === keys[child] && seqs[right] < seqs[child]))) {
        child = right;
      }
      const ck = keys[child];
      if (key < ck || (key === ck && seq < seqs[child])) break;
      keys[i] = ck;
      seqs[i] = seqs[child];
      payloads[i] = payloads[child];
      i = child;
    }
    keys[i] = key;
    seqs[i] = seq;
    payloads[i] = payload;
  }

  private grow(): void {
    const capacity = this.keys.length * 2;
    const keys = new Float64Array(capacity);
    keys.set(this.keys);
    const seqs = new Float64Array(capacity);
    seqs.set(this.seqs);
    this.keys = keys;
    this.seqs = seqs;
    this.payloads.length = capacity;
  }
}
