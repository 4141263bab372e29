// cache/ (layer 5), at the engine/cache boundary: when each cache entry ends. prefix-cache.ts reports
// writes and sliding reads here; the engine (engine/simulate.ts runUntil) asks PrefixCache.nextExpiryMs()
// for the earliest expiry, compares it with its own event queue by eventKey(ms, Phase.EXPIRY) — expiry
// sorts before an arrival or a ping at the same ms — and calls PrefixCache.expireNext(ms), which
// pops the earliest due entry from here and ends it (statistics stay in prefix-cache.ts).
//
// The state machine of an entry (the entry at one trie node; times in ms, T its TTL):
//
//   no entry ──write at t──► live-unseen ──after t + firstTokenDelay──► live ──expiry/eviction──► ended
//      ▲                      │    ▲ re-write: pays again,                │ ▲ sliding read: end = now + T
//      └──── write again ◄────┴────┘ end = max(old, now + T)              │ └ fixed read: end unchanged
//      (ended = no entry)     └────────────── expiry/eviction ────────────┴──────────────► ended
//
//   - write (no entry → live-unseen): alive on [t, t + T), readable by requests starting after the writer
//     saw its first token; `scheduled` files it (below). An external write (warm, from the logs) is
//     readable at once.
//   - re-write of a live entry not yet visible (a parallel cold request): it stays live-unseen and keeps
//     whichever expiry is later; `scheduled` again.
//   - sliding read (live): end becomes now + T; `refreshed` moves a laned entry to its lane's tail.
//   - fixed read (live): only counts the read; nothing changes here.
//   - expiry at the entry's end, or eviction at its hazard time if earlier (live or live-unseen → ended):
//     `popDue` returns the node and the cache ends it. The boundary rule: alive on [t, t + T), so a
//     request at exactly t + T misses — the expiry sorts before the arrival at the same ms.
//
// How a live entry is tracked, in one of two ways (plus, possibly, a stale heap item):
//   - laned: its end is exactly (last write or sliding read) + T, the latest of its TTL's lane, so it is
//     appended at the lane's tail (expiry-lanes.ts) and the lane stays sorted; the lane heads are the
//     only candidates. Used when there is no eviction hazard.
//   - heaped: one MinHeap (util/min-heap.ts) item at its end, ties in push order, for entries that cannot
//     keep lane order: with an eviction hazard (every entry), or a re-write keeping a longer expiry. A
//     node has at most one item (`queued`). Extensions are lazy: an item that pops before its entry's
//     current end is pushed again there; an item whose entry ended or moved to a lane is dropped.
// At equal ms, heap items pop before lane heads, and lanes by their creation order: the same order the
// engine had when heaped entries were EXPIRY events in its queue.
import { MinHeap } from '../util/min-heap.js';
import { ExpiryLanes } from './expiry-lanes.js';
import { NO_NODE, type NodeStore } from './node-store.js';

export class ExpirySchedule {
  /** One lane per TTL; null with an eviction hazard, when every entry is heaped. */
  private readonly lanes: ExpiryLanes | null;
  /** Heaped nodes by end ms, ties by push order. */
  private readonly heap = new MinHeap<number>();
  private pushes = 0;
  /** 1 when the node has an item in the heap (perhaps stale). */
  private queued = new Uint8Array(1024);

  constructor(
    private readonly store: NodeStore,
    useLanes: boolean,
  ) {
    this.lanes = useLanes ? new ExpiryLanes() : null;
  }

  /** A write (fresh or re-write) at nowMs left `node` live until `endMs`; `ttlMs` is the written tier's. */
  scheduled(node: number, endMs: number, ttlMs: number, nowMs: number): void {
    const lanes = this.lanes;
    if (lanes !== null) {
      const inLane = lanes.isLaned(node);
      // Expiring now + TTL, the entry keeps its lane's order at the tail.
      if (endMs === nowMs + ttlMs) {
        if (inLane) lanes.unlink(node);
        lanes.append(node, lanes.laneFor(ttlMs));
        return;
      }
      if (inLane) lanes.unlink(node);
    }
    if (node >= this.queued.length) this.grow(node);
    if (this.queued[node] === 0) {
      this.queued[node] = 1;
      this.heap.push(endMs, this.pushes++, node);
    }
  }

  /** A sliding read extended `node` to now + its TTL: the latest of its lane (a heaped one re-queues lazily). */
  refreshed(node: number): void {
    const lanes = this.lanes;
    if (lanes !== null && lanes.isLaned(node)) lanes.moveToTail(node);
  }

  /** Does the schedule still refer to `node` (so the trie must not recycle it)? */
  holds(node: number): boolean {
    return (node < this.queued.length && this.queued[node] !== 0) || (this.lanes !== null && this.lanes.isLaned(node));
  }

  /** When the next expiry step is due (Infinity when none). Pure: calling it changes nothing. */
  nextMs(): number {
    let best = this.heap.peekKey();
    const lanes = this.lanes;
    if (lanes === null) return best;
    const heads = lanes.heads;
    for (let lane = 0; lane < heads.length; lane++) {
      const head = heads[lane];
      if (head === NO_NODE) continue;
      const endMs = this.store.endMs(head);
      if (endMs < best) best = endMs;
    }
    return best;
  }

  /**
   * Takes the earliest expiry step at nowMs (= nextMs()). Returns the node whose entry ends now, for the
   * cache to end; or NO_NODE when the step was a stale heap item (its entry already ended or moved to a
   * lane) or an extended one (pushed again at its new end).
   */
  popDue(nowMs: number): number {
    const lane = this.earliestLane();
    const heap = this.heap;
    if (heap.size > 0 && heap.peekKey() <= this.earliestLaneMs(lane)) {
      const node = heap.pop()!;
      const store = this.store;
      if (!store.isLive(node) || (this.lanes !== null && this.lanes.isLaned(node))) {
        this.queued[node] = 0;
        return NO_NODE;
      }
      const endMs = store.endMs(node);
      if (endMs > nowMs) {
        heap.push(endMs, this.pushes++, node);
        return NO_NODE;
      }
      this.queued[node] = 0;
      return node;
    }
    if (lane < 0) throw new Error(`no expiry due at ${nowMs} ms`);
    const lanes = this.lanes!;
    const node = lanes.heads[lane];
    lanes.unlink(node);
    return node;
  }

  /** The lane whose head ends first (the lowest lane on a tie), or -1 when every lane is empty. */
  private earliestLane(): number {
    const lanes = this.lanes;
    if (lanes === null) return -1;
    let best = -1;
    let bestMs = Infinity;
    const heads = lanes.heads;
    for (let lane = 0; lane < heads.length; lane++) {
      const head = heads[lane];
      if (head === NO_NODE) continue;
      const endMs = this.store.endMs(head);
      if (endMs < bestMs) {
        bestMs = endMs;
        best = lane;
      }
    }
    return best;
  }

  private earliestLaneMs(lane: number): number {
    return lane < 0 ? Infinity : this.store.endMs(this.lanes!.heads[lane]);
  }

  private grow(node: number): void {
    const grown = new Uint8Array(Math.max(node + 1, this.queued.length * 2));
    grown.set(this.queued);
    this.queued = grown;
  }
}
