// Fixed-edge distributions of one policy's run, for the report's charts: the idle gap before each
// request (GapRecorder, fed from the engine's onRequest, outside its loop), and how long ended entries
// lived and how often they were read (counted by cache/prefix-cache.ts where an entry ends).
import type { Request } from '../workload/request.js';

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * Bin edges (ms) of the gap and lifetime histograms, log-spaced from 1s to 1w. Bin 0 is [0, 1s), bin k
 * is [edge[k−1], edge[k]), the last bin is ≥ 1w: edges.length + 1 bins. 5m and 1h are edges, so a gap
 * of exactly 5m falls in the bin starting at 5m and "just under 5 minutes" is the bin [4m, 5m).
 */
export const DURATION_EDGES_MS: readonly number[] = Object.freeze([
  1 * SECOND_MS,
  2 * SECOND_MS,
  5 * SECOND_MS,
  10 * SECOND_MS,
  20 * SECOND_MS,
  30 * SECOND_MS,
  1 * MINUTE_MS,
  2 * MINUTE_MS,
  3 * MINUTE_MS,
  4 * MINUTE_MS,
  5 * MINUTE_MS,
  6 * MINUTE_MS,
  8 * MINUTE_MS,
  10 * MINUTE_MS,
  15 * MINUTE_MS,
  20 * MINUTE_MS,
  30 * MINUTE_MS,
  45 * MINUTE_MS,
  1 * HOUR_MS,
  1.5 * HOUR_MS,
  2 * HOUR_MS,
  3 * HOUR_MS,
  6 * HOUR_MS,
  12 * HOUR_MS,
  1 * DAY_MS,
  2 * DAY_MS,
  7 * DAY_MS,
]);

/**
 * Lower bounds of the reads-per-entry bins after the first (0 reads): bin k holds the entries whose read
 * count is ≥ edge[k−1] and < edge[k]. Below 5 reads the bin index is the read count itself.
 */
export const READS_EDGES: readonly number[] = Object.freeze([1, 2, 3, 4, 5, 10, 20, 50, 100]);

/** Labels of the reads-per-entry bins, one per bin. */
export const READS_LABELS: readonly string[] = Object.freeze([
  '0',
  '1',
  '2',
  '3',
  '4',
  '5–9',
  '10–19',
  '20–49',
  '50–99',
  '100+',
]);

/** Idle gaps before requests of the same thread; a thread's first request has no gap and is not counted. */
export interface GapHistogram {
  /** DURATION_EDGES_MS: bin 0 is [0, edgesMs[0]), bin k is [edgesMs[k−1], edgesMs[k]), the last is ≥ the last edge. */
  readonly edgesMs: readonly number[];
  /** Gaps per bin (edgesMs.length + 1 bins). */
  readonly requests: readonly number[];
  /** Of those, the requests that read at least one cached token under this policy. */
  readonly hits: readonly number[];
}

/** Lifetimes (end − write, ms) of the entries that ended, by expiry or eviction. */
export interface EntryLifetimeHistogram {
  /** DURATION_EDGES_MS, binned as in GapHistogram. */
  readonly edgesMs: readonly number[];
  /** Ended entries per bin; they sum to `expirations`. */
  readonly entries: readonly number[];
  /** Of those, the entries that ended unread; they sum to `wastedWrites`. */
  readonly wasted: readonly number[];
}

/** Read counts of the entries that ended. */
export interface ReadsHistogram {
  /** READS_LABELS: "0" … "4", "5–9", "10–19", "20–49", "50–99", "100+". */
  readonly labels: readonly string[];
  /** Ended entries per bin; they sum to `expirations`, and the first bin is `wastedWrites`. */
  readonly entries: readonly number[];
}

/** The bin of `value` for ascending `edges`: the number of edges ≤ value (a binary search, no allocation). */
export function binOf(edges: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (edges[mid] <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The gap before each request of one stream: a Map threadId → the thread's last atMs. A replay offers the
 * same requests to every policy, so it keeps one clock for all of them (one Map, one lookup per request).
 */
export class GapClock {
  private readonly lastAtMs = new Map<string, number>();

  /** The gap bin of `request` (−1 for its thread's first request); call once per request, in arrival order. */
  next(request: Request): number {
    const previousMs = this.lastAtMs.get(request.threadId);
    this.lastAtMs.set(request.threadId, request.atMs);
    return previousMs === undefined ? -1 : binOf(DURATION_EDGES_MS, request.atMs - previousMs);
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

/** The lifetime histogram from the cache's per-bin counts. */
export function entryLifetimeHistogram(entries: ArrayLike<number>, wasted: ArrayLike<number>): EntryLifetimeHistogram {
  return { edgesMs: [...DURATION_EDGES_MS], entries: Array.from(entries), wasted: Array.from(wasted) };
}

/** The reads-per-entry histogram from the cache's per-bin counts. */
export function readsHistogram(entries: ArrayLike<number>): ReadsHistogram {
  return { labels: [...READS_LABELS], entries: Array.from(entries) };
}
