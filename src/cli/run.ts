// `ttlsim run <scenario…>`: validate every file first, then simulate each scenario's policies, print the
// comparison (or the JSON contract with --json), and write the report files atomically.
import { resolve, join, relative } from 'node:path';
import type { Argv } from 'yargs';
import { readScenarioFile, validateScenarioFiles } from '../run/scenario-files.js';
import { InputError } from '../model/errors.js';
import { runScenario, type ScenarioResult } from '../run/run-scenario.js';
import { formatComparison } from '../report/comparison.js';
import { summaryCsv, timeseriesCsv } from '../report/csv.js';
import { resultJson } from '../report/json.js';
import { writeFilesAtomically } from '../report/write-files.js';
import { runReportPage } from '../report/report-page.js';
import { reportFiles } from './report-output.js';
import type { CliIo } from './io.js';
import { cliMessages } from './messages.js';
import { seedOption, type CommonArgs } from './common.js';
import { createProgress } from './progress.js';
import { formatLogProblems } from './log-problems.js';
import { maxRequestsOption, workLimitsFrom } from './max-requests.js';

interface RunArgs extends CommonArgs {
  scenario: string[];
  out?: string;
  seed?: number;
  maxRequests?: string;
}

export function registerRun(cli: Argv, io: CliIo): Argv {
  return cli.command(
    'run <scenario..>',
    'simulate scenario files under every policy they list and compare the costs',
    (y) =>
      y
        .positional('scenario', { type: 'string', array: true, describe: 'scenario files (YAML or JSON)' })
        .option('out', {
          type: 'string',
          describe: 'report folder (default reports/<scenario-name>/; with several scenarios, one subfolder each)',
        })
        .option('seed', seedOption)
        .option('max-requests', maxRequestsOption),
    (args) => runCommand(args as unknown as RunArgs, io),
  );
}

async function runCommand(args: RunArgs, io: CliIo): Promise<void> {
  // 1. Read and validate every scenario before running any: bad input writes nothing.
  const limits = workLimitsFrom(args.maxRequests);
  const reports = validateScenarioFiles(args.scenario, io.cwd, limits);
  const issues = reports.flatMap((r) => r.issues);
  if (issues.length > 0) throw new InputError(issues);
  const scenarios = args.scenario.map((path) => readScenarioFile(resolve(io.cwd, path), path, limits));
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    const progress = createProgress(io, args.quiet === true);
    results.push(
      runScenario(scenario, {
        seed: args.seed,
        onPolicy: (index, count, name) => progress.update(cliMessages.progress(scenario.name, index, count, name)),
      }),
    );
    progress.stop();
  }
  // 2. Write each scenario's report files, then print.
  const several = results.length > 1;
  const outDirs: string[] = [];
  for (const result of results) {
    const base =
      args.out === undefined ? join('reports', result.scenario) : several ? join(args.out, result.scenario) : args.out;
    const dir = resolve(io.cwd, base);
    writeFilesAtomically(dir, [
      { name: 'summary.json', content: resultJson(result) },
      { name: 'summary.csv', content: summaryCsv(result) },
      { name: 'timeseries.csv', content: timeseriesCsv(result) },
      ...(await reportFiles(runReportPage(result))),
    ]);
    outDirs.push(dir);
  }
  // Unusable lines of replay workloads: counted in the JSON, and shown here as `ttlsim replay` shows them.
  if (args.quiet !== true)
    for (const { logProblems } of results)
      if (logProblems !== undefined) io.stderr(formatLogProblems(logProblems.count, logProblems.shown));
  if (args.json === true) {
    io.stdout(several ? `${JSON.stringify(results, null, 2)}\n` : resultJson(results[0]));
    return;
  }
  if (args.quiet === true) return;
  results.forEach((result, i) => {
    if (i > 0) io.stdout('\n');
    io.stdout(formatComparison(result));
    const shown = relative(io.cwd, outDirs[i]);
    io.stdout(
      `${cliMessages.wroteReport(join(shown === '' || shown.startsWith('..') ? outDirs[i] : shown, 'index.html'))}\n`,
    );
  });
}
