// `ttlsim tune <scenario | logs…>`: evaluate the policy space and recommend one (src/tune/tune.ts); print the
// evaluated table and the decision, or the JSON with its `recommendation`, and write the report.
import { join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { readScenarioFiles } from '../run/scenario-files.js';
import { inputError } from '../model/errors.js';
import { replayMessages } from '../replay/messages.js';
import { tuneLogs, tuneScenario } from '../tune/tune.js';
import { formatTune, tuneJson } from '../report/tune-report.js';
import { LOG_FORMATS, type LogFormat } from '../model/log-format.js';
import type { CliIo } from './io.js';
import { cliMessages } from './messages.js';
import { formatLogProblems } from './log-problems.js';
import { seedFlag, seedOption, type CommonArgs } from './common.js';
import { reportOptions, wantsReport, type ReportArgs } from './report-output.js';
import { tuneOutputFiles } from './report-sets.js';
import { defaultClaudeDirs } from '../logs/find-logs.js';
import { shownPath, checkReportTargets, outFlag, reportTarget, writeReports } from './output.js';
import { maxRequestsOption, workLimitsFrom } from './max-requests.js';
import { windowFlags, windowOptions, type WindowArgs } from './window-flags.js';

import { TARGETS, type Target } from '../verdict/targets.js';
import { thresholdFlags, thresholdOptions, type ThresholdArgs } from './verdict-flags.js';
import { baselineFlag } from './baseline-flag.js';
import { shardOptions, type ShardArgs } from './shard-flags.js';
import { tuneShardsFor } from './sharded.js';

interface TuneArgs extends CommonArgs, WindowArgs, ThresholdArgs, ReportArgs, ShardArgs {
  input: string[];
  out?: string;
  seed?: string;
  baseline?: string;
  current?: string;
  format?: LogFormat;
  provider?: string;
  project?: string;
  maxRequests?: string;
  target?: Target;
}

/** A scenario file by its extension; anything else (files or folders) is logs. */
const isScenarioPath = (paths: readonly string[]): boolean => paths.length === 1 && /\.ya?ml$/i.test(paths[0]);

export function registerTune(cli: Argv, io: CliIo): Argv {
  return cli.command(
    'tune [input..]',
    'evaluate the policy space on a scenario or on recorded logs and recommend a TTL policy',
    (y) =>
      y
        .positional('input', {
          type: 'string',
          array: true,
          describe: 'a scenario file (.yaml), or log files and folders (default: the Claude Code projects folders)',
        })
        .option('out', {
          type: 'string',
          describe: 'report folder (default reports/<scenario>-tune/ or reports/replay-tune/)',
        })
        .option('seed', seedOption)
        .option('max-requests', maxRequestsOption)
        .option('baseline', {
          type: 'string',
          describe:
            "the policy you run now, the verdict's baseline (default: as-recorded for logs; a scenario's first policy, else 5m)",
        })
        .option('current', { type: 'string', describe: 'the older name of --baseline (an alias)' })
        .option('format', {
          choices: LOG_FORMATS,
          describe: 'log format (default: sniffed per file)',
        })
        .option('provider', {
          type: 'string',
          describe: 'price provider for the logged models (default: bedrock for Bedrock logs, else anthropic)',
        })
        .option('project', { type: 'string', describe: 'only logs of projects whose name contains this' })
        .options(windowOptions)
        .option('target', {
          choices: TARGETS,
          describe: 'where the requests run (default: detected from the logs; api for a scenario)',
        })
        .options(thresholdOptions)
        .options(reportOptions)
        .options(shardOptions),
    (args) => tuneCommand(args as unknown as TuneArgs, io),
  );
}

async function tuneCommand(args: TuneArgs, io: CliIo): Promise<void> {
  const input = args.input ?? [];
  const seed = seedFlag(args.seed);
  const thresholds = thresholdFlags(args);
  const out = outFlag(args.out, '--out');
  const window = windowFlags(args, io);
  const baseline = baselineFlag(args);
  let result;
  let target;
  if (isScenarioPath(input)) {
    const limits = workLimitsFrom(args.maxRequests);
    const [scenario] = readScenarioFiles(input, io.cwd, limits);
    for (const [flag, value] of [
      ['--since', args.since],
      ['--until', args.until],
      ['--timezone', args.timezone],
    ] as const)
      if (value !== undefined) throw inputError('', flag, replayMessages.windowForLogs());
    target = reportTarget(io, out, `${scenario.name}-tune`);
    if (wantsReport(args)) checkReportTargets(io, [target], input);
    const tuneOptions = { seed, current: baseline.name, target: args.target, thresholds };
    // --shard prints its partial; a large scenario goes to the workers, one shard each (docs/scale.md).
    const sharded = await tuneShardsFor(
      args,
      io,
      {
        scenario: { path: resolve(io.cwd, input[0]), shown: input[0], maxRequests: limits.maxRequests },
        logs: null,
        options: tuneOptions,
        inputs: input,
      },
      scenario,
    );
    if (sharded === 'printed') return;
    result = sharded ?? tuneScenario(scenario, tuneOptions);
  } else {
    // Logs are tuned as `replay` (tune/tune.ts).
    target = reportTarget(io, out, 'replay-tune');
    if (wantsReport(args)) checkReportTargets(io, [target], input.length > 0 ? input : defaultClaudeDirs(io.env));
    const logOptions = {
      paths: input,
      cwd: io.cwd,
      env: io.env,
      format: args.format,
      provider: args.provider,
      project: args.project,
      ...window,
    };
    const tuneOptions = { seed, current: baseline.name, target: args.target, thresholds };
    const sharded = await tuneShardsFor(
      args,
      io,
      {
        scenario: null,
        logs: { ...logOptions, env: { ...io.env } },
        options: tuneOptions,
        inputs: input.length > 0 ? input : defaultClaudeDirs(io.env),
      },
      null,
    );
    if (sharded === 'printed') return;
    result = sharded ?? tuneLogs(logOptions, tuneOptions);
  }
  if (baseline.name !== undefined && !result.policies.some((p) => p.policy === baseline.name))
    throw inputError(
      '',
      baseline.flag,
      cliMessages.unknownPolicy(
        baseline.name,
        result.policies.map((p) => p.policy),
      ),
    );
  if (wantsReport(args)) await writeReports([{ target, files: await tuneOutputFiles(result, args) }]);
  // Unusable log lines (of the logs tuned, or of a scenario's replay workload), as `ttlsim replay` shows them.
  const logProblems = 'problems' in result.run ? result.run.problems : result.run.logProblems;
  if (logProblems !== undefined && logProblems.count > 0 && args.quiet !== true)
    io.stderr(formatLogProblems(logProblems.count, logProblems.shown));
  if (args.json === true) {
    io.stdout(tuneJson(result));
    return;
  }
  if (args.quiet === true) return;
  io.stdout(formatTune(result));
  if (wantsReport(args)) io.stdout(`${cliMessages.wroteReport(join(shownPath(io, target.dir), 'index.html'))}\n`);
}
