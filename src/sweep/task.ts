// One run of a sweep: a point (the overrides of its combination) under one of its policies. The same
// function runs on a worker thread (sweep-worker.ts) and in-process (one worker), so the results cannot
// depend on the number of workers: each run reads only its own point, policy and seed.
import { type ScenarioResult, runScenario } from '../run/run-scenario.js';
import type { LogInspector } from '../scenario/normalise-workload.js';
import { emptyTimeSeries } from '../metrics/summarise.js';
import { pointScenario, type Override, type SweepBase } from './plan.js';

export interface SweepTask {
  /** Position in the plan's task list: results are put back in this order. */
  readonly index: number;
  readonly overrides: readonly Override[];
  /** The policies of the point's scenario to run, in one pass over its arrivals. */
  readonly policies: readonly string[];
}

/** What a worker is started with. */
export interface SweepContext {
  readonly base: SweepBase;
  /** The scenario file as opened (replay paths are relative to its folder). */
  readonly sourcePath: string;
  /** Overrides every point's seed (`--seed`). */
  readonly seed?: number;
}

/**
 * Runs some policies of one point, in one pass over its arrivals (runScenario generates them once). Each
 * policy's result depends only on its point, itself and the seed, not on which others share the pass.
 * The time series are dropped (the sweep's outputs never show them) to keep the messages between
 * threads small; the histograms are kept.
 */
export function runSweepTask(
  context: SweepContext,
  data: Readonly<Record<string, unknown>>,
  task: SweepTask,
  inspectLogs?: LogInspector,
): ScenarioResult {
  const scenario = pointScenario(data, context.base, task.overrides, inspectLogs);
  const policies = scenario.policies.filter((p) => task.policies.includes(p.name));
  if (policies.length !== task.policies.length)
    throw new Error(`sweep task ${task.index}: policies ${task.policies.join(', ')} not all at its point`);
  const result = runScenario({ ...scenario, sourcePath: context.sourcePath, policies }, { seed: context.seed });
  return {
    ...result,
    policies: result.policies.map((p) => ({ ...p, timeseries: emptyTimeSeries(p.timeseries.bucketMs) })),
  };
}
