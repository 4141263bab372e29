// `ttlsim replay [logs…]`: replay recorded requests (Claude Code transcripts by default) under the TTLs
// they used and under every counterfactual policy; print the comparison and write the report files.
import { join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { InputError, inputError, formatIssue } from '../model/errors.js';
import { replayLogs } from '../replay/replay-logs.js';
import { logVerdict, thresholdFlags, thresholdOptions, type ThresholdArgs } from './verdict-flags.js';
import { TARGETS, type Target } from '../verdict/targets.js';
import { parseModelMap, parsePriceFlags } from '../replay/price-options.js';
import { replayMessages } from '../replay/messages.js';
import { readScenarioFile } from '../run/scenario-files.js';
import { formatReplay, replayJson } from '../report/replay-report.js';
import { reportOptions, wantsReport, type ReportArgs } from './report-output.js';
import { replayOutputFiles } from './report-sets.js';
import { csvMessages, logMessages } from '../logs/messages.js';
import { csvMappingProblems } from '../logs/csv.js';
import { VIEW_NAMES, type View } from '../replay/breakdowns.js';
import { projectPaths } from './project-paths.js';
import { windowFlags, windowOptions, type WindowArgs } from './window-flags.js';
import { defaultClaudeDirs } from '../logs/find-logs.js';
import { LOG_FORMATS, type LogFormat } from '../model/log-format.js';
import type { CliIo } from './io.js';
import { cliMessages } from './messages.js';
import type { CommonArgs } from './common.js';
import { createProgress } from './progress.js';
import { shownPath, checkReportTargets, outFlag, reportTarget, writeReports } from './output.js';
import { shardOptions, type ShardArgs } from './shard-flags.js';
import { replayShardsFor } from './sharded.js';

interface ReplayArgs extends CommonArgs, WindowArgs, ThresholdArgs, ReportArgs, ShardArgs {
  logs: string[];
  out?: string;
  format?: LogFormat;
  provider?: string;
  model?: string;
  price?: string[];
  modelMap?: string[];
  policies?: string;
  by?: View;
  project?: string;
  columns?: string;
  explain?: boolean;
  strict?: boolean;
  target?: Target;
}

const SHOWN_PROBLEMS = 5;

export function registerReplay(cli: Argv, io: CliIo): Argv {
  return cli.command(
    'replay [logs..]',
    'replay recorded requests (Claude Code by default) under the TTLs they used and every counterfactual policy',
    (y) =>
      y
        .positional('logs', {
          type: 'string',
          array: true,
          describe: 'log files or folders (default: every Claude Code projects folder here)',
        })
        .option('out', { type: 'string', describe: 'report folder (default reports/replay/)' })
        .option('format', { choices: LOG_FORMATS, describe: 'log format (default: sniffed per file)' })
        .option('provider', {
          type: 'string',
          describe: 'price provider for the logged models (default: bedrock for Bedrock logs, else anthropic)',
        })
        .option('model', {
          type: 'string',
          describe: 'model for logs that name none (CSV without a model column, Mooncake)',
        })
        .option('price', {
          type: 'string',
          array: true,
          describe: 'prices for a model: MODEL=INPUT,WRITE5M,WRITE1H,READ,OUTPUT (USD per MTok; WRITE1H - for none)',
        })
        .option('model-map', {
          type: 'string',
          array: true,
          describe: 'a logged model id (e.g. an application inference profile ARN) priced as a model: ID=MODEL',
        })
        .option('policies', { type: 'string', describe: 'a scenario file whose policies are compared too' })
        .options(windowOptions)
        .option('by', {
          choices: VIEW_NAMES,
          describe: 'print the cost table by day, week, month, session, project or model',
        })
        .option('project', { type: 'string', describe: 'only logs of projects whose name contains this' })
        .option('columns', { type: 'string', describe: 'CSV column names: timestamp=ts,key=user,…' })
        .option('explain', {
          type: 'boolean',
          describe: 'list every request the simulation did not reproduce, with its cause',
        })
        .option('strict', { type: 'boolean', describe: 'any unusable log line is an error (exit 2)' })
        .option('target', { choices: TARGETS, describe: 'where the requests run (default: detected from the logs)' })
        .options(thresholdOptions)
        .options(reportOptions)
        .options(shardOptions),
    (args) => replayCommand(args as unknown as ReplayArgs, io),
  );
}

async function replayCommand(args: ReplayArgs, io: CliIo): Promise<void> {
  const { sinceMs, untilMs, timeZone } = windowFlags(args, io);
  const thresholds = thresholdFlags(args);
  const target = reportTarget(io, outFlag(args.out, '--out'), 'replay');
  const logs = args.logs ?? [];
  const inputs = [
    ...(logs.length > 0 ? logs : defaultClaudeDirs(io.env)),
    ...(args.policies === undefined ? [] : [args.policies]),
  ];
  if (wantsReport(args)) checkReportTargets(io, [target], inputs);
  const policies =
    args.policies === undefined ? undefined : readScenarioFile(resolve(io.cwd, args.policies), args.policies).policies;
  const progress = createProgress(io, args.quiet === true);
  const options = {
    paths: args.logs ?? [],
    cwd: io.cwd,
    env: io.env,
    format: args.format,
    provider: args.provider,
    prices: parsePriceFlags(args.price ?? []),
    modelMap: parseModelMap(args.modelMap ?? []),
    model: args.model,
    policies,
    sinceMs,
    untilMs,
    timeZone,
    project: args.project,
    csvColumns: parseColumns(args.columns),
    explain: args.explain === true,
  };
  // --shard prints its partial; large logs go to the workers, one shard each (docs/scale.md).
  const sharded = await replayShardsFor(args, io, {
    options: { ...options, env: { ...io.env } },
    userPolicies: policies ?? [],
    target: args.target ?? null,
    thresholds,
    inputs: logs.length > 0 ? logs : defaultClaudeDirs(io.env),
  });
  if (sharded !== null) progress.stop();
  if (sharded === 'printed') return;
  const { result, verdict } = sharded ?? replayInThread();
  function replayInThread() {
    // The verdict's candidates ride along the one pass, with each policy's cost per session (cli/verdict-flags.ts).
    const verdictRun = logVerdict(args.target, policies ?? [], thresholds);
    const replayedLogs = replayLogs({
      ...options,
      policies: verdictRun.policies,
      observe: verdictRun.observe,
      rows: verdictRun.rows,
      onFile: (file, index, count) => progress.update(cliMessages.replayProgress(index, count, file.shown)),
    });
    progress.stop();
    const result = {
      ...replayedLogs,
      projectPaths: projectPaths(
        logs.length > 0 ? logs : defaultClaudeDirs(io.env),
        io.cwd,
        replayedLogs.breakdowns.byProject.map((row) => row.key),
      ),
    };
    return { result, verdict: verdictRun.report(result) };
  }
  const problems = result.problems;
  const shown = problems.shown.map((p) =>
    formatIssue({ file: p.file, line: p.line, column: 0, path: p.field, message: p.reason }),
  );
  const unpriced = problems.unpriced;
  // --strict: an unusable line, or a request nothing prices, is bad input, and nothing is written.
  if (args.strict === true && (problems.count > 0 || unpriced.count > 0)) {
    throw new InputError(
      [...problems.shown, ...unpriced.shown].map((p) => ({
        file: p.file,
        line: p.line,
        column: 0,
        path: p.field,
        message: `${p.reason} (${logMessages.strict()})`,
      })),
    );
  }
  if (wantsReport(args)) await writeReports([{ target, files: await replayOutputFiles(result, verdict, args) }]);
  if (problems.count > 0 && args.quiet !== true) {
    io.stderr(
      `${logMessages.problemsSummary(problems.count, Math.min(SHOWN_PROBLEMS, shown.length))}\n${shown
        .slice(0, SHOWN_PROBLEMS)
        .map((line) => `  ${line}\n`)
        .join('')}`,
    );
  }
  if (unpriced.count > 0 && args.quiet !== true) {
    const first = unpriced.shown.slice(0, SHOWN_PROBLEMS);
    io.stderr(
      `${replayMessages.unpricedSummary(unpriced.count, first.length)}\n${first
        .map((p) => `  ${formatIssue({ file: p.file, line: p.line, column: 0, path: p.field, message: p.reason })}\n`)
        .join('')}`,
    );
  }
  if (problems.duplicates > 0 && args.quiet !== true)
    io.stderr(`${logMessages.duplicatesDropped(problems.duplicates)}\n`);
  if (problems.outOfOrder > 0 && args.quiet !== true) io.stderr(`${logMessages.outOfOrder(problems.outOfOrder)}\n`);
  if (args.json === true) {
    io.stdout(replayJson(result, verdict));
    return;
  }
  if (args.quiet === true) return;
  io.stdout(formatReplay(result, verdict, args.by));
  if (wantsReport(args)) io.stdout(`${cliMessages.wroteReport(join(shownPath(io, target.dir), 'index.html'))}\n`);
}

/**
 * `timestamp=ts,key=user` → { timestamp: 'ts', key: 'user' }. A field ttlsim does not know is a usage
 * error here, before any log is read, whatever the logs' format: the flag itself is wrong.
 */
function parseColumns(value: string | undefined): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  // No prototype: `__proto__=x` is a field like any other, and is reported as unknown.
  const columns = Object.create(null) as Record<string, string>;
  for (const pair of value.split(',')) {
    const [ours, theirs] = pair.split('=').map((part) => part.trim());
    if (ours === undefined || theirs === undefined || ours === '' || theirs === '')
      throw inputError('', '--columns', cliMessages.badColumns(pair));
    if (Object.hasOwn(columns, ours)) throw inputError('', '--columns', csvMessages.fieldMappedTwice(ours));
    columns[ours] = theirs;
  }
  const problems = csvMappingProblems(columns);
  if (problems.length > 0)
    throw new InputError(problems.map((p) => ({ file: '', line: 0, column: 0, path: '--columns', message: p.reason })));
  return columns;
}
