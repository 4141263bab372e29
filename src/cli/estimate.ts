// `ttlsim estimate`: the closed-form answer for one key with i.i.d. gaps (metrics/closed-form.ts), no
// simulation: hit probability, expected cost per request and break-even gaps of every tier, as a table or JSON.
import Table from 'cli-table3';
import type { Argv } from 'yargs';
import { inputError } from '../errors.js';
import { estimate, type Estimate, type GapInterval } from '../metrics/closed-form.js';
import { findProfile, providers, suggestModel } from '../pricing/lookup.js';
import type { PriceProfile } from '../pricing/profile.js';
import { COMPACT } from '../report/comparison.js';
import { formatCount, formatDuration, formatPercent, formatUsd } from '../report/format.js';
import { dist } from '../scenario/dist.js';
import type { Dist } from '../scenario/types.js';
import type { CliIo } from './io.js';
import type { CommonArgs } from './common.js';

interface EstimateArgs extends CommonArgs {
  gap: string;
  prefix: number;
  suffix: number;
  output: number;
  provider: string;
  model: string;
}

const GAP_EXAMPLES = [
  'exponential:4m',
  'constant:30m',
  'uniform:1m..20m',
  'lognormal:median=2m,sigma=1',
  'pareto:scale=30s,shape=1.5',
  'weibull:scale=4m,shape=0.7',
];
/** The field a bare first argument sets, per distribution (`exponential:4m` is the mean). */
const POSITIONAL: Record<string, string> = {
  constant: 'value',
  exponential: 'mean',
  lognormal: 'median',
  pareto: 'scale',
  weibull: 'scale',
};
/** Fields that are plain numbers; every other field is a duration. */
const NUMBER_FIELDS = new Set(['sigma', 'shape']);
const GAP_DIST = dist('duration');

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

export function registerEstimate(cli: Argv, io: CliIo): Argv {
  return cli.command(
    'estimate',
    'closed-form hit probability and cost per request of each TTL tier for one key with i.i.d. gaps (no simulation)',
    (y) =>
      y
        .option('gap', {
          type: 'string',
          demandOption: true,
          describe: `gap between requests: ${GAP_EXAMPLES.join(', ')}`,
        })
        .option('prefix', {
          type: 'number',
          demandOption: true,
          describe: 'cached prefix, tokens (the same on every request)',
        })
        .option('suffix', { type: 'number', default: 0, describe: 'uncached tail per request, tokens' })
        .option('output', { type: 'number', default: 0, describe: 'output per request, tokens' })
        .option('provider', { type: 'string', default: 'anthropic', describe: 'price provider' })
        .option('model', { type: 'string', demandOption: true, describe: 'model id, e.g. claude-sonnet-4-5' }),
    (args) => estimateCommand(args as unknown as EstimateArgs, io),
  );
}

function estimateCommand(args: EstimateArgs, io: CliIo): void {
  const gap = parseGap(args.gap);
  const prefixTokens = parseTokens(args.prefix, '--prefix');
  const suffixTokens = parseTokens(args.suffix, '--suffix');
  const outputTokens = parseTokens(args.output, '--output');
  const profile = lookupProfile(args.provider, args.model);
  const result = estimate({ gap, prefixTokens, suffixTokens, outputTokens, profile });
  if (args.json === true) {
    io.stdout(
      `${JSON.stringify({ gap, prefixTokens, suffixTokens, outputTokens, provider: profile.provider, model: profile.model, asOf: profile.asOf, ...result }, (_key, value: unknown) => (value === Infinity ? null : value), 2)}\n`,
    );
    return;
  }
  if (args.quiet === true) return;
  io.stdout(formatEstimate(args.gap, result, profile, prefixTokens, suffixTokens, outputTokens));
}

function formatEstimate(
  gapText: string,
  result: Estimate,
  profile: PriceProfile,
  prefix: number,
  suffix: number,
  output: number,
): string {
  const lines = [
    estimateMessages.header(gapText, result.meanGapMs, prefix, suffix, output),
    estimateMessages.prices(profile),
  ];
  if (!result.cacheable) lines.push(estimateMessages.notCacheable(prefix, profile.minCacheableTokens));
  const table = new Table({
    head: ['tier', 'hit prob', 'cost/request', 'vs no-cache', 'beats no cache if every gap is'],
    colAligns: ['left', 'right', 'right', 'right', 'left'],
    style: { head: [], border: [] },
    chars: COMPACT,
  });
  for (const t of result.tiers) {
    table.push([
      t.label,
      formatPercent(t.hitProbability),
      formatUsd(t.costPerRequestUsd),
      formatPercent(t.savingVsNoCache),
      t.tier === 'none' ? '' : showIntervals(t.beatsNoCacheGapsMs),
    ]);
  }
  lines.push(table.toString());
  const sorted = [...result.tiers].sort((a, b) => a.costPerRequestUsd - b.costPerRequestUsd);
  const best = sorted.find((t) => t.label === result.cheapest) ?? sorted[0];
  const runnerUp = sorted.find((t) => t !== best);
  lines.push(
    estimateMessages.cheapest(
      best.label,
      best.costPerRequestUsd,
      best.savingVsNoCache,
      runnerUp?.label,
      runnerUp === undefined || runnerUp.costPerRequestUsd === 0
        ? 0
        : 1 - best.costPerRequestUsd / runnerUp.costPerRequestUsd,
    ),
  );
  if (result.cacheable && result.tiers.some((t) => t.tier === '1h'))
    lines.push(
      estimateMessages.oneHourBeats(
        result.oneHourBeatsFiveMinutesGapsMs.sliding,
        result.oneHourBeatsFiveMinutesGapsMs.fixed,
      ),
    );
  return `${lines.join('\n')}\n`;
}

/**
 * `name:args` → the scenario format's Dist, validated by the scenario module's own schema (so its messages
 * and checks apply). Args are `field=value` pairs, comma-separated; a first bare value sets the main
 * field (POSITIONAL), `uniform:a..b` the range; a bare duration is a constant.
 */
export function parseGap(text: string | undefined): Dist {
  const raw = (text ?? '').trim();
  const colon = raw.indexOf(':');
  const name = colon < 0 ? 'constant' : raw.slice(0, colon).trim().toLowerCase();
  const rest = colon < 0 ? raw : raw.slice(colon + 1);
  if (name === 'empirical') throw inputError('', '--gap', estimateMessages.empiricalGap());
  const fields: Record<string, unknown> = { dist: name };
  const set = (field: string, value: string) => {
    if (field in fields) throw inputError('', '--gap', estimateMessages.duplicateGapField(field));
    fields[field] = NUMBER_FIELDS.has(field) ? (value.trim() === '' ? value : Number(value)) : value.trim();
  };
  const parts = rest.split(',');
  for (const [index, part] of parts.entries()) {
    const eq = part.indexOf('=');
    if (eq >= 0) set(part.slice(0, eq).trim(), part.slice(eq + 1));
    else if (index === 0 && name === 'uniform' && part.includes('..')) {
      const [min, max] = part.split('..');
      set('min', min);
      set('max', max);
    } else if (index === 0 && POSITIONAL[name] !== undefined && part.trim() !== '') set(POSITIONAL[name], part);
    else throw inputError('', '--gap', estimateMessages.badGap(raw));
  }
  const parsed = GAP_DIST.safeParse(fields);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw inputError('', '--gap', estimateMessages.badGapField(issue.path.join('.'), issue.message));
}

function parseTokens(value: unknown, flag: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw inputError('', flag, estimateMessages.badTokens(value));
}

function lookupProfile(provider: string, model: string): PriceProfile {
  const known = providers();
  if (!known.includes(provider.trim().toLowerCase()))
    throw inputError('', '--provider', estimateMessages.unknownProvider(provider, known));
  const profile = findProfile(provider, model);
  if (profile === undefined)
    throw inputError('', '--model', estimateMessages.unknownModel(provider, model, suggestModel(provider, model)));
  return profile;
}
