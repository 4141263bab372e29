// `tune`'s chart (issues 4 and 13, chart 10): every policy evaluated, cost against hit rate, the Pareto
// front (no other policy is both cheaper and hits more), the verdict's policy and the baseline marked, and
// the offline optimum (a yardstick: a bound only where threads share no prefix). Every point is labelled
// with a short name (the full one in its tooltip); the main view zooms on the cheap end, where the answer
// is, and an overview beside it shows every policy with the zoomed region outlined. PURE.
import type { PolicySummary } from '../../metrics/summarise.js';
import type { Chart, ChartVerdict } from './chart.js';
import { formatUsd } from '../../model/format.js';
import { placeLabels } from './label-placement.js';
import { policyScale, shortName } from './palette.js';
import { CONFIG, SCHEMA, wrapSubtitle } from './style.js';

const MAIN = { width: 470, height: 320 };
const OVERVIEW = { width: 170, height: 150 };

/** Points (hit rate, cost) with their label placed clear of the others in a view of `size` over `domain`. */
function labelled<P extends { readonly hitRate: number; readonly costUsd: number }>(
  points: readonly P[],
  text: (p: P) => string,
  domain: { readonly x: [number, number]; readonly y: [number, number] },
  size: { readonly width: number; readonly height: number },
) {
  const placed = placeLabels(
    points.map((p) => ({ x: p.hitRate, y: p.costUsd, text: text(p) })),
    domain.x,
    domain.y,
    size.width,
    size.height,
  );
  return points.map((p, i) => ({ ...p, ...placed[i] }));
}
const GROUPS = ['verdict', 'baseline', 'Pareto front', 'dominated'] as const;

/** Policies not dominated by another: none is at most as costly with at least the hit rate, and better in one. */
export function paretoFront(policies: readonly PolicySummary[]): Set<string> {
  const front = new Set<string>();
  for (const p of policies) {
    const dominated = policies.some(
      (q) =>
        q !== p &&
        q.costUsd.total <= p.costUsd.total &&
        q.hitRate >= p.hitRate &&
        (q.costUsd.total < p.costUsd.total || q.hitRate > p.hitRate),
    );
    if (!dominated) front.add(p.policy);
  }
  return front;
}

/** The zoomed region: from the cheapest policy to twice the verdict's distance from it (at least +25%). */
function zoom(points: readonly { costUsd: number; hitRate: number }[], verdictUsd: number) {
  const costs = points.map((p) => p.costUsd);
  const min = Math.min(...costs);
  const top = Math.max(min + 2 * (verdictUsd - min), min * 1.25, verdictUsd * 1.1);
  const inside = points.filter((p) => p.costUsd <= top);
  const rates = inside.map((p) => p.hitRate);
  const span = Math.max(Math.max(...rates) - Math.min(...rates), 0.02);
  const costSpan = Math.max(top - min, 0.0001);
  return {
    x: [Math.max(0, Math.min(...rates) - span * 0.25), Math.min(1, Math.max(...rates) + span * 0.15)] as [
      number,
      number,
    ],
    y: [Math.max(0, min - costSpan * 0.12), top + costSpan * 0.06] as [number, number],
  };
}

export function tuneChart(policies: readonly PolicySummary[], verdict: ChartVerdict): Chart {
  const evaluated = policies.filter((p) => p.policy !== 'oracle');
  const front = paretoFront(evaluated);
  const groupOf = (name: string) =>
    name === verdict.policy
      ? 'verdict'
      : name === verdict.baseline.policy
        ? 'baseline'
        : front.has(name)
          ? 'Pareto front'
          : 'dominated';
  // The verdict and the baseline first: they get the best label spots.
  const rank = (name: string) => GROUPS.indexOf(groupOf(name));
  const ordered = [...evaluated].sort((a, b) => rank(a.policy) - rank(b.policy) || a.costUsd.total - b.costUsd.total);
  const base = ordered.map((p) => ({
    policy: p.policy,
    short: shortName(p.policy),
    costUsd: p.costUsd.total,
    hitRate: p.hitRate,
    savings: p.savingsVsNoCache,
    group: groupOf(p.policy),
    label: `${shortName(p.policy)}${p.policy === verdict.policy ? ' ◀ verdict' : p.policy === verdict.baseline.policy ? ' (baseline)' : ''}`,
  }));
  const verdictUsd =
    evaluated.find((p) => p.policy === verdict.policy)?.costUsd.total ?? Math.min(...base.map((b) => b.costUsd));
  const z = zoom(base, verdictUsd);
  const inZoom = (p: { costUsd: number; hitRate: number }) =>
    p.costUsd >= z.y[0] && p.costUsd <= z.y[1] && p.hitRate >= z.x[0] && p.hitRate <= z.x[1];
  const zoomed = base.filter(inZoom);
  const mainValues = labelled(zoomed, (p) => p.label, z, MAIN);
  const all = {
    x: [Math.max(0, Math.min(...base.map((p) => p.hitRate)) - 0.05), 1] as [number, number],
    y: [0, Math.max(...base.map((p) => p.costUsd)) * 1.08] as [number, number],
  };
  // The overview names only what the main view leaves out.
  const outside = base.filter((p) => !inZoom(p));
  const overLabels = labelled(outside, (p) => p.short, all, OVERVIEW);
  const color = policyScale(
    base.map((p) => p.policy),
    null,
  );
  const oracle = policies.find((p) => p.policy === 'oracle');
  const tooltip = [
    { field: 'policy', type: 'nominal' as const },
    { field: 'costUsd', type: 'quantitative' as const, title: 'cost', format: '$,.4f' },
    { field: 'hitRate', type: 'quantitative' as const, title: 'hit rate', format: '.1%' },
    { field: 'savings', type: 'quantitative' as const, title: 'saves vs no cache', format: '.1%' },
    { field: 'group', type: 'nominal' as const, title: 'group' },
  ];
  const axes = (domain: { x: [number, number]; y: [number, number] }, titles: boolean) => ({
    x: {
      field: 'hitRate',
      type: 'quantitative' as const,
      title: titles ? 'request hit rate' : null,
      axis: { format: '.0%', labelOverlap: 'greedy' as const, tickCount: titles ? 6 : 3 },
      scale: { domain: domain.x, nice: false, zero: false },
    },
    y: {
      field: 'costUsd',
      type: 'quantitative' as const,
      title: titles ? 'total cost (USD)' : null,
      axis: { format: '$,.2f', labelOverlap: 'greedy' as const, tickCount: titles ? 6 : 3 },
      scale: { domain: domain.y, nice: false, zero: false },
    },
  });
  const mainAxes = axes(z, true);
  const frontLine = mainValues.filter((v) => front.has(v.policy)).sort((a, b) => a.hitRate - b.hitRate);
  const points = (values: object[], size: number, enc: ReturnType<typeof axes>) => ({
    data: { values },
    mark: { type: 'point' as const, filled: true, size, clip: true, stroke: '#000000' },
    encoding: {
      ...enc,
      color: { field: 'policy', type: 'nominal' as const, ...color },
      shape: {
        field: 'group',
        type: 'nominal' as const,
        title: null,
        scale: { domain: [...GROUPS], range: ['diamond', 'square', 'circle', 'triangle-up'] },
      },
      strokeWidth: {
        condition: { test: "datum.group === 'verdict' || datum.group === 'baseline'", value: 2 },
        value: 0,
      },
      opacity: { condition: { test: "datum.group === 'dominated'", value: 0.55 }, value: 1 },
      tooltip,
    },
  });
  const labels = (values: object[], enc: ReturnType<typeof axes>) =>
    (['left', 'right', 'center'] as const).map((align) => ({
      data: { values },
      transform: [{ filter: `datum.align === '${align}'` }],
      mark: { type: 'text' as const, align, baseline: 'middle' as const, fontSize: 10, color: '#222222' },
      encoding: {
        x: { ...enc.x, field: 'labelX' },
        y: { ...enc.y, field: 'labelY' },
        text: { field: 'label' },
        tooltip,
      },
    }));
  const oracleLayers =
    oracle === undefined
      ? []
      : [
          {
            data: { values: [{ costUsd: oracle.costUsd.total, label: `oracle ${formatUsd(oracle.costUsd.total)}` }] },
            mark: { type: 'rule' as const, strokeDash: [5, 4], color: '#000000', clip: true },
            encoding: {
              y: mainAxes.y,
              tooltip: [
                { field: 'label', type: 'nominal' as const, title: 'offline optimum' },
                { field: 'costUsd', type: 'quantitative' as const, title: 'cost', format: '$,.4f' },
              ],
            },
          },
          {
            data: { values: [{ costUsd: oracle.costUsd.total, label: `oracle ${formatUsd(oracle.costUsd.total)}` }] },
            transform: [{ filter: `datum.costUsd >= ${z.y[0]} && datum.costUsd <= ${z.y[1]}` }],
            mark: {
              type: 'text' as const,
              align: 'right' as const,
              baseline: 'bottom' as const,
              x: 'width' as const,
              dy: -2,
              fontSize: 10,
            },
            encoding: { y: mainAxes.y, text: { field: 'label' } },
          },
        ];
  return {
    key: 'tune-pareto',
    spec: {
      $schema: SCHEMA,
      title: {
        text: 'Cost against hit rate, every policy evaluated',
        subtitle: wrapSubtitle([
          `Zoomed on the cheap end (${formatUsd(z.y[0])}–${formatUsd(z.y[1])}); the overview on the right has all ${base.length} policies, the zoomed region outlined.`,
          `◆ the verdict's policy, ■ the baseline (${verdict.baseline.policy}), ▲ dominated; the line joins the Pareto front (no other policy is both cheaper and hits more)${oracle === undefined ? '' : '; dashed: the offline optimum (oracle)'}.`,
        ]),
      },
      config: CONFIG,
      hconcat: [
        {
          ...MAIN,
          layer: [
            {
              data: { values: frontLine },
              mark: { type: 'line', color: '#777777', strokeWidth: 1.2, clip: true },
              encoding: { x: mainAxes.x, y: mainAxes.y },
            },
            ...oracleLayers,
            points(mainValues, 110, mainAxes),
            ...labels(mainValues, mainAxes),
          ],
        },
        {
          ...OVERVIEW,
          title: { text: 'overview: all policies', fontSize: 11 },
          layer: [
            {
              data: { values: [{ x: z.x[0], x2: z.x[1], y: z.y[0], y2: z.y[1] }] },
              mark: { type: 'rect', fill: '#f3f7fb', stroke: '#0072B2', strokeDash: [3, 2] },
              encoding: {
                x: { ...axes(all, false).x, field: 'x' },
                x2: { field: 'x2' },
                y: { ...axes(all, false).y, field: 'y' },
                y2: { field: 'y2' },
              },
            },
            points(base, 35, axes(all, false)),
            ...labels(
              overLabels.map((l) => ({ ...l, label: l.short })),
              axes(all, false),
            ),
          ],
        },
      ],
      resolve: { scale: { color: 'shared', shape: 'shared' } },
    },
  };
}
