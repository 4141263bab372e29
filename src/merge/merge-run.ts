// merge/ (beside report/): the shards of `ttlsim run` (or of one scenario on worker threads) put back
// together into exactly the unsplit ScenarioResult: each policy's summary merged (shard/merge-summary.ts),
// the rest taken from the first shard, where every shard has the same (the scenario, its seed, horizon and
// prices, and the problems of the logs it replays, which every shard reads whole).
import type { ScenarioResult } from '../run/run-scenario.js';
import type { PolicySpec } from '../model/policy.js';
import type { VerdictReport } from '../verdict/verdict.js';
import { scenarioVerdictReport, type ScenarioVerdictOptions } from '../verdict/scenario-verdict.js';
import type { PartialResult } from '../shard/partial.js';
import type { RawFigures } from '../shard/raw-figures.js';
import { mergeSummaries, peaksExact } from '../shard/merge-summary.js';
import { shardMessages } from '../shard/messages.js';
import type { PolicySummary } from '../metrics/summarise.js';

/** What a run's shard adds for the verdict: the scenario's policies, the verdict's options, each policy's
 * USD per session of this shard (by the index of `specs`). */
export interface RunExtra {
  readonly specs: readonly PolicySpec[];
  readonly verdict: ScenarioVerdictOptions;
  readonly sessionUsd: readonly (readonly [string, number][])[];
}

export type RunPartial = PartialResult<ScenarioResult, RunExtra>;

export interface Merged<Result> {
  readonly result: Result;
  /** Per policy, the merged unrounded figures. */
  readonly raw: readonly RawFigures[];
  /** What is not exact, and why (empty when the merge equals the unsplit run). */
  readonly inexact: readonly string[];
}

/** Each policy's summary from every shard's (`parts` in shard order). */
export function mergePolicies(
  parts: readonly {
    readonly result: { readonly policies: readonly PolicySummary[] };
    readonly raw: readonly RawFigures[];
  }[],
): { policies: PolicySummary[]; raw: RawFigures[]; peaks: string[] } {
  const policies: PolicySummary[] = [];
  const raw: RawFigures[] = [];
  const peaks: string[] = [];
  parts[0].result.policies.forEach((first, index) => {
    const shards = parts.map((p) => ({ summary: p.result.policies[index], raw: p.raw[index] }));
    const merged = mergeSummaries(shards);
    policies.push(merged.summary);
    raw.push(merged.raw);
    if (!peaksExact(shards)) peaks.push(first.policy);
  });
  return { policies, raw, peaks: peaks.length === 0 ? [] : [shardMessages.peaksSummed(peaks)] };
}

/** Notes of the partials, each once, in order. */
export const partialNotes = (
  parts: readonly { readonly partial: { readonly inexact: readonly string[] } }[],
): string[] => [...new Set(parts.flatMap((p) => p.partial.inexact))];

/** The table of a scenario's shards, without a verdict (tune draws its own: merge-tune.ts). */
export function mergeScenarioTable(parts: readonly PartialResult<ScenarioResult, unknown>[]): Merged<ScenarioResult> {
  const { policies, raw, peaks } = mergePolicies(parts);
  return { result: { ...parts[0].result, policies }, raw, inexact: [...partialNotes(parts), ...peaks] };
}

/** What `ttlsim run` reports (report/json.ts RunReport): the table, then its verdict. */
export function mergeRun(parts: readonly RunPartial[]): Merged<ScenarioResult & VerdictReport> {
  const { result, raw, inexact } = mergeScenarioTable(parts);
  const policies = result.policies;
  // The verdict from the merged table and every shard's sessions, drawn as an unsplit run draws it.
  const { specs, verdict } = parts[0].extra;
  const usd = specs.map(() => new Map<string, number>());
  for (const part of parts)
    part.extra.sessionUsd.forEach((sessions, index) => {
      for (const [session, value] of sessions) usd[index].set(session, (usd[index].get(session) ?? 0) + value);
    });
  const sessionUsd = (name: string) => usd[specs.findIndex((s) => s.name === name)];
  return { result: { ...result, ...scenarioVerdictReport(specs, verdict, policies, sessionUsd) }, raw, inexact };
}
