// verdict/ (layer 9): what a verdict needs beyond the policy table, gathered during the one pass over the
// requests: USD per session under each policy (the bootstrap's unit), and for logs the candidates of every
// target that could be detected, so that `replay` simulates what `tune` chooses among.
import type { PolicySpec } from '../model/policy.js';
import type { PriceProfile } from '../pricing/profile.js';
import type { PolicyObserver } from '../metrics/run-policies.js';
import { SessionCosts } from './session-costs.js';
import type { SessionPairs } from './verdict.js';
import { IdColumns } from '../util/id-columns.js';
import { LOG_ROLES, TARGETS, targetCandidates, type Target } from './targets.js';

export class SessionCostsByPolicy {
  private readonly byName = new Map<string, SessionCosts>();
  /**
   * One table for every policy of the pass: a session's totals side by side (util/id-columns.ts); the pass's
   * gap clock keeps its column there too (metrics/run-policies.ts `rows`).
   */
  readonly table = new IdColumns();

  /**
   * An observer for `replayLogs` (`observe`), feeding this policy's session costs at the replay's prices
   * (known once the logs are open: the provider may come from them).
   */
  observe = (_index: number, name: string, priceOf: (model: string) => PriceProfile): PolicyObserver => {
    const costs = new SessionCosts(priceOf, this.table);
    this.byName.set(name, costs);
    return {
      onRequest: (request, outcome) => costs.add(request, outcome, request.outputTokens),
      onPing: (request, outcome) => costs.add(request, outcome, 1),
    };
  };

  usd = (name: string): ReadonlyMap<string, number> | undefined => this.byName.get(name)?.usdBySession;

  /** What `usd` gives the verdict for two policies, read off the table's columns (verdict.ts `sessionPairs`). */
  pairs = (chosen: string, baseline: string): SessionPairs | undefined => {
    const base = this.byName.get(baseline);
    const other = this.byName.get(chosen);
    if (base === undefined || other === undefined) return undefined;
    const sorted = this.table.sortedBy(base.column, [other.column, base.column]);
    if (sorted === null) return undefined;
    // No value is no cost, as `get(u) ?? 0` reads a Map.
    const usd = (value: number): number => (value === value ? value : 0);
    return {
      sessions: sorted.ids.length,
      chosenUsd: sorted.values[0].map(usd),
      baselineUsd: sorted.values[1].map(usd),
    };
  };
}

/** The candidates of `target` over recorded logs, or of every target when it is still to be detected. */
export function logCandidates(target: Target | undefined): PolicySpec[] {
  const all = (target === undefined ? TARGETS : [target]).flatMap((t) => targetCandidates(t, LOG_ROLES));
  return all.filter((p, i) => all.findIndex((q) => q.name === p.name) === i);
}
