// estimate/ (layer 9): every user-facing text of `ttlsim estimate`, as functions worded once: the gap
// argument's problems and the sentences around the table (tests assert against the same functions).
import type { PriceProfile } from '../pricing/profile.js';
import { formatCount, formatDuration, formatPercent, formatUsd } from '../model/format.js';
import type { GapInterval } from './closed-form.js';

/** Gap distributions as `--gap` takes them, one of each kind. */
export const GAP_EXAMPLES = [
  'exponential:4m',
  'constant:30m',
  'uniform:1m..20m',
  'lognormal:median=2m,sigma=1',
  'pareto:scale=30s,shape=1.5',
  'weibull:scale=4m,shape=0.7',
];
const showIntervals = (intervals: readonly GapInterval[]) =>
  intervals.length === 0 ? 'no gap' : intervals.map(showInterval).join(' or ');
function showInterval({ fromMs, toMs }: GapInterval): string {
  if (fromMs <= 1) return toMs === Infinity ? 'any gap' : `gap < ${formatDuration(toMs)}`;
  return toMs === Infinity
    ? `gap ≥ ${formatDuration(fromMs)}`
    : `${formatDuration(fromMs)} ≤ gap < ${formatDuration(toMs)}`;
}

export const estimateMessages = {
  badGap: (got: string) =>
    `expected a gap distribution like ${GAP_EXAMPLES.map((e) => `"${e}"`).join(', ')} (",max=1h" caps any of them), got "${got}"`,
  badGapField: (field: string, message: string) => (field === '' ? message : `${field}: ${message}`),
  duplicateGapField: (field: string) => `${field} is given twice`,
  empiricalGap: () =>
    'estimate takes a parametric gap distribution; for recorded gaps use `ttlsim replay` or `ttlsim fit`',
  badTokens: (got: unknown) => `expected a whole number of tokens ≥ 0, got "${String(got)}"`,
  unknownProvider: (provider: string, known: readonly string[]) =>
    `unknown provider "${provider}"; expected one of ${known.map((p) => `"${p}"`).join(', ')}`,
  unknownModel: (provider: string, model: string, suggestion?: string) =>
    `no ${provider} price profile for "${model}"${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}; \`ttlsim prices --provider ${provider}\` lists them`,
  header: (gap: string, meanGapMs: number, prefix: number, suffix: number, output: number) =>
    `Estimate for one key · gaps ${gap} (mean ${Number.isFinite(meanGapMs) ? formatDuration(meanGapMs) : 'infinite'}) · prefix ${formatCount(prefix)}, suffix ${formatCount(suffix)}, output ${formatCount(output)} tokens`,
  prices: (p: PriceProfile) =>
    `Prices: ${p.displayName} (${p.provider}, as of ${p.asOf}) · closed form for i.i.d. gaps, steady state, no simulation`,
  notCacheable: (prefix: number, minimum: number) =>
    `The prefix (${formatCount(prefix)} tokens) is below the model's minimum of ${formatCount(minimum)}: nothing is cached, every tier costs as no cache.`,
  cheapest: (best: string, usd: number, saving: number, runnerUp: string | undefined, vsRunnerUp: number) =>
    `${best} is cheapest: ${formatUsd(usd)} per request, ${formatPercent(saving)} less than no caching${runnerUp === undefined ? '' : ` and ${formatPercent(vsRunnerUp)} less than ${runnerUp} (the runner-up)`}.`,
  oneHourBeats: (sliding: readonly GapInterval[], fixed: readonly GapInterval[]) =>
    `If every gap were the same, 1h would cost less than 5m at: sliding ${showIntervals(sliding)}; fixed ${showIntervals(fixed)}.`,
  showIntervals,
} as const;
