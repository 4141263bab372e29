// The JSON contract of DESIGN.md §3, serialised deterministically (insertion-ordered keys, fixed
// rounding in metrics/), so the same input and seed give byte-identical files.
import type { ScenarioResult } from '../run-scenario.js';

export function resultJson(result: ScenarioResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
