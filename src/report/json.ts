// The JSON contract of docs/json.md, serialised deterministically (insertion-ordered keys, fixed
// rounding in metrics/), so the same input and seed give byte-identical files.
import type { ScenarioResult } from '../run/run-scenario.js';
import type { VerdictReport } from '../verdict/verdict.js';

/** What `ttlsim run` reports on one scenario: the run, then its verdict (verdict/scenario-verdict.ts). */
export type RunReport = ScenarioResult & VerdictReport;

export function resultJson(result: RunReport): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
