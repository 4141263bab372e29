// run/ (layer 9): one scenario through the data flow of docs/architecture.md: workload/ (and logs/ for
// replays) → engine/ ⇄ cache/ → metrics/. The arrivals are generated once and offered to one Simulation per
// policy (metrics/run-policies.ts): memory stays bounded by live entries, and the policies cannot influence
// each other.
import type { Scenario } from '../model/scenario.js';
import type { PriceProfile } from '../pricing/profile.js';
import { applyOverrides, findProfile } from '../pricing/lookup.js';
import { mergeArrivals, workloadArrivals } from '../workload/arrivals.js';
import type { Request } from '../model/request.js';
import { type Rng, createRng } from '../workload/rng.js';
import { SegmentKeys } from '../workload/segment-keys.js';
import { ProblemLog, type LogProblem } from '../logs/types.js';
import { replayArrivals } from './replay-workload.js';
import type { PolicySummary } from '../metrics/summarise.js';
import { runPolicies, type PolicyObserver } from '../metrics/run-policies.js';
import type { ShardRun } from '../shard/shard-run.js';
import type { IdColumns } from '../util/id-columns.js';
import { inputError } from '../model/errors.js';
import { shardMessages } from '../shard/messages.js';

export interface ScenarioResult {
  readonly scenario: string;
  readonly description: string;
  readonly seed: number;
  readonly horizonMs: number;
  readonly pricing: {
    readonly provider: string;
    readonly model: string;
    readonly displayName: string;
    readonly asOf: string;
    readonly sourceUrl: string;
    /** Refresh semantics per tier label as the profile states them (ttlsim default: 5m sliding, 1h fixed). */
    readonly refresh: Readonly<Record<string, string>>;
  };
  readonly policies: readonly PolicySummary[];
  /** Unusable lines of replayed logs (present only when the scenario replays logs and some were unusable). */
  readonly logProblems?: { readonly count: number; readonly shown: readonly LogProblem[] };
  /** After a merge of shards: the figures that are not exact, and why (docs/scale.md). */
  readonly inexact?: readonly string[];
}

export interface RunOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** Called before each policy starts (progress reporting). */
  readonly onPolicy?: (index: number, count: number, name: string) => void;
  /** Sees every billed request and keep-alive ping of policy `index` (tune's per-session costs). */
  readonly observe?: (index: number) => PolicyObserver;
  /** Simulate only this shard's requests, keeping its unrounded figures (src/shard/, docs/scale.md). */
  readonly shard?: ShardRun;
  /** The observers' per-session table, for the gap clock to share (metrics/run-policies.ts). */
  readonly rows?: IdColumns;
}

/** Resolves models to profiles; the scenario's overrides apply to its pricing model only. */
export function priceResolver(scenario: Scenario): (model: string) => PriceProfile {
  const cache = new Map<string, PriceProfile>();
  return (model) => {
    let profile = cache.get(model);
    if (profile === undefined) {
      const found = findProfile(scenario.pricing.provider, model);
      if (found === undefined)
        throw new Error(
          `no price profile for ${scenario.pricing.provider}/${model} (validation should have caught it)`,
        );
      profile = model === scenario.pricing.model ? applyOverrides(found, scenario.pricing.overrides) : found;
      cache.set(model, profile);
    }
    return profile;
  };
}

export function runScenario(scenario: Scenario, options: RunOptions = {}): ScenarioResult {
  const seed = options.seed ?? scenario.seed;
  const priceOf = priceResolver(scenario);
  const main = priceOf(scenario.pricing.model);
  const logProblems = new ProblemLog();
  const shard = options.shard;
  if (shard !== undefined && scenario.engine.evictionRatePerMs > 0)
    throw inputError('', '--shard', shardMessages.evictionNotShardable());
  // One pass over the seeded arrivals feeds every policy's Simulation (each request is offered to all
  // of them before the next is generated); each policy keeps its own eviction stream.
  const policies = runPolicies({
    policies: scenario.policies,
    priceOf,
    engine: scenario.engine,
    horizonMs: scenario.horizonMs,
    seed,
    arrivals: scenarioArrivals(scenario, createRng(seed).fork('arrivals'), logProblems),
    onPolicy: options.onPolicy,
    observe: options.observe,
    rows: options.rows,
    ...(shard === undefined ? {} : { admit: shard.admits, onResult: shard.keep(priceOf) }),
  });
  return {
    scenario: scenario.name,
    description: scenario.description,
    seed,
    horizonMs: scenario.horizonMs,
    pricing: {
      provider: main.provider,
      model: main.model,
      displayName: main.displayName,
      asOf: main.asOf,
      sourceUrl: main.sourceUrl,
      refresh: main.refresh,
    },
    policies,
    ...(logProblems.count > 0 ? { logProblems: { count: logProblems.count, shown: logProblems.shown } } : {}),
  };
}

/**
 * Every workload of a scenario as one stream in time order: synthetic ones from their own seeded
 * sub-streams (by index, as before replays existed), then the replayed logs, all on one SegmentKeys.
 */
function scenarioArrivals(scenario: Scenario, rng: Rng, problems: ProblemLog): Iterator<Request> {
  const keys = new SegmentKeys();
  const sources = scenario.workloads.map((spec, i) =>
    workloadArrivals(spec, rng.fork(`workload${i}`), scenario.horizonMs, keys),
  );
  for (const replay of scenario.replays)
    sources.push(replayArrivals(replay, keys, scenario.horizonMs, problems, scenario.pricing.provider));
  return mergeArrivals(sources);
}
