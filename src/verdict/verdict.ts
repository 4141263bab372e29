// verdict/ (layer 9): the one conclusion `replay`, `tune` and `run` draw from an evaluated policy table
// (docs/verdict.md): change to the cheapest policy the target can run, keep the baseline, or undecided.
// The baseline is what the user runs now, simulated like every other row; a positive saving is money
// saved against it. The interval is a bootstrap over sessions with a fixed seed, so two commands that
// simulate the same sessions give the same verdict whatever their own --seed.
import type { PolicySpec } from '../model/policy.js';
import type { PolicySummary } from '../metrics/summarise.js';
import { round } from '../metrics/summarise.js';
import { gapShares } from '../metrics/histograms.js';
import { createRng } from '../workload/rng.js';
import { bootstrapSaving } from './bootstrap.js';
import { actionsFor, type VerdictAction } from './actions.js';
import { configurable, type Target } from './targets.js';
import { recordedSetting, type RecordedMix } from './recorded-setting.js';
import { verdictMessages } from './messages.js';

export type Decision = 'change' | 'keep' | 'undecided';

export interface Verdict {
  readonly decision: Decision;
  /** The policy to run: the change for `change`, the baseline for `keep`, the cheapest candidate for `undecided`. */
  readonly policy: string;
  readonly baseline: { readonly policy: string; readonly costUsd: number };
  /** Baseline cost − the cheapest candidate's cost: positive is money saved. */
  readonly savingUsd: number;
  /** savingUsd as a percentage of the baseline (12.5 = 12.5%). */
  readonly savingPct: number;
  /** 95% bootstrap interval of savingPct over sessions; null with fewer than two sessions. */
  readonly ci: readonly [number, number] | null;
  readonly reason: string;
  readonly actions: readonly VerdictAction[];
}

export interface VerdictThresholds {
  /** Fewer sessions than this: undecided. */
  readonly minSessions: number;
  /** Fewer idle gaps than this in the band where the two policies differ: undecided. */
  readonly minGaps: number;
  /** A saving whose interval stays under this percentage is not worth a change: keep. */
  readonly minSavingPct: number;
}

export const DEFAULT_THRESHOLDS: VerdictThresholds = { minSessions: 10, minGaps: 20, minSavingPct: 1 };

export interface VerdictInput {
  /** Every evaluated row. */
  readonly policies: readonly PolicySummary[];
  /** The spec of a row by name (undefined for rows with none: as-recorded, oracle). */
  readonly specOf: (name: string) => PolicySpec | undefined;
  /** USD per session under a policy, by name. */
  readonly sessionUsd: (name: string) => ReadonlyMap<string, number> | undefined;
  /**
   * The same figures for the two policies the interval compares, when the caller has them as columns
   * (verdict/collect.ts): no Map per policy and lookup per session. Undefined: from `sessionUsd`.
   */
  readonly sessionPairs?: (chosen: string, baseline: string) => SessionPairs | undefined;
  readonly baseline: string;
  /** The rows the target can be configured to run (targets.ts), among which the verdict chooses. */
  readonly candidates: readonly string[];
  readonly target: Target;
  readonly thresholds?: Partial<VerdictThresholds>;
  /**
   * What replayed logs ran (replay/ttl-mix.ts), for a baseline with no spec (as-recorded): `keep` then
   * names the setting that reproduces it (recorded-setting.ts). Undefined or null for scenarios.
   */
  readonly recorded?: RecordedMix | null;
}

/**
 * The bootstrap's units: the baseline's sessions sorted by id, with each one's USD under the chosen policy
 * and the baseline (0 where it has none); null where a policy has no costs per session.
 */
export interface SessionPairs {
  readonly sessions: number;
  readonly chosenUsd: readonly number[] | null;
  readonly baselineUsd: readonly number[] | null;
}

/** SessionPairs from two Maps of USD per session. */
function pairsOf(
  chosen: ReadonlyMap<string, number> | undefined,
  baseline: ReadonlyMap<string, number> | undefined,
): SessionPairs {
  const units = [...(baseline?.keys() ?? [])].sort();
  return {
    sessions: units.length,
    chosenUsd: baseline === undefined || chosen === undefined ? null : units.map((u) => chosen.get(u) ?? 0),
    baselineUsd: baseline === undefined || chosen === undefined ? null : units.map((u) => baseline.get(u) ?? 0),
  };
}

/** Fixed: the interval must not depend on a command's own seed (header). */
const VERDICT_SEED = 1;

const usesOneHour = (spec: PolicySpec | undefined): boolean =>
  spec !== undefined &&
  (spec.kind === 'static' || spec.kind === 'keepalive') &&
  [spec.defaultTier, ...Object.values(spec.tierByRole), ...Object.values(spec.tierByThreadKind ?? {})].some(
    (t) => t !== null && t !== undefined && t.billAs === '1h',
  );

export function verdictOf(input: VerdictInput): Verdict {
  const limits = { ...DEFAULT_THRESHOLDS, ...input.thresholds };
  const baseline = input.policies.find((p) => p.policy === input.baseline);
  if (baseline === undefined) throw new Error(`no baseline row ${input.baseline}`);
  const baseUsd = baseline.costUsd.total;
  const rows = input.policies.filter((p) => input.candidates.includes(p.policy));
  // Ties go to the baseline, then to the earlier row: a change must save something.
  const best = [...rows].sort(
    (a, b) =>
      a.costUsd.total - b.costUsd.total || Number(b.policy === input.baseline) - Number(a.policy === input.baseline),
  )[0];
  const bestIsBaseline = best === undefined || best.policy === input.baseline || best.costUsd.total >= baseUsd;
  const chosen = bestIsBaseline ? baseline : best;
  const savingUsd = round(baseUsd - chosen.costUsd.total);
  const savingPct = baseUsd === 0 ? 0 : round((100 * savingUsd) / baseUsd, 2);

  const pairs =
    input.sessionPairs?.(chosen.policy, input.baseline) ??
    pairsOf(input.sessionUsd(chosen.policy), input.sessionUsd(input.baseline));
  const sessions = pairs.sessions;
  const boot =
    pairs.chosenUsd === null || pairs.baselineUsd === null
      ? null
      : bootstrapSaving(pairs.chosenUsd, pairs.baselineUsd, createRng(VERDICT_SEED).fork('verdict/bootstrap'));
  const ci: readonly [number, number] | null =
    boot === null || bestIsBaseline ? null : [round(100 * boot.ci[0], 2), round(100 * boot.ci[1], 2)];

  // The band of idle gaps where the two policies part: 5–60 minutes when one of them writes 1h and both
  // cache. Against no caching at all every gap counts (reads within 5m already save), so the band does not
  // decide and its count is no evidence either way.
  const shares = gapShares(baseline);
  const cachesNothing = (name: string): boolean => input.specOf(name)?.kind === 'none';
  const oneHour =
    !cachesNothing(chosen.policy) &&
    !cachesNothing(input.baseline) &&
    usesOneHour(input.specOf(chosen.policy)) !== usesOneHour(input.specOf(input.baseline));
  const bandGaps = shares === null || !oneHour ? null : Math.round(shares.from5mTo1h * shares.gaps);

  let decision: Decision;
  let reason: string;
  if (sessions < limits.minSessions) {
    decision = 'undecided';
    reason = verdictMessages.fewSessions(sessions, limits.minSessions);
  } else if (bestIsBaseline) {
    decision = 'keep';
    reason = verdictMessages.keepBest(input.baseline);
  } else if (bandGaps !== null && bandGaps < limits.minGaps) {
    decision = 'undecided';
    reason = verdictMessages.fewGaps(bandGaps, '5 to 60 minutes', limits.minGaps);
  } else if (ci === null) {
    decision = 'undecided';
    reason = verdictMessages.noInterval();
  } else if (ci[1] < limits.minSavingPct) {
    decision = 'keep';
    reason = verdictMessages.keepNoise(input.baseline, chosen.policy, ci, limits.minSavingPct);
  } else if (ci[0] <= 0) {
    decision = 'undecided';
    reason = verdictMessages.intervalIncludesZero(chosen.policy, ci);
  } else {
    decision = 'change';
    reason = verdictMessages.change(chosen.policy, input.baseline, savingUsd, savingPct, ci);
  }
  if (decision === 'undecided' && !bestIsBaseline)
    reason += ` ${verdictMessages.bestWouldBe(chosen.policy, savingUsd, savingPct)}`;
  // keep: the baseline's own lines when the target can run it, else "change nothing"; undecided: what trying
  // the cheapest candidate would take; change: the change.
  const actions =
    decision === 'keep'
      ? input.candidates.includes(input.baseline) && input.specOf(input.baseline) !== undefined
        ? actionsFor(input.target, input.specOf(input.baseline)!, 'keep')
        : keepRecorded(input)
      : bestIsBaseline || input.specOf(chosen.policy) === undefined
        ? []
        : actionsFor(input.target, input.specOf(chosen.policy)!, decision === 'change' ? 'change' : 'try');
  return {
    decision,
    policy: decision === 'keep' ? input.baseline : chosen.policy,
    baseline: { policy: input.baseline, costUsd: baseUsd },
    savingUsd: decision === 'keep' ? 0 : savingUsd,
    savingPct: decision === 'keep' ? 0 : savingPct,
    ci,
    reason,
    actions,
  };
}

/**
 * `keep` of a baseline with no spec (as-recorded): the lines of the setting the logs ran; when they ran
 * no single one, a first line says so, with the shares, and the lines pin the majority. Without a mix
 * (or nothing written), "change nothing".
 */
function keepRecorded(input: VerdictInput): VerdictAction[] {
  const setting =
    input.recorded === undefined || input.recorded === null ? null : recordedSetting(input.recorded, input.target);
  if (setting === null)
    return [{ target: 'settings', text: verdictMessages.keepLine(input.baseline, verdictMessages.changeNothing()) }];
  const lines = actionsFor(input.target, setting.spec, 'keep');
  if (setting.exact) return lines;
  return [
    {
      target: 'settings',
      text: verdictMessages.keepLine(
        input.baseline,
        verdictMessages.noSingleSetting(setting.share1h, setting.spec.name),
      ),
    },
    ...lines,
  ];
}

export interface NotConfigurable {
  readonly policy: string;
  readonly costUsd: number;
  /** Against the baseline, positive is money saved. */
  readonly savingUsd: number;
}

/** Rows cheaper than the verdict's policy that the target cannot run (keep-alive, adaptive, role splits…). */
export function notConfigurable(input: VerdictInput, verdict: Verdict): NotConfigurable[] {
  const chosen = input.policies.find((p) => p.policy === verdict.policy);
  const bar = chosen?.costUsd.total ?? verdict.baseline.costUsd;
  return input.policies
    .filter((p) => {
      const spec = input.specOf(p.policy);
      return spec !== undefined && !configurable(input.target, spec) && p.costUsd.total < bar;
    })
    .sort((a, b) => a.costUsd.total - b.costUsd.total)
    .map((p) => ({
      policy: p.policy,
      costUsd: p.costUsd.total,
      savingUsd: round(verdict.baseline.costUsd - p.costUsd.total),
    }));
}

/** What every command puts beside its table: the target, the verdict and what the target cannot run. */
export interface VerdictReport {
  readonly target: Target;
  readonly verdict: Verdict;
  readonly notConfigurable: readonly NotConfigurable[];
}

export function verdictReport(input: VerdictInput): VerdictReport {
  const verdict = verdictOf(input);
  return { target: input.target, verdict, notConfigurable: notConfigurable(input, verdict) };
}
