// Charts 1a and 1b: what each policy costs, drawn so the policies that matter can be told apart (issue 13).
// 1a draws each policy's saving (or extra cost) against the verdict's baseline as a bar from the baseline's
// cost, on a scale zoomed to the caching policies; no-cache, which would flatten everything, is a reference
// rule or an annotated off-scale bar. 1b splits each cost by what was billed, in neutral greys. PURE.
import { byCost as cheapestFirst, type PolicySummary } from '../../metrics/summarise.js';
import type { Chart, ChartVerdict } from './chart.js';
import { formatPercent, formatUsd } from '../../model/format.js';
import { policyScale } from './palette.js';
import { CATEGORIES, WIDTH, chartFrame } from './style.js';

/** The scale of a cost axis: the caching policies and the baseline; anything beyond is off scale. */
export function costDomain(
  policies: readonly PolicySummary[],
  baseline: ChartVerdict['baseline'],
  rightRoom = 0.08,
): [number, number] {
  const shown = policies.filter((p) => p.policy !== 'no-cache').map((p) => p.costUsd.total);
  if (baseline.policy !== 'no-cache') shown.push(baseline.costUsd);
  if (shown.length === 0) shown.push(...policies.map((p) => p.costUsd.total));
  const lo = Math.min(...shown);
  const hi = Math.max(...shown);
  // A margin on the left so no bar starts on the frame, and room on the right for the labels.
  const range = Math.max(hi - lo, hi * 0.01, 0.0001);
  return [Math.max(0, lo - range * 0.08), hi + range * rightRoom];
}

const HIGHLIGHT = (verdict: ChartVerdict) => ({
  condition: { test: `datum.value === ${JSON.stringify(verdict.policy)}`, value: 'bold' as const },
  value: 'normal' as const,
});

/** Axis label weight for the policy axis: the verdict's policy in bold. */
export const policyAxis = (verdict: ChartVerdict) => ({ labelFontWeight: HIGHLIGHT(verdict), labelLimit: 220 });

/** The policy axis of the cost bars: cheapest at the top, the verdict's name in bold. */
const policyY = (ordered: readonly PolicySummary[], verdict: ChartVerdict) => ({
  field: 'policy',
  type: 'nominal' as const,
  sort: ordered.map((p) => p.policy),
  title: null,
  axis: policyAxis(verdict),
});

/** 1a. Saving against the baseline, per policy, cheapest at the top. */
export function savingChart(policies: readonly PolicySummary[], verdict: ChartVerdict): Chart {
  const byCost = cheapestFirst(policies);
  // Labels sit right of each bar: room for them on the right of the scale.
  const [lo, hi] = costDomain(policies, verdict.baseline, 0.75);
  const base = verdict.baseline.costUsd;
  const clamp = (usd: number) => Math.min(hi, Math.max(lo, usd));
  const values = byCost.map((p) => {
    const savingUsd = base - p.costUsd.total;
    const offScale = p.costUsd.total > hi || p.costUsd.total < lo;
    const share = base === 0 ? 0 : savingUsd / base;
    const label =
      p.policy === verdict.baseline.policy
        ? `baseline ${formatUsd(base)}`
        : `${savingUsd >= 0 ? 'saves' : 'costs'} ${formatUsd(Math.abs(savingUsd))} (${formatPercent(Math.abs(share))}${savingUsd >= 0 ? '' : ' more'})${offScale ? ` · ${formatUsd(p.costUsd.total)}, off scale` : ''}`;
    return {
      policy: p.policy,
      costUsd: p.costUsd.total,
      shownUsd: clamp(p.costUsd.total),
      baseUsd: clamp(base),
      savingUsd,
      share,
      label: `${label}${p.policy === verdict.policy ? ' ◀ verdict' : ''}`,
      // Labels right of the bar, whichever end is its right one.
      labelAt: clamp(Math.max(p.costUsd.total, base)),
    };
  });
  const color = policyScale(
    values.map((v) => v.policy),
    null,
  );
  const noCache = policies.find((p) => p.policy === 'no-cache');
  const x = {
    type: 'quantitative' as const,
    title: `cost (USD); the bar runs from the baseline, ${verdict.baseline.policy} (${formatUsd(base)})`,
    scale: { domain: [lo, hi], nice: false, zero: false },
    axis: { format: '$,.2f', labelOverlap: 'greedy' as const },
  };
  const tooltip = [
    { field: 'policy', type: 'nominal' as const },
    { field: 'costUsd', type: 'quantitative' as const, title: 'cost', format: '$,.4f' },
    {
      field: 'savingUsd',
      type: 'quantitative' as const,
      title: `saves vs ${verdict.baseline.policy}`,
      format: '$,.4f',
    },
    { field: 'share', type: 'quantitative' as const, title: 'saves (share)', format: '.1%' },
  ];
  const y = policyY(byCost, verdict);
  const noCacheNote =
    noCache === undefined || noCache.policy === verdict.baseline.policy
      ? ''
      : noCache.costUsd.total > hi
        ? `; no-cache (${formatUsd(noCache.costUsd.total)}) is off the scale to the right`
        : '; the grey dotted line is no-cache';
  return {
    key: 'cost-by-policy',
    spec: {
      ...chartFrame(
        'Cost by policy against the baseline',
        `What each policy saves (bar to the left) or adds (to the right) against ${verdict.baseline.policy}, the baseline; the verdict's policy in bold${noCacheNote}`,
        Math.max(120, 26 * values.length),
      ),
      // Narrower than the other charts: the labels right of the bars need the room.
      width: WIDTH - 100,
      data: { values },
      layer: [
        {
          mark: { type: 'bar', clip: true, height: { band: 0.7 } },
          encoding: {
            y,
            x: { field: 'shownUsd', ...x },
            x2: { field: 'baseUsd' },
            color: { field: 'policy', type: 'nominal', ...color },
            stroke: {
              condition: { test: `datum.policy === ${JSON.stringify(verdict.policy)}`, value: '#000000' },
              value: null,
            },
            tooltip,
          },
        },
        {
          mark: { type: 'tick', color: '#222222', thickness: 2, clip: true },
          encoding: { y, x: { field: 'shownUsd', ...x }, tooltip },
        },
        {
          mark: { type: 'text', fontSize: 11, dx: 5, align: 'left', baseline: 'middle', color: '#222222' },
          encoding: { y, x: { field: 'labelAt', ...x }, text: { field: 'label' }, tooltip },
        },
        {
          data: {
            values: [
              {
                at: clamp(base),
                label: `baseline ${verdict.baseline.policy} ${formatUsd(base)}${base > hi ? ', off scale' : ''}`,
              },
            ],
          },
          mark: { type: 'rule', strokeDash: [4, 3], color: '#333333' },
          encoding: { x: { field: 'at', ...x }, tooltip: [{ field: 'label', type: 'nominal', title: 'reference' }] },
        },
        ...(noCache === undefined || noCache.costUsd.total > hi || noCache.policy === verdict.baseline.policy
          ? []
          : [
              {
                data: { values: [{ at: noCache.costUsd.total, label: 'no-cache' }] },
                mark: { type: 'rule' as const, strokeDash: [1, 3], color: '#8C8C8C', strokeWidth: 2 },
                encoding: {
                  x: { field: 'at', ...x },
                  tooltip: [{ field: 'label', type: 'nominal' as const, title: 'reference' }],
                },
              },
            ]),
      ],
    },
  };
}

/** 1b. Each policy's cost split by what was billed (neutral greys: categories are not policies). */
export function costByCategory(policies: readonly PolicySummary[], verdict: ChartVerdict): Chart {
  const byCost = cheapestFirst(policies);
  const [, hi] = costDomain(policies, { policy: 'no-cache', costUsd: 0 });
  const values = policies.flatMap((p) =>
    CATEGORIES.map((c, order) => ({
      policy: p.policy,
      category: c.label,
      order,
      usd: p.costUsd[c.key],
      totalUsd: p.costUsd.total,
    })).filter((v) => v.usd > 0),
  );
  // No legend entry without data: storage appears only when some policy paid for it.
  const present = CATEGORIES.filter((c) => values.some((v) => v.category === c.label));
  const offScale = byCost
    .filter((p) => p.costUsd.total > hi)
    .map((p) => ({ policy: p.policy, at: hi, label: `${formatUsd(p.costUsd.total)} ▸ off scale` }));
  const y = policyY(byCost, verdict);
  const x = {
    type: 'quantitative' as const,
    title: 'cost (USD)',
    scale: { domain: [0, hi], nice: false },
    axis: { format: '$,.2f', labelOverlap: 'greedy' as const },
  };
  return {
    key: 'cost-by-category',
    spec: {
      ...chartFrame(
        'What each policy was billed for',
        `The same costs split by category${offScale.length === 0 ? '' : `; the scale stops at the caching policies, so ${offScale.map((o) => o.policy).join(', ')} runs off it`}`,
        Math.max(120, 26 * byCost.length),
      ),
      layer: [
        {
          data: { values },
          mark: { type: 'bar', clip: true },
          encoding: {
            y,
            x: { field: 'usd', stack: 'zero', ...x },
            color: {
              field: 'category',
              type: 'nominal',
              title: 'billed as',
              scale: { domain: present.map((c) => c.label), range: present.map((c) => c.color) },
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
        ...(offScale.length === 0
          ? []
          : [
              {
                data: { values: offScale },
                mark: {
                  type: 'text' as const,
                  align: 'right' as const,
                  dx: -4,
                  baseline: 'middle' as const,
                  color: '#ffffff',
                  fontWeight: 'bold' as const,
                },
                encoding: {
                  y,
                  x: { field: 'at', ...x },
                  text: { field: 'label' },
                  tooltip: [{ field: 'label', type: 'nominal' as const, title: 'total' }],
                },
              },
            ]),
      ],
    },
  };
}
