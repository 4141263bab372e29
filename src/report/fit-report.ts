// report/ (layer 11): the fit check of `ttlsim fit` (fit/fit-logs.ts) as terminal tables: per-thread gap
// quantiles and cost per request by policy, fitted against the logs.
import type { FitQuality } from '../fit/fit.js';
import { fitDuration } from '../fit/fit-format.js';
import { fitMessages } from '../fit/messages.js';
import { formatUsd } from '../model/format.js';
import { compactTable } from './comparison.js';

export function formatQuality(quality: FitQuality): string {
  const { logs, fitted } = quality.gaps;
  const ratio = (a: number, b: number): string => (b === 0 ? '—' : `${(a / b).toFixed(2)}×`);
  const table = (head: string[]) => compactTable(head);
  const gaps = table(['gap quantile', 'fitted', 'logs', 'fitted/logs']);
  for (const [label, key] of [
    ['p50', 'p50Ms'],
    ['p90', 'p90Ms'],
    ['p99', 'p99Ms'],
  ] as const)
    gaps.push([label, fitDuration(fitted[key]), fitDuration(logs[key]), ratio(fitted[key], logs[key])]);
  gaps.push(['gaps', String(fitted.count), String(logs.count), '']);
  const costs = table(['policy', 'fitted $/req', 'replayed $/req', 'fitted/replayed']);
  for (const c of quality.costPerRequest)
    costs.push([c.policy, formatUsd(c.fittedUsd), formatUsd(c.replayedUsd), ratio(c.fittedUsd, c.replayedUsd)]);
  return [
    fitMessages.qualityTitle(quality.requests.fitted, quality.requests.logs),
    fitMessages.gapTitle(),
    gaps.toString(),
    fitMessages.costTitle(),
    costs.toString(),
  ].join('\n');
}
