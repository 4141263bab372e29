// fit/ (layer 10), `ttlsim fit` step 1: recorded usage logs (RecordedRequests from logs/recorded-arrivals.ts)
// → the statistics of a `sessions` workload, as plain data. report/fit-yaml.ts writes them as a scenario;
// the fit check (fit-logs.ts) compares per-thread gaps and per-request cost of that scenario with the logs'.
import type { Request } from '../model/request.js';
import type { RecordedRequest } from '../logs/usage-chain.js';
import type { PolicySummary } from '../metrics/summarise.js';
import { canonicalModel } from '../pricing/lookup.js';
import { DAY_MS, HOUR_MS } from '../model/time.js';

/** Claude Code logs do not mark turns: a gap up to this long is a tool-loop gap, a longer one a think time. */
export const TOOL_GAP_MAX_MS = 60_000;
/** A think time longer than this is a long break (meeting, lunch). */
export const LONG_BREAK_MIN_MS = 600_000;
/** Cap on drawn think times: 40 minutes. */
export const THINK_TIME_CAP_MS = 2_400_000;
/** The shared prefix is tools + system; logs cannot tell them apart, so tools get 80% (tool definitions dominate Claude Code's prefix). */
export const TOOLS_SHARE = 0.8;
/** Subagent tools + system when no subagent's first request is in the logs. */
export const DEFAULT_SUBAGENT_SYSTEM_TOKENS = 12_000;
/** The fitted scenario runs at least a week: the fit check compares per-request statistics, which need many sessions. */
export const MIN_HORIZON_DAYS = 7;

/** A lognormal fitted by its logs: median = exp(mean of ln x), sigma = sample sd of ln x (0 for one value). */
export interface LognormalFit {
  readonly median: number;
  readonly sigma: number;
  readonly count: number;
  /** The largest value fitted (a cap the scenario may use). */
  readonly maxSeen: number;
}

/** Nearest-rank quantiles of per-thread gaps between consecutive requests, ms. */
export interface GapQuantiles {
  readonly count: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
}

export interface SessionsFit {
  readonly requests: number;
  readonly firstEpochMs: number;
  readonly lastEpochMs: number;
  readonly spanMs: number;
  readonly projects: readonly string[];
  readonly threads: { readonly main: number; readonly subagent: number; readonly compaction: number };
  readonly arrivals: {
    /** Main threads = sessions. */
    readonly sessions: number;
    /** Sessions per hour over the span (at least an hour). */
    readonly perHour: number;
    /** The rate before thinning by `hourly` (perHour / mean weight); equals perHour without a profile. */
    readonly peakPerHour: number;
    /** Under a day of logs: no daily profile is fitted, and the rate is the logs' pace, not a daily average. */
    readonly spanUnderDay: boolean;
    /** Session starts by UTC hour. */
    readonly startsByHour: readonly number[];
    /** 24 weights (largest 1), hour 0 = 00:00 UTC; null when the span is under a day. */
    readonly hourly: readonly number[] | null;
  };
  /** Gaps of main and subagent threads (the fit check compares these). */
  readonly gaps: GapQuantiles;
  readonly toolGapMs: LognormalFit | null;
  /** Think times up to LONG_BREAK_MIN_MS. */
  readonly thinkTimeMs: LognormalFit | null;
  readonly longBreak: {
    readonly thinkGaps: number;
    readonly longGaps: number;
    readonly probability: number;
    readonly durationMs: LognormalFit | null;
  };
  readonly requestsPerTurn: LognormalFit | null;
  readonly turns: LognormalFit | null;
  readonly prompt: {
    /** The most common first-request cache read of main threads (ties: the one seen last). */
    readonly sharedPrefixTokens: number;
    readonly sharedPrefixThreads: number;
    readonly toolsTokens: number;
    readonly systemTokens: number;
    /** Median of what main threads' first requests cached beyond the shared prefix (CLAUDE.md, environment, first message). */
    readonly projectTokens: number;
    readonly projectThreads: number;
    readonly projects: number;
    /** Growth after a think gap minus the previous output. */
    readonly userMessage: LognormalFit | null;
    /** Growth after a tool gap minus the previous output. */
    readonly toolResult: LognormalFit | null;
    readonly output: LognormalFit | null;
    /** Median uncached input. */
    readonly tailTokens: number;
    /** Steady-state requests (change none, a cache read) the growth came from. */
    readonly steadyRequests: number;
  };
  readonly compaction: {
    readonly count: number;
    readonly thresholdTokens: number;
    readonly summaryTokens: number;
  } | null;
  readonly subagents: {
    readonly threads: number;
    readonly probability: number;
    readonly requests: LognormalFit | null;
    readonly gapMs: LognormalFit | null;
    readonly systemTokens: number;
    /** False: no subagent's first request was seen, DEFAULT_SUBAGENT_SYSTEM_TOKENS is used. */
    readonly systemFromLogs: boolean;
    readonly toolResult: LognormalFit | null;
    readonly output: LognormalFit | null;
  } | null;
  /** The model of most requests, as logged and canonical. */
  readonly model: { readonly id: string; readonly canonical: string; readonly requests: number };
  readonly models: Readonly<Record<string, number>>;
  /** Requests by the TTL their cache writes used. */
  readonly ttlMix: { readonly '5m': number; readonly '1h': number };
}

export function fitLognormal(values: readonly number[]): LognormalFit | null {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return null;
  const logs = positive.map(Math.log);
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  const variance = logs.length < 2 ? 0 : logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (logs.length - 1);
  return {
    median: Math.exp(mean),
    sigma: Math.sqrt(variance),
    count: positive.length,
    maxSeen: positive.reduce((a, b) => Math.max(a, b), 0),
  };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest rank: the smallest value with at least q of the values at or below it. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Gaps between consecutive requests of each thread, compaction calls left out; the same measure for logs and simulations. */
export class ThreadGaps {
  private readonly lastAtMs = new Map<string, number>();
  readonly gapsMs: number[] = [];

  add(request: Request): void {
    if (request.threadKind === 'compaction') return;
    const last = this.lastAtMs.get(request.threadId);
    if (last !== undefined) this.gapsMs.push(request.atMs - last);
    this.lastAtMs.set(request.threadId, request.atMs);
  }

  quantiles(): GapQuantiles {
    const sorted = [...this.gapsMs].sort((a, b) => a - b);
    return {
      count: sorted.length,
      p50Ms: quantile(sorted, 0.5),
      p90Ms: quantile(sorted, 0.9),
      p99Ms: quantile(sorted, 0.99),
    };
  }
}

/** Per-thread gap quantiles of any request stream (a fitted scenario's arrivals). */
export function threadGapQuantiles(arrivals: Iterator<Request>): GapQuantiles {
  const gaps = new ThreadGaps();
  for (let next = arrivals.next(); next.done !== true; next = arrivals.next()) gaps.add(next.value);
  return gaps.quantiles();
}

interface ThreadState {
  readonly kind: Request['threadKind'];
  lastAtMs: number;
  lastOutput: number;
  requests: number;
  turns: number;
  turnRequests: number;
}

const written = (r: RecordedRequest): number => r.recorded.cacheWrite5m + r.recorded.cacheWrite1h;

/** Accumulates RecordedRequests in time order; `finish()` returns the fit. Memory: one state per thread plus the fitted samples. */
export class SessionsFitter {
  private readonly threads = new Map<string, ThreadState>();
  private readonly gaps = new ThreadGaps();
  private readonly s = {
    toolGaps: [] as number[],
    thinkGaps: [] as number[],
    longGaps: [] as number[],
    requestsPerTurn: [] as number[],
    turns: [] as number[],
    firstReads: [] as number[],
    firstTotals: [] as number[],
    userMessages: [] as number[],
    toolResults: [] as number[],
    outputs: [] as number[],
    inputs: [] as number[],
    compactionAt: [] as number[],
    summaries: [] as number[],
    subRequests: [] as number[],
    subGaps: [] as number[],
    subSystems: [] as number[],
    subToolResults: [] as number[],
    subOutputs: [] as number[],
    startsByHour: new Array<number>(24).fill(0),
  };
  private readonly models = new Map<string, number>();
  private readonly projects = new Set<string>();
  private readonly ttlMix = { '5m': 0, '1h': 0 };
  private requests = 0;
  private steady = 0;
  private firstEpochMs = Infinity;
  private lastEpochMs = -Infinity;

  add(r: RecordedRequest): void {
    this.requests++;
    this.firstEpochMs = Math.min(this.firstEpochMs, r.startEpochMs);
    this.lastEpochMs = Math.max(this.lastEpochMs, r.startEpochMs);
    this.models.set(r.model, (this.models.get(r.model) ?? 0) + 1);
    this.ttlMix[r.recordedTtl ?? '5m']++;
    this.gaps.add(r);
    const s = this.s;
    let thread = this.threads.get(r.threadId);
    if (thread === undefined) {
      thread = {
        kind: r.threadKind,
        lastAtMs: r.atMs,
        lastOutput: r.recorded.output,
        requests: 1,
        turns: 1,
        turnRequests: 1,
      };
      this.threads.set(r.threadId, thread);
      if (r.threadKind === 'main') this.firstOfSession(r);
      if (r.threadKind === 'subagent') s.subSystems.push(r.recorded.cacheRead + written(r));
    } else {
      this.next(thread, r);
    }
    if (r.threadKind === 'main') {
      s.outputs.push(r.recorded.output);
      s.inputs.push(r.recorded.input);
      if (r.change === 'compaction' && r.previousCachedTokens > 0) {
        s.compactionAt.push(r.previousCachedTokens);
        s.summaries.push(written(r));
      }
    } else if (r.threadKind === 'subagent') {
      s.subOutputs.push(r.recorded.output);
    }
  }

  private firstOfSession(r: RecordedRequest): void {
    this.projects.add(r.project);
    this.s.startsByHour[Math.floor(r.startEpochMs / HOUR_MS) % 24]++;
    if (r.recorded.cacheRead > 0) this.s.firstReads.push(r.recorded.cacheRead);
    this.s.firstTotals.push(r.recorded.cacheRead + written(r));
  }

  private next(thread: ThreadState, r: RecordedRequest): void {
    const s = this.s;
    const gapMs = r.atMs - thread.lastAtMs;
    const toolGap = gapMs <= TOOL_GAP_MAX_MS;
    thread.requests++;
    if (thread.kind === 'main') {
      if (toolGap) {
        s.toolGaps.push(gapMs);
        thread.turnRequests++;
      } else {
        (gapMs > LONG_BREAK_MIN_MS ? s.longGaps : s.thinkGaps).push(gapMs);
        s.requestsPerTurn.push(thread.turnRequests);
        thread.turnRequests = 1;
        thread.turns++;
      }
    } else if (thread.kind === 'subagent') {
      s.subGaps.push(gapMs);
    }
    // Steady state: the prompt only grew and the cache was warm, so the write is exactly the growth.
    if (r.change === 'none' && r.recorded.cacheRead > 0 && thread.kind !== 'compaction') {
      this.steady++;
      const content = Math.max(1, written(r) - thread.lastOutput);
      if (thread.kind === 'subagent') s.subToolResults.push(content);
      else (toolGap ? s.toolResults : s.userMessages).push(content);
    }
    thread.lastAtMs = r.atMs;
    thread.lastOutput = r.recorded.output;
  }

  finish(): SessionsFit {
    const s = this.s;
    let main = 0;
    let subagent = 0;
    let compaction = 0;
    for (const thread of this.threads.values()) {
      if (thread.kind === 'main') {
        main++;
        s.requestsPerTurn.push(thread.turnRequests);
        s.turns.push(thread.turns);
      } else if (thread.kind === 'subagent') {
        subagent++;
        s.subRequests.push(thread.requests);
      } else if (thread.kind === 'compaction') compaction++;
    }
    const spanMs = this.requests === 0 ? 0 : this.lastEpochMs - this.firstEpochMs;
    const perHour = main / (Math.max(spanMs, HOUR_MS) / HOUR_MS);
    const spanUnderDay = spanMs < DAY_MS;
    const most = s.startsByHour.reduce((a, b) => Math.max(a, b), 0);
    const hourly = spanUnderDay || most === 0 ? null : s.startsByHour.map((n) => n / most);
    const meanWeight = hourly === null ? 1 : hourly.reduce((a, b) => a + b, 0) / 24;
    const shared = modeLatest(s.firstReads);
    const tools = Math.round(shared.value * TOOLS_SHARE);
    const thinkCount = s.thinkGaps.length + s.longGaps.length;
    const turnsTotal = s.turns.reduce((a, b) => a + b, 0);
    const model = [...this.models].reduce<[string, number]>(
      (best, entry) => (entry[1] > best[1] ? entry : best),
      ['', 0],
    );
    return {
      requests: this.requests,
      firstEpochMs: this.requests === 0 ? 0 : this.firstEpochMs,
      lastEpochMs: this.requests === 0 ? 0 : this.lastEpochMs,
      spanMs,
      projects: [...this.projects].sort(),
      threads: { main, subagent, compaction },
      arrivals: {
        sessions: main,
        perHour,
        peakPerHour: perHour / meanWeight,
        spanUnderDay,
        startsByHour: [...s.startsByHour],
        hourly,
      },
      gaps: this.gaps.quantiles(),
      toolGapMs: fitLognormal(s.toolGaps.map((g) => Math.max(1, g))),
      thinkTimeMs: fitLognormal(s.thinkGaps),
      longBreak: {
        thinkGaps: thinkCount,
        longGaps: s.longGaps.length,
        probability: thinkCount === 0 ? 0 : s.longGaps.length / thinkCount,
        durationMs: fitLognormal(s.longGaps),
      },
      requestsPerTurn: fitLognormal(s.requestsPerTurn),
      turns: fitLognormal(s.turns),
      prompt: {
        sharedPrefixTokens: shared.value,
        sharedPrefixThreads: shared.count,
        toolsTokens: tools,
        systemTokens: shared.value - tools,
        projectTokens: Math.round(median(s.firstTotals.map((t) => Math.max(0, t - shared.value)))),
        projectThreads: s.firstTotals.length,
        projects: Math.max(1, this.projects.size),
        userMessage: fitLognormal(s.userMessages),
        toolResult: fitLognormal(s.toolResults),
        output: fitLognormal(s.outputs.map((o) => Math.max(1, o))),
        tailTokens: Math.round(median(s.inputs)),
        steadyRequests: this.steady,
      },
      compaction:
        s.compactionAt.length === 0
          ? null
          : {
              count: s.compactionAt.length,
              thresholdTokens: Math.round(median(s.compactionAt)),
              summaryTokens: Math.round(median(s.summaries)),
            },
      subagents:
        subagent === 0
          ? null
          : {
              threads: subagent,
              probability: Math.min(1, subagent / Math.max(1, turnsTotal)),
              requests: fitLognormal(s.subRequests),
              gapMs: fitLognormal(s.subGaps.map((g) => Math.max(1, g))),
              systemTokens:
                s.subSystems.length === 0 ? DEFAULT_SUBAGENT_SYSTEM_TOKENS : Math.round(median(s.subSystems)),
              systemFromLogs: s.subSystems.length > 0,
              toolResult: fitLognormal(s.subToolResults),
              output: fitLognormal(s.subOutputs.map((o) => Math.max(1, o))),
            },
      model: { id: model[0], canonical: canonicalModel(model[0]), requests: model[1] },
      models: Object.fromEntries([...this.models].sort((a, b) => b[1] - a[1])),
      ttlMix: { ...this.ttlMix },
    };
  }
}

/** Fits a whole stream of recorded requests (in time order, as RecordedArrivals yields them). */
export function fitSessions(requests: Iterable<RecordedRequest>): SessionsFit {
  const fitter = new SessionsFitter();
  for (const request of requests) fitter.add(request);
  return fitter.finish();
}

/** The most common value, ties going to the one seen last (the newest client's prefix); 0 when there is none. */
function modeLatest(values: readonly number[]): { value: number; count: number } {
  const counts = new Map<number, number>();
  let best = { value: 0, count: 0 };
  for (const value of values) {
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    if (count >= best.count) best = { value, count };
  }
  return best;
}

/** How well the fitted scenario reproduces the logs: gap quantiles and cost per request by policy. */
export interface FitQuality {
  readonly gaps: { readonly logs: GapQuantiles; readonly fitted: GapQuantiles };
  readonly requests: { readonly logs: number; readonly fitted: number };
  readonly costPerRequest: readonly {
    readonly policy: string;
    readonly fittedUsd: number;
    readonly replayedUsd: number;
    readonly ratio: number;
  }[];
}

/** Pairs the fitted run's policies with the replay's of the same name. */
export function fitQuality(
  logs: GapQuantiles,
  fitted: GapQuantiles,
  fittedPolicies: readonly PolicySummary[],
  replayedPolicies: readonly PolicySummary[],
): FitQuality {
  const perRequest = (p: PolicySummary): number => (p.requests === 0 ? 0 : p.costUsd.total / p.requests);
  const costPerRequest = fittedPolicies.flatMap((f) => {
    const r = replayedPolicies.find((p) => p.policy === f.policy);
    if (r === undefined) return [];
    const fittedUsd = perRequest(f);
    const replayedUsd = perRequest(r);
    return [{ policy: f.policy, fittedUsd, replayedUsd, ratio: replayedUsd === 0 ? 0 : fittedUsd / replayedUsd }];
  });
  return {
    gaps: { logs, fitted },
    requests: { logs: replayedPolicies[0]?.requests ?? 0, fitted: fittedPolicies[0]?.requests ?? 0 },
    costPerRequest,
  };
}
