// verdict/ (layer 9): the verdict of `ttlsim run` on a scenario, drawn by verdict.ts as `replay` and `tune`
// draw theirs. The baseline is what the user says they run (`--baseline`), else the scenario's first
// policy; the candidates are the scenario's own policies the target can be configured to run, so `run`
// never recommends a policy it did not simulate. Costs per session ride along the one pass (collect.ts).
import type { Scenario } from '../model/scenario.js';
import type { PolicySpec } from '../model/policy.js';
import type { PriceProfile } from '../pricing/profile.js';
import type { PolicySummary } from '../metrics/summarise.js';
import type { PolicyObserver } from '../metrics/run-policies.js';
import type { IdColumns } from '../util/id-columns.js';
import { SessionCostsByPolicy } from './collect.js';
import { configurable, type Target } from './targets.js';
import { verdictReport, type VerdictInput, type VerdictReport, type VerdictThresholds } from './verdict.js';

export interface ScenarioVerdictOptions {
  /** The policy run now; default the scenario's first. The command checks the name (cli/run.ts). */
  readonly baseline?: string;
  /** Where the requests run; default `api`, as for `tune` on a scenario. */
  readonly target?: Target;
  readonly thresholds?: Partial<VerdictThresholds>;
}

export interface ScenarioVerdictRun {
  /** For `runScenario`'s `observe`: policy `index` of the scenario's list. */
  readonly observe: (index: number) => PolicyObserver;
  /** For `runScenario`'s `rows`: the table the costs per session are kept in. */
  readonly rows: IdColumns;
  /** USD per session under a policy, by name, once the run has passed. */
  readonly usd: (name: string) => ReadonlyMap<string, number> | undefined;
  readonly report: (policies: readonly PolicySummary[]) => VerdictReport;
}

export function scenarioVerdict(
  scenario: Scenario,
  priceOf: (model: string) => PriceProfile,
  options: ScenarioVerdictOptions = {},
): ScenarioVerdictRun {
  const costs = new SessionCostsByPolicy();
  return {
    observe: (index) => costs.observe(index, scenario.policies[index].name, priceOf),
    rows: costs.table,
    usd: costs.usd,
    report: (policies) => scenarioVerdictReport(scenario.policies, options, policies, costs.usd, costs.pairs),
  };
}

/** The verdict of a scenario's evaluated table: whole, or merged from its shards (merge/merge-run.ts). */
export function scenarioVerdictReport(
  specs: readonly PolicySpec[],
  options: ScenarioVerdictOptions,
  policies: readonly PolicySummary[],
  sessionUsd: (name: string) => ReadonlyMap<string, number> | undefined,
  sessionPairs?: VerdictInput['sessionPairs'],
): VerdictReport {
  const target = options.target ?? 'api';
  return verdictReport({
    policies,
    specOf: (name) => specs.find((s) => s.name === name),
    sessionUsd,
    sessionPairs,
    baseline: options.baseline ?? specs[0].name,
    candidates: specs.filter((s) => configurable(target, s)).map((s) => s.name),
    target,
    thresholds: options.thresholds,
  });
}
