// Parsed sections (schema.ts) → the Scenario the engine runs: price profiles looked up, workloads and
// policies normalised against them, engine defaults. Every check runs on whatever parsed, so all problems
// are reported together; a Scenario is returned only when there are none.
import type { ReplayWorkload, Scenario, WorkloadSpec } from '../model/scenario.js';
import type { PriceProfile } from '../pricing/profile.js';
import type { FieldPath, PathIssue } from './locate.js';
import type { RawPricing, Sections } from './schema.js';
import { findProfile, providers, suggestModel } from '../pricing/lookup.js';
import { messages } from './messages.js';
import { isMapping } from './values.js';
import { normaliseWorkloads, type LogInspector } from './normalise-workload.js';
import { defaultPolicies, normalisePolicies, type PricedWorkload } from './normalise-policy.js';

const DEFAULT_SEED = 1;
const DEFAULT_LOOKBACK = 20;
/** The default time-series bucket gives about this many buckets over the horizon. */
const BUCKETS_PER_HORIZON = 96;

/** Without a file to resolve log paths against, a replay workload is a problem. */
const noLogs: LogInspector = () => ({ problem: messages.replayNeedsFile() });

export function normalise(
  sections: Sections,
  sourcePath: string,
  issues: PathIssue[],
  inspectLogs: LogInspector = noLogs,
): Scenario | null {
  const { top } = sections;
  const profileOf = profileFinder(top.pricing, issues);
  const main = top.pricing === undefined ? undefined : profileOf(top.pricing.model, ['pricing', 'model']);
  const all = normaliseWorkloads(
    sections.workloads,
    (model, path) => (model === undefined ? main : profileOf(model, path))?.model,
    issues,
    inspectLogs,
  );
  const workloads = all.filter((spec): spec is WorkloadSpec => spec !== undefined && spec.kind !== 'replay');
  const replays = all.filter((spec): spec is ReplayWorkload => spec !== undefined && spec.kind === 'replay');
  // A scenario that only replays logs runs as long as they do.
  const everyWorkloadReplays =
    sections.workloads.length > 0 &&
    sections.workloads.every((item) => isMapping(item.input) && item.input.kind === 'replay');
  if (top.horizon === undefined && !everyWorkloadReplays && !issues.some((i) => i.path[0] === 'horizon'))
    issues.push({ path: ['horizon'], message: messages.horizonOrReplay() });
  const priced = workloads.flatMap((spec): PricedWorkload[] => {
    const profile = profileOf(spec.model, []);
    return profile === undefined ? [] : [{ spec, profile }];
  });
  const context = { main, workloads: priced, overridesLongWrite: top.pricing?.cacheWrite1h !== undefined };
  const policies = normalisePolicies(sections.policies ?? defaultPolicies(context), context, issues);

  const { name, pricing, engine } = top;
  const horizonMs = top.horizon ?? Math.max(60_000, ...replays.map((r) => Math.ceil((r.spanMs + 1) / 60_000) * 60_000));
  if (issues.length > 0 || name === undefined || pricing === undefined || main === undefined) return null;
  return {
    name,
    description: top.description ?? '',
    sourcePath,
    seed: top.seed ?? DEFAULT_SEED,
    horizonMs,
    pricing: {
      provider: main.provider,
      // The profile's canonical id: run-scenario.ts applies the overrides to the model with this exact id.
      model: main.model,
      overrides: {
        input: pricing.input,
        cacheWrite5m: pricing.cacheWrite5m,
        cacheWrite1h: pricing.cacheWrite1h,
        cacheRead: pricing.cacheRead,
        output: pricing.output,
        storagePerHour: pricing.storagePerHour,
        minCacheableTokens: pricing.minCacheableTokens,
      },
    },
    engine: {
      lookback: engine?.lookback ?? DEFAULT_LOOKBACK,
      firstTokenDelayMs: engine?.firstTokenDelay ?? 0,
      evictionRatePerMs: engine?.earlyEviction ?? 0,
      bucketMs: engine?.bucket ?? Math.max(1000, Math.ceil(horizonMs / BUCKETS_PER_HORIZON / 1000) * 1000),
    },
    workloads,
    replays,
    policies,
  };
}

/**
 * Looks models up under the scenario's provider, reporting an unknown provider once and an unknown model
 * where it is written. Quiet for an empty path (a model already checked where it was written).
 */
function profileFinder(
  pricing: RawPricing | undefined,
  issues: PathIssue[],
): (model: string, path: FieldPath) => PriceProfile | undefined {
  if (pricing === undefined) return () => undefined;
  const provider = (pricing.provider ?? 'anthropic').trim().toLowerCase();
  if (!providers().includes(provider)) {
    issues.push({
      path: ['pricing', 'provider'],
      message: messages.unknownProvider(pricing.provider ?? provider, providers()),
    });
    return () => undefined;
  }
  return (model, path) => {
    const profile = findProfile(provider, model);
    if (profile === undefined && path.length > 0)
      issues.push({ path, message: messages.unknownModel(provider, model, suggestModel(provider, model)) });
    return profile;
  };
}
