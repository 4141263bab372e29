// fit/ (layer 10), `ttlsim fit`: fit a `sessions` workload to recorded usage logs in one pass over them
// (fit.ts), and check a written fit: run the scenario file (run/), replay the logs (replay/), and compare
// per-thread gap quantiles and cost per request by policy.
import { InputError, inputError } from '../model/errors.js';
import type { LogFormat } from '../model/log-format.js';
import { findLogFiles, type LogFile, originOf } from '../logs/find-logs.js';
import { RecordedArrivals } from '../logs/recorded-arrivals.js';
import { ArrivalTally, logsShownAs, noRequestsError } from '../logs/no-requests.js';
import { ProblemLog } from '../logs/types.js';
import type { RecordedRequest } from '../logs/usage-chain.js';
import { checkProvider, providerOf, replayLogs, type ProviderFrom } from '../replay/replay-logs.js';
import { findProfile } from '../pricing/lookup.js';
import { readScenarioFile } from '../run/scenario-files.js';
import { runScenario } from '../run/run-scenario.js';
import { createArrivals } from '../workload/arrivals.js';
import { createRng } from '../workload/rng.js';
import { SegmentKeys } from '../workload/segment-keys.js';
import { SessionsFitter, fitQuality, threadGapQuantiles, type FitQuality, type SessionsFit } from './fit.js';
import { fitMessages } from './messages.js';

export interface FitLogsOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly format?: LogFormat;
  /** `--provider`: whose prices the written scenario and the check use (default: bedrock for Bedrock logs, else anthropic). */
  readonly provider?: string;
  /** Only logs of projects whose name contains this. */
  readonly project?: string;
  /** `--since`/`--until`: only requests starting in [sinceMs, untilMs) (epoch ms) are fitted and checked. */
  readonly sinceMs?: number;
  readonly untilMs?: number;
  /** Before each log file is read (progress). */
  readonly onFile?: (file: LogFile, index: number, count: number) => void;
  /** Before each policy of the fit check's run starts (progress). */
  readonly onPolicy?: (scenario: string, index: number, count: number, policy: string) => void;
  /** Collects the logs' unusable lines, for the caller to show (default: a log of its own). */
  readonly problems?: ProblemLog;
}

/** A fit and the provider whose prices its scenario names (as `ttlsim replay` would price the same logs). */
export interface FittedLogs {
  readonly fit: SessionsFit;
  readonly pricing: { readonly provider: string; readonly from: ProviderFrom | 'fallback'; readonly asked: string };
}

export function fitLogs(paths: readonly string[], options: FitLogsOptions): FittedLogs {
  checkProvider(options.provider);
  const problems = options.problems ?? new ProblemLog();
  let files = findLogFiles(paths, { cwd: options.cwd, env: options.env, format: options.format }, problems);
  if (options.project !== undefined) files = files.filter((f) => f.project.includes(options.project!));
  if (files.length === 0) throw inputError('', '--project', fitMessages.noProject(options.project ?? ''));
  const originMs = originOf(files);
  const arrivals = new RecordedArrivals({
    files,
    originMs,
    scope: 'logs',
    defaultModel: 'claude-sonnet-4-5',
    keys: new SegmentKeys(),
    problems,
    onFile: options.onFile,
  });
  const since = options.sinceMs === undefined ? -Infinity : options.sinceMs - originMs;
  const until = options.untilMs === undefined ? Infinity : options.untilMs - originMs;
  const tally = new ArrivalTally(arrivals, since, until);
  const fitter = new SessionsFitter();
  for (let next = tally.next(); next.done !== true; next = tally.next()) {
    const request = next.value as RecordedRequest;
    if (request.atMs < since || request.atMs >= until) continue;
    if (request.recorded === undefined)
      throw inputError(files[0].shown, options.format === undefined ? '' : '--format', fitMessages.notUsageLogs());
    fitter.add(request);
  }
  const fit = fitter.finish();
  if (fit.requests === 0)
    throw tally.read > 0
      ? tally.noRequestsError(problems, logsShownAs(files, paths), originMs)
      : noRequestsError(problems, logsShownAs(files, paths));
  if (fit.arrivals.sessions === 0) throw inputError(files[0].shown, '', fitMessages.noSessions());
  const chosen = providerOf(
    options.provider?.trim().toLowerCase(),
    files.map((f) => f.format),
  );
  // A model the chosen provider does not sell (say a Bedrock log of a model only the API prices) keeps the
  // scenario runnable at the API's prices, and the scenario's comment says so.
  if (findProfile(chosen.provider, fit.model.canonical) === undefined && chosen.provider !== 'anthropic')
    return { fit, pricing: { provider: 'anthropic', from: 'fallback', asked: chosen.provider } };
  return { fit, pricing: { provider: chosen.provider, from: chosen.from, asked: chosen.provider } };
}

export function checkFit(
  { fit, pricing }: FittedLogs,
  out: string,
  shownOut: string,
  paths: readonly string[],
  options: FitLogsOptions,
): FitQuality {
  let scenario;
  try {
    scenario = readScenarioFile(out, shownOut);
  } catch (error) {
    // The file is ours: a scenario it does not accept is a bug of fit, not the user's input.
    if (error instanceof InputError)
      throw new Error(`${fitMessages.invalidOutput()}\n${error.message}`, { cause: error });
    throw error;
  }
  const name = scenario.name;
  const fitted = runScenario(scenario, {
    onPolicy: (index, count, policy) => options.onPolicy?.(name, index, count, policy),
  });
  // The arrivals runScenario simulated (same seed, same sub-streams), measured without simulating.
  const fittedGaps = threadGapQuantiles(
    createArrivals(scenario.workloads, createRng(scenario.seed).fork('arrivals'), scenario.horizonMs),
  );
  const replayed = replayLogs({
    paths,
    cwd: options.cwd,
    env: options.env,
    format: options.format,
    provider: pricing.provider,
    project: options.project,
    sinceMs: options.sinceMs,
    untilMs: options.untilMs,
    onFile: options.onFile,
  });
  return fitQuality(fit.gaps, fittedGaps, fitted.policies, replayed.policies);
}
