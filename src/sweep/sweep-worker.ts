// EDGE: the entry of a sweep worker thread (pool.ts starts it from dist/). It reads the scenario once,
// then runs each task it is sent and posts back the result, or the error, with the task's index.
import { parentPort, workerData } from 'node:worker_threads';
import { dirname } from 'node:path';
import { isInputError } from '../model/errors.js';
import { scenarioData } from './plan.js';
import { runSweepTask, type SweepContext, type SweepTask } from './task.js';
import { logInspector as sweepLogInspector } from '../run/scenario-files.js';
import type { WorkerReply } from './pool.js';

const context = workerData as SweepContext;
const data = scenarioData(context.base.text);
const inspect = sweepLogInspector(dirname(context.sourcePath));
const port = parentPort;
if (port === null) throw new Error('sweep-worker.js runs as a worker thread');

port.on('message', (task: SweepTask) => {
  let reply: WorkerReply;
  try {
    reply = { index: task.index, result: runSweepTask(context, data, task, inspect) };
  } catch (error) {
    reply = isInputError(error)
      ? { index: task.index, issues: error.issues }
      : { index: task.index, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
