// EDGE: the shards of one run on worker threads (node:worker_threads), one thread per shard, their
// partials returned in shard order for the merge (src/merge/). The threads run the compiled dist/ code.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import type { Options } from 'yargs';
import { InputError, type InputIssue } from '../model/errors.js';
import { shardPartial, type ShardPartial, type ShardTask } from './shard-tasks.js';
import { parseShard, type ShardSpec } from '../shard/shard-spec.js';
import { workersFlag } from './common.js';
import { cliMessages } from './messages.js';

export type ShardReply =
  { readonly partial: ShardPartial } | { readonly issues: readonly InputIssue[] } | { readonly failure: string };

/** `--shard` and `--workers`, on run, replay and tune. */
export const shardOptions = {
  shard: {
    type: 'string',
    describe: 'simulate only shard K of N (K/N, from 0) and print its partial result for `ttlsim merge`',
  },
  workers: {
    type: 'string',
    describe: 'worker threads, one shard each (default: the available cores, for runs large enough to gain)',
  },
} as const satisfies Record<string, Options>;

export interface ShardArgs {
  shard?: string;
  workers?: string;
  /** --quiet: `--shard` then prints only its partial. */
  quiet?: boolean;
}

/** `--shard` (undefined without it) and the worker threads to use (undefined: decide by size). */
export function shardFlags(args: ShardArgs): { shard: ShardSpec | undefined; workers: number | undefined } {
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  const workers = workersFlag(args.workers);
  return { shard, workers };
}

/**
 * The default: every available core, for a run large enough that threads save more than they cost
 * (each starts in about a tenth of a second and reads or generates the whole input). Below that, one.
 */
export function defaultWorkers(largeEnough: boolean): number {
  return largeEnough ? availableParallelism() : 1;
}

function workerUrl(): URL {
  const beside = new URL('./shard-worker.js', import.meta.url);
  if (existsSync(beside)) return beside;
  const compiled = new URL('../../dist/cli/shard-worker.js', import.meta.url);
  if (existsSync(compiled)) return compiled;
  throw new Error(cliMessages.noShardWorker(fileURLToPath(compiled)));
}

/** Shard k of `count` for k = 0…count−1 from `task`, each on its own thread; partials in shard order. */
export async function runShards<T extends ShardTask>(
  task: (shard: ShardSpec) => T,
  count: number,
): Promise<ShardPartial[]> {
  const tasks = Array.from({ length: count }, (_, index) => task({ index, count }));
  if (count === 1) return [shardPartial(tasks[0])];
  const url = workerUrl();
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
