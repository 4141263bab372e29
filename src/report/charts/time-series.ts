// Charts 3–5: the saving against the baseline accumulating over time, the hit rate over the last hour,
// and the tokens held in the cache, one line per policy, on an axis of active time in durations (issue 13:
// no raw minutes; idle stretches collapsed and marked with when activity resumed). PURE.
import type { PolicySummary } from '../../metrics/summarise.js';
import type { Chart, ChartVerdict } from './chart.js';
import { formatDuration } from '../../model/format.js';
import { HOUR_MS } from '../../model/time.js';
import { activeLayout, groupFigures, MAX_SERIES_POINTS, type ActiveLayout } from './active-time.js';
import { durationLabelExpr, durationTicksMs } from './durations.js';
import { policyScale } from './palette.js';
import { chartFrame } from './style.js';

interface SeriesPoint {
  policy: string;
  /** End of the group on the active-time axis (ms). */
  at: number;
  /** When the group ended: `2025-06-08 11:15 UTC`, or `10h15m` since the start of a synthetic run. */
  when: string;
  requests: number;
  costUsd: number;
  /** Cumulative cost minus the verdict policy's over the same buckets: what choosing this one instead adds. */
  extraUsd: number;
  hitRate: number | null;
  liveTokens: number;
}

const whenText = (ms: number, startEpochMs: number | undefined): string =>
  startEpochMs === undefined
    ? `${formatDuration(ms) === '0ms' ? '0' : formatDuration(ms)} since the start`
    : `${new Date(startEpochMs + ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function points(
  policies: readonly PolicySummary[],
  layout: ActiveLayout,
  verdict: ChartVerdict,
  startEpochMs: number | undefined,
): SeriesPoint[] {
  // The lines measure each policy against the verdict's policy: how far behind it each falls, over time.
  const at = Math.max(
    0,
    policies.findIndex((p) => p.policy === verdict.policy),
  );
  const figures = layout.series.map((s) => groupFigures(s, layout.groups));
  const base = figures[at];
  // The hit rate over the last hour of activity: one bucket's few requests make a noisy rate.
  const window = Math.max(1, Math.round(HOUR_MS / Math.max(1, layout.groupMs)));
  const out: SeriesPoint[] = [];
  policies.forEach((p, i) => {
    const recent: { requests: number; hits: number }[] = [];
    let segment = -1;
    layout.groups.forEach((g, j) => {
      const f = figures[i][j];
      const b = base[j];
      if (g.segment !== segment) {
        // Each stretch of activity starts with a point at its start, so a line covers its first bucket
        // too; it carries what the collapsed stretch before it cost (keep-alive pings, say).
        recent.length = 0;
        out.push({
          policy: p.policy,
          at: g.activeStartMs,
          when: whenText(g.startMs, startEpochMs),
          requests: 0,
          costUsd: 0,
          extraUsd: f.costBeforeUsd - b.costBeforeUsd,
          hitRate: null,
          liveTokens: f.liveTokensBefore,
        });
      }
      segment = g.segment;
      recent.push({ requests: f.requests, hits: f.hits });
      if (recent.length > window) recent.shift();
      const windowRequests = recent.reduce((a, r) => a + r.requests, 0);
      const windowHits = recent.reduce((a, r) => a + r.hits, 0);
      out.push({
        policy: p.policy,
        at: g.activeEndMs,
        when: whenText(g.endMs, startEpochMs),
        requests: f.requests,
        costUsd: f.costUsd,
        extraUsd: f.costBeforeUsd + f.costUsd - (b.costBeforeUsd + b.costUsd),
        hitRate: windowRequests === 0 ? null : windowHits / windowRequests,
        // Occupancy is a level, not a flow: the value when the group closed.
        liveTokens: f.liveTokensAfter,
      });
    });
  });
  return out;
}

/** The x axis of active time, and the marks of the collapsed idle stretches. */
function timeAxis(layout: ActiveLayout, startEpochMs: number | undefined) {
  const collapsed = layout.idle.length > 0 || layout.originMs > 0;
  const x = {
    field: 'at',
    type: 'quantitative' as const,
    title: collapsed
      ? `active time (idle stretches of 2h or more collapsed; each dashed line says when activity resumed)`
      : 'time since the start',
    scale: { domain: [0, Math.max(layout.activeSpanMs, 1)], nice: false },
    axis: {
      values: durationTicksMs(layout.activeSpanMs, 8),
      labelExpr: durationLabelExpr(1),
      labelOverlap: 'greedy' as const,
    },
  };
  // One label per resumption, skipping those that would overlap the previous one (8% of the axis).
  const marks: { at: number; label: string; idle: string }[] = [];
  const start = { at: 0, label: whenText(layout.originMs, startEpochMs).replace(' since the start', ''), idle: '' };
  if (collapsed) marks.push(start);
  let lastAt = 0;
  for (const mark of layout.idle) {
    const label = `${whenText(mark.resumeMs, startEpochMs).replace(' since the start', '')}`;
    const at = mark.activeMs;
    const shown = at - lastAt >= 0.08 * layout.activeSpanMs;
    if (shown) lastAt = at;
    marks.push({ at, label: shown ? label : '', idle: formatDuration(mark.idleMs) });
  }
  const layers = collapsed
    ? [
        {
          data: { values: marks },
          mark: { type: 'rule' as const, strokeDash: [3, 3], color: '#777777' },
          encoding: {
            x: { field: 'at', type: 'quantitative' as const },
            tooltip: [
              { field: 'label', type: 'nominal' as const, title: 'activity resumed' },
              { field: 'idle', type: 'nominal' as const, title: 'after an idle stretch of' },
            ],
          },
        },
        {
          data: { values: marks.filter((m) => m.label !== '') },
          mark: {
            type: 'text' as const,
            align: 'left' as const,
            baseline: 'top' as const,
            dx: 3,
            y: 2,
            fontSize: 10,
            color: '#555555',
          },
          encoding: { x: { field: 'at', type: 'quantitative' as const }, text: { field: 'label' } },
        },
      ]
    : [];
  return { x, layers };
}

export function overTime(
  policies: readonly PolicySummary[],
  verdict: ChartVerdict,
  startEpochMs: number | undefined,
): Chart[] {
  const layout = activeLayout(policies.map((p) => p.timeseries));
  const all = points(policies, layout, verdict, startEpochMs);
  const { x, layers } = timeAxis(layout, startEpochMs);
  const raw = layout.bucketMs;
  const per = `${formatDuration(layout.groupMs)} buckets${layout.merged > 1 ? ` (the series' ${formatDuration(raw)} buckets merged ${layout.merged} to 1 to keep ${MAX_SERIES_POINTS} points at most)` : ''}`;
  const caching = (p: SeriesPoint) => p.policy !== 'no-cache';
  // Stretches of activity one or two buckets long draw no visible line: mark each point then.
  const sparse = layout.groups.length < 3 * (layout.idle.length + 1);
  const line = (
    key: string,
    title: string,
    subtitle: string,
    values: SeriesPoint[],
    field: 'extraUsd' | 'hitRate' | 'liveTokens',
    yTitle: string,
    format: string,
    axisFormat: string,
    interpolate: 'step-after' | 'linear',
  ): Chart => ({
    key,
    spec: {
      ...chartFrame(title, subtitle),
      layer: [
        {
          data: { values },
          mark: { type: 'line', interpolate, strokeWidth: 1.8, ...(sparse ? { point: { size: 36 } } : {}) },
          encoding: {
            x,
            y: { field, type: 'quantitative', title: yTitle, axis: { format: axisFormat } },
            color: { field: 'policy', type: 'nominal', ...policyScale(values.map((v) => v.policy)) },
            strokeWidth: {
              condition: { test: `datum.policy === ${JSON.stringify(verdict.policy)}`, value: 3 },
              value: 1.6,
            },
          },
        },
        {
          // Invisible points carry the tooltips (a line has one tooltip for all of it).
          data: { values },
          mark: { type: 'point', opacity: 0, size: 40 },
          encoding: {
            x,
            y: { field, type: 'quantitative' },
            tooltip: [
              { field: 'policy', type: 'nominal' },
              { field: 'when', type: 'nominal', title: 'bucket end' },
              { field, type: 'quantitative', title: yTitle, format },
              { field: 'requests', type: 'quantitative', title: 'requests in the bucket', format: ',' },
            ],
          },
        },
        ...layers,
      ],
    },
  });
  const noCache = policies.some((p) => p.policy === 'no-cache')
    ? ' no-cache is left out (it never hits, holds nothing and costs several times more).'
    : '';
  return [
    line(
      'cumulative-cost',
      `Cost against ${verdict.policy} over time`,
      `Running total of what each policy costs more (above 0) or less (below) than ${verdict.policy}, the verdict's policy (the line at 0, drawn thicker); the baseline is ${verdict.baseline.policy}; ${per}.${noCache}`,
      all.filter(caching),
      'extraUsd',
      `cumulative cost − ${verdict.policy} (USD)`,
      '$,.4f',
      '$,.2f',
      'linear',
    ),
    line(
      'hit-rate-over-time',
      'Hit rate over time',
      `Requests that read from the cache over the last hour of activity, at each of the ${per}.${noCache}`,
      all.filter(caching),
      'hitRate',
      'hit rate (last hour)',
      '.1%',
      '.0%',
      'linear',
    ),
    line(
      'occupancy',
      'Cached tokens over time',
      `Tokens held in live cache entries at the end of each of the ${per}.${noCache}`,
      all.filter(caching),
      'liveTokens',
      'live cached tokens',
      ',',
      '~s',
      'step-after',
    ),
  ];
}
