// The charts every report has (issues 4 and 13): the saving against the verdict's baseline and the cost
// by billing category, hit rates, saving/hit rate/occupancy over active time, idle gaps against the
// sold TTLs, and the entry lifetimes and reads behind wasted writes. Each is a Vega-Lite spec built from
// the policy summaries alone (PURE); each chart lives in its own file, this one puts them in order.
import type { PolicySummary } from '../../metrics/summarise.js';
import { chartVerdict, type Chart, type ChartVerdict } from './chart.js';
import { costByCategory, savingChart } from './cost-charts.js';
import { hitRateChart } from './hit-rate-chart.js';
import { overTime } from './time-series.js';
import { entryLifetimes, gapHistogram, readsPerEntry } from './distributions.js';

export type { Chart, ChartVerdict } from './chart.js';
export { MAX_SERIES_POINTS } from './active-time.js';

/**
 * `startEpochMs`: when simulated time 0 was (a replay of dated logs), so time marks show dates; omitted
 * for synthetic runs, whose marks count time from the start. `verdict`: the policy to highlight and the
 * baseline to measure savings from (replay, tune, and run when it carries one); else the cheapest policy
 * against the first.
 */
export function policyCharts(
  policies: readonly PolicySummary[],
  startEpochMs?: number,
  verdict?: ChartVerdict,
): Chart[] {
  const v = chartVerdict(policies, verdict);
  const charts: Chart[] = [
    savingChart(policies, v),
    costByCategory(policies, v),
    hitRateChart(policies, v),
    ...overTime(policies, v, startEpochMs),
  ];
  for (const chart of [gapHistogram(policies), entryLifetimes(policies), readsPerEntry(policies)])
    if (chart !== null) charts.push(chart);
  return charts;
}
