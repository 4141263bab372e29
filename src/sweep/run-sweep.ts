// Wires a sweep (EDGE): every point parsed and validated first, then one task per point and policy on the
// worker pool, then the runs put back together point by point. The library entry of `ttlsim sweep`.
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import type { ScenarioResult } from '../run-scenario.js';
import { comboOverrides, pointScenarios, scenarioData, type SweepPlan } from './plan.js';
import { assembleSweep, type SweepResult } from './result.js';
import { runTasks } from './pool.js';
import { sweepLogInspector } from './log-inspector.js';
import type { SweepTask } from './task.js';

export interface SweepOptions {
  /** The scenario file as opened: replay paths are relative to its folder. */
  readonly sourcePath: string;
  /** Worker threads (default: os.availableParallelism()); 1 runs every task in this thread. */
  readonly workers?: number;
  /** Overrides every point's seed. */
  readonly seed?: number;
  /** Called after each run with how many are done. */
  readonly onProgress?: (done: number, total: number) => void;
}

export const defaultWorkers = (): number => availableParallelism();

export async function runSweep(plan: SweepPlan, options: SweepOptions): Promise<SweepResult> {
  // 1. Every point as a Scenario: bad values or paths are reported before anything runs.
  const scenarios = pointScenarios(plan, scenarioData(plan.base.text), sweepLogInspector(dirname(options.sourcePath)));
  // 2. One task per point and policy (under --ttl, no-cache runs once per point: the TTL cannot change it).
  const tasks: SweepTask[] = [];
  const owners: number[] = [];
  plan.combos.forEach((combo, c) => {
    const overrides = comboOverrides(plan, combo);
    for (const policy of scenarios[c].policies) {
      tasks.push({ index: tasks.length, overrides, policy: policy.name });
      owners.push(c);
    }
  });
  // 3. Run them, in any order on any number of threads; results come back in task order.
  const context = { base: plan.base, sourcePath: options.sourcePath, ...(options.seed === undefined ? {} : { seed: options.seed }) };
  const runs = await runTasks(context, tasks, options.workers ?? defaultWorkers(), (done) => options.onProgress?.(done, tasks.length));
  const byCombo: ScenarioResult[][] = plan.combos.map(() => []);
  runs.forEach((run, k) => byCombo[owners[k]].push(run));
  return assembleSweep(plan, byCombo);
}
