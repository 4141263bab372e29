// workload/ (layer 3), PURE: how much work a scenario asks for, estimated from its parameters before
// anything is generated, so that a typo (`horizon: 100000000000d`, `bucket: 1ms` over a day, a billion
// keys) is refused at once instead of running for hours or exhausting memory. Estimates come from the
// distributions' means (distributions.ts distMean) and the horizon; they aim within a small factor of
// the truth for ordinary scenarios and are astronomically large for the mistakes. The limits and the
// checks that word them are in work-limits.ts; docs/commands.md documents them.
import type { RateProfile, Scenario, SessionsWorkload, WorkloadSpec } from '../model/scenario.js';
import { distMean } from './distributions.js';

export interface WorkloadWork {
  /** Requests the workload is expected to send within the horizon (after profile thinning). */
  readonly requests: number;
  /** Arrivals drawn before thinning: what generating them costs. */
  readonly draws: number;
  /** Prompt segments walked per policy, summed over the requests (sessions resend their history). */
  readonly segmentVisits: number;
  /** Ids held for the whole run: renewal keys, periodic jobs, session projects. */
  readonly keys: number;
}

export interface WorkEstimate {
  /** One per synthetic workload, in the order of Scenario.workloads. */
  readonly workloads: readonly WorkloadWork[];
  readonly requests: number;
  readonly draws: number;
  readonly segmentVisits: number;
  readonly keys: number;
  /** Time-series buckets of each policy: ⌈horizon / bucket⌉. */
  readonly buckets: number;
}

export function estimateWork(scenario: Scenario): WorkEstimate {
  const horizonMs = scenario.horizonMs;
  const workloads = scenario.workloads.map((spec) => estimateWorkload(spec, horizonMs));
  const sum = (field: keyof WorkloadWork) => workloads.reduce((total, w) => total + w[field], 0);
  return {
    workloads,
    requests: sum('requests'),
    draws: sum('draws'),
    segmentVisits: sum('segmentVisits'),
    keys: sum('keys'),
    buckets: Math.max(1, Math.ceil(horizonMs / scenario.engine.bucketMs)),
  };
}

export function estimateWorkload(spec: WorkloadSpec, horizonMs: number): WorkloadWork {
  const weight = meanWeight(spec.profile);
  switch (spec.kind) {
    case 'renewal': {
      // Gaps are drawn in whole ms, at least 1 (renewal.ts).
      const draws = spec.keys * (horizonMs / Math.max(1, distMean(spec.gapMs)));
      const requests = draws * weight;
      return { requests, draws, segmentVisits: requests, keys: spec.keys };
    }
    case 'periodic': {
      // A run starts every `every` (profiles thin whole runs) and its requests are `spacing` apart; a run
      // never starts before the previous one's last request, so time bounds a job's requests too.
      const runs = spec.jobs * Math.ceil(horizonMs / spec.everyMs);
      const perRun = Math.max(1, distMean(spec.requestsPerRun));
      const spacingMs = distMean(spec.spacingMs);
      const byTime = spacingMs > 0 ? runs + spec.jobs * (horizonMs / spacingMs) : Infinity;
      const requests = Math.min(product(runs * weight, perRun), byTime);
      return { requests, draws: runs, segmentVisits: requests, keys: spec.jobs };
    }
    case 'sessions':
      return estimateSessions(spec, horizonMs, weight);
  }
}

/** Sessions: starts × requests per session; each request walks its base prompt and its history so far. */
function estimateSessions(spec: SessionsWorkload, horizonMs: number, weight: number): WorkloadWork {
  const draws = spec.arrivalRatePerMs * horizonMs;
  const sessions = draws * weight;
  const turns = Math.max(1, distMean(spec.turns));
  const perTurn = Math.max(1, distMean(spec.requestsPerTurn));
  // Sessions start all over the horizon and are cut at its end: on average half of it is left, and a
  // session sends no more than fits in that at its mean gap between requests (gaps are at least 1 ms).
  const toolGapMs = Math.max(1, distMean(spec.toolGapMs));
  const p = spec.longBreakProbability;
  const turnGapMs = Math.max(1, (1 - p) * distMean(spec.thinkTimeMs) + product(p, distMean(spec.longBreakMs)));
  const gapMs = perTurn === Infinity ? toolGapMs : ((perTurn - 1) * toolGapMs + turnGapMs) / perTurn;
  const main = Math.min(turns * perTurn, 1 + horizonMs / 2 / gapMs);
  // Compaction resets the history every `cycle` requests (the context grows by these tokens per request).
  const { prompt, compaction } = spec;
  const growth = Math.max(
    1,
    distMean(prompt.outputTokens) +
      (perTurn > 1 ? ((perTurn - 1) / perTurn) * distMean(prompt.toolResultTokens) : 0) +
      distMean(prompt.userMessageTokens) / perTurn,
  );
  const baseTokens = prompt.toolsTokens + prompt.systemTokens + prompt.projectTokens;
  const cycle = compaction === null ? Infinity : Math.max(1, (compaction.thresholdTokens - baseTokens) / growth);
  const baseSegments = prompt.projectTokens > 0 ? 3 : 2;
  const compactions = cycle === Infinity ? 0 : main / cycle;
  let perSession = main + compactions;
  let visits = main * (baseSegments + Math.min(main, cycle) / 2);
  const sub = spec.subagents;
  if (sub !== null && sub.probability > 0) {
    const spawned = (main / perTurn) * sub.probability;
    const each = Math.max(1, distMean(sub.requests));
    perSession += product(spawned, each);
    visits += product(spawned, each * (1 + each / 2));
  }
  return {
    requests: product(sessions, perSession),
    draws,
    segmentVisits: product(sessions, visits),
    keys: spec.prompt.projects,
  };
}

/** a × b, where 0 × ∞ is 0 (no long breaks, however long they would be). */
function product(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : a * b;
}

/** The share of arrivals a profile keeps, over whole weeks. */
function meanWeight(profile: RateProfile | null): number {
  if (profile === null) return 1;
  const mean = (weights: readonly number[]) => weights.reduce((a, b) => a + b, 0) / weights.length;
  return mean(profile.hourly) * mean(profile.weekly);
}
