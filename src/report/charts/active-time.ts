// Active time (issue 13): a 249-day log of a few busy days must not squash every session into slivers, so
// the time charts draw the buckets that saw requests and collapse each long idle stretch between them into
// a narrow marked gap. Buckets merge only when the ACTIVE buckets are too many to draw. PURE.
import type { TimeSeries } from '../../metrics/summarise.js';
import { HOUR_MS } from '../../model/time.js';

/** Time series longer than this are merged into this many points (a chart cannot show more anyway). */
export const MAX_SERIES_POINTS = 400;

/** An idle stretch this long (and at least four buckets) is collapsed. */
export const COLLAPSE_IDLE_MS = 2 * HOUR_MS;

/** A run of raw buckets drawn as one point. */
export interface Group {
  /** Raw bucket indexes [from, to). */
  readonly from: number;
  readonly to: number;
  /** Where the group ends on the active-time axis (ms). */
  readonly activeEndMs: number;
  /** Where it ends in real time since the start (ms). */
  readonly endMs: number;
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
  /** Width of one group (ms): the raw bucket times the merge factor. */
  readonly groupMs: number;
  readonly merged: number;
  readonly activeSpanMs: number;
  /** Real time (ms since the start) where the active axis starts. */
  readonly originMs: number;
}

/** Lays out a policy's time series (every policy sees the same requests, so any one will do). */
export function activeLayout(series: TimeSeries | undefined): ActiveLayout {
  const count = series?.startMs.length ?? 0;
  const bucketMs = series?.bucketMs ?? 0;
  if (series === undefined || count === 0)
    return { groups: [], idle: [], groupMs: bucketMs, merged: 1, activeSpanMs: 0, originMs: 0 };
  const busy = series.requests.map((r) => r > 0);
  const minIdle = Math.max(4, Math.ceil(COLLAPSE_IDLE_MS / bucketMs));
  // Segments: runs of buckets between idle stretches of at least minIdle empty buckets.
  const segments: [number, number][] = [];
  let k = 0;
  while (k < count) {
    if (!busy[k]) {
      k++;
      continue;
    }
    let end = k + 1;
    let quiet = 0;
    while (end < count && quiet < minIdle) {
      quiet = busy[end] ? 0 : quiet + 1;
      end++;
    }
    const to = quiet >= minIdle ? end - quiet : end;
    segments.push([k, to]);
    k = to;
  }
  if (segments.length === 0) segments.push([0, count]);
  const activeBuckets = segments.reduce((sum, [from, to]) => sum + to - from, 0);
  const merged = Math.max(1, Math.ceil(activeBuckets / MAX_SERIES_POINTS));
  const groupMs = bucketMs * merged;
  // Each collapsed stretch takes one group's width on the axis, so the gap is visible but narrow.
  const groups: Group[] = [];
  const idle: IdleMark[] = [];
  let activeMs = 0;
  segments.forEach(([from, to], s) => {
    if (s > 0) {
      activeMs += groupMs;
      const previousEnd = segments[s - 1][1];
      idle.push({ activeMs, resumeMs: from * bucketMs, idleMs: (from - previousEnd) * bucketMs });
    }
    for (let g = from; g < to; g += merged) {
      const end = Math.min(to, g + merged);
      activeMs += (end - g) * bucketMs;
      groups.push({ from: g, to: end, activeEndMs: activeMs, endMs: end * bucketMs, segment: s });
    }
  });
  return { groups, idle, groupMs, merged, activeSpanMs: activeMs, originMs: segments[0][0] * bucketMs };
}
