// The prefix trie's nodes, stored data-oriented: a node is an integer index, and everything a lookup,
// refresh or expiry reads sits in one 64-byte line of a Float64Array. With 100,000 live prefixes the
// trie no longer fits in cache; objects with boxed number fields cost several misses per visit where one
// line costs one (the commit that introduced this file quotes the benchmark before and after).

/** Slots of a node's line in `line` (8 doubles). */
const EXPIRES_AT = 0;
const EVICT_AT = 1;
const VISIBLE_AFTER = 2;
const WRITTEN_AT = 3;
const TTL = 4;
const PREFIX_TOKENS = 5;
const READS = 6;
const FLAGS = 7;
const STRIDE = 8;

const LIVE = 1;
const SLIDING = 2;

/** No node (the parent of a root). */
export const NO_NODE = -1;

/** What `readAt` did. */
export const NOT_READ = 0;
export const READ = 1;
export const READ_SLIDING = 2;

/** Fibonacci hashing of (parent, segment key) to a table slot. */
function slotOf(parent: number, key: number, shift: number): number {
  return Math.imul((key | 0) ^ Math.imul(parent + 1, 0x85ebca6b), 0x9e3779b1) >>> shift;
}

/**
 * Nodes a store holds before it first grows (about 400 KB per cache with the expiry lanes). A growth in the
 * middle of a run is a path the optimised `create` (and `serve`, which inlines it) has never seen, so V8
 * throws that code away and compiles it again; in a run as short as a start-up's (the dev-day scenario:
 * about 2,300 nodes per policy) that recompiling cost more than the simulation itself (docs/performance.md,
 * "Start-up"). Larger runs still grow, by doubling.
 */
export const INITIAL_NODES = 4096;
const INITIAL_TABLE_BITS = 14;

export class NodeStore {
  private line = new Float64Array(STRIDE * INITIAL_NODES);
  private parents = new Int32Array(INITIAL_NODES);
  private meters = new Int32Array(INITIAL_NODES);
  private keys = new Float64Array(INITIAL_NODES);
  private childCounts = new Int32Array(INITIAL_NODES);
  private readonly free: number[] = [];
  private count = 0;
  // Children: one open-addressing table (linear probing) from (parent, segment key) to the child,
  // kept at most half full. A slot holds the child's index, or NO_NODE when empty.
  private table = new Int32Array(1 << INITIAL_TABLE_BITS).fill(NO_NODE);
  private shift = 32 - INITIAL_TABLE_BITS;
  private tableSize = 0;

  /** A new node under `parent` (NO_NODE for a root) for the segment with `key`, holding no entry. */
  create(parent: number, key: number, prefixTokens: number, meter: number): number {
    const node = this.free.length > 0 ? this.free.pop()! : this.count++;
    if (node >= this.parents.length) this.grow();
    const at = node * STRIDE;
    const line = this.line;
    line.fill(0, at, at + STRIDE);
    line[at + EVICT_AT] = Infinity;
    line[at + PREFIX_TOKENS] = prefixTokens;
    this.parents[node] = parent;
    this.meters[node] = meter;
    this.keys[node] = key;
    this.childCounts[node] = 0;
    if (parent !== NO_NODE) {
      if (2 * (this.tableSize + 1) > this.table.length) this.rehash(this.table.length * 2);
      this.insert(node);
      this.tableSize++;
      this.childCounts[parent]++;
    }
    return node;
  }

  /** The child of `node` for the segment with `key`, or NO_NODE. */
  child(node: number, key: number): number {
    const table = this.table;
    const mask = table.length - 1;
    // The probe starts one slot early and steps first, so that the first lookup already runs the step: a
    // step first taken at the first collision, late in a run, would throw away the optimised code.
    let slot = (slotOf(node, key, this.shift) - 1) & mask;
    for (;;) {
      slot = (slot + 1) & mask;
      const found = table[slot];
      if (found === NO_NODE) return NO_NODE;
      if (this.keys[found] === key && this.parents[found] === node) return found;
    }
  }

  hasChildren(node: number): boolean {
    return this.childCounts[node] > 0;
  }

  /** Detaches a node holding no entry and no children from its parent, and recycles its index. */
  remove(node: number): void {
    const parent = this.parents[node];
    if (parent !== NO_NODE) {
      this.erase(node);
      this.tableSize--;
      this.childCounts[parent]--;
    }
    this.parents[node] = NO_NODE;
    this.line[node * STRIDE + FLAGS] = 0;
    this.free.push(node);
  }

  /** Is `node` still attached under its parent (not removed and not re-used for something else)? */
  isChildOfParent(node: number): boolean {
    const parent = this.parents[node];
    return parent !== NO_NODE && this.child(parent, this.keys[node]) === node;
  }

  private insert(node: number): void {
    const table = this.table;
    const mask = table.length - 1;
    // Steps first, from one slot early, as in `child`.
    let slot = (slotOf(this.parents[node], this.keys[node], this.shift) - 1) & mask;
    do slot = (slot + 1) & mask;
    while (table[slot] !== NO_NODE);
    table[slot] = node;
  }

  /** Removes `node` from the table by backward-shift deletion (no tombstones, so probes stay short). */
  private erase(node: number): void {
    const table = this.table;
    const mask = table.length - 1;
    let hole = slotOf(this.parents[node], this.keys[node], this.shift);
    while (table[hole] !== node) hole = (hole + 1) & mask;
    for (let next = (hole + 1) & mask; table[next] !== NO_NODE; next = (next + 1) & mask) {
      const moved = table[next];
      const home = slotOf(this.parents[moved], this.keys[moved], this.shift);
      // Move `moved` into the hole if its home slot does not lie cyclically in (hole, next].
      const homeInRange = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (!homeInRange) {
        table[hole] = moved;
        hole = next;
      }
    }
    table[hole] = NO_NODE;
  }

  private rehash(capacity: number): void {
    const old = this.table;
    this.table = new Int32Array(capacity).fill(NO_NODE);
    this.shift = 32 - Math.log2(capacity);
    for (const node of old) if (node !== NO_NODE) this.insert(node);
  }

  parent(node: number): number {
    return this.parents[node];
  }

  meter(node: number): number {
    return this.meters[node];
  }

  prefixTokens(node: number): number {
    return this.line[node * STRIDE + PREFIX_TOKENS];
  }

  /** The entry is live and readable by a request starting at nowMs: alive on [write, expiry), visible after its writer. */
  isReadableAt(node: number, nowMs: number): boolean {
    const at = node * STRIDE;
    const line = this.line;
    return (
      (line[at + FLAGS] & LIVE) !== 0 &&
      nowMs < line[at + EXPIRES_AT] &&
      nowMs < line[at + EVICT_AT] &&
      nowMs > line[at + VISIBLE_AFTER]
    );
  }

  isSliding(node: number): boolean {
    return (this.line[node * STRIDE + FLAGS] & SLIDING) !== 0;
  }

  isLive(node: number): boolean {
    return (this.line[node * STRIDE + FLAGS] & LIVE) !== 0;
  }

  /**
   * `isReadableAt`, then `touch` if so, in one call: what the refresh of a request's path does at every node
   * of it. Returns NOT_READ, READ or READ_SLIDING (read, and a sliding entry, now extended). One call per node
   * instead of three is what a run's first few hundred requests, before V8 optimises `serve`, pay for.
   */
  readAt(node: number, nowMs: number): number {
    const at = node * STRIDE;
    const line = this.line;
    const flags = line[at + FLAGS];
    if (
      (flags & LIVE) === 0 ||
      !(nowMs < line[at + EXPIRES_AT]) ||
      !(nowMs < line[at + EVICT_AT]) ||
      !(nowMs > line[at + VISIBLE_AFTER])
    )
      return NOT_READ;
    line[at + READS]++;
    if ((flags & SLIDING) === 0) return READ;
    line[at + EXPIRES_AT] = nowMs + line[at + TTL];
    return READ_SLIDING;
  }

  /** A read through the entry: count it, and extend a sliding entry to nowMs + its TTL. */
  touch(node: number, nowMs: number): void {
    const at = node * STRIDE;
    const line = this.line;
    line[at + READS]++;
    if ((line[at + FLAGS] & SLIDING) !== 0) line[at + EXPIRES_AT] = nowMs + line[at + TTL];
  }

  /** Stores a fresh entry: alive on [nowMs, nowMs + ttlMs), readable after visibleAfterMs. */
  store(node: number, ttlMs: number, sliding: boolean, nowMs: number, visibleAfterMs: number, evictAtMs: number): void {
    const at = node * STRIDE;
    const line = this.line;
    line[at + EXPIRES_AT] = nowMs + ttlMs;
    line[at + EVICT_AT] = evictAtMs;
    line[at + VISIBLE_AFTER] = visibleAfterMs;
    line[at + WRITTEN_AT] = nowMs;
    line[at + TTL] = ttlMs;
    line[at + READS] = 0;
    line[at + FLAGS] = LIVE | (sliding ? SLIDING : 0);
  }

  /** A second write of a live entry not yet visible (parallel cold requests): the later expiry wins. */
  restore(node: number, ttlMs: number, sliding: boolean, nowMs: number, evictAtMs: number): void {
    const at = node * STRIDE;
    const line = this.line;
    line[at + EXPIRES_AT] = Math.max(line[at + EXPIRES_AT], nowMs + ttlMs);
    line[at + EVICT_AT] = Math.min(line[at + EVICT_AT], evictAtMs);
    line[at + TTL] = ttlMs;
    line[at + FLAGS] = LIVE | (sliding ? SLIDING : 0);
  }

  /** Ends the entry (expiry or eviction); the node stays in the trie until pruned. */
  end(node: number): void {
    const at = node * STRIDE + FLAGS;
    this.line[at] = this.line[at] & ~LIVE;
  }

  /** When the entry ends: its TTL expiry or an earlier eviction. */
  endMs(node: number): number {
    const at = node * STRIDE;
    const expiresAtMs = this.line[at + EXPIRES_AT];
    const evictAtMs = this.line[at + EVICT_AT];
    return expiresAtMs < evictAtMs ? expiresAtMs : evictAtMs;
  }

  wasEvicted(node: number): boolean {
    const at = node * STRIDE;
    return this.line[at + EVICT_AT] < this.line[at + EXPIRES_AT];
  }

  reads(node: number): number {
    return this.line[node * STRIDE + READS];
  }

  writtenAtMs(node: number): number {
    return this.line[node * STRIDE + WRITTEN_AT];
  }

  private grow(): void {
    const capacity = this.parents.length * 2;
    const line = new Float64Array(capacity * STRIDE);
    line.set(this.line);
    this.line = line;
    const parents = new Int32Array(capacity);
    parents.set(this.parents);
    this.parents = parents;
    const meters = new Int32Array(capacity);
    meters.set(this.meters);
    this.meters = meters;
    const keys = new Float64Array(capacity);
    keys.set(this.keys);
    this.keys = keys;
    const childCounts = new Int32Array(capacity);
    childCounts.set(this.childCounts);
    this.childCounts = childCounts;
  }
}
