// EDGE: the entry of a shard's worker thread (cli/shard-pool.ts starts it from dist/): runs the one
// task it is given and posts back its partial result, or the error.
import { parentPort, workerData } from 'node:worker_threads';
import { isInputError } from '../model/errors.js';
import { shardPartial, type ShardTask } from './shard-tasks.js';
import type { ShardReply } from './shard-pool.js';

const port = parentPort;
if (port === null) throw new Error('shard-worker.js runs as a worker thread');
let reply: ShardReply;
try {
  reply = { partial: shardPartial(workerData as ShardTask) };
} catch (error) {
  reply = isInputError(error)
    ? { issues: error.issues }
    : { failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
port.postMessage(reply);
