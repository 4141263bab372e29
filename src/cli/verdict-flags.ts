// The verdict of `ttlsim replay` (verdict/verdict.ts): the target's candidates beyond the replay's own
// counterfactuals join its one pass, each policy's cost per session is kept, and the verdict is drawn
// exactly as `ttlsim tune` draws it on the same logs (tune/tune.ts).
import type { PolicySpec } from '../model/policy.js';
import type { PriceProfile } from '../pricing/profile.js';
import type { PolicyObserver } from '../metrics/run-policies.js';
import type { ReplayResult } from '../replay/replay-logs.js';
import { counterfactualPolicies } from '../replay/counterfactuals.js';
import { logCandidates, SessionCostsByPolicy } from '../verdict/collect.js';
import type { IdColumns } from '../util/id-columns.js';
import { detectTarget, LOG_ROLES, targetCandidates, type Target } from '../verdict/targets.js';
import { verdictReport, type VerdictInput, type VerdictReport, type VerdictThresholds } from '../verdict/verdict.js';
import { count, nonNegativeNumber } from '../scenario/values.js';
import { flagValue } from './common.js';

export interface LogVerdictRun {
  /** The policies to replay beyond the built-in counterfactuals: the user's, then the missing candidates. */
  readonly policies: readonly PolicySpec[];
  readonly observe: (index: number, name: string, priceOf: (model: string) => PriceProfile) => PolicyObserver;
  /** For `replayLogs`'s `rows`: the table the costs per session are kept in. */
  readonly rows: IdColumns;
  /** USD per session under a policy, by name, once the replay has run. */
  readonly usd: (name: string) => ReadonlyMap<string, number> | undefined;
  readonly report: (result: ReplayResult) => VerdictReport;
}

export function logVerdict(
  target: Target | undefined,
  userPolicies: readonly PolicySpec[],
  thresholds?: Partial<VerdictThresholds>,
): LogVerdictRun {
  const costs = new SessionCostsByPolicy();
  return {
    policies: verdictPolicies(target, userPolicies),
    observe: costs.observe,
    rows: costs.table,
    usd: costs.usd,
    report: (result) => logVerdictReport(result, target, userPolicies, thresholds, costs.usd, costs.pairs),
  };
}

/** The policies a replay adds for its verdict: the user's, then the target's candidates it lacks. */
function verdictPolicies(target: Target | undefined, userPolicies: readonly PolicySpec[]): PolicySpec[] {
  const known = new Set([...counterfactualPolicies(), ...userPolicies].map((p) => p.name));
  return [...userPolicies, ...logCandidates(target).filter((p) => !known.has(p.name))];
}

/** The verdict of a replayed table (also of a merge of a replay's shards: cli/merge.ts). */
export function logVerdictReport(
  result: ReplayResult,
  target: Target | undefined,
  userPolicies: readonly PolicySpec[],
  thresholds: Partial<VerdictThresholds> | undefined,
  sessionUsd: (name: string) => ReadonlyMap<string, number> | undefined,
  sessionPairs?: VerdictInput['sessionPairs'],
): VerdictReport {
  const specs = [...counterfactualPolicies(), ...verdictPolicies(target, userPolicies)];
  const chosen = target ?? detectTarget(result.formats);
  return verdictReport({
    policies: result.policies,
    specOf: (name) => specs.find((s) => s.name === name),
    sessionUsd,
    sessionPairs,
    // As tune/tune.ts: the simulated as-recorded policy when the logs record usage, else 5m.
    baseline: result.asRecorded === null ? '5m' : 'as-recorded',
    candidates: targetCandidates(chosen, LOG_ROLES).map((p) => p.name),
    target: chosen,
    thresholds,
    // What the logs ran, so that keep names its setting exactly as tune's verdict does.
    recorded: result.asRecorded?.ttlMix ?? null,
  });
}

/** `--min-sessions`, `--min-gaps`, `--min-saving`: the verdict's thresholds (defaults in verdict/verdict.ts). */
export const thresholdOptions = {
  'min-sessions': { type: 'string', describe: 'fewer sessions than this: undecided (default 10)' },
  'min-gaps': { type: 'string', describe: 'fewer idle gaps than this in the deciding band: undecided (default 20)' },
  'min-saving': { type: 'string', describe: 'a saving whose interval stays under this percentage: keep (default 1)' },
} as const;

export interface ThresholdArgs {
  minSessions?: string;
  minGaps?: string;
  minSaving?: string;
}

/** The thresholds given, read as the scenario format reads numbers; exit 2 naming the flag otherwise. */
export function thresholdFlags(args: ThresholdArgs): Partial<VerdictThresholds> {
  const minSessions = flagValue('--min-sessions', args.minSessions, count(2));
  const minGaps = flagValue('--min-gaps', args.minGaps, count(0));
  const minSavingPct = flagValue('--min-saving', args.minSaving, nonNegativeNumber);
  return {
    ...(minSessions === undefined ? {} : { minSessions }),
    ...(minGaps === undefined ? {} : { minGaps }),
    ...(minSavingPct === undefined ? {} : { minSavingPct }),
  };
}
