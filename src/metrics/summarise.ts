// metrics/ (layer 7): raw engine counters → the public per-policy summary (the JSON contract of docs/json.md
// plus extras), and the order reports and sweeps compare them in. Dollars are computed here, once.
import type { PriceProfile } from '../pricing/profile.js';
import { storedTokenHours, type TokenCounts } from '../pricing/ledger.js';
import { costOfLedgers, type CostUsd } from '../pricing/cost.js';
import type { SimResult } from '../engine/simulate.js';
import { roleTiers, type PolicySpec, type Tier } from '../model/policy.js';
import { HOUR_MS, MINUTE_MS } from '../model/time.js';
import type { GapHistogram } from './histograms.js';
import type { EntryLifetimeHistogram, ReadsHistogram } from '../model/histogram-bins.js';

export interface TimeSeries {
  readonly bucketMs: number;
  readonly startMs: readonly number[];
  readonly requests: readonly number[];
  readonly hits: readonly number[];
  readonly keepalivePings: readonly number[];
  readonly costUsd: readonly number[];
  readonly liveEntries: readonly number[];
  readonly liveTokens: readonly number[];
}

/** A series with no bucket: a row that has none (tune's oracle) or whose series is dropped (a sweep point). */
export function emptyTimeSeries(bucketMs: number): TimeSeries {
  return {
    bucketMs,
    startMs: [],
    requests: [],
    hits: [],
    keepalivePings: [],
    costUsd: [],
    liveEntries: [],
    liveTokens: [],
  };
}

export interface PolicySummary {
  readonly policy: string;
  /** Refresh mode of each tier the policy uses, by tier label (`{ "5m": "sliding", "1h": "fixed" }`). */
  readonly refresh: Readonly<Record<string, string>>;
  readonly requests: number;
  readonly hits: number;
  /** hits / requests. */
  readonly hitRate: number;
  /** cacheRead / (input + cacheWrite5m + cacheWrite1h + cacheRead), over everything billed (pings too). */
  readonly tokenHitRate: number;
  readonly tokens: TokenCounts;
  readonly costUsd: CostUsd;
  /** 1 − total / (total of the same arrivals with caching off). */
  readonly savingsVsNoCache: number;
  readonly noCacheCostUsd: number;
  readonly partialHits: number;
  readonly keepalivePings: number;
  readonly entriesWritten: number;
  readonly expirations: number;
  /** Entries that expired without a single read. */
  readonly wastedWrites: number;
  readonly evictions: number;
  readonly peakLiveEntries: number;
  readonly peakLiveTokens: number;
  readonly tokenHoursStored: number;
  readonly meanEntryLifetimeMs: number;
  /**
   * Idle gaps before requests (time since the same thread's previous request) and the hits among them,
   * binned at model/histogram-bins.ts DURATION_EDGES_MS. Set by runScenario and replayLogs; optional
   * because it is recorded outside the engine (summarise's `extras`).
   */
  readonly gaps?: GapHistogram;
  /** Lifetimes (end − write) of ended entries and the wasted among them; always set by summarise. */
  readonly entryLifetimes?: EntryLifetimeHistogram;
  /** Read counts of ended entries (0, 1, …, 100+); always set by summarise. */
  readonly readsPerEntry?: ReadsHistogram;
  readonly timeseries: TimeSeries;
}

/** What a run records outside the engine, to join its summary. */
export interface SummaryExtras {
  /** From a GapRecorder fed by the run's onRequest. */
  readonly gaps?: GapHistogram;
}

/** Rounds to `digits` decimals so JSON stays readable; deterministic like the numbers it rounds. */
export function round(value: number, digits = 6): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Every category rounded like `round`. */
export function roundCost(cost: CostUsd): CostUsd {
  return {
    input: round(cost.input),
    cacheWrite5m: round(cost.cacheWrite5m),
    cacheWrite1h: round(cost.cacheWrite1h),
    cacheRead: round(cost.cacheRead),
    output: round(cost.output),
    storage: round(cost.storage),
    total: round(cost.total),
  };
}

/** Refresh mode per tier label of a policy, in a stable order (role order, then the default tier). */
export function refreshByTier(policy: PolicySpec): Record<string, string> {
  const refresh: Record<string, string> = {};
  for (const tier of tiersShown(policy)) if (tier !== null && tier !== undefined) refresh[tier.label] = tier.refresh;
  return refresh;
}

function tiersShown(policy: PolicySpec): readonly (Tier | null | undefined)[] {
  switch (policy.kind) {
    case 'none':
      return [];
    case 'static':
    case 'keepalive':
      return [...roleTiers(policy), ...Object.values(policy.tierByThreadKind ?? {})];
    // The adaptive policy writes at 5m sliding or 1h fixed (cache/adaptive.ts).
    case 'adaptive':
      return ADAPTIVE_TIERS;
    // The tier of requests that recorded no TTL, as the summaries have always shown it.
    case 'as-recorded':
      return [policy.recordedTiers['5m']];
  }
}

const ADAPTIVE_TIERS: readonly Tier[] = [
  { ttlMs: 5 * MINUTE_MS, refresh: 'sliding', billAs: '5m', label: '5m' },
  { ttlMs: HOUR_MS, refresh: 'fixed', billAs: '1h', label: '1h' },
];

export function summarise(
  result: SimResult,
  policy: PolicySpec,
  priceOf: (model: string) => PriceProfile,
  extras: SummaryExtras = {},
): PolicySummary {
  const tokens = result.ledger.total();
  const cost = costOfLedgers(result.ledger.ledgers(), priceOf);
  const noCache = costOfLedgers(result.noCacheLedger.ledgers(), priceOf);
  const prompt = tokens.input + tokens.cacheWrite5m + tokens.cacheWrite1h + tokens.cacheRead;
  const tokenHours = storedTokenHours(result.ledger.ledgers());
  return {
    policy: result.policy,
    refresh: refreshByTier(policy),
    requests: result.requests,
    hits: result.hits,
    hitRate: result.requests === 0 ? 0 : round(result.hits / result.requests),
    tokenHitRate: prompt === 0 ? 0 : round(tokens.cacheRead / prompt),
    tokens,
    costUsd: roundCost(cost),
    savingsVsNoCache: noCache.total === 0 ? 0 : round(1 - cost.total / noCache.total),
    noCacheCostUsd: round(noCache.total),
    partialHits: result.partialHits,
    keepalivePings: result.keepalivePings,
    entriesWritten: result.entriesWritten,
    expirations: result.expirations,
    wastedWrites: result.wastedWrites,
    evictions: result.evictions,
    peakLiveEntries: result.peakLiveEntries,
    peakLiveTokens: result.peakLiveTokens,
    tokenHoursStored: round(tokenHours, 3),
    meanEntryLifetimeMs: Math.round(result.meanEntryLifetimeMs),
    ...(extras.gaps !== undefined ? { gaps: extras.gaps } : {}),
    entryLifetimes: result.entryLifetimes,
    readsPerEntry: result.readsPerEntry,
    timeseries: {
      bucketMs: result.bucketMs,
      startMs: result.buckets.map((b) => b.startMs),
      requests: result.buckets.map((b) => b.requests),
      hits: result.buckets.map((b) => b.hits),
      keepalivePings: result.buckets.map((b) => b.pings),
      // Per-bucket storage is not split out: storage is billed on the whole run only.
      costUsd: result.buckets.map((b) => round(costOfLedgers(b.tokens.ledgers(), priceOf).total)),
      liveEntries: result.buckets.map((b) => b.liveEntries),
      liveTokens: result.buckets.map((b) => b.liveTokens),
    },
  };
}

/** Policies cheapest first; ties keep the scenario's order (Array.prototype.sort is stable). */
export function byCost(policies: readonly PolicySummary[]): PolicySummary[] {
  return [...policies].sort((a, b) => a.costUsd.total - b.costUsd.total);
}
