// replay/ (layer 9): a replay of recorded logs through the data flow (docs/replay.md): logs/ finds the
// files, reads them and rebuilds each request's prompt, and every policy — the TTLs the requests actually
// used first (counterfactuals.ts) — simulates the same requests in one pass. reconcile.ts compares the
// as-recorded simulation with what the logs say was billed.
import type { EngineOptions } from '../model/scenario.js';
import type { PolicySpec } from '../model/policy.js';
import { MINUTE_MS } from '../model/time.js';
import { providers } from '../pricing/lookup.js';
import { parsePriceKey } from '../pricing/price-key.js';
import type { PolicySummary } from '../metrics/summarise.js';
import { runPolicies, type PolicyObserver } from '../metrics/run-policies.js';
import { SegmentKeys } from '../workload/segment-keys.js';
import { ProblemLog, type LogProblem } from '../logs/types.js';
import type { LogFormat } from '../model/log-format.js';
import { isRecorded } from '../logs/usage-chain.js';
import type { Request } from '../model/request.js';
import { findLogFiles, type LogFile, originOf } from '../logs/find-logs.js';
import { RecordedArrivals } from '../logs/recorded-arrivals.js';
import { ArrivalTally, logsShownAs } from '../logs/no-requests.js';
import { Reconciler, type MissCauses, type Reconciliation, type AsRecorded, type ReconcilerRaw } from './reconcile.js';
import type { ShardRun } from '../shard/shard-run.js';
import { type Breakdowns } from './breakdowns.js';
import { LocalCalendar } from './time-window.js';
import { InputError, inputError } from '../model/errors.js';
import { AS_RECORDED, counterfactualPolicies } from './counterfactuals.js';
import { replayMessages } from './messages.js';
import { ReplayPricing, type UnpricedRequests } from './price-requests.js';
import type { PriceFigures } from './price-options.js';
import type { PriceProfile } from '../pricing/profile.js';
import { TtlMixTally, type TtlMix } from './ttl-mix.js';
import type { IdColumns } from '../util/id-columns.js';

export interface ReplayOptions {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly format?: LogFormat;
  /** `--provider`: price provider for the logged models (default: from the logs, providerOf). */
  readonly provider?: string;
  /** `--price`: prices for models the table lacks (or in place of its own), by model id. */
  readonly prices?: Readonly<Record<string, PriceFigures>>;
  /** `--model-map`: logged ids that name no model (application inference profiles, …) → a model. */
  readonly modelMap?: Readonly<Record<string, string>>;
  /** Model for formats whose lines name none. */
  readonly model?: string;
  /** Policies to compare beyond the built-in counterfactuals (from `--policies file.yaml`). */
  readonly policies?: readonly PolicySpec[];
  /** Only requests starting in [sinceMs, untilMs) (epoch ms) are simulated. */
  readonly sinceMs?: number;
  readonly untilMs?: number;
  /** IANA zone of the day, week and month breakdowns (default UTC). */
  readonly timeZone?: string;
  /** Only files of this project (Claude Code projects folder name, substring match). */
  readonly project?: string;
  readonly csvColumns?: Readonly<Record<string, string>>;
  /** Keep every disagreement of the reconciliation (otherwise the first few). */
  readonly explain?: boolean;
  readonly onFile?: (file: LogFile, index: number, count: number) => void;
  /**
   * Sees every billed request and keep-alive ping of each policy, by its position in `policies` of the
   * result (tune), with the replay's prices: known only once the logs are open (providerOf).
   */
  readonly observe?: (index: number, policy: string, priceOf: PriceOf) => PolicyObserver;
  /** The observers' per-session table, for the gap clock to share (metrics/run-policies.ts). */
  readonly rows?: IdColumns;
  /** Replay only this shard's requests, keeping what a merge needs (src/shard/, docs/scale.md). */
  readonly shard?: ShardRun;
}

export interface ReplayResult {
  readonly scenario: string;
  readonly seed: number;
  readonly horizonMs: number;
  readonly startIso: string;
  readonly pricing: {
    readonly provider: string;
    /** Why that provider: `--provider`, the logs (all Bedrock invocation logs), or the default (anthropic). */
    readonly providerFrom: ProviderFrom;
    /** The models billed, each with what changed its price in parentheses (`claude-sonnet-4-5 (long context)`). */
    readonly models: readonly string[];
    readonly asOf: string;
    /** Models without a 1h tier on this provider: the 1h policies write them at 5m (docs/replay.md). */
    readonly fiveMinuteOnly: readonly string[];
  };
  readonly files: number;
  /** The formats of the files read, sorted (the verdict's target is detected from them). */
  readonly formats: readonly LogFormat[];
  readonly bytes: number;
  /** What the logs were billed, and what they ran: the 5m/1h write mix by thread kind and version. */
  readonly asRecorded: (AsRecorded & { readonly ttlMix: TtlMix }) | null;
  readonly reconciliation: Reconciliation | null;
  /** The as-recorded simulation first (when the logs record usage), then the counterfactuals. */
  readonly policies: readonly PolicySummary[];
  readonly breakdowns: Breakdowns;
  readonly window: ReplayWindow;
  /** Claude Code project folder → the directory it stands for, added by the CLI (cli/project-paths.ts). */
  readonly projectPaths?: Readonly<Record<string, string>>;
  readonly missCauses: MissCauses;
  readonly problems: {
    readonly count: number;
    readonly shown: readonly LogProblem[];
    readonly reordered: number;
    /** Requests left out because nothing prices their model (or its fast mode, service tier or 1h writes). */
    readonly unpriced: UnpricedRequests;
    /** Requests dropped because another file (a copy, an overlapping export) already held them. */
    readonly duplicates: number;
    /** Requests the logs give out of time order within their thread (or CSV/Mooncake file), replayed in order. */
    readonly outOfOrder: number;
    /** CSV/Mooncake rows further back in time than the reorder buffer reaches (also in `count`). */
    readonly late: number;
  };
  /** After a merge of shards: the figures that are not exact, and why (docs/scale.md). */
  readonly inexact?: readonly string[];
  /** With `shard`: this shard's unrounded books and the span of its requests (null when it has none). */
  readonly shardRaw?: ReconcilerRaw & { readonly firstAtMs: number | null; readonly lastAtMs: number | null };
}

/** The window the replay selected (--since/--until) and the span of the requests in it. */
export interface ReplayWindow {
  /** The zone of the day, week and month rows. */
  readonly timeZone: string;
  /** The flags' bounds (ISO, UTC), null for an open end. */
  readonly sinceIso: string | null;
  readonly untilIso: string | null;
  /** The first and last request replayed (ISO, UTC). */
  readonly firstRequestIso: string;
  readonly lastRequestIso: string;
}

/** The logs of a replay, found and dated: where simulated time 0 is, how long they run, and their requests. */
export interface OpenedLogs {
  readonly files: readonly LogFile[];
  readonly originMs: number;
  readonly horizonMs: number;
  readonly problems: ProblemLog;
  /** A fresh pass over the logs' requests in time order (each call reads the files again). */
  readonly requests: () => RecordedArrivals;
}

export function openLogs(options: ReplayOptions): OpenedLogs {
  const problems = new ProblemLog();
  let files = findLogFiles(
    options.paths,
    { cwd: options.cwd, env: options.env, format: options.format, csvColumns: options.csvColumns },
    problems,
  );
  if (options.project !== undefined) files = files.filter((f) => f.project.includes(options.project!));
  if (files.length === 0) throw inputError('', '--project', replayMessages.noProject(String(options.project)));
  const defaultModel = options.model ?? 'claude-sonnet-4-5';
  const originMs = originOf(files);
  const lastMs = Math.max(
    ...files.map((f) => (Number.isFinite(f.lastMs) ? f.lastMs - (f.format === 'mooncake' ? 0 : originMs) : 0)),
  );
  // Whole minutes, so the report's horizon reads like a duration a person would write.
  const horizonMs = Math.max(MINUTE_MS, Math.ceil((lastMs + 1) / MINUTE_MS) * MINUTE_MS);
  const requests = () =>
    new RecordedArrivals({
      files,
      originMs,
      scope: 'logs',
      defaultModel,
      csvColumns: options.csvColumns,
      keys: new SegmentKeys(),
      problems,
      onFile: options.onFile,
    });
  return { files, originMs, horizonMs, problems, requests };
}

export function replayLogs(options: ReplayOptions): ReplayResult {
  // 1. Find the files (each sniffed for its format and earliest/latest timestamps), then the time range.
  checkProvider(options.provider);
  const opened = openLogs(options);
  const { files, originMs, horizonMs, problems } = opened;
  const formats = [...new Set(files.map((f) => f.format))].sort();
  const { provider, from: providerFrom } = providerOf(options.provider, formats);
  const engine: EngineOptions = {
    lookback: 20,
    firstTokenDelayMs: 0,
    evictionRatePerMs: 0,
    bucketMs: FIRST_BUCKET_MS,
  };

  // 2. One simulation per policy, all fed by one pass over the logs; requests nothing prices are left out.
  const pricing = replayPricing({ ...options, provider });
  const priceOf = pricing.priceOf;
  const shard = options.shard;
  const arrivals = opened.requests();
  const first = pull(arrivals);
  const recordsUsage = first !== null && isRecorded(first);
  const policies = [...(recordsUsage ? [AS_RECORDED] : []), ...counterfactualPolicies(), ...(options.policies ?? [])];
  const reconciler = new Reconciler(
    policies.map((p) => p.name),
    priceOf,
    originMs,
    options.explain === true,
    new LocalCalendar(options.timeZone),
    shard === undefined ? undefined : () => shard.seq,
  );
  let firstAtMs = Infinity;
  let lastAtMs = -Infinity;
  const since = options.sinceMs === undefined ? -Infinity : options.sinceMs - originMs;
  const until = options.untilMs === undefined ? Infinity : options.untilMs - originMs;
  const ttlMix = new TtlMixTally();
  const tally = new ArrivalTally(startingWith(first, arrivals), since, until);
  // The simulations are gone when runPolicies returns: the breakdowns below are built without them (peak memory).
  const summaries = runPolicies({
    policies,
    priceOf,
    engine,
    horizonMs,
    seed: 0,
    arrivals: tally,
    rows: options.rows,
    ...(shard === undefined ? {} : { onResult: shard.keep(priceOf) }),
    admit: (request) => {
      if (shard !== undefined && !shard.admits(request)) return false;
      if (request.atMs < since || request.atMs >= until) return false;
      return pricing.admit(request);
    },
    onArrival: (request, firstOfThread) => {
      firstAtMs = Math.min(firstAtMs, request.atMs);
      lastAtMs = Math.max(lastAtMs, request.atMs);
      reconciler.arrived(request, firstOfThread);
      ttlMix.add(request);
    },
    observe: (index, policy) => {
      const observer = options.observe?.(index, policy.name, priceOf);
      return {
        onRequest: (request, outcome) => {
          reconciler.served(index, request, outcome);
          observer?.onRequest?.(request, outcome);
        },
        onPing: (request, outcome, atMs) => {
          reconciler.pinged(index, request, outcome, atMs);
          observer?.onPing?.(request, outcome, atMs);
        },
      };
    },
  });
  const unpriced = pricing.unpriced();
  // A shard may hold none of the requests (they are all another's): the merge judges the whole.
  const emptyShard = shard !== undefined && shard.seq >= 0 && reconciler.requests === 0;
  // Every request skipped for lack of a price: the first says which model and how to price it.
  if (reconciler.requests === 0 && unpriced.count > 0 && !emptyShard) {
    const first = unpriced.shown[0];
    throw new InputError([{ file: first.file, line: first.line, column: 0, path: first.field, message: first.reason }]);
  }
  // Nothing replayed: the unusable lines, or the window, say why (exit 2, nothing written).
  if (reconciler.requests === 0 && !emptyShard)
    throw tally.noRequestsError(problems, logsShownAs(files, options.paths), originMs);

  // 3. What the logs say, how well the as-recorded simulation reproduces it, and the breakdowns.
  const models = reconciler.models();
  return {
    scenario: 'replay',
    seed: 0,
    horizonMs,
    startIso: new Date(originMs).toISOString(),
    pricing: {
      provider,
      providerFrom,
      models,
      asOf:
        models
          .map((m) => priceOf(m).asOf)
          .sort()
          .at(-1) ?? '',
      // By model, not price key: the tier a model lacks is the same at every price of it.
      fiveMinuteOnly: [...new Set(models.map((m) => parsePriceKey(m).model))].filter((m) =>
        Number.isNaN(priceOf(m).usdPerMTok.cacheWrite1h),
      ),
    },
    files: files.length,
    formats,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    asRecorded: recordsUsage ? { ...reconciler.asRecorded(), ttlMix: ttlMix.result() } : null,
    reconciliation: recordsUsage ? reconciler.reconciliation(summaries[0]) : null,
    policies: summaries,
    breakdowns: reconciler.breakdowns(),
    window: {
      timeZone: new LocalCalendar(options.timeZone).zone,
      sinceIso: options.sinceMs === undefined ? null : new Date(options.sinceMs).toISOString(),
      untilIso: options.untilMs === undefined ? null : new Date(options.untilMs).toISOString(),
      firstRequestIso: new Date(originMs + (emptyShard ? 0 : firstAtMs)).toISOString(),
      lastRequestIso: new Date(originMs + (emptyShard ? 0 : lastAtMs)).toISOString(),
    },
    missCauses: reconciler.missCauses(),
    problems: {
      count: problems.count,
      shown: problems.shown,
      reordered: arrivals.reordered,
      unpriced,
      duplicates: arrivals.duplicates,
      outOfOrder: arrivals.outOfOrder,
      late: arrivals.late,
    },
    ...(shard === undefined
      ? {}
      : {
          shardRaw: {
            ...reconciler.raw(),
            firstAtMs: emptyShard ? null : firstAtMs,
            lastAtMs: emptyShard ? null : lastAtMs,
          },
        }),
  };
}

function pull(arrivals: Iterator<Request>): Request | null {
  const next = arrivals.next();
  return next.done === true ? null : next.value;
}

/** The request already pulled (to see whether the logs record usage), then the rest. */
function startingWith(first: Request | null, rest: Iterator<Request>): Iterator<Request> {
  let pending = first;
  return {
    next: () => {
      if (pending === null) return rest.next();
      const value = pending;
      pending = null;
      return { done: false, value };
    },
  };
}

/**
 * The finest time-series bucket of a replay: its sparse series (engine/timeseries.ts) keeps only buckets
 * with activity and doubles this width while they are too many, so the width follows the activity, not
 * the span of the logs (issue 13: 249 days of a few busy days in 2-day buckets showed nothing).
 */
const FIRST_BUCKET_MS = MINUTE_MS;

export type PriceOf = (model: string) => PriceProfile;
export type ProviderFrom = '--provider' | 'logs' | 'default';

/** `--provider` must name a provider: checked before any log is opened (exit 2, nothing read). */
export function checkProvider(provider: string | undefined): void {
  const known = providers();
  if (provider !== undefined && !known.includes(provider.trim().toLowerCase()))
    throw inputError('', '--provider', replayMessages.unknownProvider(provider, known));
}

/**
 * Who priced the logs: `--provider` always wins; else Bedrock invocation logs, all of them, were billed by
 * Bedrock (its own price profiles, e.g. no 1h tier on some models); anything else is priced as anthropic.
 */
export function providerOf(
  flag: string | undefined,
  formats: readonly LogFormat[],
): { provider: string; from: ProviderFrom } {
  if (flag !== undefined) return { provider: flag, from: '--provider' };
  if (formats.length > 0 && formats.every((f) => f === 'bedrock')) return { provider: 'bedrock', from: 'logs' };
  return { provider: 'anthropic', from: 'default' };
}

/** The replay's prices: its provider (checked), `--price` and `--model-map` (each target checked). */
export function replayPricing(options: ReplayOptions): ReplayPricing {
  const provider = options.provider ?? 'anthropic';
  checkProvider(provider);
  const pricing = new ReplayPricing({ provider, prices: options.prices, modelMap: options.modelMap });
  pricing.checkModelMap();
  return pricing;
}
