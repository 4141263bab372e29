// Wires one scenario through the data flow of DESIGN.md §2: workload → engine ⇄ cache → pricing →
// metrics. Each policy replays the same seeded arrivals from scratch, so memory stays bounded by live
// entries and the policies cannot influence each other.
import type { Scenario } from './scenario/types.js';
import type { PriceProfile } from './pricing/profile.js';
import { applyOverrides, findProfile } from './pricing/lookup.js';
import { createArrivals } from './workload/arrivals.js';
import { createRng } from './workload/rng.js';
import { simulate, type SimInput } from './engine/simulate.js';
import { summarise, type PolicySummary } from './metrics/summarise.js';

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
}

export interface RunOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** Called before each policy starts (progress reporting). */
  readonly onPolicy?: (index: number, count: number, name: string) => void;
}

/** Resolves models to profiles; the scenario's overrides apply to its pricing model only. */
export function priceResolver(scenario: Scenario): (model: string) => PriceProfile {
  const cache = new Map<string, PriceProfile>();
  return (model) => {
    let profile = cache.get(model);
    if (profile === undefined) {
      const found = findProfile(scenario.pricing.provider, model);
      if (found === undefined) throw new Error(`no price profile for ${scenario.pricing.provider}/${model} (validation should have caught it)`);
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
  const policies = scenario.policies.map((policy, index) => {
    options.onPolicy?.(index, scenario.policies.length, policy.name);
    const root = createRng(seed);
    const input: SimInput = {
      arrivals: createArrivals(scenario.workloads, root.fork('arrivals'), scenario.horizonMs),
      policy,
      priceOf,
      engine: scenario.engine,
      horizonMs: scenario.horizonMs,
      rng: root.fork(`eviction/${policy.name}`),
    };
    return summarise(simulate(input), policy, priceOf);
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
  };
}
