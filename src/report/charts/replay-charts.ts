// The replay's own charts (issue 4, chart 8): what each day cost under every policy (and as recorded),
// and why requests missed, as recorded and under each policy.
// Colours from palette.ts, as in every report; no-cache, which would set the scale, is named instead.
import type { ReplayResult } from '../../replay/replay-logs.js';
import type { Chart, ChartVerdict } from './chart.js';
import { formatUsd } from '../../model/format.js';
import { policyScale } from './palette.js';
import { chartFrame } from './style.js';

const RECORDED = 'as recorded (log)';

export function replayCharts(result: ReplayResult, verdict?: ChartVerdict): Chart[] {
  // No chart without data: logs whose requests never missed have no miss-cause chart.
  const causes = missCauses(result);
  return [costPerDay(result, verdict), ...(causes === null ? [] : [causes])];
}

/** The verdict's policy outlined in black. */
const outline = (verdict: ChartVerdict | undefined) => ({
  condition: { test: `datum.policy === ${JSON.stringify(verdict?.policy ?? '')}`, value: '#000000' },
  value: null,
});

function costPerDay(result: ReplayResult, verdict: ChartVerdict | undefined): Chart {
  const all = result.breakdowns.byDay.flatMap((row) => [
    ...(row.asRecordedUsd === null
      ? []
      : [{ day: row.key, policy: RECORDED, usd: row.asRecordedUsd, requests: row.requests }]),
    ...Object.entries(row.costUsd).map(([policy, usd]) => ({ day: row.key, policy, usd, requests: row.requests })),
  ]);
  const values = all.filter((v) => v.policy !== 'no-cache');
  const noCacheUsd = all.filter((v) => v.policy === 'no-cache').reduce((sum, v) => sum + v.usd, 0);
  const order = [...new Set(values.map((v) => v.policy))];
  const color = policyScale(order);
  return {
    key: 'cost-per-day',
    spec: {
      ...chartFrame(
        'Cost per day',
        `What each UTC day of the logs cost under every policy, and what the logs say was billed${noCacheUsd > 0 ? `; no-cache (${formatUsd(noCacheUsd)} over all days) is left out so the others can be told apart` : ''}; the verdict's policy outlined`,
      ),
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'day', type: 'ordinal', title: 'day (UTC)', axis: { labelAngle: -30 } },
        xOffset: { field: 'policy', type: 'nominal', sort: order },
        y: { field: 'usd', type: 'quantitative', title: 'cost (USD)', axis: { format: '$,.2f' } },
        color: { field: 'policy', type: 'nominal', ...color },
        stroke: outline(verdict),
        tooltip: [
          { field: 'day', type: 'ordinal' },
          { field: 'policy', type: 'nominal' },
          { field: 'usd', type: 'quantitative', title: 'cost', format: '$,.4f' },
          { field: 'requests', type: 'quantitative', format: ',' },
        ],
      },
    },
  };
}

function missCauses(result: ReplayResult): Chart | null {
  const values = [
    ...Object.entries(result.missCauses.recorded).map(([cause, count]) => ({ cause, policy: RECORDED, count })),
    ...Object.entries(result.missCauses.byPolicy).flatMap(([policy, causes]) =>
      Object.entries(causes).map(([cause, count]) => ({ cause, policy, count })),
    ),
  ].filter((v) => v.count > 0);
  if (values.length === 0) return null;
  const order = [...new Set(values.map((v) => v.policy))];
  const color = policyScale(order);
  return {
    key: 'miss-causes',
    spec: {
      ...chartFrame(
        'Why requests missed',
        'Requests that read less than their thread had cached, by cause: in the logs and under each policy',
      ),
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'cause', type: 'nominal', title: null, sort: '-x' },
        yOffset: { field: 'policy', type: 'nominal', sort: order },
        x: { field: 'count', type: 'quantitative', title: 'requests', axis: { tickMinStep: 1 } },
        color: { field: 'policy', type: 'nominal', ...color },
        tooltip: [
          { field: 'cause', type: 'nominal' },
          { field: 'policy', type: 'nominal' },
          { field: 'count', type: 'quantitative', title: 'requests', format: ',' },
        ],
      },
    },
  };
}
