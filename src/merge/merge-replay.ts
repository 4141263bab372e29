// merge/: the shards of `ttlsim replay` put back together into exactly the unsplit ReplayResult
// (docs/scale.md#merge). Sums: counts, tokens, miss causes, the reconciliation's counts, every breakdown
// row (by key, unrounded, then sorted, cut and rounded as the reconciler does: replay/reconcile.ts
// breakdownsOf). Taken whole from the one shard that has them: what only recorded Claude Code and Bedrock
// logs give (their requests are one cache scope, so one shard holds them all). Per-session costs are
// summed by session and put back in the order the unsplit run met the sessions, for the verdict.
import type { ReplayResult } from '../replay/replay-logs.js';
import type { ReconcilerRaw } from '../replay/reconcile.js';
import { breakdownsOf } from '../replay/reconcile.js';
import { DIMENSIONS, RowTable } from '../replay/breakdowns.js';
import type { PolicySpec } from '../model/policy.js';
import type { Target } from '../verdict/targets.js';
import type { VerdictThresholds } from '../verdict/verdict.js';
import type { PartialResult } from '../shard/partial.js';
import { round, roundCost } from '../metrics/summarise.js';
import { addCost, zeroCost } from '../pricing/cost.js';
import { addCounts, emptyCounts } from '../pricing/ledger.js';
import { parsePriceKey } from '../pricing/price-key.js';
import { mergePolicies, partialNotes, type Merged } from './merge-run.js';

/** What a replay's verdict needs beyond the table (cli/verdict-flags.ts), as a shard keeps it. */
export interface VerdictPart {
  readonly target: Target | null;
  readonly thresholds: Partial<VerdictThresholds>;
  /** The policies of `--policies`, whose specs the verdict reads. */
  readonly userPolicies: readonly PolicySpec[];
  /** This shard's sessions in the order the unsplit stream met them, with that position. */
  readonly sessions: readonly (readonly [string, number])[];
  /** USD per session under each policy, aligned with `sessions`. */
  readonly usd: Readonly<Record<string, readonly number[]>>;
}
type Partial<T> = { readonly [K in keyof T]?: T[K] };

export interface ReplayExtra {
  readonly replay: ReconcilerRaw & { readonly firstAtMs: number | null; readonly lastAtMs: number | null };
  readonly verdict: VerdictPart;
}

export type ReplayPartial = PartialResult<ReplayResult, ReplayExtra>;

export interface MergedReplay extends Merged<ReplayResult> {
  /** USD per session under each policy, in the unsplit run's session order. */
  readonly sessionUsd: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly verdict: Omit<VerdictPart, 'sessions' | 'usd'>;
}

const sortedCounts = (records: readonly Readonly<Record<string, number>>[]): Record<string, number> => {
  const sum: Record<string, number> = {};
  for (const record of records) for (const [key, n] of Object.entries(record)) sum[key] = (sum[key] ?? 0) + n;
  return Object.fromEntries(Object.entries(sum).sort(([a], [b]) => (a < b ? -1 : 1)));
};

/** The only part with `has`, else the first: for what one cache scope, so one shard, holds. */
function holder(parts: readonly ReplayPartial[], has: (p: ReplayPartial) => boolean): ReplayPartial {
  return parts.find(has) ?? parts[0];
}

export function mergeReplay(parts: readonly ReplayPartial[]): MergedReplay {
  const first = parts[0].result;
  const { policies, raw, peaks } = mergePolicies(parts);
  const inexact = [...partialNotes(parts), ...peaks];
  const recordedParts = parts.filter((p) => (p.result.asRecorded?.requests ?? 0) > 0);
  // By construction recorded logs are one scope (shard/shard-spec.ts): more than one holder would be a bug.
  if (recordedParts.length > 1) throw new Error('recorded requests in more than one shard');
  const recorded = holder(parts, (p) => (p.result.asRecorded?.requests ?? 0) > 0);
  const recordedRequests = parts.reduce((n, p) => n + (p.result.asRecorded?.requests ?? 0), 0);

  // Models in the order the unsplit replay first billed them.
  const firstSeq = new Map<string, number>();
  for (const p of parts)
    for (const [model, seq] of Object.entries(p.extra.replay.modelFirstSeq))
      firstSeq.set(model, Math.min(seq, firstSeq.get(model) ?? Infinity));
  const withRequests = parts.filter((p) => p.extra.replay.firstAtMs !== null);
  const models =
    withRequests.length === 1
      ? withRequests[0].result.pricing.models
      : [...firstSeq].sort(([, a], [, b]) => a - b).map(([model]) => model);
  const fiveMinuteOnly = new Set(parts.flatMap((p) => p.result.pricing.fiveMinuteOnly));

  const recordedCost = zeroCost();
  for (const p of parts) addCost(recordedCost, p.extra.replay.recordedCostUsd);
  let asRecorded: ReplayResult['asRecorded'] = null;
  if (first.asRecorded !== null) {
    const tokens = emptyCounts();
    for (const p of parts) addCounts(tokens, p.result.asRecorded!.tokens);
    asRecorded = {
      requests: recordedRequests,
      tokens,
      costUsd: roundCost(recordedCost),
      ttlMix: recorded.result.asRecorded!.ttlMix,
    };
  }
  let reconciliation: ReplayResult['reconciliation'] = null;
  if (first.reconciliation !== null) {
    const agreeing = parts.reduce((n, p) => n + p.result.reconciliation!.agreeing, 0);
    const simulated = policies[0].costUsd.total;
    const disagreements = recorded.result.reconciliation!.disagreements;
    reconciliation = {
      requests: recordedRequests,
      agreeing,
      agreement: recordedRequests === 0 ? 0 : round(agreeing / recordedRequests),
      tokenExact: parts.reduce((n, p) => n + p.result.reconciliation!.tokenExact, 0),
      recordedCostUsd: round(recordedCost.total),
      simulatedCostUsd: simulated,
      costDifference: recordedCost.total === 0 ? 0 : round(simulated / recordedCost.total - 1),
      disagreements,
      disagreementsShown: disagreements.length,
    };
  }

  const names = policies.map((p) => p.policy);
  const tables = DIMENSIONS.map(() => new RowTable(names.length));
  for (const p of parts)
    for (const [d, dimension] of DIMENSIONS.entries())
      for (const row of p.extra.replay.rows[dimension]) tables[d].addRaw(row);
  const breakdowns = breakdownsOf(tables, names, recordedRequests);

  const originMs = Date.parse(first.startIso);
  const firstAtMs = Math.min(...withRequests.map((p) => p.extra.replay.firstAtMs!));
  const lastAtMs = Math.max(...withRequests.map((p) => p.extra.replay.lastAtMs!));
  const projectPaths: Record<string, string> = {};
  for (const row of breakdowns.byProject)
    for (const p of parts) {
      const path = p.result.projectPaths?.[row.key];
      if (path !== undefined && projectPaths[row.key] === undefined) projectPaths[row.key] = path;
    }
  const shownUnpriced = parts
    .flatMap((p) => p.result.problems.unpriced.shown)
    .sort((a, b) => a.line - b.line)
    .slice(0, Math.max(...parts.map((p) => p.result.problems.unpriced.shown.length)));

  const result: ReplayResult = {
    scenario: first.scenario,
    seed: first.seed,
    horizonMs: first.horizonMs,
    startIso: first.startIso,
    pricing: {
      provider: first.pricing.provider,
      providerFrom: first.pricing.providerFrom,
      models,
      asOf:
        parts
          .map((p) => p.result.pricing.asOf)
          .filter((asOf) => asOf !== '')
          .sort()
          .at(-1) ?? '',
      fiveMinuteOnly: [...new Set(models.map((m) => parsePriceKey(m).model))].filter((m) => fiveMinuteOnly.has(m)),
    },
    files: first.files,
    formats: first.formats,
    bytes: first.bytes,
    asRecorded,
    reconciliation,
    policies,
    breakdowns,
    window: {
      ...first.window,
      firstRequestIso: new Date(originMs + (withRequests.length === 0 ? 0 : firstAtMs)).toISOString(),
      lastRequestIso: new Date(originMs + (withRequests.length === 0 ? 0 : lastAtMs)).toISOString(),
    },
    missCauses: {
      recorded: sortedCounts(parts.map((p) => p.result.missCauses.recorded)),
      recordedIdleGapsMs: parts
        .flatMap((p) => p.result.missCauses.recordedIdleGapsMs)
        .sort((a, b) => b - a)
        .slice(0, 100),
      byPolicy: Object.fromEntries(
        Object.keys(first.missCauses.byPolicy).map((name) => [
          name,
          sortedCounts(parts.map((p) => p.result.missCauses.byPolicy[name])),
        ]),
      ),
    },
    problems: {
      ...first.problems,
      unpriced: {
        count: parts.reduce((n, p) => n + p.result.problems.unpriced.count, 0),
        byModel: sortedCounts(parts.map((p) => p.result.problems.unpriced.byModel)),
        shown: shownUnpriced,
      },
    },
    // Last, as the command adds it (cli/replay.ts).
    ...(first.projectPaths === undefined ? {} : { projectPaths }),
  };

  const sessionUsd = mergeSessionUsd(parts.map((p) => p.extra.verdict));
  const { target, thresholds, userPolicies } = parts[0].extra.verdict;
  return { result, raw, inexact, sessionUsd, verdict: { target, thresholds, userPolicies } };
}

/**
 * USD per session under each policy from every shard's: sessions never span shards (a session lies within
 * one shard unit), and they go back in the order the unsplit run met them (the bootstrap resamples by it).
 */
export function mergeSessionUsd(
  parts: readonly Pick<VerdictPart, 'sessions' | 'usd'>[],
): Map<string, Map<string, number>> {
  const sessions = parts
    .flatMap((p, k) => p.sessions.map(([id, seq], i) => ({ id, seq, k, i })))
    .sort((a, b) => a.seq - b.seq);
  const sessionUsd = new Map<string, Map<string, number>>();
  for (const name of Object.keys(parts[0].usd)) {
    const byId = new Map<string, number>();
    for (const s of sessions) byId.set(s.id, (byId.get(s.id) ?? 0) + parts[s.k].usd[name][s.i]);
    sessionUsd.set(name, byId);
  }
  return sessionUsd;
}
