// verdict/ (layer 8): what a verdict needs beyond the policy table, gathered during the one pass over the
// requests: USD per session under each policy (the bootstrap's unit), and for logs the candidates of every
// target that could be detected, so that `replay` simulates what `tune` chooses among.
import type { PolicySpec } from '../model/policy.js';
import type { PriceProfile } from '../pricing/profile.js';
import type { PolicyObserver } from '../metrics/run-policies.js';
import { SessionCosts } from './session-costs.js';
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
}

/** The candidates of `target` over recorded logs, or of every target when it is still to be detected. */
export function logCandidates(target: Target | undefined): PolicySpec[] {
  const all = (target === undefined ? TARGETS : [target]).flatMap((t) => targetCandidates(t, LOG_ROLES));
  return all.filter((p, i) => all.findIndex((q) => q.name === p.name) === i);
}
