// `ttlsim merge <partial.json…>`: the partial results of a run's shards (`--shard K/N --json`, on other
// machines or processes: docs/scale.md) put back together into the unsplit result, then printed and
// written as the command itself would (cli/run.ts, cli/replay.ts). Refuses, exit 2 naming the files,
// partials of different runs, and missing or duplicate shards.
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { InputError, inputError } from '../model/errors.js';
import { mergeProblems, shardsNote, type NamedPartial, type PartialHeader, type ShardsNote } from '../shard/partial.js';
import { mergeMessages } from '../shard/messages.js';
import { mergeRun, type RunPartial } from '../merge/merge-run.js';
import { mergeReplay, type ReplayPartial } from '../merge/merge-replay.js';
import { resultJson } from '../report/json.js';
import { formatComparison } from '../report/comparison.js';
import { formatReplay, replayJson } from '../report/replay-report.js';
import { runOutputFiles, replayOutputFiles, tuneOutputFiles } from './report-sets.js';
import { mergeTune, type TunePartial } from '../merge/merge-tune.js';
import { partialIssue, structureProblems } from '../merge/partial-checks.js';
import { ttlsimVersion } from './shard-tasks.js';
import { formatTune, tuneJson } from '../report/tune-report.js';
import { logVerdictReport } from './verdict-flags.js';
import type { CliIo } from './io.js';
import { cliMessages } from './messages.js';
import type { CommonArgs } from './common.js';
import { checkReportTargets, outFlag, reportTarget, shownPath, writeReports } from './output.js';

interface MergeArgs extends CommonArgs {
  partials: string[];
  out?: string;
}

/** A partial of 10^7 session costs is a few hundred MB; beyond a V8 string it cannot be read anyway. */
const MAX_PARTIAL_BYTES = 512 * 1024 * 1024;

export function registerMerge(cli: Argv, io: CliIo): Argv {
  return cli.command(
    'merge <partials..>',
    "put the partial results of a run's shards (--shard K/N --json) back together",
    (y) =>
      y
        .positional('partials', { type: 'string', array: true, describe: 'the partial results, one per shard' })
        .option('out', {
          type: 'string',
          describe: 'report folder (default reports/<scenario-name>/ or reports/replay/, as the command)',
        }),
    (args) => mergeCommand(args as unknown as MergeArgs, io),
  );
}

/** The merged result with `shards` (docs/json.md): only `ttlsim merge` writes it, not the workers. */
const withShards = <R extends object>(result: R, shards: ShardsNote): R => Object.assign({}, result, { shards });

type AnyPartial = RunPartial | ReplayPartial | TunePartial;

function readPartial(io: CliIo, file: string): NamedPartial<AnyPartial> {
  const path = resolve(io.cwd, file);
  let text: string;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw inputError(file, '', cliMessages.mergeNotFile());
    if (stat.size > MAX_PARTIAL_BYTES) throw inputError(file, '', cliMessages.mergeTooLarge(MAX_PARTIAL_BYTES));
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw inputError(file, '', (error as Error).message);
  }
  if (text.trim() === '') throw inputError(file, '', mergeMessages.empty());
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw inputError(file, '', mergeMessages.unreadable((error as Error).message));
  }
  // Its shape, its ttlsim and its parts, before anything is added up (merge/partial-checks.ts).
  const issue = partialIssue(file, body, ttlsimVersion());
  if (issue !== null) throw new InputError([issue]);
  return { file, body: body as AnyPartial };
}

async function mergeCommand(args: MergeArgs, io: CliIo): Promise<void> {
  const files = args.partials ?? [];
  if (files.length === 0) throw inputError('', '', mergeMessages.noPartials());
  const partials = files.map((file) => readPartial(io, file));
  const issues = mergeProblems(partials);
  if (issues.length > 0) throw new InputError(issues);
  const differences = structureProblems(partials);
  if (differences.length > 0) throw new InputError(differences);
  const parts = partials.map((p) => p.body).sort((a, b) => a.partial.shard.index - b.partial.shard.index);
  const head = parts[0].partial;
  const out = outFlag(args.out, '--out');
  // One scope cannot be split (Claude Code and Bedrock logs are one; a CSV's scope column names them):
  // said on stderr, and in the JSON as `shards`.
  const shards = shardsNote(head);
  const notes = shards.notes;
  if (head.command === 'run') {
    const merged = mergeRun(parts as RunPartial[]);
    const result = merged.inexact.length === 0 ? merged.result : { ...merged.result, inexact: merged.inexact };
    const target = reportTarget(io, out, result.scenario);
    checkReportTargets(io, [target], files);
    await writeReports([{ target, files: await runOutputFiles(result) }]);
    finish(io, args, resultJson(withShards(result, shards)), formatComparison(result), target.dir, head, [
      ...notes,
      ...merged.inexact,
    ]);
    return;
  }
  if (head.command === 'tune') {
    const merged = mergeTune(parts as TunePartial[]);
    const result = merged.inexact.length === 0 ? merged.result : { ...merged.result, inexact: merged.inexact };
    const target = reportTarget(io, out, `${result.scenario}-tune`);
    checkReportTargets(io, [target], files);
    await writeReports([{ target, files: await tuneOutputFiles(result) }]);
    finish(io, args, tuneJson(withShards(result, shards)), formatTune(result), target.dir, head, [
      ...notes,
      ...merged.inexact,
    ]);
    return;
  }
  const merged = mergeReplay(parts as ReplayPartial[]);
  if (merged.result.policies[0].requests === 0) throw inputError('', '', mergeMessages.noRequests());
  const result = merged.inexact.length === 0 ? merged.result : { ...merged.result, inexact: merged.inexact };
  const verdict = logVerdictReport(
    result,
    merged.verdict.target ?? undefined,
    merged.verdict.userPolicies,
    merged.verdict.thresholds,
    (name) => merged.sessionUsd.get(name),
  );
  const target = reportTarget(io, out, 'replay');
  checkReportTargets(io, [target], files);
  await writeReports([{ target, files: await replayOutputFiles(result, verdict) }]);
  finish(io, args, replayJson(withShards(result, shards), verdict), formatReplay(result, verdict), target.dir, head, [
    ...notes,
    ...merged.inexact,
  ]);
}

function finish(
  io: CliIo,
  args: MergeArgs,
  json: string,
  table: string,
  dir: string,
  head: PartialHeader,
  notes: readonly string[],
): void {
  if (args.quiet !== true) for (const note of notes) io.stderr(`${note}\n`);
  if (args.json === true) {
    io.stdout(json);
    return;
  }
  if (args.quiet === true) return;
  io.stdout(`${cliMessages.mergedShards(head.shard.count, head.command)}\n`);
  io.stdout(table);
  io.stdout(`${cliMessages.wroteReport(join(shownPath(io, dir), 'index.html'))}\n`);
}
