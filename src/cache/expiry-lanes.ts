// Expiry without a heap for the common case: entries of one TTL, kept in one list per TTL in expiry
// order. A write appends at the tail (its expiry, now + TTL, is the latest of its lane), and a sliding
// read moves the entry to the tail (its new expiry, now + TTL, is again the latest), so every lane stays
// sorted and its head is the next entry of that TTL to expire. This replaces one heap push and pop per
// write (plus a lazy re-queue per refresh period) by a few array writes. expiry-schedule.ts owns the
// lanes, looks for the earliest head, and keeps entries that cannot keep a lane's order (an eviction
// hazard, a re-write that keeps a longer expiry) in its heap instead.

import { INITIAL_NODES } from './node-store.js';

const NONE = -1;

/**
 * A node's links, side by side in `links` (4 int32, so a node's links never straddle a cache line): a
 * sliding read re-links a random node of 100,000, and three separate arrays cost three misses where this
 * costs one.
 */
const PREV = 0;
const NEXT = 1;
/** The node's lane, NONE when it is in none. */
const LANE = 2;
const STRIDE = 4;

export class ExpiryLanes {
  // Sized like the node store, so that neither grows in a short run (node-store.ts, INITIAL_NODES).
  private links = new Int32Array(STRIDE * INITIAL_NODES).fill(NONE);
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
    const at = node * STRIDE + LANE;
    return at < this.links.length && this.links[at] !== NONE;
  }

  /** Puts `node` (in no lane) at the tail of `lane`. */
  append(node: number, lane: number): void {
    if (node * STRIDE >= this.links.length) this.grow(node);
    const links = this.links;
    const tail = this.tails[lane];
    const at = node * STRIDE;
    links[at + PREV] = tail;
    links[at + NEXT] = NONE;
    links[at + LANE] = lane;
    if (tail === NONE) this.heads[lane] = node;
    else links[tail * STRIDE + NEXT] = node;
    this.tails[lane] = node;
  }

  /** Takes `node` out of its lane. */
  unlink(node: number): void {
    const links = this.links;
    const at = node * STRIDE;
    const lane = links[at + LANE];
    const before = links[at + PREV];
    const after = links[at + NEXT];
    if (before === NONE) this.heads[lane] = after;
    else links[before * STRIDE + NEXT] = after;
    if (after === NONE) this.tails[lane] = before;
    else links[after * STRIDE + PREV] = before;
    links[at + LANE] = NONE;
  }

  /** A sliding entry was read: its expiry is now the latest of its lane. */
  moveToTail(node: number): void {
    const lane = this.links[node * STRIDE + LANE];
    if (this.tails[lane] === node) return;
    this.unlink(node);
    this.append(node, lane);
  }

  private grow(node: number): void {
    const size = Math.max(node + 1, (this.links.length / STRIDE) * 2);
    const links = new Int32Array(size * STRIDE).fill(NONE);
    links.set(this.links);
    this.links = links;
  }
}
