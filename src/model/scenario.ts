// model/ (layer 0, imports nothing): the validated, unit-normalised scenario that scenario/ hands to
// workload/, pricing/, run/ and the engine. Durations are integer ms, rates are events per ms, token
// counts are integers. The file format is in docs/scenario-format.md.
import type { LogFormat } from './log-format.js';
import type { PolicySpec } from './policy.js';

/** A distribution of non-negative numbers (ms for durations, tokens for counts), already in base units. */
export type DistSpec =
  | { readonly dist: 'constant'; readonly value: number }
  | { readonly dist: 'uniform'; readonly min: number; readonly max: number }
  | { readonly dist: 'exponential'; readonly mean: number }
  | { readonly dist: 'lognormal'; readonly median: number; readonly sigma: number }
  | { readonly dist: 'pareto'; readonly scale: number; readonly shape: number }
  | { readonly dist: 'weibull'; readonly scale: number; readonly shape: number }
  | { readonly dist: 'empirical'; readonly values: readonly number[] };

/** A distribution plus an optional cap (a draw above `max` is clamped to it). */
export type Dist = DistSpec & { readonly max?: number };

/** Multiplies an arrival rate over the day and week (non-homogeneous Poisson by thinning). */
export interface RateProfile {
  /** 24 non-negative weights, hour 0 = scenario start hour. Scaled so the largest is 1. */
  readonly hourly: readonly number[];
  /** 7 non-negative weights, day 0 = scenario start day. Scaled so the largest is 1. */
  readonly weekly: readonly number[];
}

interface WorkloadCommon {
  /** Model id; default: the scenario's pricing model. */
  readonly model: string;
  /** Cache isolation scope; default `default`. */
  readonly scope: string;
  /** Optional day/week modulation of arrivals (thinning). */
  readonly profile: RateProfile | null;
  /** Label for reports and thread ids (`w0`, `w1`, … by default). */
  readonly label: string;
}

/** N independent keys with i.i.d. gaps; each key sends its own cached prefix (one breakpoint). */
export interface RenewalWorkload extends WorkloadCommon {
  readonly kind: 'renewal';
  readonly keys: number;
  readonly gapMs: Dist;
  /** Drawn once per key: the key's prefix is the same bytes on every request. */
  readonly prefixTokens: Dist;
  /** Drawn per request: uncached tail. */
  readonly suffixTokens: Dist;
  readonly outputTokens: Dist;
  /** Role of the prefix segment (default `context`). */
  readonly role: string;
}

/** Scheduled jobs: a run every `everyMs` (± jitter), each run a burst of requests sharing one prefix. */
export interface PeriodicWorkload extends WorkloadCommon {
  readonly kind: 'periodic';
  readonly everyMs: number;
  /** Each run starts uniformly within ±jitterMs of its schedule. */
  readonly jitterMs: number;
  /** Independent jobs (each its own prefix), their schedules spread evenly over one period. */
  readonly jobs: number;
  readonly requestsPerRun: Dist;
  /** Gap between consecutive requests of one run. */
  readonly spacingMs: Dist;
  readonly prefixTokens: Dist;
  readonly suffixTokens: Dist;
  readonly outputTokens: Dist;
  readonly role: string;
}

/** Multi-turn conversations and agent loops (Claude Code, support bots, document agents). */
export interface SessionsWorkload extends WorkloadCommon {
  readonly kind: 'sessions';
  /** Session starts per ms (Poisson, optionally modulated by `profile`). */
  readonly arrivalRatePerMs: number;
  /** Turns (user messages) per session. */
  readonly turns: Dist;
  /** Requests per turn: 1 = plain chat, more = a tool loop. */
  readonly requestsPerTurn: Dist;
  /** Gap between requests within a turn (tool execution), ms. */
  readonly toolGapMs: Dist;
  /** Gap between turns (user think time), ms. */
  readonly thinkTimeMs: Dist;
  /** With this probability a gap between turns is a long break drawn from `longBreakMs` instead. */
  readonly longBreakProbability: number;
  readonly longBreakMs: Dist;
  readonly prompt: {
    /** Tool definitions, shared by every session in the scope (role `tools`). */
    readonly toolsTokens: number;
    /** System prompt, shared by every session in the scope (role `system`, breakpoint). */
    readonly systemTokens: number;
    /** Project context (CLAUDE.md, docs), shared by sessions of the same project (role `project`, breakpoint). 0 = none. */
    readonly projectTokens: number;
    /** Number of distinct projects; a session picks one uniformly. */
    readonly projects: number;
    /** New user message appended at each turn (role `history`). */
    readonly userMessageTokens: Dist;
    /** Tool result appended before each follow-up request within a turn. */
    readonly toolResultTokens: Dist;
    /** Output per request; it becomes history for the next request. */
    readonly outputTokens: Dist;
    /** Uncached tail after the last breakpoint on every request. */
    readonly tailTokens: number;
  };
  /** When the context passes `thresholdTokens`, a compaction call summarises it and the history is replaced. */
  readonly compaction: { readonly thresholdTokens: number; readonly summaryTokens: number } | null;
  /** Each turn spawns a subagent thread with this probability. */
  readonly subagents: {
    readonly probability: number;
    readonly requests: Dist;
    readonly gapMs: Dist;
    /** Subagent tools + system prompt, shared by every subagent in the scope. */
    readonly systemTokens: number;
    readonly taskTokens: Dist;
    readonly toolResultTokens: Dist;
    readonly outputTokens: Dist;
  } | null;
}

export type WorkloadSpec = RenewalWorkload | PeriodicWorkload | SessionsWorkload;

/** Recorded logs replayed as a workload: the requests of the logs, time 0 at their first request. */
export interface ReplayWorkload {
  readonly kind: 'replay';
  readonly label: string;
  /** Absolute path of the log file or folder (written relative to the scenario file). */
  readonly path: string;
  /** As written in the scenario file, for messages. */
  readonly shownPath: string;
  readonly format: LogFormat | undefined;
  /** Model for logs that name none; default the scenario's pricing model. */
  readonly model: string;
  readonly scope: string;
  readonly columns: Readonly<Record<string, string>> | undefined;
  readonly project: string | undefined;
  /** From the first request of the logs to their last, ms. */
  readonly spanMs: number;
}
export interface PriceOverrides {
  readonly input?: number;
  readonly cacheWrite5m?: number;
  readonly cacheWrite1h?: number;
  readonly cacheRead?: number;
  readonly output?: number;
  readonly storagePerHour?: number;
  readonly minCacheableTokens?: number;
}

export interface EngineOptions {
  /** Block positions checked per breakpoint, the breakpoint itself counting as the first (Anthropic: 20). */
  readonly lookback: number;
  /** A new entry is visible only to requests starting more than this long after its writer started. */
  readonly firstTokenDelayMs: number;
  /** Rate of early eviction per ms of entry life (0 = entries always live their full TTL). */
  readonly evictionRatePerMs: number;
  /** Width of one time-series bucket. */
  readonly bucketMs: number;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** Absolute or cwd-relative path of the file it came from (for messages and relative paths). */
  readonly sourcePath: string;
  readonly seed: number;
  readonly horizonMs: number;
  readonly pricing: { readonly provider: string; readonly model: string; readonly overrides: PriceOverrides };
  readonly engine: EngineOptions;
  /** The synthetic workloads, in file order. */
  readonly workloads: readonly WorkloadSpec[];
  /** Recorded logs replayed beside them (`kind: replay`, docs/scenario-format.md). */
  readonly replays: readonly ReplayWorkload[];
  readonly policies: readonly PolicySpec[];
}
