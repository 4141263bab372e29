// merge/: the shape of a partial result (docs/json.md#partial-results) as `ttlsim merge` reads it from a
// file that may have been edited, truncated or written by something else. Each schema is typed by the
// type the merge uses (z.ZodType<T>), so a field added to those types without a schema here fails the
// type check. Objects are not strict: an unknown field is never read, so it cannot make a merge fail.
import * as z from 'zod';
import type { CostUsd } from '../pricing/cost.js';
import type { TokenCounts } from '../pricing/ledger.js';
import type { PolicySummary, TimeSeries } from '../metrics/summarise.js';
import type { GapHistogram } from '../metrics/histograms.js';
import type { EntryLifetimeHistogram, ReadsHistogram } from '../model/histogram-bins.js';
import type { PolicySpec, Tier } from '../model/policy.js';
import type { LogProblem } from '../logs/types.js';
import { LOG_FORMATS } from '../model/log-format.js';
import { TARGETS } from '../verdict/targets.js';
import type { VerdictThresholds } from '../verdict/verdict.js';
import type { ScenarioResult } from '../run/run-scenario.js';
import type { ReplayResult } from '../replay/replay-logs.js';
import { DIMENSIONS, type BreakdownRow, type Breakdowns, type Dimension, type RawRow } from '../replay/breakdowns.js';
import type { TtlMix, TtlShare, SetupMatch } from '../replay/ttl-mix.js';
import type { OracleResult } from '../tune/oracle.js';
import type { ScenarioFacts } from '../tune/tune.js';
import type { RawFigures } from '../shard/raw-figures.js';
import { PARTIAL_FORMAT, type PartialHeader } from '../shard/partial.js';
import type { RunExtra } from './merge-run.js';
import type { ReplayExtra, VerdictPart } from './merge-replay.js';
import type { TuneExtra } from './merge-tune.js';

// JSON has no NaN or Infinity: z.number() takes finite numbers only.
const num = z.number();
const nums = z.array(num);
const count = z.number().int().nonnegative();
const text = z.string();
const counts = z.record(z.string(), num);

const costUsd: z.ZodType<CostUsd> = z.object({
  input: num,
  cacheWrite5m: num,
  cacheWrite1h: num,
  cacheRead: num,
  output: num,
  storage: num,
  total: num,
});
const tokens: z.ZodType<TokenCounts> = z.object({
  input: num,
  cacheWrite5m: num,
  cacheWrite1h: num,
  cacheRead: num,
  output: num,
});

const gaps: z.ZodType<GapHistogram> = z.object({ edgesMs: nums, requests: nums, hits: nums });
const lifetimes: z.ZodType<EntryLifetimeHistogram> = z.object({ edgesMs: nums, entries: nums, wasted: nums });
const reads: z.ZodType<ReadsHistogram> = z.object({ labels: z.array(text), entries: nums });
const timeseries: z.ZodType<TimeSeries> = z.object({
  bucketMs: num,
  startMs: nums,
  requests: nums,
  hits: nums,
  keepalivePings: nums,
  costUsd: nums,
  liveEntries: nums,
  liveTokens: nums,
});

export const policySummary: z.ZodType<PolicySummary> = z.object({
  policy: text,
  refresh: z.record(z.string(), text),
  requests: count,
  hits: count,
  hitRate: num,
  tokenHitRate: num,
  tokens,
  costUsd,
  savingsVsNoCache: num,
  noCacheCostUsd: num,
  partialHits: count,
  keepalivePings: count,
  entriesWritten: count,
  expirations: count,
  wastedWrites: count,
  evictions: count,
  peakLiveEntries: count,
  peakLiveTokens: count,
  tokenHoursStored: num,
  meanEntryLifetimeMs: num,
  gaps: gaps.optional(),
  entryLifetimes: lifetimes.optional(),
  readsPerEntry: reads.optional(),
  timeseries,
});

const rawFigures: z.ZodType<RawFigures> = z.object({
  costUsd,
  noCacheUsd: num,
  tokenHours: num,
  endedLifetimeMs: num,
  bucketCostUsd: nums,
});

export const partialHeader: z.ZodType<PartialHeader> = z.object({
  format: z.literal(PARTIAL_FORMAT),
  version: text,
  command: z.enum(['run', 'replay', 'tune']),
  input: text,
  inputs: z.array(text),
  seed: num,
  policies: z.array(text).min(1),
  shard: z
    .object({ index: count, count: count.min(1) })
    .refine((s) => s.index < s.count, { message: 'index must be below count' }),
  units: z.object({ total: count, here: count, scopes: count }),
  inexact: z.array(text),
});

const logProblem: z.ZodType<LogProblem> = z.object({ file: text, line: num, field: text, reason: text });
const tier: z.ZodType<Tier> = z.object({
  ttlMs: num,
  refresh: z.enum(['sliding', 'fixed']),
  billAs: z.enum(['5m', '1h']),
  label: text,
});
const tiered = {
  name: text,
  tierByRole: z.record(z.string(), tier.nullable()),
  defaultTier: tier.nullable(),
  tierByThreadKind: z.record(z.string(), tier.nullable()).optional(),
};
const policySpec: z.ZodType<PolicySpec> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none'), name: text }),
  z.object({ kind: z.literal('static'), ...tiered }),
  z.object({
    kind: z.literal('keepalive'),
    ...tiered,
    keepalive: z.object({ everyMs: num, maxIdleMs: num, tailTokens: num, outputTokens: num }),
  }),
  z.object({ kind: z.literal('adaptive'), name: text, prior: num }),
  z.object({ kind: z.literal('as-recorded'), name: text, recordedTiers: z.object({ '5m': tier, '1h': tier }) }),
]);
const target = z.enum(TARGETS);
const thresholds: z.ZodType<Partial<VerdictThresholds>> = z.object({
  minSessions: num.optional(),
  minGaps: num.optional(),
  minSavingPct: num.optional(),
});

const scenarioResult: z.ZodType<ScenarioResult> = z.object({
  scenario: text,
  description: text,
  seed: num,
  horizonMs: num,
  pricing: z.object({
    provider: text,
    model: text,
    displayName: text,
    asOf: text,
    sourceUrl: text,
    refresh: z.record(z.string(), text),
  }),
  policies: z.array(policySummary),
  logProblems: z.object({ count, shown: z.array(logProblem) }).optional(),
});

const ttlShare: z.ZodType<TtlShare> = z.object({
  requests: count,
  writing5m: count,
  writing1h: count,
  writeTokens5m: num,
  writeTokens1h: num,
  share1h: num.nullable(),
  ttl: z.enum(['5m', '1h', 'mixed', 'none']),
  sessions: z.object({ '5m': count, '1h': count, mixed: count }),
});
const setupMatch: z.ZodType<SetupMatch> = z.object({
  id: text,
  label: text,
  description: text,
  isDefault: z.boolean(),
  sourceUrl: text,
  asOf: text,
});
const ttlMix: z.ZodType<TtlMix> = z.object({
  byThreadKind: z.record(z.string(), ttlShare),
  byVersion: z.array(
    z.object({
      version: text,
      requests: count,
      firstIso: text,
      lastIso: text,
      byThreadKind: z.record(z.string(), ttlShare),
      matches: setupMatch.nullable(),
    }),
  ),
  matches: setupMatch.nullable(),
});
const useClass = z.enum(['hit', 'partial', 'miss']);
const use = z.object({ read: num, write: num, class: useClass });
const breakdownRow: z.ZodType<BreakdownRow> = z.object({
  key: text,
  requests: count,
  asRecordedUsd: num.nullable(),
  costUsd: counts,
});
const byDimension = <T extends z.ZodType>(schema: T) =>
  z.object(Object.fromEntries(DIMENSIONS.map((d) => [d, schema])) as Record<Dimension, T>);
const breakdowns: z.ZodType<Breakdowns> = byDimension(z.array(breakdownRow));

const replayResult: z.ZodType<ReplayResult> = z.object({
  scenario: text,
  seed: num,
  horizonMs: num,
  startIso: text,
  pricing: z.object({
    provider: text,
    providerFrom: z.enum(['--provider', 'logs', 'default']),
    models: z.array(text),
    asOf: text,
    fiveMinuteOnly: z.array(text),
  }),
  files: count,
  formats: z.array(z.enum(LOG_FORMATS)),
  bytes: count,
  asRecorded: z.object({ requests: count, tokens, costUsd, ttlMix }).nullable(),
  reconciliation: z
    .object({
      requests: count,
      agreeing: count,
      agreement: num,
      tokenExact: count,
      recordedCostUsd: num,
      simulatedCostUsd: num,
      costDifference: num,
      disagreements: z.array(
        z.object({
          file: text,
          line: num,
          atIso: text,
          thread: text,
          recorded: use,
          simulated: use,
          gapMs: num,
          cause: text,
        }),
      ),
      disagreementsShown: count,
    })
    .nullable(),
  policies: z.array(policySummary),
  breakdowns,
  window: z.object({
    timeZone: text,
    sinceIso: text.nullable(),
    untilIso: text.nullable(),
    firstRequestIso: text,
    lastRequestIso: text,
  }),
  projectPaths: z.record(z.string(), text).optional(),
  missCauses: z.object({
    recorded: counts,
    recordedIdleGapsMs: nums,
    byPolicy: z.record(z.string(), counts),
  }),
  problems: z.object({
    count,
    shown: z.array(logProblem),
    reordered: count,
    unpriced: z.object({ count, byModel: counts, shown: z.array(logProblem) }),
    duplicates: count,
    outOfOrder: count,
    late: count,
  }),
});

const rawRow: z.ZodType<RawRow> = z.tuple([text, num, num, nums]);
const replayBooks: z.ZodType<ReplayExtra['replay']> = z.object({
  recordedCostUsd: costUsd,
  rows: byDimension(z.array(rawRow)),
  modelFirstSeq: counts,
  firstAtMs: num.nullable(),
  lastAtMs: num.nullable(),
});
const sessions: z.ZodType<VerdictPart['sessions']> = z.array(z.tuple([text, num]));
const usd: z.ZodType<VerdictPart['usd']> = z.record(z.string(), nums);

const runExtra: z.ZodType<RunExtra> = z.object({
  specs: z.array(policySpec),
  verdict: z.object({
    baseline: text.optional(),
    target: target.optional(),
    thresholds: thresholds.optional(),
  }),
  sessionUsd: z.array(z.array(z.tuple([text, num]))),
});
const replayExtra: z.ZodType<ReplayExtra> = z.object({
  replay: replayBooks,
  verdict: z.object({
    target: target.nullable(),
    thresholds,
    userPolicies: z.array(policySpec),
    sessions,
    usd,
  }),
});
const oracle: z.ZodType<OracleResult> = z.object({
  costUsd,
  tokens,
  requests: count,
  hits: count,
  keepalivePings: count,
  tiers: z.object({ none: count, '5m': count, '1h': count, keepalive: count }),
});
const scenarioFacts: z.ZodType<ScenarioFacts> = z.object({
  name: text,
  seed: num,
  horizonMs: num,
  roles: z.array(text),
  threadKinds: z.array(text),
  firstPolicy: text.nullable(),
});
const tuneExtra: z.ZodType<TuneExtra> = z.object({
  options: z.object({
    seed: num.optional(),
    current: text.optional(),
    target: target.optional(),
    thresholds: thresholds.optional(),
  }),
  scenario: scenarioFacts.nullable(),
  replay: replayBooks.nullable(),
  sessions,
  usd,
  oracle,
});

const body = <R extends z.ZodType, E extends z.ZodType>(result: R, extra: E) =>
  z.object({ partial: partialHeader, result, raw: z.array(rawFigures), extra });

/**
 * The schema of a partial of `command`. A tune of a scenario evaluates a run's table, a tune of logs a
 * replay's (`ofLogs`: its `extra.scenario` is null); one schema each, so a problem is named by its field
 * rather than as a union that matched neither.
 */
export function partialSchema(command: PartialHeader['command'], ofLogs: boolean): z.ZodType {
  if (command === 'run') return body(scenarioResult, runExtra);
  if (command === 'replay') return body(replayResult, replayExtra);
  return body(ofLogs ? replayResult : scenarioResult, tuneExtra);
}
