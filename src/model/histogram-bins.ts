// model/ (layer 0, imports nothing): the fixed bins of the run's distributions, shared by cache/ (which
// bins each ended entry's lifetime and reads), engine/ (which returns the counts as histograms) and
// metrics/ (which bins the idle gaps before requests).
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from './time.js';

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
 * binOf(DURATION_EDGES_MS, ms) without a search, for the gap clock's one call per request (a binary search
 * over 27 edges is five hard-to-predict branches; docs/performance.md). Every edge under a minute is a whole
 * second and every edge from a minute on a whole minute, so a duration's bin is its whole seconds' bin under
 * a minute and its whole minutes' bin up to the last edge: two small tables, read at the floor of a division.
 * Anything else (from the last edge on, negative, NaN) takes binOf itself. Equal to binOf for every number:
 * test/metrics/histograms.test.ts.
 */
export function durationBinOf(ms: number): number {
  if (ms >= 0 && ms < MINUTE_MS) return BIN_BY_SECOND[Math.floor(ms / SECOND_MS)];
  if (ms >= MINUTE_MS && ms < LAST_EDGE_MS) return BIN_BY_MINUTE[Math.floor(ms / MINUTE_MS)];
  return binOf(DURATION_EDGES_MS, ms);
}

const LAST_EDGE_MS = DURATION_EDGES_MS[DURATION_EDGES_MS.length - 1];

/**
 * bin[k] = binOf(DURATION_EDGES_MS, k × unitMs) for k × unitMs < untilMs, the bin of every duration in
 * [k × unitMs, (k + 1) × unitMs) from `fromMs` on when no edge falls inside one: throws if one does.
 */
function binsByUnit(unitMs: number, fromMs: number, untilMs: number): Uint8Array {
  for (const edge of DURATION_EDGES_MS)
    if (edge > fromMs && edge < untilMs && edge % unitMs !== 0)
      throw new Error(`duration edge ${edge} ms is not a whole ${unitMs} ms: durationBinOf needs another table`);
  const bins = new Uint8Array(Math.ceil(untilMs / unitMs));
  for (let k = 0; k < bins.length; k++) bins[k] = binOf(DURATION_EDGES_MS, k * unitMs);
  return bins;
}

const BIN_BY_SECOND = binsByUnit(SECOND_MS, 0, MINUTE_MS);
const BIN_BY_MINUTE = binsByUnit(MINUTE_MS, MINUTE_MS, LAST_EDGE_MS);

/** The lifetime histogram from the cache's per-bin counts. */
export function entryLifetimeHistogram(entries: ArrayLike<number>, wasted: ArrayLike<number>): EntryLifetimeHistogram {
  return { edgesMs: [...DURATION_EDGES_MS], entries: Array.from(entries), wasted: Array.from(wasted) };
}

/** The reads-per-entry histogram from the cache's per-bin counts. */
export function readsHistogram(entries: ArrayLike<number>): ReadsHistogram {
  return { labels: [...READS_LABELS], entries: Array.from(entries) };
}
