// cli/ (layer 12), `ttlsim fit [logs…] -o scenario.yaml`: fit a `sessions` workload to recorded usage logs
// (fit/), write it as a commented scenario (report/fit-yaml.ts), then check the fit (fit/fit-logs.ts) and
// print it (report/fit-report.ts).
import type { Argv } from 'yargs';
import { LOG_FORMATS, type LogFormat } from '../model/log-format.js';
import { checkFit, fitLogs, type FitLogsOptions } from '../fit/fit-logs.js';
import { fitMessages } from '../fit/messages.js';
import { renderFitYaml } from '../report/fit-yaml.js';
import { formatQuality } from '../report/fit-report.js';
import type { CliIo } from './io.js';
import type { CommonArgs } from './common.js';
import { cliMessages } from './messages.js';
import { formatLogProblems } from './log-problems.js';
import { ProblemLog } from '../logs/types.js';
import { createProgress } from './progress.js';
import { fitTarget, writeFitScenario } from './fit-output.js';
import { shownPath } from './output.js';
import { windowFlags, windowOptions, type WindowArgs } from './window-flags.js';

interface FitArgs extends CommonArgs, WindowArgs {
  logs?: string[];
  out?: string;
  format?: LogFormat;
  provider?: string;
  project?: string;
  force?: boolean;
}

export function registerFit(cli: Argv, io: CliIo): Argv {
  return cli.command(
    'fit [logs..]',
    'fit a sessions workload to recorded Claude Code logs, write it as a scenario file and check the fit',
    (y) =>
      y
        .positional('logs', {
          type: 'string',
          array: true,
          describe: 'log files or folders (default: every Claude Code projects folder here)',
        })
        .option('out', { alias: 'o', type: 'string', describe: 'the scenario file to write (required)' })
        .option('format', { choices: LOG_FORMATS, describe: 'log format (default: sniffed per file)' })
        .option('provider', {
          type: 'string',
          describe: 'price provider the scenario names (default: bedrock for Bedrock logs, else anthropic)',
        })
        .option('project', { type: 'string', describe: 'only logs of projects whose name contains this' })
        .options(windowOptions)
        .option('force', {
          type: 'boolean',
          describe: 'replace an existing file that ttlsim fit did not write (never one of the logs)',
        }),
    (args) => fitCommand(args as unknown as FitArgs, io),
  );
}

async function fitCommand(args: FitArgs, io: CliIo): Promise<void> {
  const paths = args.logs ?? [];
  const { sinceMs, untilMs } = windowFlags(args, io);
  // Before reading any log: -o never replaces a log, a link or a file fit did not write (unless --force).
  const target = fitTarget(io, args.out, paths, args.force === true);
  const out = target.dir;
  const progress = createProgress(io, args.quiet === true);
  const problems = new ProblemLog();
  const fitOptions: FitLogsOptions = {
    cwd: io.cwd,
    env: io.env,
    format: args.format,
    provider: args.provider,
    project: args.project,
    sinceMs,
    untilMs,
    onFile: (file, index, count) => progress.update(cliMessages.replayProgress(index, count, file.shown)),
    onPolicy: (scenario, index, count, policy) => progress.update(cliMessages.progress(scenario, index, count, policy)),
    problems,
  };
  // 1. Fit: one pass over the logs in time order.
  const fitted = fitLogs(paths, fitOptions);
  const fit = fitted.fit;
  // 2. Write the scenario, whole or not at all.
  await writeFitScenario(
    target,
    renderFitYaml(fit, {
      sources: paths.length === 0 ? ['the Claude Code projects folders'] : paths,
      pricing: fitted.pricing,
    }),
  );
  // 3. Check it: the written file as `ttlsim run` reads it, against a replay of the same logs.
  const quality = checkFit(fitted, out, target.shown, paths, fitOptions);
  progress.stop();
  // Unusable log lines, as `ttlsim replay` shows them.
  if (problems.count > 0 && args.quiet !== true) io.stderr(formatLogProblems(problems.count, problems.shown));
  if (args.json === true) {
    io.stdout(`${JSON.stringify({ scenario: out, fit, pricing: fitted.pricing, quality }, null, 2)}\n`);
    return;
  }
  if (args.quiet === true) return;
  io.stdout(
    `${fitMessages.fitSummary(fit.requests, fit.arrivals.sessions, fit.spanMs, fit.model.canonical)}\n${formatQuality(quality)}\n${fitMessages.wrote(shownPath(io, out))}\n`,
  );
}
