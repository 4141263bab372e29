// tune/ (layer 10): the recommendation from an evaluated policy table: the cheapest TTL policy (1h fixed
// first, the reading of the decision table in docs/model.md), its saving against the current policy, its
// regret against the oracle, a bootstrap interval over sessions, and the reason in the gap distribution.
import { roleTiers, type PolicySpec, type Tier } from '../model/policy.js';
import { type PolicySummary, round } from '../metrics/summarise.js';
import { gapShares, type GapShares } from '../metrics/histograms.js';
import { createRng } from '../workload/rng.js';
import { bootstrapSaving } from '../verdict/bootstrap.js';
import { isStatic, slides1h } from './policy-space.js';
import { tuneMessages } from './messages.js';

/** Below this many sessions the interval is too wide to decide on. */
const FEW_UNITS = 10;

export interface Recommendation {
  /** The name of a row in `policies`. */
  readonly policy: string;
  readonly savingsVsNoCache: number;
  /** Saving against the current policy (as recorded for logs; `--current`, default 5m, for scenarios). */
  readonly savingsVsCurrent: number;
  readonly current: string;
  /** cost / oracle cost − 1; null when the oracle was not evaluated. */
  readonly regretVsOracle: number | null;
  /** 95% bootstrap interval of savingsVsCurrent, over sessions; null with fewer than two. */
  readonly ci: readonly [number, number] | null;
  readonly units: number;
  /** True when the data are too few, or the interval includes no saving, to decide. */
  readonly undecided: boolean;
  readonly reason: string;
  /** When a sliding 1h changes the answer: the cheapest policy with 1h entries sliding on reads. */
  readonly ifOneHourSlides: { readonly policy: string; readonly costUsd: number } | null;
  /**
   * The recommendation is a TTL policy (tiers per role: the decision table's choice). When a policy that
   * changes when requests happen (keep-alive pings) or decides per write (adaptive) costs less still,
   * it is named here with its saving against the recommendation.
   */
  readonly beyondStatic: {
    readonly policy: string;
    readonly costUsd: number;
    readonly savingsVsRecommended: number;
  } | null;
}

/**
 * The reason in the gap distribution, for the tier the recommendation relies on: the share of idle gaps
 * a 1h entry bridges and a 5m one does not (5–60 minutes), the share a sliding 5m bridges (under 5
 * minutes), or the share neither does (over an hour).
 */
function gapReason(shares: GapShares | null, spec: PolicySpec): string {
  if (shares === null) return '';
  const tiers = roleTiers(spec).filter((t): t is Tier => t !== null);
  if (tiers.length === 0) return tuneMessages.gapsOverHour(shares);
  if (tiers.some((t) => t.billAs === '1h')) return tuneMessages.gapsBetween5mAnd1h(shares);
  return tuneMessages.gapsUnder5m(shares);
}

/**
 * The decision table's reading first (5m sliding, 1h fixed; docs/model.md): the cheapest policy whose 1h
 * entries do not slide.
 * If letting them slide would change the answer, that is said and given too. The oracle and the
 * as-recorded row are benchmarks, never recommendations.
 */
export function recommend(
  policies: readonly PolicySummary[],
  specs: readonly PolicySpec[],
  costs: readonly { readonly usdBySession: ReadonlyMap<string, number> }[],
  currentName: string,
  seed: number,
): Recommendation {
  const candidates = policies
    .map((p, i) => ({ p, spec: specs[i], costs: costs[i] }))
    .filter(({ p }) => p.policy !== 'oracle' && p.policy !== 'as-recorded');
  const byCost = [...candidates].sort((a, b) => a.p.costUsd.total - b.p.costUsd.total);
  const statics = byCost.filter((c) => isStatic(c.spec));
  const fixed = statics.filter((c) => !slides1h(c.spec));
  const best = fixed[0] ?? statics[0] ?? byCost[0];
  const sliding = statics[0];
  const dynamic = byCost.find((c) => !isStatic(c.spec) && !slides1h(c.spec));
  const current = policies.find((p) => p.policy === currentName) ?? best.p;
  const currentIndex = policies.indexOf(current);
  const oracle = policies.find((p) => p.policy === 'oracle');
  const savingsVsCurrent = current.costUsd.total === 0 ? 0 : 1 - best.p.costUsd.total / current.costUsd.total;
  const units = [...(costs[currentIndex]?.usdBySession.keys() ?? [])];
  const boot =
    best.costs === undefined || costs[currentIndex] === undefined
      ? null
      : bootstrapSaving(
          units.map((u) => best.costs.usdBySession.get(u) ?? 0),
          units.map((u) => costs[currentIndex].usdBySession.get(u) ?? 0),
          createRng(seed).fork('bootstrap'),
        );
  const undecided = boot === null || boot.units < FEW_UNITS || (best.p.policy !== current.policy && boot.ci[0] <= 0);
  let reason = gapReason(gapShares(policies[0]), best.spec);
  if (best.p.policy === current.policy) reason = tuneMessages.alreadyCheapest(current.policy, reason);
  const beyond = dynamic !== undefined && dynamic.p.costUsd.total < best.p.costUsd.total ? dynamic : undefined;
  if (beyond !== undefined)
    reason += ` ${tuneMessages.beyondTtlPolicies(beyond.p.policy, 1 - beyond.p.costUsd.total / best.p.costUsd.total)}`;
  if (undecided && boot !== null)
    reason +=
      boot.units < FEW_UNITS
        ? ` ${tuneMessages.tooFewSessions(boot.units)}`
        : ` ${tuneMessages.intervalIncludesNoSaving(boot.ci[0], boot.ci[1])}`;
  return {
    policy: best.p.policy,
    savingsVsNoCache: best.p.savingsVsNoCache,
    savingsVsCurrent: round(savingsVsCurrent),
    current: current.policy,
    regretVsOracle:
      oracle === undefined || oracle.costUsd.total === 0
        ? null
        : round(best.p.costUsd.total / oracle.costUsd.total - 1),
    ci: boot === null ? null : [round(boot.ci[0]), round(boot.ci[1])],
    units: boot?.units ?? units.length,
    undecided,
    reason: reason.trim(),
    ifOneHourSlides:
      sliding !== undefined && sliding.p.policy !== best.p.policy
        ? { policy: sliding.p.policy, costUsd: sliding.p.costUsd.total }
        : null,
    beyondStatic:
      beyond === undefined
        ? null
        : {
            policy: beyond.p.policy,
            costUsd: beyond.p.costUsd.total,
            savingsVsRecommended: round(1 - beyond.p.costUsd.total / best.p.costUsd.total),
          },
  };
}
