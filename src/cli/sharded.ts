// The hooks of `run` and `replay` into shards (docs/scale.md): `--shard K/N` prints one shard's partial
// result and writes nothing else; otherwise the command runs on `--workers` threads (by default every
// available core for a run large enough to gain), one shard each, merged here into the unsplit result.
import { statSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Scenario } from '../model/scenario.js';
import type { RunReport } from '../report/json.js';
import type { ReplayResult } from '../replay/replay-logs.js';
import type { VerdictReport } from '../verdict/verdict.js';
import { estimateWork } from '../workload/work-estimate.js';
import type { RunPartial } from '../merge/merge-run.js';
import type { ReplayPartial } from '../merge/merge-replay.js';
import { defaultWorkers, shardFlags, type ShardArgs } from './shard-flags.js';
import type { ReplayTask, RunTask, TuneTask } from './shard-tasks.js';
import type { TunePartial } from '../merge/merge-tune.js';
import type { ShardPartial } from './shard-tasks.js';
import { shardsNote } from '../shard/partial.js';
import type { TuneResult } from '../tune/tune.js';
import { logVerdictReport } from './verdict-flags.js';
import type { CliIo } from './io.js';
import { inputError } from '../model/errors.js';
import { shardMessages } from '../shard/messages.js';

/** Below this many requests a scenario runs in one thread: starting threads costs more than it saves. */
export const MIN_SHARDED_REQUESTS = 200_000;
/**
 * Below this many bytes of CSV logs, likewise. Only CSV files count: the other formats (Claude Code,
 * Bedrock, Mooncake) are one cache scope each run (shard/shard-spec.ts), which one shard holds whole, so
 * more threads would only read them again.
 */
export const MIN_SHARDED_BYTES = 16 * 1024 * 1024;
const SHARDABLE_LOG = /\.csv(\.gz)?$/i;

/**
 * The partial as `--shard K/N` prints it: one line of JSON; on stderr (unless --quiet), how many cache
 * scopes the input holds when its units are whole scopes, which cannot be split.
 */
function printPartial(io: CliIo, args: ShardArgs, partial: ShardPartial): void {
  io.stdout(`${JSON.stringify(partial)}\n`);
  if (args.quiet === true) return;
  const { index, count } = partial.partial.shard;
  for (const note of shardsNote(partial.partial).notes) io.stderr(`${shardMessages.shardNote(index, count, note)}\n`);
}

// The shards' tasks load the code of run, replay and tune together, the pool node:worker_threads, the
// merges the replay's breakdowns: imported only by a run that shards, so that one in this thread (most
// runs: `run scenarios/claude-code-dev-day.yaml`) loads none of it (docs/performance.md, "Start-up").
const shardTasks = () => import('./shard-tasks.js');
const shardPool = () => import('./shard-pool.js');

/** The result with what its merge could not give exactly, when there is any. */
function withNotes<R>(result: R, inexact: readonly string[]): R {
  return inexact.length === 0 ? result : { ...result, inexact };
}

/**
 * `run`'s shards: 'printed' after `--shard` (one scenario only), else a function that runs a scenario
 * on the workers (or, with one, in this thread through `inThread`).
 */
export async function runShardsFor(
  args: ShardArgs,
  io: CliIo,
  files: readonly string[],
  task: Omit<RunTask, 'command' | 'path' | 'shown' | 'shard'>,
): Promise<'printed' | ((scenario: Scenario, index: number, inThread: () => RunReport) => Promise<RunReport>)> {
  const { shard, workers } = shardFlags(args);
  const taskOf =
    (index: number) =>
    (spec: RunTask['shard']): RunTask => ({
      command: 'run',
      path: resolve(io.cwd, files[index]),
      shown: files[index],
      ...task,
      shard: spec,
    });
  if (shard !== undefined) {
    // One partial per file for `ttlsim merge`: one scenario at a time.
    if (files.length > 1) throw inputError('', '--shard', shardMessages.oneScenario(files.length));
    printPartial(io, args, (await shardTasks()).shardPartial(taskOf(0)(shard)));
    return 'printed';
  }
  return async (scenario, index, inThread) => {
    const count = workers ?? defaultWorkers(estimateWork(scenario).requests >= MIN_SHARDED_REQUESTS);
    // Evictions draw from one stream across every scope: such a scenario runs whole (shard/messages.ts).
    if (count <= 1 || scenario.engine.evictionRatePerMs > 0) return inThread();
    const { mergeRun } = await import('../merge/merge-run.js');
    const merged = mergeRun((await (await shardPool()).runShards(taskOf(index), count)) as RunPartial[]);
    return withNotes(merged.result, merged.inexact);
  };
}

/** `replay`'s shards: 'printed' after `--shard`, the merged result and verdict on workers, or null for this thread. */
export async function replayShardsFor(
  args: ShardArgs,
  io: CliIo,
  task: Omit<ReplayTask, 'command' | 'shard'>,
): Promise<'printed' | { result: ReplayResult; verdict: VerdictReport } | null> {
  const { shard, workers } = shardFlags(args);
  const taskOf = (spec: ReplayTask['shard']): ReplayTask => ({ command: 'replay', ...task, shard: spec });
  if (shard !== undefined) {
    printPartial(io, args, (await shardTasks()).shardPartial(taskOf(shard)));
    return 'printed';
  }
  const count = workers ?? defaultWorkers(csvBytesUnder(task.inputs, io.cwd, MIN_SHARDED_BYTES) >= MIN_SHARDED_BYTES);
  if (count <= 1) return null;
  const { mergeReplay } = await import('../merge/merge-replay.js');
  const merged = mergeReplay((await (await shardPool()).runShards(taskOf, count)) as ReplayPartial[]);
  const verdict = logVerdictReport(
    merged.result,
    task.target ?? undefined,
    task.userPolicies,
    task.thresholds,
    (name) => merged.sessionUsd.get(name),
  );
  return { result: withNotes(merged.result, merged.inexact), verdict };
}

/**
 * `tune`'s shards: 'printed' after `--shard`, the merged conclusion on workers, or null for this thread.
 * `scenario`: the scenario read (its size decides the default), null for logs.
 */
export async function tuneShardsFor(
  args: ShardArgs,
  io: CliIo,
  task: Omit<TuneTask, 'command' | 'shard'>,
  scenario: Scenario | null,
): Promise<'printed' | TuneResult | null> {
  const { shard, workers } = shardFlags(args);
  const taskOf = (spec: TuneTask['shard']): TuneTask => ({ command: 'tune', ...task, shard: spec });
  if (shard !== undefined) {
    printPartial(io, args, (await shardTasks()).shardPartial(taskOf(shard)));
    return 'printed';
  }
  const large =
    scenario === null
      ? csvBytesUnder(task.inputs, io.cwd, MIN_SHARDED_BYTES) >= MIN_SHARDED_BYTES
      : estimateWork(scenario).requests >= MIN_SHARDED_REQUESTS;
  const count = workers ?? defaultWorkers(large);
  if (count <= 1 || (scenario !== null && scenario.engine.evictionRatePerMs > 0)) return null;
  const { mergeTune } = await import('../merge/merge-tune.js');
  const merged = mergeTune((await (await shardPool()).runShards(taskOf, count)) as TunePartial[]);
  return withNotes(merged.result, merged.inexact);
}

/** Bytes of CSV logs under the paths, counted until `enough` (a missing path counts 0: the replay itself reports it). */
export function csvBytesUnder(paths: readonly string[], cwd: string, enough: number): number {
  let total = 0;
  const visit = (path: string, depth: number) => {
    if (total >= enough || depth > 4) return;
    try {
      const stat = statSync(path);
      if (stat.isFile()) total += SHARDABLE_LOG.test(path) ? stat.size : 0;
      else if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name), depth + 1);
    } catch {
      // Unreadable: the replay says so when it reads it.
    }
  };
  for (const path of paths) visit(resolve(cwd, path), 0);
  return total;
}
