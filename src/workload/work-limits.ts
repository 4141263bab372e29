// workload/ (layer 3), PURE: the documented limits on a run's work (docs/commands.md "Limits") and the
// check that turns an estimate (work-estimate.ts) into located problems, so that a scenario over them is
// refused with exit 2 before anything runs. run/scenario-files.ts and sweep/ pass `workCheck` to the
// scenario reader, which places each problem at its field in the file.
import type { Scenario } from '../model/scenario.js';
import type { FieldPath, PathIssue, ScenarioCheck } from '../scenario/locate.js';
import { messages } from '../scenario/messages.js';
import { formatDuration } from '../model/format.js';
import { inputError } from '../model/errors.js';
import { estimateWork, type WorkloadWork } from './work-estimate.js';

/** Requests of one run (all workloads together) unless --max-requests says otherwise: about 20 s here. */
export const DEFAULT_MAX_REQUESTS = 10_000_000;
/** Arrivals drawn before profile thinning, per request of the limit. */
export const DRAWS_PER_REQUEST = 10;
/** Prompt segments walked per policy, per request of the limit (about the cost of one request). */
export const SEGMENTS_PER_REQUEST = 20;
/** Keys, jobs and projects: a tenth of the request limit, and never more (one run's key table holds 2^24 ids). */
export const KEYS_PER_REQUEST = 0.1;
export const MAX_KEYS = 10_000_000;
/**
 * Time-series buckets asked for, buckets × policies. The series are sparse and keep at most
 * engine/timeseries.ts MAX_SERIES_BUCKETS a policy (the width doubles past it), so this no longer bounds
 * memory; a grid this fine is still a mistake (1ms over a day), refused before anything runs.
 */
export const MAX_BUCKET_ROWS = 1_000_000;
/** Requests × policies (every request is offered to every policy), per request of the limit. */
export const POLICY_RUNS_PER_REQUEST = 20;
/** Workloads are merged by a linear scan per request (workload/arrivals.ts): a handful, not thousands. */
export const MAX_WORKLOADS = 1_000;
/**
 * Policies of one run: each holds a whole cache, and the report draws one line each (1,000 policies
 * overflowed the chart library's stack; 800 did not).
 */
export const MAX_POLICIES = 500;

export interface WorkLimits {
  readonly maxRequests: number;
  /** Default MAX_POLICIES; a sweep lifts it (its --ttl makes up to 2,001 policies a point, run 8 to a task). */
  readonly maxPolicies?: number;
}

export const DEFAULT_WORK_LIMITS: WorkLimits = { maxRequests: DEFAULT_MAX_REQUESTS };

/** The check the scenario reader runs on a scenario that parsed (scenario/read.ts). */
export function workCheck(limits: WorkLimits = DEFAULT_WORK_LIMITS): ScenarioCheck {
  return (scenario, workloadPaths) => workIssues(scenario, workloadPaths, limits);
}

/** Every limit the scenario exceeds, each at the field to change. */
export function workIssues(scenario: Scenario, workloadPaths: readonly FieldPath[], limits: WorkLimits): PathIssue[] {
  const work = estimateWork(scenario);
  const max = limits.maxRequests;
  const horizon = formatDuration(scenario.horizonMs);
  const issues: PathIssue[] = [];
  const at = (i: number, ...field: (string | number)[]): FieldPath => [...(workloadPaths[i] ?? ['workload']), ...field];
  if (!(work.requests <= max)) {
    const i = largest(work.workloads, 'requests');
    issues.push({
      path: at(i),
      message: messages.tooManyRequests(work.requests, horizon, work.workloads[i].requests, max),
    });
  } else if (!(work.draws <= max * DRAWS_PER_REQUEST)) {
    const i = largest(work.workloads, 'draws');
    issues.push({
      path: at(i, 'profile'),
      message: messages.tooManyDraws(work.draws, work.requests, max * DRAWS_PER_REQUEST),
    });
  }
  // Only with requests within the limit: too many requests is the problem to fix first.
  if (issues.length === 0 && !(work.segmentVisits <= max * SEGMENTS_PER_REQUEST)) {
    const i = largest(work.workloads, 'segmentVisits');
    issues.push({
      path: at(i, 'turns'),
      message: messages.tooManySegments(work.segmentVisits, max * SEGMENTS_PER_REQUEST),
    });
  }
  const maxKeys = Math.min(MAX_KEYS, Math.floor(max * KEYS_PER_REQUEST));
  if (work.keys > maxKeys) {
    const i = largest(work.workloads, 'keys');
    const spec = scenario.workloads[i];
    const field = spec.kind === 'renewal' ? ['keys'] : spec.kind === 'periodic' ? ['jobs'] : ['prompt', 'projects'];
    issues.push({ path: at(i, ...field), message: messages.tooManyKeys(work.keys, maxKeys) });
  }
  const policies = Math.max(1, scenario.policies.length);
  const workloads = scenario.workloads.length + scenario.replays.length;
  if (workloads > MAX_WORKLOADS)
    issues.push({ path: ['workload'], message: messages.tooManyItems('workloads', workloads, MAX_WORKLOADS) });
  const maxPolicies = limits.maxPolicies ?? MAX_POLICIES;
  if (scenario.policies.length > maxPolicies)
    issues.push({ path: ['policies'], message: messages.tooManyItems('policies', policies, maxPolicies) });
  else if (issues.length === 0 && !(work.requests * policies <= max * POLICY_RUNS_PER_REQUEST))
    issues.push({
      path: ['policies'],
      message: messages.tooManyPolicyRuns(work.requests, policies, max * POLICY_RUNS_PER_REQUEST),
    });
  if (!(work.buckets * policies <= MAX_BUCKET_ROWS)) {
    const bucket = formatDuration(scenario.engine.bucketMs);
    issues.push({
      path: ['engine', 'bucket'],
      message: messages.tooManyBuckets(work.buckets, bucket, horizon, policies, MAX_BUCKET_ROWS),
    });
  }
  return issues;
}

/**
 * A sweep's points together: their requests summed must stay within the limit too (each point was
 * checked on its own as it parsed). Throws an InputError naming the file.
 */
export function checkSweepWork(file: string, points: readonly Scenario[], maxRequests: number): void {
  const total = points.reduce((sum, point) => sum + estimateWork(point).requests, 0);
  if (!(total <= maxRequests))
    throw inputError(file, '', messages.tooManySweepRequests(total, points.length, maxRequests));
}

/** Index of the workload with the most of `field` (the first on ties; 0 when there are none). */
function largest(workloads: readonly WorkloadWork[], field: keyof WorkloadWork): number {
  let best = 0;
  workloads.forEach((w, i) => {
    if (!(w[field] <= workloads[best][field])) best = i;
  });
  return best;
}
