// tune/ (layer 10): the offline optimum: with the whole future known, the cheapest tier for every request's
// write, by dynamic programming per thread. A yardstick for the online policies (cache/adaptive.ts, static
// TTLs), computed from the arrival stream alone, outside the engine.
//
// The model, per thread and model (threads are independent; entries are never shared between them):
// - Request i (in time order, at t_i) has a cacheable prefix P_i: its prompt's cumulative tokens up to its
//   deepest breakpoint, the last segment (0 when that is below the model's minimum cacheable length: the
//   whole prompt is then input). Its uncached tail and output are billed identically under every policy.
// - Request i chooses a tier τ_i ∈ {none, 5m, 1h, keepalive} for the one new deepest entry it writes;
//   keepalive is a 5m write plus a ping every `keepaliveEveryMs` (< 5m) while the next gap lasts, so the
//   entry never lapses. After a thread's last request nothing is pinged.
// - With g_i = t_{i+1} − t_i, request i+1 hits iff τ_{i+1} ≠ none, P_i > 0, the deepest entry after
//   request i has a tier s_i ≠ none, and 0 < g_i < ttl(s_i) (5m, 1h, ∞ for keepalive): an entry lives on
//   [t, t+T), and a same-ms request cannot see it, as in the engine. Normally s_i = τ_i; but a request
//   that reads its whole prefix writes nothing, so the entry it read stays the deepest, refreshed, with
//   its own tier (a 5m entry is not upgraded to 1h for free; τ_i = keepalive pings it, 5m or 1h not).
//   Only the latest entry is ever read: refresh is sliding, and an older entry left alive by a newer
//   one's lapse is not used.
// - Keep-alive: a gap after a keepalive state holds ⌈g_i / every⌉ − 1 pings, each a read of P_i plus
//   KEEPALIVE_TAIL_TOKENS input and KEEPALIVE_OUTPUT_TOKENS output (as scenario/normalise-policy.ts bills
//   a default ping).
// - Billing of request i+1: with τ_{i+1} = none (no breakpoint) P_{i+1} is input, hit or not; on a hit it
//   reads min(P_i, P_{i+1}) and writes the rest at τ_{i+1}'s write price (5m for keepalive); on a miss it
//   writes P_{i+1}. The first request of a thread always misses.
// The minimum over all 4^n assignments is found by a forward DP over i whose 4 states are s_i, O(n) per
// thread and O(1) memory per thread: each state carries the token counts of its best path, so the
// optimum's tokens come out without backtracking. On single-prefix renewal keys this is the engine's
// model for 5m sliding and 1h sliding (and a lower bound for 1h fixed); on sessions it ignores prefixes
// shared across threads and partial lapses of stable breakpoints, so it is a yardstick, not a bound.
import { billedAs, type Request } from '../model/request.js';
import type { PriceProfile } from '../pricing/profile.js';
import { LedgerBook, type TokenCounts } from '../pricing/ledger.js';
import { costOfLedgers, type CostUsd } from '../pricing/cost.js';
import { KEEPALIVE_OUTPUT_TOKENS, KEEPALIVE_TAIL_TOKENS } from '../scenario/normalise-policy.js';
import { FIVE_MINUTES_MS, HOUR_MS } from '../model/time.js';

export type OracleTier = 'none' | '5m' | '1h' | 'keepalive';
/** The DP's states, in tie-break order (an equal cost keeps the earlier tier). */
export const ORACLE_TIERS: readonly OracleTier[] = ['none', '5m', '1h', 'keepalive'];

export interface OracleOptions {
  /** Keep-alive ping interval; above 0 and under 5 minutes, so that each ping finds the 5m entry alive. */
  readonly keepaliveEveryMs: number;
  /** Overrides every model's minimum cacheable prefix (default: its price profile's). */
  readonly minCacheableTokens?: number;
}

export interface OracleResult {
  /** The optimum's bill (no storage fees: the model has none). */
  readonly costUsd: CostUsd;
  /** Its tokens, pings included, summed over models. */
  readonly tokens: TokenCounts;
  readonly requests: number;
  /** Requests that read cached tokens. */
  readonly hits: number;
  readonly keepalivePings: number;
  /** Requests per tier of the optimal assignment. */
  readonly tiers: Readonly<Record<OracleTier, number>>;
}

const NONE = 0;
const FIVE_MIN = 1;
const ONE_HOUR = 2;
const KEEPALIVE = 3;
const TTL_MS = [0, FIVE_MINUTES_MS, HOUR_MS, Infinity];

// One DP state is a row of FIELDS numbers: its path's cost (USD), tokens, hits, pings and tier counts.
const COST = 0;
const INPUT = 1;
const WRITE5M = 2;
const WRITE1H = 3;
const READ = 4;
const OUTPUT = 5;
const HITS = 6;
const PINGS = 7;
const TIER_COUNT = 8;
const FIELDS = TIER_COUNT + ORACLE_TIERS.length;
const STATES = ORACLE_TIERS.length;
const PER_MTOK = 1e-6;

interface ThreadPath {
  readonly model: string;
  /** The best path ending in each state, and scratch for the next step. */
  rows: Float64Array;
  next: Float64Array;
  lastAtMs: number;
  lastPrefixTokens: number;
  /** Tokens billed identically under every assignment: uncached tails, prompts below the minimum, output. */
  commonInput: number;
  commonOutput: number;
}

/** Prices in USD per token and the minimum cacheable length of one model. */
interface ModelPrices {
  readonly input: number;
  readonly write5m: number;
  readonly write1h: number;
  readonly offers1h: boolean;
  readonly read: number;
  readonly output: number;
  readonly minCacheableTokens: number;
}

/** The cheapest assignment of tiers to the writes of `requests` (in non-decreasing atMs order), under the model above. */
export function oracleCost(
  requests: Iterable<Request>,
  priceOf: (model: string) => PriceProfile,
  options: OracleOptions,
): OracleResult {
  const oracle = new Oracle(priceOf, options);
  for (const request of requests) oracle.add(request);
  return oracle.result();
}

/**
 * The same, fed one request at a time (in non-decreasing atMs order), so that it can ride along a pass
 * that simulates policies (tune) instead of reading the arrivals again.
 */
export class Oracle {
  private readonly pricesByModel = new Map<string, ModelPrices>();
  private readonly threads = new Map<string, ThreadPath>();
  private readonly everyMs: number;
  private count = 0;

  constructor(
    private readonly priceOf: (model: string) => PriceProfile,
    private readonly options: OracleOptions,
  ) {
    this.everyMs = options.keepaliveEveryMs;
    if (!(this.everyMs > 0 && this.everyMs < FIVE_MINUTES_MS))
      throw new RangeError(`keepaliveEveryMs must be above 0 and under 5 minutes, got ${this.everyMs}`);
  }

  add(request: Request): void {
    this.count++;
    // Per price key: a thread whose requests change price (long context, fast) is optimised per price.
    const billed = billedAs(request);
    const prices = this.pricesOf(billed);
    let segmentTokens = 0;
    for (let i = 0; i < request.segmentCount; i++) segmentTokens += request.segments[i].tokens;
    const prefixTokens = segmentTokens >= prices.minCacheableTokens ? segmentTokens : 0;
    const key = request.threadId + '\u0000' + billed;
    let thread = this.threads.get(key);
    if (thread === undefined) {
      thread = {
        model: billed,
        rows: new Float64Array(STATES * FIELDS),
        next: new Float64Array(STATES * FIELDS),
        lastAtMs: request.atMs,
        lastPrefixTokens: 0,
        commonInput: 0,
        commonOutput: 0,
      };
      this.threads.set(key, thread);
      firstStep(thread.rows, prefixTokens, prices);
    } else {
      step(thread, request.atMs - thread.lastAtMs, prefixTokens, prices, this.everyMs);
    }
    thread.lastAtMs = request.atMs;
    thread.lastPrefixTokens = prefixTokens;
    thread.commonInput += request.tailTokens + segmentTokens - prefixTokens;
    thread.commonOutput += request.outputTokens;
  }

  result(): OracleResult {
    const book = new LedgerBook();
    const tiers: Record<OracleTier, number> = { none: 0, '5m': 0, '1h': 0, keepalive: 0 };
    let hits = 0;
    let pings = 0;
    for (const thread of this.threads.values()) {
      const rows = thread.rows;
      let best = 0;
      for (let state = 1; state < STATES; state++)
        if (rows[state * FIELDS + COST] < rows[best * FIELDS + COST]) best = state;
      const row = best * FIELDS;
      const ledger = book.for(thread.model);
      ledger.input += rows[row + INPUT] + thread.commonInput;
      ledger.cacheWrite5m += rows[row + WRITE5M];
      ledger.cacheWrite1h += rows[row + WRITE1H];
      ledger.cacheRead += rows[row + READ];
      ledger.output += rows[row + OUTPUT] + thread.commonOutput;
      hits += rows[row + HITS];
      pings += rows[row + PINGS];
      ORACLE_TIERS.forEach((tier, index) => (tiers[tier] += rows[row + TIER_COUNT + index]));
    }
    return {
      costUsd: costOfLedgers(book.ledgers(), this.priceOf),
      tokens: book.total(),
      requests: this.count,
      hits,
      keepalivePings: pings,
      tiers,
    };
  }

  private pricesOf(model: string): ModelPrices {
    let prices = this.pricesByModel.get(model);
    if (prices === undefined) {
      const profile = this.priceOf(model);
      const usd = profile.usdPerMTok;
      // A model without a (priced) 1h tier cannot choose it.
      const offers1h = profile.ttls.includes('1h') && !Number.isNaN(usd.cacheWrite1h);
      prices = {
        input: usd.input * PER_MTOK,
        write5m: usd.cacheWrite5m * PER_MTOK,
        write1h: offers1h ? usd.cacheWrite1h * PER_MTOK : 0,
        offers1h,
        read: usd.cacheRead * PER_MTOK,
        output: usd.output * PER_MTOK,
        minCacheableTokens: this.options.minCacheableTokens ?? profile.minCacheableTokens,
      };
      this.pricesByModel.set(model, prices);
    }
    return prices;
  }
}

/** A thread's first request: a miss, its prefix input (none) or written at the tier's price. */
function firstStep(rows: Float64Array, prefixTokens: number, prices: ModelPrices): void {
  rows.fill(0);
  for (let tier = 0; tier < STATES; tier++) {
    const row = tier * FIELDS;
    if (tier === ONE_HOUR && !prices.offers1h) {
      rows[row + COST] = Infinity;
      continue;
    }
    addBilling(rows, row, tier, 0, prefixTokens, prices);
    rows[row + TIER_COUNT + tier] = 1;
  }
}

// Scratch of one step: the best (predecessor state, tier) reaching each state.
const bestUsd = new Float64Array(STATES);
const bestFrom = new Int32Array(STATES);
const bestTier = new Int32Array(STATES);

/** One request after a gap of `gapMs`: for each state it can leave, the cheapest (predecessor, tier), and that path extended. */
function step(thread: ThreadPath, gapMs: number, prefixTokens: number, prices: ModelPrices, everyMs: number): void {
  const { rows, next } = thread;
  const previousTokens = thread.lastPrefixTokens;
  const pingCount = Math.max(0, Math.ceil(gapMs / everyMs) - 1);
  const pingUsd =
    pingCount *
    (previousTokens * prices.read + KEEPALIVE_TAIL_TOKENS * prices.input + KEEPALIVE_OUTPUT_TOKENS * prices.output);
  bestUsd.fill(Infinity);
  bestFrom.fill(-1);
  for (let from = 0; from < STATES; from++) {
    const pathUsd = rows[from * FIELDS + COST] + (from === KEEPALIVE ? pingUsd : 0);
    if (pathUsd === Infinity) continue;
    const readable = from === NONE || gapMs <= 0 || gapMs >= TTL_MS[from] ? 0 : Math.min(previousTokens, prefixTokens);
    for (let tier = 0; tier < STATES; tier++) {
      if (tier === ONE_HOUR && !prices.offers1h) continue;
      const readTokens = tier === NONE ? 0 : readable;
      const usd = pathUsd + billingUsd(tier, readTokens, prefixTokens, prices);
      const to = stateAfter(from, tier, readTokens, prefixTokens);
      if (usd < bestUsd[to]) {
        bestUsd[to] = usd;
        bestFrom[to] = from;
        bestTier[to] = tier;
      }
    }
  }
  for (let to = 0; to < STATES; to++) {
    const row = to * FIELDS;
    const from = bestFrom[to];
    if (from < 0) {
      next.fill(0, row, row + FIELDS);
      next[row + COST] = Infinity;
      continue;
    }
    const fromRow = from * FIELDS;
    for (let f = 0; f < FIELDS; f++) next[row + f] = rows[fromRow + f];
    if (from === KEEPALIVE && pingCount > 0) {
      next[row + COST] += pingUsd;
      next[row + READ] += pingCount * previousTokens;
      next[row + INPUT] += pingCount * KEEPALIVE_TAIL_TOKENS;
      next[row + OUTPUT] += pingCount * KEEPALIVE_OUTPUT_TOKENS;
      next[row + PINGS] += pingCount;
    }
    const tier = bestTier[to];
    const readTokens =
      tier === NONE || from === NONE || gapMs <= 0 || gapMs >= TTL_MS[from]
        ? 0
        : Math.min(previousTokens, prefixTokens);
    addBilling(next, row, tier, readTokens, prefixTokens, prices);
    next[row + TIER_COUNT + tier] += 1;
  }
  thread.rows = next;
  thread.next = rows;
}

/**
 * The state a request leaves: the tier of the deepest entry the next request can read. A request that
 * reads its whole prefix writes nothing: the entry it read stays the deepest, refreshed, with its own
 * tier (a 5m entry is not upgraded to 1h for free); keep-alive only chooses whether to ping it.
 */
function stateAfter(from: number, tier: number, readTokens: number, prefixTokens: number): number {
  if (tier === NONE || readTokens === 0 || readTokens < prefixTokens) return tier;
  if (from === ONE_HOUR) return ONE_HOUR;
  return tier === KEEPALIVE ? KEEPALIVE : FIVE_MIN;
}

/** The prefix's bill under `tier`, reading `readTokens` of it. */
function billingUsd(tier: number, readTokens: number, prefixTokens: number, prices: ModelPrices): number {
  if (tier === NONE) return prefixTokens * prices.input;
  return readTokens * prices.read + (prefixTokens - readTokens) * (tier === ONE_HOUR ? prices.write1h : prices.write5m);
}

function addBilling(
  rows: Float64Array,
  row: number,
  tier: number,
  readTokens: number,
  prefixTokens: number,
  prices: ModelPrices,
): void {
  rows[row + COST] += billingUsd(tier, readTokens, prefixTokens, prices);
  if (tier === NONE) {
    rows[row + INPUT] += prefixTokens;
    return;
  }
  rows[row + READ] += readTokens;
  rows[row + (tier === ONE_HOUR ? WRITE1H : WRITE5M)] += prefixTokens - readTokens;
  if (readTokens > 0) rows[row + HITS] += 1;
}
