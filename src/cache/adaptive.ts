// The adaptive policy (online: it uses only the past). At each arrival the engine (engine/simulate.ts)
// asks it which tier the request's breakpoints get; it observes the thread's gap since its previous
// request, then picks 5m, 1h or none from the gaps seen so far. Billing stays prefix-cache.ts's.
import type { Request } from '../model/request.js';
import type { Tier, TierResolver } from '../model/policy.js';
import type { PriceProfile } from '../pricing/profile.js';
import { FIVE_MINUTES_MS, HOUR_MS } from '../model/time.js';

/** The tiers the adaptive policy chooses between: Anthropic's defaults, 5m sliding and 1h fixed. */
export const ADAPTIVE_5M: Tier = { ttlMs: FIVE_MINUTES_MS, refresh: 'sliding', billAs: '5m', label: '5m' };
export const ADAPTIVE_1H: Tier = { ttlMs: HOUR_MS, refresh: 'fixed', billAs: '1h', label: '1h' };

export type AdaptiveChoice = '5m' | '1h' | 'none';

/** Observed gaps in the three classes that decide a hit: under 5m, 5m up to 1h, 1h or more. */
export interface GapCounts {
  short: number;
  medium: number;
  long: number;
}

/** p1 = P(gap < 5m), p2 = P(5m ≤ gap < 1h), p3 = P(gap ≥ 1h); they sum to 1. */
export interface GapProbabilities {
  short: number;
  medium: number;
  long: number;
}

/** $/MTok of one model, as the rule needs them. `write1h` is NaN where the model has no (priced) 1h tier. */
export interface RulePrices {
  readonly input: number;
  readonly write5m: number;
  readonly write1h: number;
  readonly read: number;
}

/** What this request is expected to send: its cacheable prefix P and, of it, what it reads now (R). */
export interface PrefixForecast {
  /** Tokens up to the deepest breakpoint (the last segment). */
  readonly prefixTokens: number;
  /** Tokens expected to be read now (the thread's previous entry, if it should still be alive); W = P − R are written. */
  readonly readTokens: number;
}

export function emptyGapCounts(): GapCounts {
  return { short: 0, medium: 0, long: 0 };
}

/** Adds one gap to its class. A gap of exactly 5m is medium, of exactly 1h long (entries live on [t, t+T)). */
export function countGap(counts: GapCounts, gapMs: number): void {
  if (gapMs < FIVE_MINUTES_MS) counts.short++;
  else if (gapMs < HOUR_MS) counts.medium++;
  else counts.long++;
}

/**
 * Dirichlet-smoothed gap-class probabilities of one thread: (n_k + prior·q_k) / (n + prior), with q the
 * shares of the gaps pooled over every thread so far (uniform before the first gap of the run). With
 * no own gaps (or prior 0 and no gaps) the estimate is q.
 */
export function estimateGaps(
  thread: GapCounts,
  pooled: GapCounts,
  prior: number,
  out: GapProbabilities,
): GapProbabilities {
  const pooledTotal = pooled.short + pooled.medium + pooled.long;
  const q1 = pooledTotal === 0 ? 1 / 3 : pooled.short / pooledTotal;
  const q2 = pooledTotal === 0 ? 1 / 3 : pooled.medium / pooledTotal;
  const q3 = pooledTotal === 0 ? 1 / 3 : pooled.long / pooledTotal;
  const n = thread.short + thread.medium + thread.long;
  const weight = n + prior;
  if (weight === 0) {
    out.short = q1;
    out.medium = q2;
    out.long = q3;
    return out;
  }
  out.short = (thread.short + prior * q1) / weight;
  out.medium = (thread.medium + prior * q2) / weight;
  out.long = (thread.long + prior * q3) / weight;
  return out;
}

/**
 * The rule, in $/MTok·tokens. Choosing tier τ now costs W·w_τ (the write now; R·r is the same for 5m and 1h
 * and left out), and the next request, which sends this whole prefix P again, reads it (r) if the gap
 * falls inside τ's TTL, else rewrites it at the 5m write price X = w5 (a miss is followed by a write):
 *
 *   cost(5m)   = W·w5 + P·(p1·r + (1 − p1)·X)
 *   cost(1h)   = W·w1 + P·((p1 + p2)·r + p3·X)
 *   cost(none) = P·in − R·r + P·X          (no breakpoint: nothing is read or written now, the next request misses)
 *
 * Per written token of a renewal miss (W = P, R = 0), minus the common X, cost(5m) = w5 − p1·(w5 − r):
 * the write now, less the rewrite a read saves with probability p1. The rewrite is priced at w5 whatever
 * tier is chosen: pricing it at the tier's own price would value a `none` thread's next miss at the input
 * price and never let it start caching. Ties go to the cheaper write (5m, then 1h).
 */
export function chooseTier(p: GapProbabilities, prices: RulePrices, forecast: PrefixForecast): AdaptiveChoice {
  const { prefixTokens, readTokens } = forecast;
  const writeTokens = prefixTokens - readTokens;
  const rewrite = prices.write5m;
  let best: AdaptiveChoice = '5m';
  let bestCost = writeTokens * prices.write5m + prefixTokens * (p.short * prices.read + (1 - p.short) * rewrite);
  if (!Number.isNaN(prices.write1h)) {
    const cost1h =
      writeTokens * prices.write1h + prefixTokens * ((p.short + p.medium) * prices.read + p.long * rewrite);
    if (cost1h < bestCost) {
      best = '1h';
      bestCost = cost1h;
    }
  }
  const costNone = prefixTokens * prices.input - readTokens * prices.read + prefixTokens * rewrite;
  return costNone < bestCost ? 'none' : best;
}

/** What the rule remembers of one thread: its gaps by class, and its previous request. */
interface ThreadState extends GapCounts {
  lastArrivalMs: number;
  lastPrefixTokens: number;
  lastChoice: AdaptiveChoice;
}

interface ModelRule {
  readonly model: string;
  readonly prices: RulePrices;
  readonly minCacheableTokens: number;
}

const TTL_MS: Record<AdaptiveChoice, number> = { '5m': FIVE_MINUTES_MS, '1h': HOUR_MS, none: 0 };

/**
 * The per-run state of one adaptive policy: gap counts per thread (memory grows with the threads of the
 * run, a few numbers each) and pooled over all of them. `resolverFor` is called once per request, in
 * arrival order, before the request is served; it allocates only for a thread's first request.
 */
export class AdaptiveTiers {
  /** Requests per choice, for reports and tests. */
  readonly choices: Record<AdaptiveChoice, number> = { '5m': 0, '1h': 0, none: 0 };
  private readonly pooled = emptyGapCounts();
  private readonly threads = new Map<string, ThreadState>();
  private readonly estimate: GapProbabilities = { short: 0, medium: 0, long: 0 };
  private readonly forecast = { prefixTokens: 0, readTokens: 0 };
  private readonly resolvers: Readonly<Record<AdaptiveChoice, TierResolver>> = {
    '5m': () => ADAPTIVE_5M,
    '1h': () => ADAPTIVE_1H,
    none: () => null,
  };
  private readonly rules = new Map<string, ModelRule>();
  private lastRule: ModelRule | null = null;

  constructor(
    private readonly prior: number,
    private readonly priceOf: (model: string) => PriceProfile,
  ) {}

  /** Observes `request`'s arrival (its gap since the thread's previous request) and returns the resolver for its breakpoints. */
  resolverFor(request: Request): TierResolver {
    return this.resolvers[this.decide(request)];
  }

  /** As resolverFor, returning the choice. */
  decide(request: Request): AdaptiveChoice {
    const rule = this.ruleFor(request.model);
    let prefixTokens = 0;
    for (let i = 0; i < request.segmentCount; i++) prefixTokens += request.segments[i].tokens;
    if (prefixTokens < rule.minCacheableTokens) prefixTokens = 0;

    let thread = this.threads.get(request.threadId);
    let readTokens = 0;
    if (thread === undefined) {
      thread = { short: 0, medium: 0, long: 0, lastArrivalMs: request.atMs, lastPrefixTokens: 0, lastChoice: 'none' };
      this.threads.set(request.threadId, thread);
    } else {
      const gapMs = request.atMs - thread.lastArrivalMs;
      countGap(thread, gapMs);
      countGap(this.pooled, gapMs);
      // The previous entry should still be alive (ignoring a fixed entry's age and other threads' writes).
      if (gapMs > 0 && gapMs < TTL_MS[thread.lastChoice]) readTokens = Math.min(thread.lastPrefixTokens, prefixTokens);
    }
    thread.lastArrivalMs = request.atMs;
    thread.lastPrefixTokens = prefixTokens;

    let choice: AdaptiveChoice = 'none';
    if (prefixTokens > 0) {
      estimateGaps(thread, this.pooled, this.prior, this.estimate);
      this.forecast.prefixTokens = prefixTokens;
      this.forecast.readTokens = readTokens;
      choice = chooseTier(this.estimate, rule.prices, this.forecast);
    }
    thread.lastChoice = choice;
    this.choices[choice]++;
    return choice;
  }

  /** Threads seen so far. */
  get threadCount(): number {
    return this.threads.size;
  }

  private ruleFor(model: string): ModelRule {
    const last = this.lastRule;
    if (last !== null && last.model === model) return last;
    let rule = this.rules.get(model);
    if (rule === undefined) {
      const profile = this.priceOf(model);
      const usd = profile.usdPerMTok;
      // Only tiers the model offers: validation requires 5m; 1h is used where offered and priced.
      const write1h = profile.ttls.includes('1h') ? usd.cacheWrite1h : NaN;
      rule = {
        model,
        prices: { input: usd.input, write5m: usd.cacheWrite5m, write1h, read: usd.cacheRead },
        minCacheableTokens: profile.minCacheableTokens,
      };
      this.rules.set(model, rule);
    }
    this.lastRule = rule;
    return rule;
  }
}
