// The replay's own charts (issue 4, chart 8): what each day cost under every policy (and as recorded),
// and why requests missed, as recorded and under each policy.
import type { ReplayResult } from '../../replay/replay-logs.js';
import type { Chart } from './policy-charts.js';
import { RECORDED_COLOR, chartFrame, policyColor } from './style.js';

const RECORDED = 'as recorded (log)';

export function replayCharts(result: ReplayResult): Chart[] {
  const names = result.policies.map((p) => p.policy);
  const color = policyColor(names, result.asRecorded === null ? [] : [{ name: RECORDED, color: RECORDED_COLOR }]);
  return [costPerDay(result, color), missCauses(result, color)];
}

function costPerDay(result: ReplayResult, color: ReturnType<typeof policyColor>): Chart {
  const values = result.breakdowns.byDay.flatMap((row) => [
    ...(row.asRecordedUsd === null
      ? []
      : [{ day: row.key, policy: RECORDED, usd: row.asRecordedUsd, requests: row.requests }]),
    ...Object.entries(row.costUsd).map(([policy, usd]) => ({ day: row.key, policy, usd, requests: row.requests })),
  ]);
  return {
    key: 'cost-per-day',
    spec: {
      ...chartFrame(
        'Cost per day',
        'What each UTC day of the logs cost under every policy, and what the logs say was billed',
      ),
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'day', type: 'ordinal', title: 'day (UTC)', axis: { labelAngle: -30 } },
        xOffset: { field: 'policy', type: 'nominal', sort: color.scale.domain },
        y: { field: 'usd', type: 'quantitative', title: 'cost (USD)', axis: { format: '$,.2f' } },
        color: { field: 'policy', type: 'nominal', ...color },
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

function missCauses(result: ReplayResult, color: ReturnType<typeof policyColor>): Chart {
  const values = [
    ...Object.entries(result.missCauses.recorded).map(([cause, count]) => ({ cause, policy: RECORDED, count })),
    ...Object.entries(result.missCauses.byPolicy).flatMap(([policy, causes]) =>
      Object.entries(causes).map(([cause, count]) => ({ cause, policy, count })),
    ),
  ];
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
        yOffset: { field: 'policy', type: 'nominal', sort: color.scale.domain },
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
