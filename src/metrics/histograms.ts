// metrics/ (layer 7): the idle gap before each request of one policy's run, binned at model/'s
// DURATION_EDGES_MS (GapRecorder, fed from the engine's onRequest, outside its loop), and the gap shares
// the reports and tune's reasons quote. Entry lifetimes and reads are binned where an entry ends
// (cache/prefix-cache.ts) and built into histograms by model/histogram-bins.ts.
import type { Request } from '../model/request.js';
import { DURATION_EDGES_MS, durationBinOf } from '../model/histogram-bins.js';
import { FIVE_MINUTES_MS, HOUR_MS } from '../model/time.js';
import { IdColumns } from '../util/id-columns.js';

/** Idle gaps before requests of the same thread; a thread's first request has no gap and is not counted. */
export interface GapHistogram {
  /** DURATION_EDGES_MS: bin 0 is [0, edgesMs[0]), bin k is [edgesMs[k−1], edgesMs[k]), the last is ≥ the last edge. */
  readonly edgesMs: readonly number[];
  /** Gaps per bin (edgesMs.length + 1 bins). */
  readonly requests: readonly number[];
  /** Of those, the requests that read at least one cached token under this policy. */
  readonly hits: readonly number[];
}

/**
 * The gap before each request of one stream. A replay offers the same requests to every policy, so it keeps
 * one clock for all of them. Each thread's last atMs is in a column of a util/id-columns.ts: an array load for
 * a thread the reader numbered, else one Map lookup per request.
 */
export class GapClock {
  /** The numbered threads' last atMs: a column of `rows`, beside the caller's own per-thread numbers. */
  private readonly numbered: IdColumns;
  private readonly numberedColumn: number;
  /** The other threads' (and all of them without `rows`). */
  private readonly others: IdColumns;
  private readonly othersColumn: number;

  /**
   * `rows`: a table the pass's per-session costs keep their columns in (verdict/collect.ts), so that a
   * numbered thread's last arrival sits in the row its costs sit in: one cache miss per request for both,
   * not one each (100,000 keys: docs/performance.md). Only numbered threads go there: their session is the
   * thread (Request.threadIndex), so the row is first written by the same request either way and the
   * table's first-seen order stays the sessions' own. Other ids may be one thread's and another's session.
   */
  constructor(rows?: IdColumns) {
    this.others = new IdColumns();
    this.othersColumn = this.others.addColumn();
    this.numbered = rows ?? this.others;
    this.numberedColumn = rows === undefined ? this.othersColumn : rows.addColumn();
  }

  /** The gap bin of `request` (−1 for its thread's first request); call once per request, in arrival order. */
  next(request: Request): number {
    const index = request.threadIndex;
    const previousMs =
      index === undefined
        ? this.others.swap(request.threadId, undefined, this.othersColumn, request.atMs)
        : this.numbered.swap(request.threadId, index, this.numberedColumn, request.atMs);
    return previousMs !== previousMs ? -1 : durationBinOf(request.atMs - previousMs);
  }
}

/** Bins one policy's requests by the gap since the same thread's previous request, and which of them hit. */
export class GapRecorder {
  private readonly clock = new GapClock();
  private readonly requests = new Array<number>(DURATION_EDGES_MS.length + 1).fill(0);
  private readonly hits = new Array<number>(DURATION_EDGES_MS.length + 1).fill(0);

  /** Call once per request, in arrival order, with the tokens it read (ServeOutcome.readTokens). */
  record(request: Request, readTokens: number): void {
    this.count(this.clock.next(request), readTokens);
  }

  /** Counts a request whose gap bin a shared GapClock gave (−1: a first request, not counted). */
  count(bin: number, readTokens: number): void {
    if (bin < 0) return;
    this.requests[bin]++;
    if (readTokens > 0) this.hits[bin]++;
  }

  histogram(): GapHistogram {
    return { edgesMs: [...DURATION_EDGES_MS], requests: [...this.requests], hits: [...this.hits] };
  }
}

/** Where the idle gaps fall against the 5-minute and 1-hour lines, as shares of all of them. */
export interface GapShares {
  readonly under5m: number;
  readonly from5mTo1h: number;
  readonly over1h: number;
  readonly gaps: number;
}

/** Shares of idle gaps under 5 minutes, between 5 minutes and an hour, and over an hour. */
export function gapShares(policy: {
  readonly gaps?: { readonly edgesMs: readonly number[]; readonly requests: readonly number[] };
}): GapShares | null {
  const gaps = policy.gaps;
  if (gaps === undefined) return null;
  let under5m = 0;
  let from5mTo1h = 0;
  let over1h = 0;
  gaps.requests.forEach((count, k) => {
    const fromMs = k === 0 ? 0 : gaps.edgesMs[k - 1];
    if (fromMs < FIVE_MINUTES_MS) under5m += count;
    else if (fromMs < HOUR_MS) from5mTo1h += count;
    else over1h += count;
  });
  const total = under5m + from5mTo1h + over1h;
  return total === 0
    ? null
    : { under5m: under5m / total, from5mTo1h: from5mTo1h / total, over1h: over1h / total, gaps: total };
}
