// What the sweep's HTML report says: the sweep's facts, the decision in one sentence, the summary table
// of the cheapest point's policies (every point is in sweep.json and sweep.csv) and the sweep charts.
import { type SweepPoint, type SweepResult, bestPoint, cheapestOf, pointLabel } from '../sweep/result.js';
import type { ReportPage } from './html.js';
import { sweepCharts } from './charts/sweep-charts.js';
import { sweepRecommendation } from './sweep-output.js';
import { formatCount, formatDuration, formatUsd } from '../model/format.js';
import type { PolicySummary } from '../metrics/summarise.js';

/** A policy a provider sells: no caching, a 5m TTL (it slides), or a fixed 1h. */
function isSold(point: SweepPoint, policy: PolicySummary): boolean {
  const modes = Object.values(policy.refresh);
  if (modes.length === 0) return true;
  const ms = point.ttl?.numeric;
  return ms === 300_000 || (ms === 3_600_000 && !modes.includes('sliding'));
}

/**
 * Under --ttl, whether the cheapest TTL can be bought; if not, the cheapest one that can (issue 13: a
 * headline must not pick `ttl-34m3s-sliding` without saying no provider sells it).
 */
export function soldSentence(result: SweepResult): string {
  if (result.ttl === null) return '';
  const best = bestPoint(result);
  const cheapest = cheapestOf(best);
  if (isSold(best, cheapest)) return `${cheapest.policy} is a TTL providers sell.`;
  let sold: { point: SweepPoint; policy: PolicySummary } | null = null;
  for (const point of result.points)
    for (const policy of point.policies)
      if (isSold(point, policy) && (sold === null || policy.costUsd.total < sold.policy.costUsd.total))
        sold = { point, policy };
  const whatIf = `${cheapest.policy} is a what-if: providers sell 5m and a fixed 1h, not ${best.ttl?.written ?? 'this TTL'}${slidesAbove5m(cheapest) ? ' sliding' : ''}.`;
  if (sold === null) return whatIf;
  const at = pointLabel(result, sold.point);
  return `${whatIf} The cheapest TTL you can buy is ${sold.policy.policy}${at === '' ? '' : ` at ${at}`}: ${formatUsd(sold.policy.costUsd.total)}.`;
}

const slidesAbove5m = (policy: PolicySummary): boolean => Object.values(policy.refresh).includes('sliding');

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
    recommendation: [sweepRecommendation(result), soldSentence(result)].filter((t) => t !== '').join(' '),
    notes: [
      ...(result.description === '' ? [] : [result.description]),
      `The table lists the policies of the cheapest point${where === '' ? '' : ` (${where})`}; sweep.json and sweep.csv hold all ${formatCount(result.points.length)} points.`,
    ],
    policies: best.policies,
    charts: sweepCharts(result),
  };
}
