// `ttlsim fit [logs…] -o scenario.yaml`: fit a `sessions` workload to recorded usage logs (metrics/fit.ts),
// write it as a commented scenario (report/fit-yaml.ts), then check the fit: run the written file, replay
// the logs, and compare per-thread gap quantiles and cost per request by policy.
import { basename, dirname, relative, resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import type { Argv } from 'yargs';
import Table from 'cli-table3';
import { InputError, inputError } from '../errors.js';
import { findLogFiles } from '../logs/find-logs.js';
import { RecordedArrivals } from '../logs/recorded-arrivals.js';
import { logMessages } from '../logs/messages.js';
import { replayLogs } from '../replay.js';
import { readScenarioFile } from '../scenario/read.js';
import { runScenario } from '../run-scenario.js';
import { createArrivals } from '../workload/arrivals.js';
import { createRng } from '../workload/rng.js';
import { SegmentKeys } from '../workload/segment-keys.js';
import { ProblemLog, type LogFormat } from '../workload/recorded/types.js';
import type { RecordedRequest } from '../workload/recorded/usage-chain.js';
import { SessionsFitter, fitQuality, threadGapQuantiles, type FitQuality, type SessionsFit } from '../metrics/fit.js';
import { fitDuration, fitMessages, renderFitYaml } from '../report/fit-yaml.js';
import { COMPACT } from '../report/comparison.js';
import { formatUsd } from '../report/format.js';
import { writeFilesAtomically } from '../report/write-files.js';
import type { CliIo } from './io.js';
import type { CommonArgs } from './common.js';
import { cliMessages } from './messages.js';
import { createProgress } from './progress.js';

interface FitArgs extends CommonArgs {
  logs?: string[];
  out?: string;
  format?: LogFormat;
  project?: string;
}

const FORMATS: readonly LogFormat[] = ['claude-code', 'csv', 'bedrock', 'mooncake'];

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
        .option('format', { choices: FORMATS, describe: 'log format (default: sniffed per file)' })
        .option('project', { type: 'string', describe: 'only logs of projects whose name contains this' }),
    (args) => fitCommand(args as unknown as FitArgs, io),
  );
}

function fitCommand(args: FitArgs, io: CliIo): void {
  if (args.out === undefined || args.out === '') throw inputError('', '--out', fitMessages.outRequired());
  const out = resolve(io.cwd, args.out);
  if (existsSync(out) && statSync(out).isDirectory()) throw inputError(args.out, '--out', fitMessages.outIsFolder());
  const paths = args.logs ?? [];
  const progress = createProgress(io, args.quiet === true);
  // 1. Fit: one pass over the logs in time order.
  const fit = fitLogs(paths, io, args, (label) => progress.update(label));
  // 2. Write the scenario, whole or not at all.
  writeFilesAtomically(dirname(out), [
    {
      name: basename(out),
      content: renderFitYaml(fit, { sources: paths.length === 0 ? ['the Claude Code projects folders'] : paths }),
    },
  ]);
  // 3. Check it: the written file as `ttlsim run` reads it, against a replay of the same logs.
  const quality = checkFit(fit, out, args.out, paths, io, args, (label) => progress.update(label));
  progress.stop();
  if (args.json === true) {
    io.stdout(`${JSON.stringify({ scenario: out, fit, quality }, null, 2)}\n`);
    return;
  }
  if (args.quiet === true) return;
  const shown = relative(io.cwd, out);
  io.stdout(
    `${fitMessages.fitSummary(fit.requests, fit.arrivals.sessions, fit.spanMs, fit.model.canonical)}\n${formatQuality(quality)}\n${fitMessages.wrote(shown === '' || shown.startsWith('..') ? out : shown)}\n`,
  );
}

function fitLogs(paths: readonly string[], io: CliIo, args: FitArgs, onLabel: (label: string) => void): SessionsFit {
  const problems = new ProblemLog();
  let files = findLogFiles(paths, { cwd: io.cwd, env: io.env, format: args.format }, problems);
  if (args.project !== undefined) files = files.filter((f) => f.project.includes(args.project!));
  if (files.length === 0) throw inputError('', '--project', fitMessages.noProject(args.project ?? ''));
  const epoch = files.filter((f) => f.format !== 'mooncake' && Number.isFinite(f.firstMs));
  const originMs = epoch.length === 0 ? 0 : Math.min(...epoch.map((f) => f.firstMs));
  const arrivals = new RecordedArrivals({
    files,
    originMs,
    scope: 'logs',
    defaultModel: 'claude-sonnet-4-5',
    keys: new SegmentKeys(),
    problems,
    onFile: (file, index, count) => onLabel(cliMessages.replayProgress(index, count, file.shown)),
  });
  const fitter = new SessionsFitter();
  for (let next = arrivals.next(); next.done !== true; next = arrivals.next()) {
    const request = next.value as RecordedRequest;
    if (request.recorded === undefined)
      throw inputError(files[0].shown, args.format === undefined ? '' : '--format', fitMessages.notUsageLogs());
    fitter.add(request);
  }
  const fit = fitter.finish();
  if (fit.requests === 0) throw inputError(files[0].shown, '', logMessages.noRequests());
  if (fit.arrivals.sessions === 0) throw inputError(files[0].shown, '', fitMessages.noSessions());
  return fit;
}

function checkFit(
  fit: SessionsFit,
  out: string,
  shownOut: string,
  paths: readonly string[],
  io: CliIo,
  args: FitArgs,
  onLabel: (label: string) => void,
): FitQuality {
  let scenario;
  try {
    scenario = readScenarioFile(out, shownOut);
  } catch (error) {
    // The file is ours: a scenario it does not accept is a bug of fit, not the user's input.
    if (error instanceof InputError) throw new Error(`${fitMessages.invalidOutput()}\n${error.message}`);
    throw error;
  }
  const fitted = runScenario(scenario, {
    onPolicy: (index, count, name) => onLabel(cliMessages.progress(scenario.name, index, count, name)),
  });
  // The arrivals runScenario simulated (same seed, same sub-streams), measured without simulating.
  const fittedGaps = threadGapQuantiles(
    createArrivals(scenario.workloads, createRng(scenario.seed).fork('arrivals'), scenario.horizonMs),
  );
  const replayed = replayLogs({
    paths,
    cwd: io.cwd,
    env: io.env,
    format: args.format,
    project: args.project,
    onFile: (file, index, count) => onLabel(cliMessages.replayProgress(index, count, file.shown)),
  });
  return fitQuality(fit.gaps, fittedGaps, fitted.policies, replayed.policies);
}

function formatQuality(quality: FitQuality): string {
  const { logs, fitted } = quality.gaps;
  const ratio = (a: number, b: number): string => (b === 0 ? '—' : `${(a / b).toFixed(2)}×`);
  const table = (head: string[]) =>
    new Table({
      head,
      colAligns: head.map((_, i) => (i === 0 ? 'left' : 'right')),
      style: { head: [], border: [] },
      chars: COMPACT,
    });
  const gaps = table(['gap quantile', 'fitted', 'logs', 'fitted/logs']);
  for (const [label, key] of [
    ['p50', 'p50Ms'],
    ['p90', 'p90Ms'],
    ['p99', 'p99Ms'],
  ] as const)
    gaps.push([label, fitDuration(fitted[key]), fitDuration(logs[key]), ratio(fitted[key], logs[key])]);
  gaps.push(['gaps', String(fitted.count), String(logs.count), '']);
  const costs = table(['policy', 'fitted $/req', 'replayed $/req', 'fitted/replayed']);
  for (const c of quality.costPerRequest)
    costs.push([c.policy, formatUsd(c.fittedUsd), formatUsd(c.replayedUsd), ratio(c.fittedUsd, c.replayedUsd)]);
  return [
    fitMessages.qualityTitle(quality.requests.fitted, quality.requests.logs),
    fitMessages.gapTitle(),
    gaps.toString(),
    fitMessages.costTitle(),
    costs.toString(),
  ].join('\n');
}
