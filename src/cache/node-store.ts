// The prefix trie's nodes, stored data-oriented: a node is an integer index, and everything a request
// reads (finding the child, checking and refreshing its entry) sits in one 64-byte line of a Float64Array.
// With 100,000 live prefixes the trie no longer fits in cache; objects with boxed number fields cost
// several misses per visit where one line costs one (the commit that introduced this file quotes the
// benchmark before and after). The node's key and parent are in its line too, so confirming a probe of the
// child table reads the line the request then uses; what only a write, an expiry or a prune reads (write
// time, prefix tokens, meter, child count) lives in `cold`, four doubles a node (one miss, not three),
// away from the lines every request touches.

/** Slots of a node's line in `line` (8 doubles): what a request reads. */
const EXPIRES_AT = 0;
const EVICT_AT = 1;
const VISIBLE_AFTER = 2;
const TTL = 3;
const READS = 4;
const FLAGS = 5;
const KEY = 6;
const PARENT = 7;
const STRIDE = 8;
/** Slots of a node's quad in `cold` (4 doubles): what a write, the end of an entry or a prune reads. */
const WRITTEN_AT = 0;
const PREFIX_TOKENS = 1;
/** Index of the StorageMeter (prefix-cache.ts) its tokens count in. */
const METER = 2;
const CHILD_COUNT = 3;
const COLD_STRIDE = 4;

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
/**
 * A root's direct index grows to a key only while the key is below 4 × the root's children + this slack,
 * so it never takes more than about 16 bytes a child plus 4 KB: a run of many scopes (a root each) whose
 * keys are numbered across the run keeps most of them in the table. It starts empty for the same reason.
 */
const DIRECT_SLACK_KEYS = 1024;
/** The most keys a direct index ever covers (64 MB). */
const DIRECT_MAX_KEYS = 1 << 24;

export class NodeStore {
  private line = new Float64Array(STRIDE * INITIAL_NODES);
  private cold = new Float64Array(COLD_STRIDE * INITIAL_NODES);
  private capacity = INITIAL_NODES;
  private readonly free: number[] = [];
  private count = 0;
  // Children: one open-addressing table (linear probing) from (parent, segment key) to the child,
  // kept at most half full. A slot holds the child's index, or NO_NODE when empty.
  private table = new Int32Array(1 << INITIAL_TABLE_BITS).fill(NO_NODE);
  private shift = 32 - INITIAL_TABLE_BITS;
  private tableSize = 0;
  // A second index of the roots' children, by segment key: a direct array per root (see rootChild), in
  // addition to the table, which stays complete. Keys are dense run numbers (workload/segment-keys.ts), so a
  // root whose children are most of the run's keys (a CSV log: one key per row) finds a child with one load
  // from 4 bytes a key, where the table costs a hash, a slot in a table 10-20 times larger and the
  // child's key and parent to confirm it.
  private readonly directs: Int32Array[] = [];
  /** Per direct index, the root's children that only the table has (their key lies past the index). */
  private readonly tableOnly: number[] = [];
  /** The direct index of each root, by root node (roots are few; read only when a root's child is created or removed). */
  private readonly directOfRoot = new Map<number, number>();

  /** A new root (a scope and model's trie) and its direct index: returns the root; `directOf` gives the index. */
  createRoot(meter: number): number {
    const root = this.create(NO_NODE, -1, 0, meter);
    this.directOfRoot.set(root, this.directs.length);
    this.directs.push(new Int32Array(0));
    this.tableOnly.push(0);
    return root;
  }

  /** The direct index of `root` (from createRoot), for rootChild. */
  directOf(root: number): number {
    return this.directOfRoot.get(root)!;
  }

  /**
   * The child of `root` (whose direct index is `direct`) for the segment with `key`, or NO_NODE: the same
   * answer as child(root, key), from the direct index when the key lies in it.
   */
  rootChild(root: number, direct: number, key: number): number {
    const index = this.directs[direct];
    return key >= 0 && key < index.length ? index[key] : this.child(root, key);
  }

  /** A new node under `parent` (NO_NODE for a root) for the segment with `key`, holding no entry. */
  create(parent: number, key: number, prefixTokens: number, meter: number): number {
    const node = this.free.length > 0 ? this.free.pop()! : this.count++;
    if (node >= this.capacity) this.grow();
    const at = node * STRIDE;
    const line = this.line;
    // Every slot written here (no fill(): a builtin call per node costs more than eight stores).
    line[at + EXPIRES_AT] = 0;
    line[at + EVICT_AT] = Infinity;
    line[at + VISIBLE_AFTER] = 0;
    line[at + TTL] = 0;
    line[at + READS] = 0;
    line[at + FLAGS] = 0;
    line[at + KEY] = key;
    line[at + PARENT] = parent;
    const cold = this.cold;
    const coldAt = node * COLD_STRIDE;
    cold[coldAt + WRITTEN_AT] = 0;
    cold[coldAt + PREFIX_TOKENS] = prefixTokens;
    cold[coldAt + METER] = meter;
    cold[coldAt + CHILD_COUNT] = 0;
    if (parent !== NO_NODE) {
      if (2 * (this.tableSize + 1) > this.table.length) this.rehash(this.table.length * 2);
      this.insert(node);
      this.tableSize++;
      cold[parent * COLD_STRIDE + CHILD_COUNT]++;
      if (this.line[parent * STRIDE + PARENT] === NO_NODE) this.indexRootChild(parent, key, node);
    }
    return node;
  }

  /** Records a new child of a root in the root's direct index, growing the index when the keys stay dense. */
  private indexRootChild(root: number, key: number, node: number): void {
    const direct = this.directOfRoot.get(root);
    if (direct === undefined) return;
    let index = this.directs[direct];
    if (!(key >= 0 && key < index.length)) {
      // Grown only while the keys stay dense (at most a few times the root's children): a root with a few
      // children under huge keys keeps them in the table alone.
      const children = this.cold[root * COLD_STRIDE + CHILD_COUNT];
      if (!(key >= 0) || key >= DIRECT_MAX_KEYS || key >= 4 * children + DIRECT_SLACK_KEYS) {
        this.tableOnly[direct]++;
        return;
      }
      index = this.growDirect(root, direct, Math.max(key + 1, index.length * 2));
    }
    index[key] = node;
  }

  /**
   * A larger direct index for `root`: children created while their key lay past the index are only in the
   * table, so the new part is filled from it (a pass over the table, only when there are such children;
   * in a CSV log, whose keys are numbered as they come, there never are).
   */
  private growDirect(root: number, direct: number, size: number): Int32Array {
    const old = this.directs[direct];
    const index = new Int32Array(size).fill(NO_NODE);
    index.set(old);
    if (this.tableOnly[direct] > 0) {
      let tableOnly = 0;
      const line = this.line;
      const table = this.table;
      for (let slot = 0; slot < table.length; slot++) {
        const node = table[slot];
        if (node === NO_NODE) continue;
        const at = node * STRIDE;
        if (line[at + PARENT] !== root) continue;
        const key = line[at + KEY];
        if (key >= old.length && key < size) index[key] = node;
        else if (!(key >= 0 && key < size)) tableOnly++;
      }
      this.tableOnly[direct] = tableOnly;
    }
    this.directs[direct] = index;
    return index;
  }

  /** The child of `node` for the segment with `key`, or NO_NODE. */
  child(node: number, key: number): number {
    const table = this.table;
    const line = this.line;
    const mask = table.length - 1;
    // The probe starts one slot early and steps first, so that the first lookup already runs the step: a
    // step first taken at the first collision, late in a run, would throw away the optimised code.
    let slot = (slotOf(node, key, this.shift) - 1) & mask;
    for (;;) {
      slot = (slot + 1) & mask;
      const found = table[slot];
      if (found === NO_NODE) return NO_NODE;
      const at = found * STRIDE;
      if (line[at + KEY] === key && line[at + PARENT] === node) return found;
    }
  }

  hasChildren(node: number): boolean {
    return this.cold[node * COLD_STRIDE + CHILD_COUNT] > 0;
  }

  /** Detaches a node holding no entry and no children from its parent, and recycles its index. */
  remove(node: number): void {
    const at = node * STRIDE;
    const parent = this.line[at + PARENT];
    if (parent !== NO_NODE) {
      this.erase(node);
      this.tableSize--;
      this.cold[parent * COLD_STRIDE + CHILD_COUNT]--;
      if (this.line[parent * STRIDE + PARENT] === NO_NODE) {
        const direct = this.directOfRoot.get(parent);
        const key = this.line[at + KEY];
        // A root made by createRoot (a bare create has no direct index): the child leaves the index, or the
        // count of those only the table had.
        if (direct !== undefined) {
          if (key >= 0 && key < this.directs[direct].length) this.directs[direct][key] = NO_NODE;
          else this.tableOnly[direct]--;
        }
      }
    }
    this.line[at + PARENT] = NO_NODE;
    this.line[at + FLAGS] = 0;
    this.free.push(node);
  }

  /** Is `node` still attached under its parent (not removed and not re-used for something else)? */
  isChildOfParent(node: number): boolean {
    const at = node * STRIDE;
    const parent = this.line[at + PARENT];
    return parent !== NO_NODE && this.child(parent, this.line[at + KEY]) === node;
  }

  private insert(node: number): void {
    const table = this.table;
    const mask = table.length - 1;
    // Steps first, from one slot early, as in `child`.
    let slot = (this.homeOf(node) - 1) & mask;
    do slot = (slot + 1) & mask;
    while (table[slot] !== NO_NODE);
    table[slot] = node;
  }

  /** Removes `node` from the table by backward-shift deletion (no tombstones, so probes stay short). */
  private erase(node: number): void {
    const table = this.table;
    const mask = table.length - 1;
    let hole = this.homeOf(node);
    while (table[hole] !== node) hole = (hole + 1) & mask;
    for (let next = (hole + 1) & mask; table[next] !== NO_NODE; next = (next + 1) & mask) {
      const moved = table[next];
      const home = this.homeOf(moved);
      // Move `moved` into the hole if its home slot does not lie cyclically in (hole, next].
      const homeInRange = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (!homeInRange) {
        table[hole] = moved;
        hole = next;
      }
    }
    table[hole] = NO_NODE;
  }

  /** The table slot where a probe for `node` starts. */
  private homeOf(node: number): number {
    const at = node * STRIDE;
    return slotOf(this.line[at + PARENT], this.line[at + KEY], this.shift);
  }

  private rehash(capacity: number): void {
    const old = this.table;
    this.table = new Int32Array(capacity).fill(NO_NODE);
    this.shift = 32 - Math.log2(capacity);
    for (const node of old) if (node !== NO_NODE) this.insert(node);
  }

  parent(node: number): number {
    return this.line[node * STRIDE + PARENT];
  }

  meter(node: number): number {
    return this.cold[node * COLD_STRIDE + METER];
  }

  prefixTokens(node: number): number {
    return this.cold[node * COLD_STRIDE + PREFIX_TOKENS];
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

  isLive(node: number): boolean {
    return (this.line[node * STRIDE + FLAGS] & LIVE) !== 0;
  }

  /**
   * A read through the entry if it is readable (`isReadableAt`): counted, and a sliding entry extended to
   * nowMs + its TTL, in one call: what serving a request does at every node it reads. Returns NOT_READ, READ
   * or READ_SLIDING (read, and a sliding entry, now extended). One call per node instead of three is what a
   * run's first few hundred requests, before V8 optimises `serve`, pay for.
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

  /** Stores a fresh entry: alive on [nowMs, nowMs + ttlMs), readable after visibleAfterMs. */
  store(node: number, ttlMs: number, sliding: boolean, nowMs: number, visibleAfterMs: number, evictAtMs: number): void {
    const at = node * STRIDE;
    const line = this.line;
    line[at + EXPIRES_AT] = nowMs + ttlMs;
    line[at + EVICT_AT] = evictAtMs;
    line[at + VISIBLE_AFTER] = visibleAfterMs;
    this.cold[node * COLD_STRIDE + WRITTEN_AT] = nowMs;
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
    return this.cold[node * COLD_STRIDE + WRITTEN_AT];
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    this.capacity = capacity;
    const line = new Float64Array(capacity * STRIDE);
    line.set(this.line);
    this.line = line;
    const cold = new Float64Array(capacity * COLD_STRIDE);
    cold.set(this.cold);
    this.cold = cold;
  }
}
