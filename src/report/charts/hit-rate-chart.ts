// Chart 2: request and token hit rates, one panel each, on axes that start where the data does (issue 13:
// a 0–100% axis hides 98.0% against 99.8%), the range stated in the subtitle. PURE.
import { byCost, type PolicySummary } from '../../metrics/summarise.js';
import type { Chart, ChartVerdict } from './chart.js';
import { formatPercent } from '../../model/format.js';
import { policyScale } from './palette.js';
import { policyAxis } from './cost-charts.js';
import { CONFIG, SCHEMA, WIDTH, wrapSubtitle } from './style.js';

/** The lower end of a rate axis: a little under the lowest rate, on a whole percent, never below 0. */
export function rateFloor(rates: readonly number[]): number {
  if (rates.length === 0) return 0;
  const lo = Math.min(...rates);
  const hi = Math.max(...rates);
  const below = Math.max((hi - lo) * 0.35, 0.005);
  return Math.max(0, Math.floor((lo - below) * 100) / 100);
}

const MEASURES = [
  { key: 'hitRate', title: 'request hit rate', of: 'requests that read any cached token' },
  { key: 'tokenHitRate', title: 'token hit rate', of: 'prompt tokens read from the cache' },
] as const;

export function hitRateChart(policies: readonly PolicySummary[], verdict: ChartVerdict): Chart {
  // no-cache never hits: a bar at 0% would pull every axis to zero. It is named in the subtitle instead.
  const drawn = byCost(policies.filter((p) => p.policy !== 'no-cache'));
  const left = policies.filter((p) => p.policy === 'no-cache').map((p) => p.policy);
  const color = policyScale(
    drawn.map((p) => p.policy),
    null,
  );
  const floors = MEASURES.map((m) => rateFloor(drawn.map((p) => p[m.key])));
  const panel = (m: (typeof MEASURES)[number], floor: number, first: boolean) => ({
    width: Math.floor(WIDTH / 2) - (first ? 20 : 60),
    height: Math.max(100, 22 * drawn.length),
    title: { text: m.title, fontSize: 12, subtitle: `axis from ${formatPercent(floor)}`, subtitleFontSize: 10 },
    data: {
      values: drawn.map((p) => ({
        policy: p.policy,
        rate: p[m.key],
        label: formatPercent(p[m.key]),
        count: m.key === 'hitRate' ? p.hits : p.tokens.cacheRead,
        of:
          m.key === 'hitRate'
            ? p.requests
            : p.tokens.input + p.tokens.cacheWrite5m + p.tokens.cacheWrite1h + p.tokens.cacheRead,
      })),
    },
    encoding: {
      y: {
        field: 'policy',
        type: 'nominal' as const,
        sort: drawn.map((p) => p.policy),
        title: null,
        axis: first ? policyAxis(verdict) : null,
      },
      x: {
        field: 'rate',
        type: 'quantitative' as const,
        title: m.title,
        scale: { domain: [floor, 1], nice: false, zero: false },
        axis: { format: floor >= 0.9 ? '.1%' : '.0%', tickCount: 4, labelOverlap: 'greedy' as const },
      },
      tooltip: [
        { field: 'policy', type: 'nominal' as const },
        { field: 'rate', type: 'quantitative' as const, title: m.title, format: '.2%' },
        { field: 'count', type: 'quantitative' as const, title: 'hits (requests or tokens)', format: ',' },
        { field: 'of', type: 'quantitative' as const, title: 'of', format: ',' },
      ],
    },
    layer: [
      {
        mark: { type: 'bar' as const, clip: true },
        encoding: { color: { field: 'policy', type: 'nominal' as const, ...color } },
      },
      {
        mark: {
          type: 'text' as const,
          align: 'right' as const,
          dx: -3,
          fontSize: 10,
          color: '#ffffff',
          baseline: 'middle' as const,
        },
        encoding: { text: { field: 'label', type: 'nominal' as const } },
      },
    ],
  });
  return {
    key: 'hit-rates',
    spec: {
      $schema: SCHEMA,
      title: {
        text: 'Hit rates by policy',
        subtitle: wrapSubtitle(
          `Left: ${MEASURES[0].of}; right: ${MEASURES[1].of}. Each axis starts just under its lowest rate (${floors.map((f) => formatPercent(f)).join(' and ')}), not at 0%${left.length === 0 ? '' : `; ${left.join(', ')} (0%) is left out`}`,
        ),
      },
      config: CONFIG,
      hconcat: MEASURES.map((m, i) => panel(m, floors[i], i === 0)),
    },
  };
}
