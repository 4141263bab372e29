// Charts 6–7: idle gaps against the sold TTLs, entry lifetimes and reads per entry (the distributions
// behind wasted writes). Idle-gap bands are not policies: they take the neutral palette. Legends list
// only the policies drawn. PURE.
import type { PolicySummary } from '../../metrics/summarise.js';
import type { Chart } from './chart.js';
import { formatDuration } from '../../model/format.js';
import { DURATION_LOG_AXIS } from './durations.js';
import { NEUTRAL, policyScale } from './palette.js';
import { CONFIG, SCHEMA, WIDTH, chartFrame as frame, wrapSubtitle } from './style.js';

/** Bands of idle gaps against the sold TTLs, in the neutral palette: they are not policies. */
const BANDS = [
  { label: 'under 5m: every TTL survives', toMs: 300_000, color: NEUTRAL[4] },
  { label: '5m to 1h: only a 1h entry survives', toMs: 3_600_000, color: NEUTRAL[2] },
  { label: 'over 1h: both TTLs have expired', toMs: Infinity, color: NEUTRAL[1] },
];
const bandOf = (fromMs: number): string => BANDS.find((b) => fromMs < b.toMs)!.label;

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
export function gapHistogram(policies: readonly PolicySummary[]): Chart | null {
  const gaps = policies[0]?.gaps;
  if (gaps === undefined) return null;
  const total = gaps.requests.reduce((a, b) => a + b, 0);
  const values = bins(gaps.edgesMs)
    .map((bin, k) => ({
      ...bin,
      gaps: gaps.requests[k],
      share: total === 0 ? 0 : gaps.requests[k] / total,
      hitBy: hittingPolicies(policies, k),
      band: bandOf(bin.fromMs),
    }))
    .filter((v) => v.gaps > 0)
    .map((v) => ({ ...v, fromS: v.fromMs / 1000, toS: v.toMs / 1000 }));
  const bands = BANDS.filter((b) => values.some((v) => v.band === b.label));
  return {
    key: 'idle-gaps',
    spec: {
      ...frame(
        'Idle gaps between requests',
        "Time since the same thread's previous request, log scale, shaded by the band it falls in against the sold TTLs; the tooltip names the policies that hit most gaps of each bin",
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
              axis: DURATION_LOG_AXIS,
            },
            x2: { field: 'toS' },
            y: { field: 'gaps', type: 'quantitative', title: 'gaps' },
            color: {
              field: 'band',
              type: 'nominal',
              title: 'idle gap',
              legend: { labelLimit: 320 },
              scale: { domain: bands.map((b) => b.label), range: bands.map((b) => b.color) },
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
export function entryLifetimes(policies: readonly PolicySummary[]): Chart | null {
  const caching = policies.filter((p) => p.entryLifetimes !== undefined && p.entryLifetimes.entries.some((n) => n > 0));
  if (caching.length === 0) return null;
  const color = policyScale(caching.map((p) => p.policy));
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
    axis: DURATION_LOG_AXIS,
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
        subtitle: wrapSubtitle(
          'How long cache entries lived, per policy (log scale); the darker part of each bar ended without a read (a wasted write)',
        ),
      },
      config: CONFIG,
      data: { values },
      facet: {
        row: {
          field: 'policy',
          type: 'nominal',
          sort: caching.map((p) => p.policy),
          title: null,
          header: { labelAngle: 0, labelAlign: 'left', labelLimit: 170 },
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
              color: { field: 'policy', type: 'nominal', scale: color.scale, legend: null },
              tooltip,
            },
          },
          {
            mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
            encoding: {
              x,
              x2: { field: 'toS' },
              y: { field: 'wasted', type: 'quantitative' },
              color: { field: 'policy', type: 'nominal', scale: color.scale, legend: null },
              tooltip,
            },
          },
        ],
      },
    },
  };
}

/** 7b. Reads per entry: the distribution behind wasted writes (0 reads) and write payback. */
export function readsPerEntry(policies: readonly PolicySummary[]): Chart | null {
  const caching = policies.filter((p) => p.readsPerEntry !== undefined && p.readsPerEntry.entries.some((n) => n > 0));
  if (caching.length === 0) return null;
  const labels = caching[0].readsPerEntry!.labels;
  const color = policyScale(caching.map((p) => p.policy));
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
