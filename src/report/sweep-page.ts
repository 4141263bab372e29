// What the sweep's HTML report says: the sweep's facts, the decision in one sentence, the summary table
// of the cheapest point's policies (every point is in sweep.json and sweep.csv) and the sweep charts.
import { type SweepResult, bestPoint, pointLabel } from '../sweep/result.js';
import type { ReportPage } from './html.js';
import { sweepCharts } from './charts/sweep-charts.js';
import { sweepRecommendation } from './sweep-output.js';
import { formatCount, formatDuration } from '../model/format.js';

export function sweepReportPage(result: SweepResult): ReportPage {
  const best = bestPoint(result);
  const where = pointLabel(result, best);
  const axes = [
    ...result.params.map((p) => `${p.path} (${p.values.length} values)`),
    ...(result.ttl === null ? [] : [`TTL (${result.ttl.values.length} values)`]),
  ];
  const horizons = new Set(result.points.map((p) => p.horizonMs));
  return {
    title: `ttlsim · ${result.scenario} · sweep`,
    facts: [
      { label: 'swept', value: axes.join(' × ') },
      { label: 'points', value: `${formatCount(result.points.length)} (${formatCount(result.runs)} runs)` },
      { label: 'horizon', value: horizons.size === 1 ? formatDuration(best.horizonMs) : 'swept' },
      {
        label: 'prices',
        value: `${result.pricing.displayName} (${result.pricing.provider}, as of ${result.pricing.asOf})`,
      },
      {
        label: 'refresh',
        value:
          result.ttl === null
            ? Object.entries(result.pricing.refresh)
                .map(([label, mode]) => `${label} ${mode}`)
                .join(', ')
            : 'ttl-<T>: sliding up to 5m, fixed above; ttl-<T>-sliding: sliding',
      },
    ],
    recommendation: sweepRecommendation(result),
    notes: [
      ...(result.description === '' ? [] : [result.description]),
      `The table lists the policies of the cheapest point${where === '' ? '' : ` (${where})`}; sweep.json and sweep.csv hold all ${formatCount(result.points.length)} points.`,
    ],
    policies: best.policies,
    charts: sweepCharts(result),
  };
}
