// `tune`'s chart (issue 4, chart 10): every policy evaluated, cost against hit rate, the Pareto front
// (no other policy is both cheaper and hits more) highlighted, and the offline optimum (a yardstick: a bound
// only where threads share no prefix).
import type { PolicySummary } from '../../metrics/summarise.js';
import type { Chart } from './policy-charts.js';
import { HEIGHT, chartFrame } from './style.js';

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

export function tuneChart(policies: readonly PolicySummary[], recommended: string): Chart {
  const evaluated = policies.filter((p) => p.policy !== 'oracle');
  const front = paretoFront(evaluated);
  const values = evaluated.map((p) => ({
    policy: p.policy,
    costUsd: p.costUsd.total,
    hitRate: p.hitRate,
    savings: p.savingsVsNoCache,
    group: p.policy === recommended ? 'recommended' : front.has(p.policy) ? 'Pareto front' : 'dominated',
  }));
  const frontLine = values.filter((v) => v.group !== 'dominated').sort((a, b) => a.hitRate - b.hitRate);
  const oracle = policies.find((p) => p.policy === 'oracle');
  const groups = ['recommended', 'Pareto front', 'dominated'];
  return {
    key: 'tune-pareto',
    spec: {
      ...chartFrame(
        'Cost against hit rate, every policy evaluated',
        `The Pareto front joins the policies no other beats on both; ${oracle === undefined ? 'no offline optimum was evaluated' : 'the dashed line is the offline optimum (oracle); where threads share a prefix, policies that share it can cost less'}`,
        HEIGHT + 80,
      ),
      layer: [
        {
          data: { values: frontLine },
          mark: { type: 'line', color: '#009E73', strokeWidth: 1.5 },
          encoding: {
            x: {
              field: 'hitRate',
              type: 'quantitative',
              title: 'request hit rate',
              axis: { format: '.0%' },
              scale: { zero: false },
            },
            y: {
              field: 'costUsd',
              type: 'quantitative',
              title: 'total cost (USD)',
              axis: { format: '$,.2f' },
              scale: { zero: false },
            },
          },
        },
        {
          data: { values },
          mark: { type: 'point', filled: true, size: 90 },
          encoding: {
            x: { field: 'hitRate', type: 'quantitative' },
            y: { field: 'costUsd', type: 'quantitative' },
            color: {
              field: 'group',
              type: 'nominal',
              title: null,
              scale: { domain: groups, range: ['#D55E00', '#009E73', '#999999'] },
            },
            shape: {
              field: 'group',
              type: 'nominal',
              title: null,
              scale: { domain: groups, range: ['diamond', 'circle', 'circle'] },
            },
            tooltip: [
              { field: 'policy', type: 'nominal' },
              { field: 'costUsd', type: 'quantitative', title: 'cost', format: '$,.4f' },
              { field: 'hitRate', type: 'quantitative', title: 'hit rate', format: '.1%' },
              { field: 'savings', type: 'quantitative', title: 'saves vs no cache', format: '.1%' },
              { field: 'group', type: 'nominal', title: 'group' },
            ],
          },
        },
        ...(oracle === undefined
          ? []
          : [
              {
                data: { values: [{ costUsd: oracle.costUsd.total, label: 'oracle (offline optimum)' }] },
                mark: { type: 'rule' as const, strokeDash: [5, 4], color: '#000000' },
                encoding: {
                  y: { field: 'costUsd', type: 'quantitative' as const },
                  tooltip: [
                    { field: 'label', type: 'nominal' as const, title: 'bound' },
                    { field: 'costUsd', type: 'quantitative' as const, title: 'cost', format: '$,.4f' },
                  ],
                },
              },
            ]),
      ],
    },
  };
}
