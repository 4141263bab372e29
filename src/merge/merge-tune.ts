// merge/: the shards of `ttlsim tune` put back together: the evaluated table as `run` or `replay` merges
// it, the per-session costs by session in the unsplit order, the offline optimum summed (it is per
// thread, and threads never span shards), then tune's own conclusion drawn once on the whole
// (tune/tune.ts concludeScenario, concludeLogs): the same recommendation and verdict as the unsplit run.
import type { ScenarioResult } from '../run/run-scenario.js';
import type { ReplayResult } from '../replay/replay-logs.js';
import type { OracleResult } from '../tune/oracle.js';
import { concludeLogs, concludeScenario, type ScenarioFacts, type TuneOptions, type TuneResult } from '../tune/tune.js';
import type { PartialResult } from '../shard/partial.js';
import { addCost, zeroCost } from '../pricing/cost.js';
import { addCounts, emptyCounts } from '../pricing/ledger.js';
import { mergeScenarioTable } from './merge-run.js';
import { mergeReplay, mergeSessionUsd, type ReplayExtra, type VerdictPart } from './merge-replay.js';

export interface TuneExtra {
  /** The tune options that shape the conclusion (not the shard). */
  readonly options: Pick<TuneOptions, 'seed' | 'current' | 'target' | 'thresholds'>;
  /** For a scenario: what its conclusion reads of it. */
  readonly scenario: ScenarioFacts | null;
  /** For logs: the replay's books (merge-replay.ts). */
  readonly replay: ReplayExtra['replay'] | null;
  readonly sessions: VerdictPart['sessions'];
  readonly usd: VerdictPart['usd'];
  readonly oracle: OracleResult;
}

export type TunePartial = PartialResult<ScenarioResult | ReplayResult, TuneExtra>;

/** The optimum of every shard's threads: its figures summed. */
export function mergeOracle(parts: readonly OracleResult[]): OracleResult {
  const costUsd = zeroCost();
  const tokens = emptyCounts();
  const tiers: Record<string, number> = {};
  for (const o of parts) {
    addCost(costUsd, o.costUsd);
    addCounts(tokens, o.tokens);
    for (const [tier, n] of Object.entries(o.tiers)) tiers[tier] = (tiers[tier] ?? 0) + n;
  }
  const sum = (field: (o: OracleResult) => number) => parts.reduce((total, o) => total + field(o), 0);
  return {
    costUsd,
    tokens,
    requests: sum((o) => o.requests),
    hits: sum((o) => o.hits),
    keepalivePings: sum((o) => o.keepalivePings),
    tiers: tiers as OracleResult['tiers'],
  };
}

export function mergeTune(parts: readonly TunePartial[]): { result: TuneResult; inexact: readonly string[] } {
  const first = parts[0].extra;
  const sessionUsd = mergeSessionUsd(parts.map((p) => p.extra));
  const books = {
    sessionUsd: (name: string) => sessionUsd.get(name),
    oracle: mergeOracle(parts.map((p) => p.extra.oracle)),
  };
  if (first.scenario !== null) {
    const merged = mergeScenarioTable(parts as unknown as PartialResult<ScenarioResult, unknown>[]);
    return { result: concludeScenario(first.scenario, first.options, merged.result, books), inexact: merged.inexact };
  }
  const merged = mergeReplay(
    parts.map((p) => ({
      ...p,
      result: p.result as ReplayResult,
      extra: {
        replay: p.extra.replay!,
        verdict: { target: null, thresholds: {}, userPolicies: [], sessions: p.extra.sessions, usd: p.extra.usd },
      },
    })),
  );
  return { result: concludeLogs(first.options, merged.result, books), inexact: merged.inexact };
}
