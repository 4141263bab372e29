// The sweep report's charts (charts 9a and 9b): total cost along the swept axis — per TTL one line per
// refresh family (fixed, sliding, and no-cache for reference), or per parameter value one line per
// policy — and, for a grid of two parameters, a winner map of the cheapest policy in each cell. PURE.
import type { TopLevelSpec } from 'vega-lite';
import type { SweepAxisInfo, SweepPoint, SweepResult } from '../../sweep/result.js';
import { bestOfCells, refreshFamily } from '../../sweep/result.js';
import type { Chart } from './policy-charts.js';
import { CONFIG, HEIGHT, SCHEMA, WIDTH, chartFrame, policyColor } from './style.js';

/** Refresh families of a TTL sweep and their colours (sliding blue, fixed vermillion). */
const FAMILIES = { domain: ['sliding', 'fixed'], range: ['#0072B2', '#D55E00'] };
const PANEL_COLUMNS = 3;

export function sweepCharts(result: SweepResult): Chart[] {
  const charts = [costAlongAxis(result)];
  if (result.params.length === 2) charts.push(winnerMap(result));
  return charts;
}

/** A duration axis in a readable unit; other kinds as they are. */
function axisScale(axis: SweepAxisInfo): { divide: number; unit: string } {
  if (axis.kind !== 'duration')
    return { divide: 1, unit: axis.kind === 'rate' ? `per ${String(axis.values[0].written).split('/')[1]}` : '' };
  const largestMs = Math.max(...axis.values.map((v) => v.numeric));
  if (largestMs < 120_000) return { divide: 1000, unit: 'seconds' };
  if (largestMs < 2 * 86_400_000) return { divide: 60_000, unit: 'minutes' };
  return { divide: 3_600_000, unit: 'hours' };
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

/** 9a. Cost along the swept axis (the TTL if swept, else the first parameter), faceted by the other axes. */
function costAlongAxis(result: SweepResult): Chart {
  const byTtl = result.ttl !== null;
  const axis = result.ttl ?? result.params[0];
  const others = byTtl
    ? result.params.map((p, i) => ({ p, i }))
    : result.params.slice(1).map((p, i) => ({ p, i: i + 1 }));
  const { divide, unit } = axisScale(axis);
  const panelOf = (point: SweepPoint) => others.map(({ p, i }) => `${p.path}=${point.params[i].written}`).join(', ');
  // Under --ttl, no-cache does not depend on the TTL: it is in the tooltips' savings, not a line that
  // would flatten the others.
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
  const color = byTtl
    ? { scale: FAMILIES, legend: { title: 'refresh' } }
    : policyColor(result.points[0].policies.map((p) => p.policy));
  const notes = [unit, isLog(axis) ? 'log scale' : ''].filter((note) => note !== '');
  // Faceted, each column repeats the axis title: the field's last part then, the chart title names it.
  const axisName = byTtl ? 'TTL' : others.length === 0 ? axis.path : axis.path.split('.').slice(-1)[0];
  const xs = values.map((v) => v.x);
  const encoding = {
    x: {
      field: 'x',
      type: 'quantitative' as const,
      title: `${axisName}${notes.length === 0 ? '' : ` (${notes.join(', ')})`}`,
      scale: isLog(axis)
        ? { type: 'log' as const, nice: false, domain: [Math.min(...xs), Math.max(...xs)] }
        : { zero: false },
    },
    y: { field: 'usd', type: 'quantitative' as const, title: 'total cost (USD)', axis: { format: '$,.2f' } },
    color: { field: 'series', type: 'nominal' as const, ...color },
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
  const layer = [
    { mark: { type: 'line' as const, strokeWidth: 2 } },
    { mark: { type: 'point' as const, filled: true, size: 45 }, encoding: { tooltip } },
  ];
  const title = {
    text: byTtl ? 'Cost by TTL' : `Cost by ${axis.path}`,
    subtitle: byTtl
      ? 'Total cost at each TTL: a fixed entry expires a TTL after its write, a sliding one a TTL after its last read (every TTL up to 5m slides)'
      : `Total cost of each policy at each value of ${axis.path}`,
  };
  if (others.length === 0) {
    return {
      key: 'sweep-cost',
      spec: { $schema: SCHEMA, title, width: WIDTH, height: HEIGHT, config: CONFIG, data: { values }, encoding, layer },
    };
  }
  const panels = [...new Set(values.map((v) => v.panel))];
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    title,
    config: CONFIG,
    data: { values },
    facet: { field: 'panel', type: 'nominal', sort: panels, title: null },
    columns: Math.min(PANEL_COLUMNS, panels.length),
    spec: {
      width: Math.floor(WIDTH / Math.min(PANEL_COLUMNS, panels.length)) - 20,
      height: Math.floor(HEIGHT * 0.7),
      encoding,
      layer,
    },
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
  const color = policyColor(winners);
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
            color: { field: 'cheapest', type: 'nominal', scale: color.scale, legend: { title: 'cheapest policy' } },
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
