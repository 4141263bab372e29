// EDGE: the shards of one run on worker threads (node:worker_threads), one thread per shard, their
// partials returned in shard order for the merge (src/merge/). The threads run the compiled dist/ code.
// Imported only when a run is sharded (cli/sharded.ts); the flags are in shard-flags.ts.
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { InputError, type InputIssue } from '../model/errors.js';
import { shardPartial, type ShardPartial, type ShardTask } from './shard-tasks.js';
import type { ShardSpec } from '../shard/shard-spec.js';
import { cliMessages } from './messages.js';
import { cliWorkerUrl, compiledCliFile } from './worker-entry.js';

export type ShardReply =
  { readonly partial: ShardPartial } | { readonly issues: readonly InputIssue[] } | { readonly failure: string };

const SHARD_WORKER = 'shard-worker.js';

/** Shard k of `count` for k = 0…count−1 from `task`, each on its own thread; partials in shard order. */
export async function runShards<T extends ShardTask>(
  task: (shard: ShardSpec) => T,
  count: number,
): Promise<ShardPartial[]> {
  const tasks = Array.from({ length: count }, (_, index) => task({ index, count }));
  if (count === 1) return [shardPartial(tasks[0])];
  const url = cliWorkerUrl(SHARD_WORKER);
  if (url === null) throw new Error(cliMessages.noShardWorker(fileURLToPath(compiledCliFile(SHARD_WORKER))));
  const replies = await Promise.all(
    tasks.map(
      (t) =>
        new Promise<ShardReply>((resolve, reject) => {
          const worker = new Worker(url, { workerData: t });
          worker.once('message', (reply: ShardReply) => {
            resolve(reply);
            void worker.terminate();
          });
          worker.once('error', reject);
          worker.once('exit', (code) => {
            if (code !== 0) reject(new Error(cliMessages.shardWorkerExit(code)));
          });
        }),
    ),
  );
  const issues = replies.flatMap((r) => ('issues' in r ? r.issues : []));
  // Every shard reads the same input: they report the same problem, which is said once.
  if (issues.length > 0)
    throw new InputError(
      issues.filter((issue, i) => issues.findIndex((o) => JSON.stringify(o) === JSON.stringify(issue)) === i),
    );
  const failure = replies.find((r) => 'failure' in r);
  if (failure !== undefined && 'failure' in failure) throw new Error(failure.failure);
  return replies.map((r) => (r as { partial: ShardPartial }).partial);
}
