// `--shard` and `--workers` on run, replay and tune (docs/scale.md), and how many threads a run takes by
// default: apart from the threads themselves (shard-pool.ts) and the shards' tasks (shard-tasks.ts), which
// load the replay, tune and merge code, so that a run in this one thread loads none of that.
import { availableParallelism } from 'node:os';
import type { Options } from 'yargs';
import { parseShard, type ShardSpec } from '../shard/shard-spec.js';
import { workersFlag } from './common.js';

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
