// merge/ (beside report/): the shards of `ttlsim run` (or of one scenario on worker threads) put back
// together into exactly the unsplit ScenarioResult: each policy's summary merged (shard/merge-summary.ts),
// the rest taken from the first shard, where every shard has the same (the scenario, its seed, horizon and
// prices, and the problems of the logs it replays, which every shard reads whole).
import type { ScenarioResult } from '../run/run-scenario.js';
import type { PartialResult } from '../shard/partial.js';
import type { RawFigures } from '../shard/raw-figures.js';
import { mergeSummaries, peaksExact } from '../shard/merge-summary.js';
import { shardMessages } from '../shard/messages.js';
import type { PolicySummary } from '../metrics/summarise.js';

export type RunPartial = PartialResult<ScenarioResult>;

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

export function mergeRun(parts: readonly RunPartial[]): Merged<ScenarioResult> {
  const { policies, raw, peaks } = mergePolicies(parts);
  return { result: { ...parts[0].result, policies }, raw, inexact: [...partialNotes(parts), ...peaks] };
}
