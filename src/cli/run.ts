// `ttlsim run <scenario…>`: validate every file first, then simulate each scenario's policies and draw its
// verdict from the function `replay` and `tune` draw theirs from (cli/run-report.ts), print the comparison
// and the verdict (or the JSON contract with --json), and write each report whole (cli/output.ts).
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { readScenarioFiles } from '../run/scenario-files.js';
import { inputError } from '../model/errors.js';
import type { OutputFile } from '../report/write-files.js';
import { runReport } from './run-report.js';
import { TARGETS, type Target } from '../verdict/targets.js';
import { thresholdFlags, thresholdOptions, type ThresholdArgs } from './verdict-flags.js';
import { baselineFlag, baselineOption } from './baseline-flag.js';
import { resultJson, type RunReport } from '../report/json.js';
import { reportOptions, wantsReport, type ReportArgs } from './report-output.js';
import type { CliIo } from './io.js';
import { cliMessages } from './messages.js';
import { seedFlag, seedOption, type CommonArgs } from './common.js';
import { createProgress } from './progress.js';
import { formatLogProblems } from './log-problems.js';
import {
  checkReportTargets,
  shownPath,
  outFlag,
  reportSubTarget,
  reportTarget,
  writeReports,
  type ReportTarget,
} from './output.js';
import { maxRequestsOption, workLimitsFrom } from './max-requests.js';
import { shardOptions, type ShardArgs } from './shard-flags.js';
import { runShardsFor } from './sharded.js';

interface RunArgs extends CommonArgs, ThresholdArgs, ReportArgs, ShardArgs {
  scenario: string[];
  out?: string;
  seed?: string;
  maxRequests?: string;
  baseline?: string;
  target?: Target;
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
        .option('max-requests', maxRequestsOption)
        .option('baseline', baselineOption)
        .option('target', { choices: TARGETS, describe: "where the requests run, the verdict's choices (default api)" })
        .options(thresholdOptions)
        .options(reportOptions)
        .options(shardOptions),
    (args) => runCommand(args as unknown as RunArgs, io),
  );
}

async function runCommand(args: RunArgs, io: CliIo): Promise<void> {
  // 1. Read and validate the flags and every scenario before running any: bad input writes nothing.
  const seed = seedFlag(args.seed);
  const limits = workLimitsFrom(args.maxRequests);
  const thresholds = thresholdFlags(args);
  const baseline = baselineFlag({ baseline: args.baseline }).name;
  const scenarios = readScenarioFiles(args.scenario, io.cwd, limits);
  // --baseline names a policy of every scenario run, else nothing runs.
  scenarios.forEach((s, i) => {
    const names = s.policies.map((p) => p.name);
    if (baseline !== undefined && !names.includes(baseline))
      throw inputError(args.scenario[i], '--baseline', cliMessages.unknownBaseline(baseline, names));
  });
  // --shard prints each scenario's partial and writes nothing; else the runs go to the workers (docs/scale.md).
  const verdictOptions = { baseline, target: args.target, thresholds };
  const sharded = await runShardsFor(args, io, args.scenario, {
    seed,
    maxRequests: limits.maxRequests,
    verdict: verdictOptions,
  });
  if (sharded === 'printed') return;
  // 2. Where each report goes, checked before the work: a path that cannot take it is refused now.
  const out = outFlag(args.out, '--out');
  const several = scenarios.length > 1;
  const targets = scenarios.map((s, i) => {
    const twin = scenarios.findIndex((other) => other.name === s.name);
    if (twin !== i)
      throw inputError('', '', cliMessages.sameFolderTwice(s.name, args.scenario[twin], args.scenario[i]));
    return out === undefined
      ? reportTarget(io, undefined, s.name)
      : several
        ? reportSubTarget(io, out, s.name)
        : reportTarget(io, out, s.name);
  });
  if (wantsReport(args)) checkReportTargets(io, targets, args.scenario);
  const results: RunReport[] = [];
  for (const [index, scenario] of scenarios.entries()) {
    const progress = createProgress(io, args.quiet === true);
    results.push(
      await sharded(scenario, index, () =>
        runReport(scenario, {
          seed,
          onPolicy: (index, count, name) => progress.update(cliMessages.progress(scenario.name, index, count, name)),
          ...verdictOptions,
        }),
      ),
    );
    progress.stop();
  }
  // 3. Write every scenario's report, each whole, then print.
  // The report's modules (CSV writer, charts) and the table's (cli-table3) are loaded only when used, so
  // that `run --no-report --json` loads neither (docs/performance.md, "Start-up").
  const written: { target: ReportTarget; files: OutputFile[] }[] = [];
  if (wantsReport(args)) {
    const { runOutputFiles } = await import('./report-sets.js');
    for (const [i, result] of results.entries())
      written.push({ target: targets[i], files: await runOutputFiles(result, args) });
  }
  if (written.length > 0) await writeReports(written);
  // Unusable lines of replay workloads: counted in the JSON, and shown here as `ttlsim replay` shows them.
  if (args.quiet !== true)
    for (const { logProblems } of results)
      if (logProblems !== undefined) io.stderr(formatLogProblems(logProblems.count, logProblems.shown));
  if (args.json === true) {
    io.stdout(several ? `${JSON.stringify(results, null, 2)}\n` : resultJson(results[0]));
    return;
  }
  if (args.quiet === true) return;
  const { formatComparison } = await import('../report/comparison.js');
  results.forEach((result, i) => {
    if (i > 0) io.stdout('\n');
    io.stdout(formatComparison(result));
    if (wantsReport(args)) io.stdout(`${cliMessages.wroteReport(join(shownPath(io, targets[i].dir), 'index.html'))}\n`);
  });
}
