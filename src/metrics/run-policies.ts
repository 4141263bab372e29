// metrics/ (layer 7): every policy over one arrival stream, the orchestration run/ (scenarios) and replay/
// (recorded logs) share: one engine/ Simulation per policy, each arrival offered to all of them before the
// next is pulled, one gap clock for all (they see the same requests) and a gap recorder per policy, then
// each run summarised. Memory stays bounded by live entries, and the policies cannot influence each other.
import type { PolicySpec } from '../model/policy.js';
import type { Request } from '../model/request.js';
import type { EngineOptions } from '../model/scenario.js';
import type { PriceProfile } from '../pricing/profile.js';
import type { ServeOutcome } from '../cache/prefix-cache.js';
import { Simulation, type SimResult } from '../engine/simulate.js';
import { createRng } from '../workload/rng.js';
import { GapClock, GapRecorder } from './histograms.js';
import type { IdColumns } from '../util/id-columns.js';
import { summarise, type PolicySummary } from './summarise.js';

/** Sees every billed request and keep-alive ping of one policy. Must not keep `outcome`. */
export interface PolicyObserver {
  readonly onRequest?: (request: Request, outcome: ServeOutcome) => void;
  readonly onPing?: (request: Request, outcome: ServeOutcome, atMs: number) => void;
}

export interface PolicyRun {
  readonly policies: readonly PolicySpec[];
  /** Resolves a model to its (override-applied) price profile; throws for unknown models. */
  readonly priceOf: (model: string) => PriceProfile;
  readonly engine: EngineOptions;
  readonly horizonMs: number;
  /** Seeds each policy's eviction stream, `eviction/<name>`. */
  readonly seed: number;
  /** Requests in non-decreasing atMs order, pulled one at a time. */
  readonly arrivals: Iterator<Request>;
  /** Before anything sees a request: false skips it (replay's since/until window). */
  readonly admit?: (request: Request) => boolean;
  /** After the gap clock has seen an admitted request, before any policy does; `firstOfThread` = no gap yet. */
  readonly onArrival?: (request: Request, firstOfThread: boolean) => void;
  /** Called before each policy's Simulation is built (progress reporting). */
  readonly onPolicy?: (index: number, count: number, name: string) => void;
  /** Per policy, by its index in `policies`: who else sees its requests and pings. */
  readonly observe?: (index: number, policy: PolicySpec) => PolicyObserver | undefined;
  /** Each policy's raw result before it is summarised (a shard keeps its unrounded figures: src/shard/). */
  readonly onResult?: (index: number, result: SimResult) => void;
  /** The observers' per-session table, which the gap clock shares (metrics/histograms.ts GapClock). */
  readonly rows?: IdColumns;
}

/** Runs every policy over the arrivals in one pass; returns their summaries in `policies` order. */
export function runPolicies(run: PolicyRun): PolicySummary[] {
  const { policies, priceOf, engine, horizonMs, arrivals, admit, onArrival } = run;
  const gapClock = new GapClock(run.rows);
  let gapBin = -1;
  const simulations = policies.map((policy, index) => {
    run.onPolicy?.(index, policies.length, policy.name);
    const gaps = new GapRecorder();
    const observer = run.observe?.(index, policy);
    const simulation = new Simulation({
      policy,
      priceOf,
      engine,
      horizonMs,
      rng: createRng(run.seed).fork(`eviction/${policy.name}`),
      // Outside the engine's loop: the gaps are a by-product of the arrivals, not of the cache.
      onRequest: (request, outcome) => {
        gaps.count(gapBin, outcome.readTokens);
        observer?.onRequest?.(request, outcome);
      },
      onPing: observer?.onPing,
    });
    return { policy, simulation, gaps };
  });
  for (let next = arrivals.next(); next.done !== true; next = arrivals.next()) {
    const request = next.value;
    if (admit !== undefined && !admit(request)) continue;
    gapBin = gapClock.next(request);
    onArrival?.(request, gapBin < 0);
    for (const { simulation } of simulations) simulation.offer(request);
  }
  // The caller's own results (replay's breakdowns) come after: the simulations go out of scope here.
  return simulations.map(({ policy, simulation, gaps }, index) => {
    const result = simulation.finish();
    run.onResult?.(index, result);
    return summarise(result, policy, priceOf, { gaps: gaps.histogram() });
  });
}
