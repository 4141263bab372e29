// metrics/ (layer 7), PURE: sparse time series (engine/timeseries.ts) re-binned to a wider bucket and merged,
// by the engine's own rule. A missing bucket had no event: zero counts, and the live state of the last
// bucket before it. Re-binning to a doubled width is exact (pairs merge, the later live state wins), and
// the number of non-empty buckets never grows under it; so a shard's width is at most the unsplit run's,
// and merging every shard at the widest shard width, then doubling while the union holds more than the
// cap, gives exactly the unsplit width and buckets (docs/scale.md).
import { MAX_SERIES_BUCKETS } from '../engine/timeseries.js';
import type { TimeSeries } from './summarise.js';
import { rebin } from '../util/rebin.js';

/** One series with its bucket costs unrounded (a merge sums them, then rounds once). */
export interface SeriesPart {
  readonly series: TimeSeries;
  readonly costUsd: readonly number[];
}

interface Row {
  startMs: number;
  requests: number;
  hits: number;
  keepalivePings: number;
  costUsd: number;
  liveEntries: number;
  liveTokens: number;
}

const rowsOf = ({ series: s, costUsd }: SeriesPart): Row[] =>
  s.startMs.map((startMs, k) => ({
    startMs,
    requests: s.requests[k],
    hits: s.hits[k],
    keepalivePings: s.keepalivePings[k],
    costUsd: costUsd[k],
    liveEntries: s.liveEntries[k],
    liveTokens: s.liveTokens[k],
  }));

/** Rows (in time order) at `widthMs`, a power-of-two multiple of their width: counts summed, the last live state kept. */
function rebinRows(rows: readonly Row[], fromMs: number, widthMs: number): Row[] {
  if (widthMs === fromMs) return rows.map((r) => ({ ...r }));
  if (widthMs < fromMs || (widthMs / fromMs) % 1 !== 0)
    throw new Error(`cannot re-bin ${fromMs} ms buckets to ${widthMs} ms`);
  return rebin(
    rows,
    widthMs,
    (r, startMs) => ({ ...r, startMs }),
    (into, r) => {
      into.requests += r.requests;
      into.hits += r.hits;
      into.keepalivePings += r.keepalivePings;
      into.costUsd += r.costUsd;
      into.liveEntries = r.liveEntries;
      into.liveTokens = r.liveTokens;
    },
  );
}

function toPart(rows: readonly Row[], bucketMs: number, roundUsd: (usd: number) => number): SeriesPart {
  const costUsd = rows.map((r) => r.costUsd);
  return {
    series: {
      bucketMs,
      startMs: rows.map((r) => r.startMs),
      requests: rows.map((r) => r.requests),
      hits: rows.map((r) => r.hits),
      keepalivePings: rows.map((r) => r.keepalivePings),
      costUsd: costUsd.map(roundUsd),
      liveEntries: rows.map((r) => r.liveEntries),
      liveTokens: rows.map((r) => r.liveTokens),
    },
    costUsd,
  };
}

/** One series at a wider bucket (a power-of-two multiple of its own): what a chart draws several policies on. */
export function rebinSeries(series: TimeSeries, widthMs: number): TimeSeries {
  const rows = rebinRows(rowsOf({ series, costUsd: series.costUsd }), series.bucketMs, widthMs);
  return toPart(rows, widthMs, (usd) => usd).series;
}

/**
 * The series of one policy from its shards' series: each re-binned to the widest shard width, summed
 * bucket by bucket (a shard with no bucket there contributes no counts and its last live state), then
 * doubled while more than `maxBuckets` are non-empty, as the unsplit run's recorder does.
 */
export function mergeSeries(
  parts: readonly SeriesPart[],
  roundUsd: (usd: number) => number,
  maxBuckets: number = MAX_SERIES_BUCKETS,
): SeriesPart {
  let widthMs = Math.max(...parts.map((p) => p.series.bucketMs));
  const shards = parts.map((p) => rebinRows(rowsOf(p), p.series.bucketMs, widthMs));
  const starts = [...new Set(shards.flatMap((rows) => rows.map((r) => r.startMs)))].sort((a, b) => a - b);
  const next = shards.map(() => 0);
  const live = shards.map(() => ({ entries: 0, tokens: 0 }));
  let rows: Row[] = starts.map((startMs) => {
    const row: Row = { startMs, requests: 0, hits: 0, keepalivePings: 0, costUsd: 0, liveEntries: 0, liveTokens: 0 };
    shards.forEach((own, s) => {
      const r = own[next[s]];
      if (r !== undefined && r.startMs === startMs) {
        row.requests += r.requests;
        row.hits += r.hits;
        row.keepalivePings += r.keepalivePings;
        row.costUsd += r.costUsd;
        live[s] = { entries: r.liveEntries, tokens: r.liveTokens };
        next[s]++;
      }
      row.liveEntries += live[s].entries;
      row.liveTokens += live[s].tokens;
    });
    return row;
  });
  while (rows.length > maxBuckets) {
    rows = rebinRows(rows, widthMs, widthMs * 2);
    widthMs *= 2;
  }
  return toPart(rows, widthMs, roundUsd);
}
