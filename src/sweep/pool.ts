// EDGE: runs a sweep's tasks on worker threads (node:worker_threads), each worker taking the next task
// when it posts a result, and puts the results back in task order, so they are the same for any number
// of workers. With one worker (or one task) the tasks run in this thread: no thread to start.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioResult } from '../run/run-scenario.js';
import { InputError, type InputIssue } from '../model/errors.js';
import { scenarioData } from './plan.js';
import { runSweepTask, type SweepContext, type SweepTask } from './task.js';
import { logInspector as sweepLogInspector } from '../run/scenario-files.js';
import { sweepMessages } from './messages.js';

/** A worker's answer to one task. */
export type WorkerReply =
  | { readonly index: number; readonly result: ScenarioResult }
  | { readonly index: number; readonly issues: readonly InputIssue[] }
  | { readonly index: number; readonly failure: string };

/**
 * The compiled worker entry. From dist/ it sits beside this module. Under vitest this module is
 * src/sweep/pool.ts, transformed in memory, and a worker thread cannot load TypeScript: the worker is the
 * compiled dist/sweep/sweep-worker.js (`npm test` and `npm ci` build dist/ first).
 */
export function sweepWorkerUrl(): URL {
  const beside = new URL('./sweep-worker.js', import.meta.url);
  if (existsSync(beside)) return beside;
  const compiled = new URL('../../dist/sweep/sweep-worker.js', import.meta.url);
  if (existsSync(compiled)) return compiled;
  throw new Error(sweepMessages.noWorker(fileURLToPath(compiled)));
}

/** Runs `tasks` (whose `index` is their position) on up to `workers` threads; `onDone` after each. */
export async function runTasks(
  context: SweepContext,
  tasks: readonly SweepTask[],
  workers: number,
  onDone: (done: number) => void = () => {},
): Promise<ScenarioResult[]> {
  const threads = Math.min(workers, tasks.length);
  if (threads <= 1) {
    const data = scenarioData(context.base.text);
    const inspect = sweepLogInspector(dirname(context.sourcePath));
    return tasks.map((task, k) => {
      const result = runSweepTask(context, data, task, inspect);
      onDone(k + 1);
      return result;
    });
  }
  const url = sweepWorkerUrl();
  return new Promise<ScenarioResult[]>((resolve, reject) => {
    const results = new Array<ScenarioResult>(tasks.length);
    const pool: Worker[] = [];
    let next = 0;
    let done = 0;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      Promise.all(pool.map((w) => w.terminate())).then(
        () => (error === undefined ? resolve(results) : reject(error)),
        (terminateError: unknown) =>
          reject(terminateError instanceof Error ? terminateError : new Error(String(terminateError))),
      );
    };
    const feed = (worker: Worker) => {
      if (next < tasks.length) worker.postMessage(tasks[next++]);
    };
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(url, { workerData: context });
      pool.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if ('result' in reply) {
          results[reply.index] = reply.result;
          done++;
          onDone(done);
          if (done === tasks.length) finish();
          else feed(worker);
        } else if ('issues' in reply) finish(new InputError(reply.issues));
        else finish(new Error(`sweep worker, task ${reply.index}: ${reply.failure}`));
      });
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => finish(new Error(`a sweep worker exited (code ${code}) before the sweep ended`)));
      feed(worker);
    }
  });
}
