// What a chart is to the report (a key and a Vega-Lite spec), and what the charts need to know of the
// verdict to show the answer: the policy to highlight and the baseline the savings are measured from.
import type { TopLevelSpec } from 'vega-lite';
import { byCost, type PolicySummary } from '../../metrics/summarise.js';

export interface Chart {
  /** Stable id: file names (`charts/<key>.vl.json`) and the page's element ids. */
  readonly key: string;
  readonly spec: TopLevelSpec;
}

/**
 * The verdict as the charts use it: the same shape as `Verdict` (verdict/verdict.ts) so a replay's, a
 * tune's or (when it carries one) a run's verdict is passed as it is.
 */
export interface ChartVerdict {
  /** The policy the verdict names (to change to, to keep, or the cheapest candidate when undecided). */
  readonly policy: string;
  readonly baseline: { readonly policy: string; readonly costUsd: number };
}

/**
 * The verdict to draw: the one given, else (a run without a verdict) the cheapest policy against the
 * first one the scenario lists, which is what the user compares against.
 */
export function chartVerdict(policies: readonly PolicySummary[], verdict?: ChartVerdict): ChartVerdict {
  if (verdict !== undefined && policies.some((p) => p.policy === verdict.baseline.policy)) return verdict;
  const first = policies[0];
  const cheapest = byCost(policies)[0];
  return {
    policy: cheapest?.policy ?? '',
    baseline: { policy: first?.policy ?? '', costUsd: first?.costUsd.total ?? 0 },
  };
}
