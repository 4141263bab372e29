// `ttlsim sweep <scenario>`: run a scenario over a range of TTLs (--ttl) and/or of values of its own fields
// (--param, two make a grid) on worker threads; print one row per point, or the points as JSON, and write
// sweep.json, sweep.csv and the HTML report whole (cli/output.ts).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { readScenarioFile } from '../run/scenario-files.js';
import { inputError } from '../model/errors.js';
import { planSweep } from '../sweep/plan.js';
import { defaultWorkers, runSweep } from '../sweep/run-sweep.js';
import { sweepMessages } from '../sweep/messages.js';
import { formatSweep, sweepCsv, sweepJson } from '../report/sweep-output.js';
import { sweepReportPage } from '../report/sweep-page.js';
import { reportFiles, reportOptions, wantsReport, type ReportArgs } from './report-output.js';
import type { CliIo } from './io.js';
import { cliMessages } from './messages.js';
import { MAX_WORKERS, seedFlag, seedOption, workersFlag, type CommonArgs } from './common.js';
import { maxRequestsOption, workLimitsFrom } from './max-requests.js';
import { createProgress } from './progress.js';
import { shownPath, checkReportTargets, outFlag, reportTarget, writeReports } from './output.js';

interface SweepArgs extends CommonArgs, ReportArgs {
  scenario: string;
  ttl?: string | string[];
  param?: string | string[];
  workers?: string;
  out?: string;
  seed?: string;
  maxRequests?: string;
}

export function registerSweep(cli: Argv, io: CliIo): Argv {
  return cli.command(
    'sweep <scenario>',
    'simulate a scenario over a range of TTLs or of its own parameters (two --param make a grid), on worker threads',
    (y) =>
      y
        .positional('scenario', { type: 'string', describe: 'scenario file (YAML or JSON)' })
        .option('ttl', {
          type: 'string',
          describe:
            'TTLs: a list (5m,10m,30m,1h) or N log-spaced from a to b (1m..2h:20); each becomes ttl-<T> and, above 5m, ttl-<T>-sliding, plus no-cache',
        })
        .option('param', {
          type: 'string',
          describe:
            'path=values: a field of the file by its dotted path and the values it takes (workload.gap.mean=1m..90m:10; :linN for linear spacing; a list a,b,c); repeat for a grid',
        })
        .option('workers', {
          type: 'string',
          describe: `worker threads, 1 to ${MAX_WORKERS} (default: the available parallelism); 1 runs in this thread`,
        })
        .option('out', { type: 'string', describe: 'report folder (default reports/<scenario-name>-sweep/)' })
        .option('seed', seedOption)
        .option('max-requests', maxRequestsOption)
        .options(reportOptions),
    (args) => sweepCommand(args as unknown as SweepArgs, io),
  );
}

/** yargs gives a repeated option as an array and a single one as a string. */
const listOf = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

async function sweepCommand(args: SweepArgs, io: CliIo): Promise<void> {
  // 1. Flags, the file, then every point: bad input writes nothing.
  const ttl = listOf(args.ttl);
  if (ttl.length > 1) throw inputError('', '--ttl', sweepMessages.ttlOnce());
  const workers = workersFlag(args.workers);
  const seed = seedFlag(args.seed);
  const sourcePath = resolve(io.cwd, args.scenario);
  const limits = workLimitsFrom(args.maxRequests);
  const scenario = readScenarioFile(sourcePath, args.scenario, limits);
  const target = reportTarget(io, outFlag(args.out, '--out'), `${scenario.name}-sweep`);
  if (wantsReport(args)) checkReportTargets(io, [target], [args.scenario]);
  const plan = planSweep({
    text: readFileSync(sourcePath, 'utf8'),
    file: args.scenario,
    ...(ttl.length === 0 ? {} : { ttl: ttl[0] }),
    params: listOf(args.param),
  });
  // 2. Run every point and policy on the workers.
  const progress = createProgress(io, args.quiet === true);
  const result = await runSweep(plan, {
    sourcePath,
    workers: workers ?? defaultWorkers(),
    maxRequests: limits.maxRequests,
    ...(seed === undefined ? {} : { seed }),
    onProgress: (done, total) => progress.update(sweepMessages.progress(scenario.name, done, total)),
  });
  progress.stop();
  // 3. Write the files, then print.
  const json = sweepJson(result);
  if (wantsReport(args))
    await writeReports([
      {
        target,
        files: [
          { name: 'sweep.json', content: json },
          { name: 'sweep.csv', content: sweepCsv(result) },
          ...(await reportFiles(sweepReportPage(result), args)),
        ],
      },
    ]);
  if (args.json === true) {
    io.stdout(json);
    return;
  }
  if (args.quiet === true) return;
  io.stdout(formatSweep(result));
  if (wantsReport(args)) io.stdout(`${cliMessages.wroteReport(join(shownPath(io, target.dir), 'index.html'))}\n`);
}
