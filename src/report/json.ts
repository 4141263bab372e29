// The JSON contract of docs/json.md, serialised deterministically (insertion-ordered keys, fixed
// rounding in metrics/), so the same input and seed give byte-identical files.
import type { ScenarioResult } from '../run/run-scenario.js';

export function resultJson(result: ScenarioResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
