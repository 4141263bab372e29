// Wires a sweep (EDGE): every point parsed and validated first, then one task per point and policy on the
// worker pool, then the runs put back together point by point. The library entry of `ttlsim sweep`.
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import type { ScenarioResult } from '../run/run-scenario.js';
import { comboOverrides, pointScenarios, scenarioData, type SweepPlan } from './plan.js';
import { assembleSweep, type SweepResult } from './result.js';
import { runTasks } from './pool.js';
import { logInspector as sweepLogInspector } from '../run/scenario-files.js';
import type { SweepTask } from './task.js';
import { DEFAULT_MAX_REQUESTS, checkSweepWork, workCheck } from '../workload/work-limits.js';

export interface SweepOptions {
  /** The scenario file as opened: replay paths are relative to its folder. */
  readonly sourcePath: string;
  /** Worker threads (default: os.availableParallelism()); 1 runs every task in this thread. */
  readonly workers?: number;
  /** Overrides every point's seed. */
  readonly seed?: number;
  /** Requests of one point, and of all points together (workload/work-limits.ts; default its default). */
  readonly maxRequests?: number;
  /** Called after each run with how many are done. */
  readonly onProgress?: (done: number, total: number) => void;
}

export const defaultWorkers = (): number => availableParallelism();

/** Policies simulated side by side in one task: enough to share the arrivals, few enough to bound memory. */
const MAX_POLICIES_PER_TASK = 8;

export async function runSweep(plan: SweepPlan, options: SweepOptions): Promise<SweepResult> {
  // 1. Every point as a Scenario: bad values or paths are reported before anything runs.
  const limits = { maxRequests: options.maxRequests ?? DEFAULT_MAX_REQUESTS, maxPolicies: Infinity };
  const inspector = sweepLogInspector(dirname(options.sourcePath));
  const scenarios = pointScenarios(plan, scenarioData(plan.base.text), inspector, workCheck(limits));
  checkSweepWork(plan.base.file, scenarios, limits.maxRequests);
  // 2. Each point's policies split into one task per worker, each task simulating its policies in one
  //    pass over the point's arrivals (generated once per task, not once per policy). Under --ttl,
  //    no-cache runs once per point: the TTL cannot change it.
  const workers = options.workers ?? defaultWorkers();
  const tasks: SweepTask[] = [];
  const owners: number[] = [];
  plan.combos.forEach((combo, c) => {
    const overrides = comboOverrides(plan, combo);
    const names = scenarios[c].policies.map((p) => p.name);
    // At most MAX_POLICIES_PER_TASK in one pass: each keeps a whole cache in memory.
    const size = Math.min(MAX_POLICIES_PER_TASK, Math.max(1, Math.ceil(names.length / workers)));
    for (let from = 0; from < names.length; from += size) {
      tasks.push({ index: tasks.length, overrides, policies: names.slice(from, from + size) });
      owners.push(c);
    }
  });
  // 3. Run them, in any order on any number of threads; results come back in task order, each policy
  //    as a run of its own (a policy's result does not depend on the others in its pass).
  const context = {
    base: plan.base,
    sourcePath: options.sourcePath,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  };
  const runs = await runTasks(context, tasks, workers, (done) => options.onProgress?.(done, tasks.length));
  const byCombo: ScenarioResult[][] = plan.combos.map(() => []);
  runs.forEach((run, k) => {
    for (const policy of run.policies) byCombo[owners[k]].push({ ...run, policies: [policy] });
  });
  return assembleSweep(plan, byCombo);
}
