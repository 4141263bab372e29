// Active time (issue 13): a 249-day log of a few busy days must not squash every session into slivers, so
// the time charts draw the stretches with requests and collapse each idle stretch of 2h or more between
// them into a narrow marked gap. The series are sparse (engine/timeseries.ts: a missing bucket saw no
// event, and kept the live state of the one before); they are put on one grid at the widest policy's
// bucket, and groups follow real time inside a stretch, so a quiet quarter of an hour still draws flat.
// Groups merge only when the active time holds too many buckets to draw. PURE.
import type { TimeSeries } from '../../metrics/summarise.js';
import { rebinSeries } from '../../metrics/sparse-series.js';
import { HOUR_MS } from '../../model/time.js';

/** Time series longer than this are merged into this many points (a chart cannot show more anyway). */
export const MAX_SERIES_POINTS = 400;

/** An idle stretch this long (and at least four buckets) is collapsed. */
export const COLLAPSE_IDLE_MS = 2 * HOUR_MS;

/** A run of time drawn as one point: [startMs, endMs) in real time since the start. */
export interface Group {
  readonly startMs: number;
  readonly endMs: number;
  /** Where the group starts and ends on the active-time axis (ms). */
  readonly activeStartMs: number;
  readonly activeEndMs: number;
  /** Index of the active segment it belongs to. */
  readonly segment: number;
}

/** A collapsed idle stretch: where it sits on the active axis, and how long it really was. */
export interface IdleMark {
  readonly activeMs: number;
  /** Real time since the start at which activity resumed. */
  readonly resumeMs: number;
  readonly idleMs: number;
}

export interface ActiveLayout {
  readonly groups: readonly Group[];
  readonly idle: readonly IdleMark[];
  /** The series' bucket: the widest of the policies' (the others are re-binned to it). */
  readonly bucketMs: number;
  /** Width of one group (ms): the bucket times the merge factor. */
  readonly groupMs: number;
  readonly merged: number;
  readonly activeSpanMs: number;
  /** Real time (ms since the start) where the active axis starts. */
  readonly originMs: number;
  /** Each policy's series at `bucketMs`, in the order given. */
  readonly series: readonly TimeSeries[];
}

/** Lays out the policies' time series on one active-time axis. */
export function activeLayout(list: readonly TimeSeries[]): ActiveLayout {
  const bucketMs = Math.max(0, ...list.map((s) => s.bucketMs));
  const empty = { groups: [], idle: [], bucketMs, groupMs: bucketMs, merged: 1, activeSpanMs: 0, originMs: 0 };
  if (list.length === 0 || bucketMs === 0) return { ...empty, series: list };
  const series = list.map((s) => (s.bucketMs === bucketMs ? s : rebinSeries(s, bucketMs)));
  // Every policy sees the same requests: the busy buckets are those where any series counts one.
  const busy = [...new Set(series.flatMap((s) => s.startMs.filter((_, k) => s.requests[k] > 0)))].sort((a, b) => a - b);
  if (busy.length === 0) return { ...empty, series };
  // Segments [start, end) of real time: busy buckets joined across pauses shorter than the collapse.
  const minIdleMs = Math.max(4 * bucketMs, COLLAPSE_IDLE_MS);
  const segments: [number, number][] = [[busy[0], busy[0] + bucketMs]];
  for (const startMs of busy.slice(1)) {
    const last = segments[segments.length - 1];
    if (startMs - last[1] < minIdleMs) last[1] = startMs + bucketMs;
    else segments.push([startMs, startMs + bucketMs]);
  }
  const activeBuckets = segments.reduce((sum, [from, to]) => sum + (to - from) / bucketMs, 0);
  const merged = Math.max(1, Math.ceil(activeBuckets / MAX_SERIES_POINTS));
  const groupMs = bucketMs * merged;
  // Each collapsed stretch takes one group's width on the axis, so the gap is visible but narrow.
  const groups: Group[] = [];
  const idle: IdleMark[] = [];
  let activeMs = 0;
  segments.forEach(([from, to], s) => {
    if (s > 0) {
      activeMs += groupMs;
      idle.push({ activeMs, resumeMs: from, idleMs: from - segments[s - 1][1] });
    }
    for (let g = from; g < to; g += groupMs) {
      const end = Math.min(to, g + groupMs);
      groups.push({ startMs: g, endMs: end, activeStartMs: activeMs, activeEndMs: activeMs + end - g, segment: s });
      activeMs += end - g;
    }
  });
  return { groups, idle, bucketMs, groupMs, merged, activeSpanMs: activeMs, originMs: segments[0][0], series };
}

/** One policy's figures over one group, and what came before it (idle stretches included). */
export interface GroupFigures {
  readonly requests: number;
  readonly hits: number;
  readonly costUsd: number;
  /** Cost of everything before the group (pings and expiries in collapsed stretches included). */
  readonly costBeforeUsd: number;
  /** Live tokens when the group started and when it ended (a missing bucket keeps the level before it). */
  readonly liveTokensBefore: number;
  readonly liveTokensAfter: number;
}

/** Walks one series (at the layout's bucket) along the groups. */
export function groupFigures(series: TimeSeries, groups: readonly Group[]): GroupFigures[] {
  const out: GroupFigures[] = [];
  let k = 0;
  let costUsd = 0;
  let liveTokens = 0;
  const take = (untilMs: number) => {
    let requests = 0;
    let hits = 0;
    let usd = 0;
    for (; k < series.startMs.length && series.startMs[k] < untilMs; k++) {
      requests += series.requests[k];
      hits += series.hits[k];
      usd += series.costUsd[k];
      liveTokens = series.liveTokens[k];
    }
    costUsd += usd;
    return { requests, hits, usd };
  };
  for (const g of groups) {
    take(g.startMs);
    const before = { costUsd, liveTokens };
    const { requests, hits, usd } = take(g.endMs);
    out.push({
      requests,
      hits,
      costUsd: usd,
      costBeforeUsd: before.costUsd,
      liveTokensBefore: before.liveTokens,
      liveTokensAfter: liveTokens,
    });
  }
  return out;
}
