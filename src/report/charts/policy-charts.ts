// The charts every report has (issue 4, charts 1–7): cost, hit rates, cost/hit rate/occupancy over time,
// idle gaps against the 5-minute and 1-hour lines, and the entry lifetimes and reads behind wasted
// writes. Each is a Vega-Lite spec built from the policy summaries alone (PURE), typed with vega-lite.
import type { TopLevelSpec } from 'vega-lite';
import type { PolicySummary } from '../../metrics/summarise.js';
import { formatDuration } from '../../model/format.js';
import { CATEGORIES, CONFIG, OKABE_ITO, SCHEMA, WIDTH, chartFrame, policyColor } from './style.js';
import { MINUTE_MS } from '../../model/time.js';

export interface Chart {
  /** Stable id: file names (`charts/<key>.vl.json`) and the page's element ids. */
  readonly key: string;
  readonly spec: TopLevelSpec;
}

/** A log axis of seconds labelled as durations (1s, 10s, 1m, 5m, 10m, 30m, 1h, 6h, 1d, 7d). */
const DURATION_AXIS = {
  values: [1, 10, 60, 300, 600, 1800, 3600, 21600, 86400, 604800],
  labelExpr:
    "datum.value >= 86400 ? datum.value / 86400 + 'd' : datum.value >= 3600 ? datum.value / 3600 + 'h' : datum.value >= 60 ? datum.value / 60 + 'm' : datum.value + 's'",
};

/** Time series longer than this are merged into this many points (a chart cannot show more anyway). */
export const MAX_SERIES_POINTS = 400;

const frame = chartFrame;

/**
 * `startEpochMs`: when simulated time 0 was (a replay of dated logs), so time axes show dates; omitted
 * for synthetic runs, whose axes count time from the start.
 */
export function policyCharts(policies: readonly PolicySummary[], startEpochMs?: number): Chart[] {
  const names = policies.map((p) => p.policy);
  const color = policyColor(names);
  const byCost = [...policies].sort((a, b) => a.costUsd.total - b.costUsd.total).map((p) => p.policy);
  const charts: Chart[] = [
    costByCategory(policies, byCost),
    hitRates(policies, byCost, color),
    ...overTime(policies, color, startEpochMs),
  ];
  const gaps = gapHistogram(policies);
  if (gaps !== null) charts.push(gaps);
  const lifetimes = entryLifetimes(policies, color);
  if (lifetimes !== null) charts.push(lifetimes);
  const reads = readsPerEntry(policies, color);
  if (reads !== null) charts.push(reads);
  return charts;
}

/** 1. Cost by policy, stacked by category. */
function costByCategory(policies: readonly PolicySummary[], byCost: string[]): Chart {
  const values = policies.flatMap((p) =>
    CATEGORIES.map((c, order) => ({
      policy: p.policy,
      category: c.label,
      order,
      usd: p.costUsd[c.key],
      totalUsd: p.costUsd.total,
    })).filter((v) => v.usd > 0),
  );
  return {
    key: 'cost-by-policy',
    spec: {
      ...frame(
        'Cost by policy',
        'Total cost of the same requests under each policy, by what was billed; cheapest at the top',
      ),
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'policy', type: 'nominal', sort: byCost, title: null },
        x: { field: 'usd', type: 'quantitative', stack: 'zero', title: 'cost (USD)', axis: { format: '$,.2f' } },
        color: {
          field: 'category',
          type: 'nominal',
          title: 'billed as',
          scale: { domain: CATEGORIES.map((c) => c.label), range: CATEGORIES.map((c) => c.color) },
        },
        order: { field: 'order', type: 'quantitative' },
        tooltip: [
          { field: 'policy', type: 'nominal' },
          { field: 'category', type: 'nominal', title: 'billed as' },
          { field: 'usd', type: 'quantitative', title: 'cost', format: '$,.4f' },
          { field: 'totalUsd', type: 'quantitative', title: 'policy total', format: '$,.2f' },
        ],
      },
    },
  };
}

/** 2. Request and token hit rate by policy. */
function hitRates(policies: readonly PolicySummary[], byCost: string[], color: ReturnType<typeof policyColor>): Chart {
  const values = policies.flatMap((p) => [
    { policy: p.policy, metric: 'request hit rate', rate: p.hitRate, count: p.hits, of: p.requests },
    {
      policy: p.policy,
      metric: 'token hit rate',
      rate: p.tokenHitRate,
      count: p.tokens.cacheRead,
      of: p.tokens.input + p.tokens.cacheWrite5m + p.tokens.cacheWrite1h + p.tokens.cacheRead,
    },
  ]);
  return {
    key: 'hit-rates',
    spec: {
      ...frame(
        'Hit rates by policy',
        'Requests that read any cached token, and the share of prompt tokens read from the cache',
      ),
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'policy', type: 'nominal', sort: byCost, title: null },
        yOffset: { field: 'metric', type: 'nominal' },
        x: {
          field: 'rate',
          type: 'quantitative',
          title: 'hit rate',
          axis: { format: '.0%' },
          scale: { domain: [0, 1] },
        },
        color: { field: 'policy', type: 'nominal', ...color },
        opacity: {
          field: 'metric',
          type: 'ordinal',
          sort: ['request hit rate', 'token hit rate'],
          title: 'measure',
          scale: { domain: ['request hit rate', 'token hit rate'], range: [1, 0.55] },
        },
        tooltip: [
          { field: 'policy', type: 'nominal' },
          { field: 'metric', type: 'nominal', title: 'measure' },
          { field: 'rate', type: 'quantitative', format: '.1%' },
          { field: 'count', type: 'quantitative', title: 'hits (requests or tokens)', format: ',' },
          { field: 'of', type: 'quantitative', title: 'of', format: ',' },
        ],
      },
    },
  };
}

interface SeriesPoint {
  policy: string;
  /** End of the bucket: time since the start in the axis unit, or an ISO date for dated logs. */
  at: number | string;
  requests: number;
  hits: number;
  costUsd: number;
  cumulativeUsd: number;
  liveTokens: number;
  hitRate: number | null;
}

/** The time series of every policy, merged into at most MAX_SERIES_POINTS buckets. */
function seriesPoints(
  policies: readonly PolicySummary[],
  axisMs: number,
  startEpochMs: number | undefined,
): { points: SeriesPoint[]; bucketMs: number; merged: number } {
  const first = policies[0]?.timeseries;
  const count = first?.startMs.length ?? 0;
  const merged = Math.max(1, Math.ceil(count / MAX_SERIES_POINTS));
  const points: SeriesPoint[] = [];
  for (const p of policies) {
    const s = p.timeseries;
    let cumulativeUsd = 0;
    for (let k = 0; k < s.startMs.length; k += merged) {
      let requests = 0;
      let hits = 0;
      let costUsd = 0;
      const end = Math.min(s.startMs.length, k + merged);
      for (let j = k; j < end; j++) {
        requests += s.requests[j];
        hits += s.hits[j];
        costUsd += s.costUsd[j];
      }
      cumulativeUsd += costUsd;
      // Occupancy is a level, not a flow: the value when the merged bucket closed.
      const endMs = s.startMs[end - 1] + s.bucketMs;
      const at = startEpochMs === undefined ? endMs / axisMs : new Date(startEpochMs + endMs).toISOString();
      points.push({
        policy: p.policy,
        at,
        requests,
        hits,
        costUsd,
        cumulativeUsd,
        liveTokens: s.liveTokens[end - 1],
        hitRate: requests === 0 ? null : hits / requests,
      });
    }
  }
  return { points, bucketMs: (first?.bucketMs ?? 0) * merged, merged };
}

/** The unit of a time axis counted from the start: minutes up to two days, then hours, then days. */
function axisUnit(horizonMs: number): { ms: number; name: string } {
  if (horizonMs <= 2 * 86_400_000) return { ms: MINUTE_MS, name: 'minutes' };
  if (horizonMs <= 14 * 86_400_000) return { ms: 3_600_000, name: 'hours' };
  return { ms: 86_400_000, name: 'days' };
}

/** 3–5. Cumulative cost, hit rate per bucket and live cached tokens over time, one line per policy. */
function overTime(
  policies: readonly PolicySummary[],
  color: ReturnType<typeof policyColor>,
  startEpochMs: number | undefined,
): Chart[] {
  const series = policies[0]?.timeseries;
  const horizonMs =
    series === undefined || series.startMs.length === 0
      ? MINUTE_MS
      : series.startMs[series.startMs.length - 1] + series.bucketMs;
  const unit = axisUnit(horizonMs);
  const { points, bucketMs, merged } = seriesPoints(policies, unit.ms, startEpochMs);
  const per = `per ${formatDuration(bucketMs)} bucket${merged > 1 ? ` (the run's ${formatDuration(bucketMs / merged)} buckets merged ${merged} to 1 to keep ${MAX_SERIES_POINTS} points at most)` : ''}`;
  const x =
    startEpochMs === undefined
      ? {
          field: 'at',
          type: 'quantitative' as const,
          title: `time since the start (${unit.name})`,
          scale: { nice: false },
          axis: { labelOverlap: 'greedy' as const, tickMinStep: 1 },
        }
      : // A utc scale: ticks at UTC boundaries and labels in UTC, whatever the zone of the machine or browser.
        {
          field: 'at',
          type: 'temporal' as const,
          title: 'time (UTC)',
          scale: { type: 'utc' as const },
          axis: { labelOverlap: 'greedy' as const },
        };
  const tooltip = (field: string, title: string, format: string) => [
    { field: 'policy', type: 'nominal' as const },
    startEpochMs === undefined
      ? { field: 'at', type: 'quantitative' as const, title: `bucket end (${unit.name})`, format: ',.1f' }
      : // A tooltip has no scale: the utc time unit makes vega-lite format it with utcFormat.
        {
          field: 'at',
          type: 'temporal' as const,
          timeUnit: 'utcyearmonthdatehoursminutes' as const,
          title: 'bucket end (UTC)',
          format: '%Y-%m-%d %H:%M',
        },
    { field, type: 'quantitative' as const, title, format },
  ];
  const line = (
    key: string,
    title: string,
    subtitle: string,
    field: string,
    yTitle: string,
    format: string,
    axisFormat: string,
  ): Chart => ({
    key,
    spec: {
      ...frame(title, subtitle),
      data: { values: points },
      mark: {
        type: 'line',
        point: points.length <= 2 * policies.length * 60,
        interpolate: 'step-after',
        tooltip: true,
      },
      encoding: {
        x,
        y: { field, type: 'quantitative', title: yTitle, axis: { format: axisFormat } },
        color: { field: 'policy', type: 'nominal', ...color },
        tooltip: tooltip(field, yTitle, format),
      },
    },
  });
  return [
    line(
      'cumulative-cost',
      'Cumulative cost over time',
      `Running total of what each policy has cost, ${per}`,
      'cumulativeUsd',
      'cumulative cost (USD)',
      '$,.4f',
      '$,.2f',
    ),
    line(
      'hit-rate-over-time',
      'Hit rate over time',
      `Requests that read from the cache, ${per}`,
      'hitRate',
      'hit rate',
      '.1%',
      '.0%',
    ),
    line(
      'occupancy',
      'Cached tokens over time',
      `Tokens held in live cache entries at the end of each bucket, ${per}`,
      'liveTokens',
      'live cached tokens',
      ',',
      '~s',
    ),
  ];
}

/** Bins as [from, to) ms; the first starts at 0, shown from half a second on the log axis. */
function bins(edgesMs: readonly number[]): { fromMs: number; toMs: number; label: string }[] {
  const all = [0, ...edgesMs];
  return all.map((from, k) => {
    const to = k + 1 < all.length ? all[k + 1] : from * 2;
    const label = k + 1 < all.length ? `${formatDuration(from)}–${formatDuration(to)}` : `≥ ${formatDuration(from)}`;
    return { fromMs: from === 0 ? 500 : from, toMs: to, label };
  });
}

/** The policies that hit most gaps of a bin, as one label: "5m, 1h", "1h" or "none". */
function hittingPolicies(policies: readonly PolicySummary[], k: number): string {
  const hitting = policies.filter(
    (p) =>
      p.policy !== 'no-cache' &&
      p.gaps !== undefined &&
      p.gaps.requests[k] > 0 &&
      p.gaps.hits[k] * 2 >= p.gaps.requests[k],
  );
  return hitting.length === 0 ? 'none' : hitting.map((p) => p.policy).join(', ');
}

/** 6. Idle gaps on a log time axis, rules at 5 minutes and 1 hour, bars coloured by the policies that hit across them. */
function gapHistogram(policies: readonly PolicySummary[]): Chart | null {
  const gaps = policies[0]?.gaps;
  if (gaps === undefined) return null;
  const total = gaps.requests.reduce((a, b) => a + b, 0);
  const values = bins(gaps.edgesMs)
    .map((bin, k) => ({
      ...bin,
      gaps: gaps.requests[k],
      share: total === 0 ? 0 : gaps.requests[k] / total,
      hitBy: hittingPolicies(policies, k),
    }))
    .filter((v) => v.gaps > 0)
    .map((v) => ({ ...v, fromS: v.fromMs / 1000, toS: v.toMs / 1000 }));
  const labels = [...new Set(values.map((v) => v.hitBy))];
  return {
    key: 'idle-gaps',
    spec: {
      ...frame(
        'Idle gaps between requests',
        "Time since the same thread's previous request, log scale; coloured by the policies that hit most gaps of each bin",
      ),
      layer: [
        {
          data: { values },
          mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
          encoding: {
            x: {
              field: 'fromS',
              type: 'quantitative',
              scale: { type: 'log' },
              title: 'idle gap (log scale)',
              axis: DURATION_AXIS,
            },
            x2: { field: 'toS' },
            y: { field: 'gaps', type: 'quantitative', title: 'gaps' },
            color: {
              field: 'hitBy',
              type: 'nominal',
              title: 'hit by',
              legend: { labelLimit: 420 },
              scale: {
                domain: labels,
                range: labels.map((label, i) => (label === 'none' ? '#bbbbbb' : OKABE_ITO[i % OKABE_ITO.length])),
              },
            },
            tooltip: [
              { field: 'label', type: 'nominal', title: 'gap' },
              { field: 'gaps', type: 'quantitative', format: ',' },
              { field: 'share', type: 'quantitative', title: 'share of gaps', format: '.1%' },
              { field: 'hitBy', type: 'nominal', title: 'hit by' },
            ],
          },
        },
        {
          data: {
            values: [
              { atS: 300, label: '5 minutes' },
              { atS: 3600, label: '1 hour' },
            ],
          },
          mark: { type: 'rule', strokeDash: [4, 3], color: '#333333' },
          encoding: {
            x: { field: 'atS', type: 'quantitative' },
            tooltip: [{ field: 'label', type: 'nominal', title: 'TTL' }],
          },
        },
        {
          data: {
            values: [
              { atS: 300, label: '5m' },
              { atS: 3600, label: '1h' },
            ],
          },
          mark: { type: 'text', align: 'left', dx: 3, dy: -4, baseline: 'top', y: 0, color: '#333333' },
          encoding: {
            x: { field: 'atS', type: 'quantitative' },
            text: { field: 'label' },
            tooltip: [{ field: 'label', type: 'nominal', title: 'TTL' }],
          },
        },
      ],
    },
  };
}

/** 7a. How long entries lived, one row per policy, the part of each bar that ended unread (wasted) darker. */
function entryLifetimes(policies: readonly PolicySummary[], color: ReturnType<typeof policyColor>): Chart | null {
  const caching = policies.filter((p) => p.entryLifetimes !== undefined && p.entryLifetimes.entries.some((n) => n > 0));
  if (caching.length === 0) return null;
  const values = caching.flatMap((p) =>
    bins(p.entryLifetimes!.edgesMs)
      .map((bin, k) => ({
        policy: p.policy,
        ...bin,
        fromS: bin.fromMs / 1000,
        toS: bin.toMs / 1000,
        entries: p.entryLifetimes!.entries[k],
        wasted: p.entryLifetimes!.wasted[k],
      }))
      .filter((v) => v.entries > 0),
  );
  const x = {
    field: 'fromS',
    type: 'quantitative' as const,
    scale: { type: 'log' as const },
    title: 'lifetime from write to end (log scale)',
    axis: DURATION_AXIS,
  };
  const tooltip = [
    { field: 'policy', type: 'nominal' as const },
    { field: 'label', type: 'nominal' as const, title: 'lifetime' },
    { field: 'entries', type: 'quantitative' as const, title: 'entries ended', format: ',' },
    { field: 'wasted', type: 'quantitative' as const, title: 'of which unread', format: ',' },
  ];
  return {
    key: 'entry-lifetimes',
    spec: {
      $schema: SCHEMA,
      title: {
        text: 'Entry lifetimes',
        subtitle:
          'How long cache entries lived, per policy (log scale); the darker part of each bar ended without a read (a wasted write)',
      },
      config: CONFIG,
      data: { values },
      facet: {
        row: {
          field: 'policy',
          type: 'nominal',
          sort: caching.map((p) => p.policy),
          title: null,
          header: { labelAngle: 0, labelAlign: 'left' },
        },
      },
      resolve: { scale: { y: 'independent' } },
      spec: {
        width: WIDTH - 80,
        height: 70,
        layer: [
          {
            mark: { type: 'rect', opacity: 0.45, stroke: 'white', strokeWidth: 0.5 },
            encoding: {
              x,
              x2: { field: 'toS' },
              y: { field: 'entries', type: 'quantitative', title: 'entries' },
              color: { field: 'policy', type: 'nominal', ...color },
              tooltip,
            },
          },
          {
            mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
            encoding: {
              x,
              x2: { field: 'toS' },
              y: { field: 'wasted', type: 'quantitative' },
              color: { field: 'policy', type: 'nominal', ...color },
              tooltip,
            },
          },
        ],
      },
    },
  };
}

/** 7b. Reads per entry: the distribution behind wasted writes (0 reads) and write payback. */
function readsPerEntry(policies: readonly PolicySummary[], color: ReturnType<typeof policyColor>): Chart | null {
  const caching = policies.filter((p) => p.readsPerEntry !== undefined && p.readsPerEntry.entries.some((n) => n > 0));
  if (caching.length === 0) return null;
  const labels = caching[0].readsPerEntry!.labels;
  const values = caching.flatMap((p) => {
    const total = p.readsPerEntry!.entries.reduce((a, b) => a + b, 0);
    return labels.map((reads, k) => ({
      policy: p.policy,
      reads,
      entries: p.readsPerEntry!.entries[k],
      share: total === 0 ? 0 : p.readsPerEntry!.entries[k] / total,
    }));
  });
  return {
    key: 'reads-per-entry',
    spec: {
      ...frame(
        'Reads per cache entry',
        "Share of each policy's entries by how often they were read before they ended; 0 = a wasted write",
      ),
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        x: {
          field: 'reads',
          type: 'ordinal',
          sort: [...labels],
          title: 'reads before the entry ended',
          axis: { labelAngle: 0 },
        },
        xOffset: { field: 'policy', type: 'nominal', sort: caching.map((p) => p.policy) },
        y: { field: 'share', type: 'quantitative', title: 'share of entries', axis: { format: '.0%' } },
        color: { field: 'policy', type: 'nominal', ...color },
        tooltip: [
          { field: 'policy', type: 'nominal' },
          { field: 'reads', type: 'ordinal' },
          { field: 'entries', type: 'quantitative', format: ',' },
          { field: 'share', type: 'quantitative', format: '.1%' },
        ],
      },
    },
  };
}
