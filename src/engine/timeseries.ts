// engine/ (layer 6): the time series the engine fills as it runs. Sparse (issue 13): a bucket exists only
// where something happened (a request, a ping, an entry written or ended), so a 249-day log of a few busy
// days keeps fine buckets without allocating the idle ones. A missing bucket therefore means "nothing
// changed": no counts, and the live entries of the last bucket before it. metrics/summarise.ts turns the
// buckets into dollars; metrics/sparse-series.ts re-bins and merges them (shards, charts) by the same rule.
import { addCounts } from '../pricing/ledger.js';
import { LedgerBook } from '../pricing/ledger.js';
import { rebin } from '../util/rebin.js';

/**
 * Non-empty buckets a series keeps at most: past this the width doubles (exactly, pairs of buckets merge),
 * so memory stays bounded and a chart gets a few hundred points. The count of non-empty buckets can only
 * fall when the width doubles, which is what lets shards merge exactly (docs/json.md, docs/scale.md).
 */
export const MAX_SERIES_BUCKETS = 400;

export interface Bucket {
  readonly startMs: number;
  requests: number;
  hits: number;
  pings: number;
  /** Tokens billed in this bucket, per model (requests and pings). */
  readonly tokens: LedgerBook;
  /** Live entries and cached tokens at the end of the bucket (after its last event). */
  liveEntries: number;
  liveTokens: number;
}

/**
 * Buckets [k·bucketMs, (k+1)·bucketMs) that saw an event, in time order; events at or past the horizon
 * count in the bucket holding the horizon's last millisecond. Events must come in time order (the engine's).
 */
export class TimeSeriesRecorder {
  private width: number;
  private list: Bucket[] = [];
  private last: Bucket | null = null;
  private lastEndMs = -Infinity;

  constructor(
    firstBucketMs: number,
    private readonly horizonMs: number,
    private readonly maxBuckets: number = MAX_SERIES_BUCKETS,
  ) {
    this.width = firstBucketMs;
  }

  get bucketMs(): number {
    return this.width;
  }

  get buckets(): readonly Bucket[] {
    return this.list;
  }

  /** The bucket an event at `atMs` counts in, opened (carrying the live state) if it is new. */
  at(atMs: number): Bucket {
    const t = Math.min(atMs, Math.max(0, this.horizonMs - 1));
    const last = this.last;
    if (last !== null && t < this.lastEndMs && t >= last.startMs) return last;
    const startMs = Math.floor(t / this.width) * this.width;
    const bucket: Bucket = {
      startMs,
      requests: 0,
      hits: 0,
      pings: 0,
      tokens: new LedgerBook(),
      liveEntries: last?.liveEntries ?? 0,
      liveTokens: last?.liveTokens ?? 0,
    };
    this.list.push(bucket);
    if (this.list.length > this.maxBuckets) this.coarsen();
    this.last = this.list[this.list.length - 1];
    this.lastEndMs = this.last.startMs + this.width;
    return this.last;
  }

  /** The live state after an event at `atMs` (a request, ping or expiry); past the horizon the series has ended. */
  live(atMs: number, liveEntries: number, liveTokens: number): void {
    if (atMs < this.horizonMs) this.liveIn(this.at(atMs), atMs, liveEntries, liveTokens);
  }

  /**
   * `live` for an event whose bucket the caller already holds (`at(atMs)`, with no `at` since): the engine's
   * arrivals, which would otherwise find the bucket a second time per request.
   */
  liveIn(bucket: Bucket, atMs: number, liveEntries: number, liveTokens: number): void {
    if (atMs >= this.horizonMs) return;
    bucket.liveEntries = liveEntries;
    bucket.liveTokens = liveTokens;
  }

  /** Doubles the width until the buckets fit: each pair [2k, 2k+1] becomes one bucket, its live state the later one's. */
  private coarsen(): void {
    while (this.list.length > this.maxBuckets) {
      this.width *= 2;
      const merged = rebin(
        this.list,
        this.width,
        (b, startMs) => ({ ...b, startMs }),
        (into, b) => {
          into.requests += b.requests;
          into.hits += b.hits;
          into.pings += b.pings;
          for (const counts of b.tokens.ledgers()) addCounts(into.tokens.for(counts.model), counts);
          into.liveEntries = b.liveEntries;
          into.liveTokens = b.liveTokens;
        },
      );
      this.list = merged;
    }
  }
}
