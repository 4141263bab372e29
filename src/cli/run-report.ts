// One scenario as `ttlsim run` reports it: the run (run/run-scenario.ts) and its verdict
// (verdict/scenario-verdict.ts), drawn from the same pass. The command, the goldens and the library API
// all come through here, so the verdict they show is one.
import type { Scenario } from '../model/scenario.js';
import { priceResolver, runScenario, type RunOptions } from '../run/run-scenario.js';
import { scenarioVerdict, type ScenarioVerdictOptions } from '../verdict/scenario-verdict.js';
import type { RunReport } from '../report/json.js';

export function runReport(
  scenario: Scenario,
  options: Omit<RunOptions, 'observe' | 'rows'> & ScenarioVerdictOptions = {},
): RunReport {
  // Each policy's cost per session rides along the one pass, for the verdict's interval.
  const verdict = scenarioVerdict(scenario, priceResolver(scenario), options);
  const result = runScenario(scenario, {
    seed: options.seed,
    onPolicy: options.onPolicy,
    observe: verdict.observe,
    rows: verdict.rows,
  });
  return { ...result, ...verdict.report(result.policies) };
}
