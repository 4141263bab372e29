// One node of the prefix trie (DESIGN.md §1): the path of segment ids from a (scope, model) root to this
// node is the cache key; the node holds at most one entry, written when a request's breakpoint lands here.
import type { Tier } from '../scenario/types.js';

/** Live cached tokens of one model over time, for stored token-hours (storage-priced providers). */
export interface StorageMeter {
  liveTokens: number;
  lastChangeMs: number;
  tokenHours: number;
}

export class CacheNode {
  children: Map<string, CacheNode> | null = null;
  /** Is an entry stored here now? */
  live = false;
  /** Entry alive on [writtenAtMs, expiresAtMs): a lookup at exactly expiresAtMs misses. */
  expiresAtMs = 0;
  /** Early eviction time (Infinity unless the engine's eviction hazard is on). */
  evictAtMs = Infinity;
  /** Only requests starting strictly after this time can read the entry (writer start + first-token delay). */
  visibleAfterMs = 0;
  writtenAtMs = 0;
  ttlMs = 0;
  sliding = false;
  /** Requests that read through this entry since it was written (0 at expiry = a wasted write). */
  reads = 0;
  /** An EXPIRY event for this node is in the queue (at most one: rescheduled lazily). */
  queued = false;

  constructor(
    readonly parent: CacheNode | null,
    readonly segmentId: string,
    /** Cumulative prompt tokens from the root through this segment: what an entry here stores and reads. */
    readonly prefixTokens: number,
    readonly meter: StorageMeter,
  ) {}

  /** The entry is live and readable by a request starting at nowMs. */
  isReadableAt(nowMs: number): boolean {
    return this.live && nowMs < this.expiresAtMs && nowMs < this.evictAtMs && nowMs > this.visibleAfterMs;
  }

  /** When the entry ends: its TTL expiry or an earlier eviction. */
  endMs(): number {
    return this.expiresAtMs < this.evictAtMs ? this.expiresAtMs : this.evictAtMs;
  }

  store(tier: Tier, nowMs: number, visibleAfterMs: number, evictAtMs: number): void {
    this.live = true;
    this.writtenAtMs = nowMs;
    this.visibleAfterMs = visibleAfterMs;
    this.ttlMs = tier.ttlMs;
    this.sliding = tier.refresh === 'sliding';
    this.expiresAtMs = nowMs + tier.ttlMs;
    this.evictAtMs = evictAtMs;
    this.reads = 0;
  }
}
