// The sweep report's charts (charts 9a and 9b): total cost along the swept axis — per TTL one line per
// refresh family (fixed, sliding) with no-cache as a reference line and the TTLs providers sell (5m, 1h)
// marked, or per parameter value one line per policy — and, for a grid of two parameters, a winner map
// of the cheapest policy in each cell. Durations read as durations; colours come from palette.ts. PURE.
import type { TopLevelSpec } from 'vega-lite';
import type { SweepAxisInfo, SweepPoint, SweepResult } from '../../sweep/result.js';
import { bestOfCells, refreshFamily } from '../../sweep/result.js';
import type { Chart } from './chart.js';
import { formatUsd } from '../../model/format.js';
import { SOLD_TIERS, durationLabelExpr } from './durations.js';
import { FAMILY_COLOURS, policyScale } from './palette.js';
import { CONFIG, HEIGHT, SCHEMA, WIDTH, chartFrame, wrapSubtitle } from './style.js';

/** Refresh families of a TTL sweep, in the colours of their sold namesakes (1h fixed, 1h sliding). */
const FAMILIES = { domain: ['sliding', 'fixed'], range: [FAMILY_COLOURS['1h-sliding'], FAMILY_COLOURS['1h']] };

/** A TTL a provider sells: 5m (it slides), or 1h fixed (what a 1h entry does unless the profile says it slides). */
const isSold = (row: { x: number; series: string }): boolean =>
  (row.x === 300_000 && row.series === 'sliding') || (row.x === 3_600_000 && row.series === 'fixed');

/** Columns of a facet grid that fills its rows: 2 → 2, 4 → 2×2, 6 → 3×2, 9 → 3×3. */
export const gridColumns = (panels: number): number => (panels <= 3 ? panels : panels === 4 ? 2 : 3);

export function sweepCharts(result: SweepResult): Chart[] {
  const charts = [costAlongAxis(result)];
  if (result.params.length === 2) charts.push(winnerMap(result));
  return charts;
}

/** Durations stay in ms and are labelled `5m`, `1h`; rates say per what; other kinds as they are. */
function axisScale(axis: SweepAxisInfo): { divide: number; unit: string } {
  if (axis.kind !== 'duration')
    return { divide: 1, unit: axis.kind === 'rate' ? `per ${String(axis.values[0].written).split('/')[1]}` : '' };
  return { divide: 1, unit: '' };
}

/** Log unless the user asked for linear spacing or a value is not above zero. */
const isLog = (axis: SweepAxisInfo): boolean => axis.spacing !== 'linear' && axis.values.every((v) => v.numeric > 0);

interface CostRow {
  x: number;
  at: string;
  series: string;
  policy: string;
  usd: number;
  savings: number;
  hitRate: number;
  tokenHitRate: number;
  panel: string;
}

/** Tick values of a duration axis: the values swept, and the sold tiers when they fall inside. */
function durationTicks(axis: SweepAxisInfo, lo: number, hi: number): number[] {
  const values = new Set(axis.values.map((v) => v.numeric));
  for (const tier of SOLD_TIERS) if (tier.ms >= lo && tier.ms <= hi) values.add(tier.ms);
  return [...values].sort((x, y) => x - y);
}

/** 9a. Cost along the swept axis (the TTL if swept, else the first parameter), faceted by the other axes. */
function costAlongAxis(result: SweepResult): Chart {
  const byTtl = result.ttl !== null;
  const axis = result.ttl ?? result.params[0];
  const others = byTtl
    ? result.params.map((p, i) => ({ p, i }))
    : result.params.slice(1).map((p, i) => ({ p, i: i + 1 }));
  const { divide, unit } = axisScale(axis);
  const panelOf = (point: SweepPoint) => others.map(({ p, i }) => `${p.path}=${point.params[i].written}`).join(', ');
  // Under --ttl, no-cache does not depend on the TTL: a horizontal reference line per panel, not a series.
  const values: CostRow[] = result.points.flatMap((point) => {
    const value = byTtl ? point.ttl! : point.params[0];
    return point.policies
      .filter((p) => !byTtl || refreshFamily(p) !== 'no-cache')
      .map((p) => ({
        x: value.numeric / divide,
        at: String(value.written),
        series: byTtl ? refreshFamily(p) : p.policy,
        policy: p.policy,
        usd: p.costUsd.total,
        savings: p.savingsVsNoCache,
        hitRate: p.hitRate,
        tokenHitRate: p.tokenHitRate,
        panel: panelOf(point),
      }));
  });
  const noCache = byTtl
    ? [
        ...new Map(
          result.points.flatMap((point) =>
            point.policies
              .filter((p) => refreshFamily(p) === 'no-cache')
              .map((p) => [panelOf(point), { panel: panelOf(point), usd: p.costUsd.total }] as const),
          ),
        ).values(),
      ]
    : [];
  const color = byTtl
    ? { scale: FAMILIES, legend: { title: 'refresh' } }
    : policyScale(result.points[0].policies.map((p) => p.policy));
  const xs = values.map((v) => v.x);
  const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
  const isDuration = axis.kind === 'duration';
  const notes = [unit, isLog(axis) ? 'log scale' : '', byTtl ? 'dotted: the TTLs providers sell' : ''].filter(
    (note) => note !== '',
  );
  // Faceted, each column repeats the axis title: the field's last part then, the chart title names it.
  const axisName = byTtl ? 'TTL' : others.length === 0 ? axis.path : axis.path.split('.').slice(-1)[0];
  // The y scale stops at the policies swept: a no-cache line far above is drawn at the top, annotated.
  const costs = values.map((v) => v.usd);
  const yMax = Math.max(...costs) * 1.15;
  const yDomain = [0, Math.max(yMax, ...noCache.filter((n) => n.usd <= yMax * 1.6).map((n) => n.usd * 1.08))];
  const x = {
    field: 'x',
    type: 'quantitative' as const,
    title: `${axisName}${notes.length === 0 ? '' : ` (${notes.join('; ')})`}`,
    scale: isLog(axis)
      ? { type: 'log' as const, nice: false, domain: [lo, hi] }
      : { zero: false, nice: false, domain: [lo, hi] },
    axis: isDuration
      ? { values: durationTicks(axis, lo, hi), labelExpr: durationLabelExpr(1), labelOverlap: 'greedy' as const }
      : { labelOverlap: 'greedy' as const },
  };
  const y = {
    field: 'usd',
    type: 'quantitative' as const,
    title: 'total cost (USD)',
    scale: { domain: yDomain, nice: false },
    axis: { format: '$,.2f', labelOverlap: 'greedy' as const },
  };
  const tooltip = [
    { field: 'at', type: 'nominal' as const, title: byTtl ? 'TTL' : axis.path },
    { field: 'policy', type: 'nominal' as const },
    { field: 'usd', type: 'quantitative' as const, title: 'total cost', format: '$,.4f' },
    { field: 'savings', type: 'quantitative' as const, title: 'saves vs no cache', format: '.1%' },
    { field: 'hitRate', type: 'quantitative' as const, title: 'hit rate', format: '.1%' },
    { field: 'tokenHitRate', type: 'quantitative' as const, title: 'token hit rate', format: '.1%' },
    ...(others.length === 0 ? [] : [{ field: 'panel', type: 'nominal' as const, title: 'at' }]),
  ];
  const sold = SOLD_TIERS.filter((t) => byTtl && t.ms >= lo && t.ms <= hi).map((t) => ({
    x: t.ms,
    label: `${t.label} (sold)`,
  }));
  const layer = (rows: CostRow[]) => [
    {
      data: { values: rows },
      mark: { type: 'line' as const, strokeWidth: 2, clip: true },
      encoding: { x, y, color: { field: 'series', type: 'nominal' as const, ...color } },
    },
    {
      data: { values: rows },
      mark: { type: 'point' as const, filled: true, size: 45, clip: true },
      encoding: { x, y, color: { field: 'series', type: 'nominal' as const, ...color }, tooltip },
    },
    ...(sold.length === 0
      ? []
      : [
          {
            data: { values: sold },
            mark: { type: 'rule' as const, strokeDash: [2, 3], color: '#555555' },
            encoding: {
              x: { field: 'x', type: 'quantitative' as const },
              tooltip: [{ field: 'label', type: 'nominal' as const, title: 'TTL' }],
            },
          },
          // At the foot of the plot, inside it: the right-hand tier's label to the left of its line.
          ...(['left', 'right'] as const).map((align) => ({
            data: { values: sold.map((t) => ({ ...t, align: t.x >= hi ? 'right' : 'left' })) },
            transform: [{ filter: `datum.align === '${align}'` }],
            mark: {
              type: 'text' as const,
              align,
              baseline: 'bottom' as const,
              dx: align === 'left' ? 3 : -3,
              y: 'height' as const,
              dy: -2,
              fontSize: 10,
              color: '#555555',
            },
            encoding: { x: { field: 'x', type: 'quantitative' as const }, text: { field: 'label' } },
          })),
        ]),
    ...(byTtl ? cheapestMarks(rows) : []),
  ];
  /** The cheapest point of a panel, and the cheapest a provider sells (5m, or 1h fixed) when it differs. */
  function cheapestMarks(rows: CostRow[]) {
    const sorted = [...rows].sort((a, b) => a.usd - b.usd);
    const best = sorted[0];
    const bought = sorted.find((r) => isSold(r));
    if (best === undefined) return [];
    const marks = [
      { ...best, label: isSold(best) ? `cheapest: ${best.policy}` : `cheapest what-if: ${best.policy} (not sold)` },
    ];
    if (bought !== undefined && bought !== best) marks.push({ ...bought, label: `cheapest sold: ${bought.policy}` });
    return [
      {
        data: { values: marks },
        mark: { type: 'point' as const, size: 160, strokeWidth: 2, color: '#000000', filled: false },
        encoding: { x, y, tooltip },
      },
      {
        data: { values: marks },
        mark: {
          type: 'text' as const,
          align: 'right' as const,
          baseline: 'bottom' as const,
          dx: -6,
          dy: -8,
          fontSize: 10,
          fontWeight: 'bold' as const,
        },
        encoding: { x, y, text: { field: 'label' } },
      },
    ];
  }
  // no-cache per panel: a grey dashed line, or its cost written at the top when it is off the scale.
  const noCacheLayers = (rows: typeof noCache) =>
    rows.length === 0
      ? []
      : [
          {
            data: {
              values: rows.map((n) => ({
                ...n,
                shown: Math.min(n.usd, yDomain[1]),
                label: `no-cache ${formatUsd(n.usd)}${n.usd > yDomain[1] ? ' (above the scale)' : ''}`,
              })),
            },
            mark: { type: 'rule' as const, strokeDash: [6, 3], color: FAMILY_COLOURS['no-cache'], strokeWidth: 2 },
            encoding: {
              y: { field: 'shown', type: 'quantitative' as const },
              tooltip: [{ field: 'label', type: 'nominal' as const, title: 'reference' }],
            },
          },
          {
            data: {
              values: rows.map((n) => ({
                ...n,
                shown: Math.min(n.usd, yDomain[1]),
                label: `no-cache ${formatUsd(n.usd)}${n.usd > yDomain[1] ? ' ↑ above the scale' : ''}`,
              })),
            },
            mark: {
              type: 'text' as const,
              align: 'right' as const,
              baseline: 'bottom' as const,
              dy: -2,
              x: 'width' as const,
              fontSize: 10,
              color: '#555555',
            },
            encoding: { y: { field: 'shown', type: 'quantitative' as const }, text: { field: 'label' } },
          },
        ];
  const title = {
    text: byTtl ? 'Cost by TTL' : `Cost by ${axis.path}`,
    subtitle: wrapSubtitle(
      byTtl
        ? 'Total cost at each TTL: a fixed entry expires a TTL after its write, a sliding one a TTL after its last read (every TTL up to 5m slides); the grey dashed line is no caching'
        : `Total cost of each policy at each value of ${axis.path}`,
    ),
  };
  if (others.length === 0) {
    return {
      key: 'sweep-cost',
      spec: {
        $schema: SCHEMA,
        title,
        width: WIDTH,
        height: HEIGHT,
        config: CONFIG,
        layer: [...layer(values), ...noCacheLayers(noCache)],
      },
    };
  }
  // Faceted: each panel a layer of its own rows (a facet of layers with different data needs the data
  // in one table, so the panels are concatenated views in a grid).
  const panels = [...new Set(values.map((v) => v.panel))];
  const columns = gridColumns(panels.length);
  const panelSpec = (panel: string) => ({
    title: { text: panel, fontSize: 11 },
    width: Math.floor(WIDTH / columns) - 30,
    height: Math.floor(HEIGHT * 0.6),
    layer: [
      ...layer(values.filter((v) => v.panel === panel)),
      ...noCacheLayers(noCache.filter((n) => n.panel === panel)),
    ],
  });
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    title,
    config: CONFIG,
    columns,
    concat: panels.map(panelSpec),
    resolve: { scale: { color: 'shared' } },
  };
  return { key: 'sweep-cost', spec };
}

/** 9b. With two parameters: the cheapest policy in each cell of the grid (over its TTLs, if swept). */
function winnerMap(result: SweepResult): Chart {
  const [a, b] = result.params;
  const cells = bestOfCells(result);
  const values = cells.map(({ point, best }) => ({
    a: String(point.params[0].written),
    b: String(point.params[1].written),
    cheapest: best.policy,
    usd: best.costUsd.total,
    savings: best.savingsVsNoCache,
    hitRate: best.hitRate,
  }));
  // Colours by each winner's first place in the sweep's policy order, so reruns keep them.
  const order = [...new Set(result.points.flatMap((p) => p.policies.map((q) => q.policy)))];
  const winners = order.filter((name) => values.some((v) => v.cheapest === name));
  const color = policyScale(winners, 'cheapest policy');
  const tooltip = [
    { field: 'a', type: 'ordinal' as const, title: a.path },
    { field: 'b', type: 'ordinal' as const, title: b.path },
    { field: 'cheapest', type: 'nominal' as const, title: 'cheapest policy' },
    { field: 'usd', type: 'quantitative' as const, title: 'total cost', format: '$,.4f' },
    { field: 'savings', type: 'quantitative' as const, title: 'saves vs no cache', format: '.1%' },
    { field: 'hitRate', type: 'quantitative' as const, title: 'hit rate', format: '.1%' },
  ];
  return {
    key: 'sweep-winner-map',
    spec: {
      ...chartFrame(
        'Cheapest policy across the grid',
        `The policy that costs least at each value of ${a.path} and ${b.path}${result.ttl === null ? '' : ' (over every TTL swept)'}, and its cost`,
      ),
      data: { values: values.map((v) => ({ ...v, ink: inkOn(color.scale.range[winners.indexOf(v.cheapest)]) })) },
      encoding: {
        x: {
          field: 'a',
          type: 'ordinal',
          sort: a.values.map((v) => String(v.written)),
          title: a.path,
          axis: { labelAngle: 0, labelOverlap: 'greedy', grid: false },
        },
        y: {
          field: 'b',
          type: 'ordinal',
          sort: b.values.map((v) => String(v.written)).reverse(),
          title: b.path,
          axis: { grid: false },
        },
        tooltip,
      },
      layer: [
        {
          mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
          encoding: {
            color: { field: 'cheapest', type: 'nominal', ...color },
          },
        },
        {
          mark: { type: 'text', fontSize: 10 },
          encoding: {
            text: { field: 'usd', type: 'quantitative', format: '$,.2f' },
            color: { field: 'ink', type: 'nominal', scale: null },
          },
        },
      ],
    },
  };
}

/** Black or white text, whichever reads better on a cell of this colour (relative luminance). */
function inkOn(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45 ? '#000000' : '#ffffff';
}
