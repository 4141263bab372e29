// Expiry without a heap for the common case: entries of one TTL, kept in one list per TTL in expiry
// order. A write appends at the tail (its expiry, now + TTL, is the latest of its lane), and a sliding
// read moves the entry to the tail (its new expiry, now + TTL, is again the latest), so every lane stays
// sorted and its head is the next entry of that TTL to expire. This replaces one heap push and pop per
// write (plus a lazy re-queue per refresh period) by a few array writes. expiry-schedule.ts owns the
// lanes, looks for the earliest head, and keeps entries that cannot keep a lane's order (an eviction
// hazard, a re-write that keeps a longer expiry) in its heap instead.

import { INITIAL_NODES } from './node-store.js';

const NONE = -1;

export class ExpiryLanes {
  // Sized like the node store, so that neither grows in a short run (node-store.ts, INITIAL_NODES).
  private prev = new Int32Array(INITIAL_NODES).fill(NONE);
  private next = new Int32Array(INITIAL_NODES).fill(NONE);
  /** Lane of each node, NONE when it is in none. */
  private laneOf = new Int32Array(INITIAL_NODES).fill(NONE);
  private readonly ttls: number[] = [];
  readonly heads: number[] = [];
  private readonly tails: number[] = [];

  /** The lane for entries of `ttlMs` (policies have a handful of TTLs: a linear search is fastest). */
  laneFor(ttlMs: number): number {
    for (let lane = 0; lane < this.ttls.length; lane++) if (this.ttls[lane] === ttlMs) return lane;
    this.ttls.push(ttlMs);
    this.heads.push(NONE);
    this.tails.push(NONE);
    return this.ttls.length - 1;
  }

  isLaned(node: number): boolean {
    return node < this.laneOf.length && this.laneOf[node] !== NONE;
  }

  /** Puts `node` (in no lane) at the tail of `lane`. */
  append(node: number, lane: number): void {
    if (node >= this.laneOf.length) this.grow(node);
    const tail = this.tails[lane];
    this.prev[node] = tail;
    this.next[node] = NONE;
    this.laneOf[node] = lane;
    if (tail === NONE) this.heads[lane] = node;
    else this.next[tail] = node;
    this.tails[lane] = node;
  }

  /** Takes `node` out of its lane. */
  unlink(node: number): void {
    const lane = this.laneOf[node];
    const before = this.prev[node];
    const after = this.next[node];
    if (before === NONE) this.heads[lane] = after;
    else this.next[before] = after;
    if (after === NONE) this.tails[lane] = before;
    else this.prev[after] = before;
    this.laneOf[node] = NONE;
  }

  /** A sliding entry was read: its expiry is now the latest of its lane. */
  moveToTail(node: number): void {
    const lane = this.laneOf[node];
    if (this.tails[lane] === node) return;
    this.unlink(node);
    this.append(node, lane);
  }

  private grow(node: number): void {
    const size = Math.max(node + 1, this.laneOf.length * 2);
    const grown = (old: Int32Array) => {
      const array = new Int32Array(size).fill(NONE);
      array.set(old);
      return array;
    };
    this.prev = grown(this.prev);
    this.next = grown(this.next);
    this.laneOf = grown(this.laneOf);
  }
}
