// estimate/ (layer 9): closed-form answers for one key under renewal arrivals (docs/model.md): hit
// probability and expected cost per request of each TTL tier, without simulation. Used by `ttlsim estimate`;
// the engine is the reference it is tested against (test/estimate/).
import type { Dist } from '../model/scenario.js';
import type { PriceProfile } from '../pricing/profile.js';
import { distMean, normalCdf } from '../workload/distributions.js';

export type Refresh = 'sliding' | 'fixed';

/** Grid points of the renewal-equation solver (error O(1/steps²) for smooth gaps, ~1e-6 at the default). */
const RENEWAL_STEPS = 3000;
const PER_MTOK = 1e-6;

/** The cap a draw is clamped to; for `uniform`, `max` is the range's end, not a cap. */
function capOf(gap: Dist): number {
  return gap.dist === 'uniform' ? Infinity : (gap.max ?? Infinity);
}

/**
 * P(gap < x), the gap as the engine draws it (capped at `max`). Strict because an entry is alive on
 * [t, t+T): a gap of exactly T misses. A constant is rounded to whole ms ≥ 1 like the renewal generator's
 * gaps; continuous gaps are not (the rounding moves F by about f(x)·0.5 ms).
 */
export function gapBelow(gap: Dist, xMs: number): number {
  if (xMs > capOf(gap)) return 1;
  switch (gap.dist) {
    case 'constant':
      return wholeMs(gap.value) < xMs ? 1 : 0;
    case 'uniform':
      if (gap.max === gap.min) return gap.min < xMs ? 1 : 0;
      return Math.min(1, Math.max(0, (xMs - gap.min) / (gap.max - gap.min)));
    case 'exponential':
      return xMs <= 0 ? 0 : -Math.expm1(-xMs / gap.mean);
    case 'lognormal':
      if (gap.sigma === 0) return gap.median < xMs ? 1 : 0;
      return xMs <= 0 ? 0 : normalCdf(Math.log(xMs / gap.median) / gap.sigma);
    case 'pareto':
      return xMs <= gap.scale ? 0 : 1 - Math.pow(gap.scale / xMs, gap.shape);
    case 'weibull':
      return xMs <= 0 ? 0 : -Math.expm1(-Math.pow(xMs / gap.scale, gap.shape));
    case 'empirical':
      return gap.values.filter((v) => v < xMs).length / gap.values.length;
  }
}

const wholeMs = (ms: number) => Math.max(1, Math.round(ms));

/**
 * M(t) = E[#{n ≥ 1 : X₁+…+Xₙ < t}], the renewal function with the strict boundary rule: after a miss
 * writes at 0, the requests that hit a fixed entry are those strictly inside [0, t). Closed forms where
 * they exist (constant d: ⌈t/d⌉ − 1; Poisson: t/mean; Uniform(0,a), t ≤ a: e^{t/a} − 1), else the
 * renewal equation M(t) = P(X < t) + E[M(t − X); X < t] solved on a grid.
 */
export function renewalBelow(gap: Dist, tMs: number, steps = RENEWAL_STEPS): number {
  const cap = capOf(gap);
  // Only gaps below t can add arrivals inside [0, t), and a cap at or above t changes none of those.
  const capped = cap < tMs;
  if (
    gap.dist === 'constant' ||
    (gap.dist === 'lognormal' && gap.sigma === 0) ||
    (gap.dist === 'uniform' && gap.min === gap.max)
  ) {
    const d = wholeMs(
      Math.min(cap, gap.dist === 'constant' ? gap.value : gap.dist === 'lognormal' ? gap.median : gap.min),
    );
    return d >= tMs ? 0 : Math.ceil(tMs / d) - 1;
  }
  if (!capped && gap.dist === 'exponential') return tMs / gap.mean;
  if (gap.dist === 'uniform' && gap.min === 0 && tMs <= gap.max) return Math.expm1(tMs / gap.max);
  return solveRenewal(gap, tMs, capped ? cap : Infinity, steps);
}

/**
 * The renewal equation on a grid of `steps` cells: the continuous part of the gap's law as cell masses
 * (CDF differences, so an infinite density at 0 — Weibull shape < 1 — is harmless), M averaged over each
 * cell (trapezoid); a cap's atom at c is placed exactly, reading M(t − c) by linear interpolation.
 */
function solveRenewal(gap: Dist, tMs: number, cap: number, steps: number): number {
  const h = tMs / steps;
  const uncapped: Dist = gap.dist === 'uniform' ? gap : { ...gap, max: undefined };
  const continuous = (x: number) => gapBelow(uncapped, Math.min(x, cap));
  const atom = cap === Infinity ? 0 : 1 - continuous(cap);
  const mass = new Float64Array(steps + 1);
  for (let j = 1; j <= steps; j++) mass[j] = continuous(j * h) - continuous((j - 1) * h);
  const m = new Float64Array(steps + 1);
  for (let i = 1; i <= steps; i++) {
    let sum = gapBelow(gap, i * h) + (mass[1] * m[i - 1]) / 2;
    for (let j = 2; j <= i; j++) sum += (mass[j] * (m[i - j] + m[i - j + 1])) / 2;
    if (atom > 0 && cap < i * h) {
      const at = (i * h - cap) / h;
      const k = Math.floor(at);
      sum += atom * (k + 1 <= i - 1 ? m[k] + (at - k) * (m[k + 1] - m[k]) : m[Math.min(k, i - 1)]);
    }
    // The j = 1 cell reads M at t itself: solve for it.
    m[i] = sum / (1 - mass[1] / 2);
  }
  return m[steps];
}

/** Per-request hit probability (docs/model.md §11): sliding P(X < T); fixed M(T)/(1 + M(T)) (a renewal-reward limit). */
export function hitProbability(gap: Dist, ttlMs: number, refresh: Refresh): number {
  if (refresh === 'sliding') return gapBelow(gap, ttlMs);
  const renewal = renewalBelow(gap, ttlMs);
  return renewal / (1 + renewal);
}

export type TierName = '5m' | '1h' | 'none';

export interface TierEstimate {
  /** `5m sliding`, `1h fixed`, `no cache`. */
  readonly label: string;
  readonly tier: TierName;
  /** null for no cache. */
  readonly refresh: Refresh | null;
  /** 0 for no cache. */
  readonly ttlMs: number;
  /** Steady-state probability that a request reads the prefix. */
  readonly hitProbability: number;
  /** Expected USD per request: prefix read or written, suffix as input, output. */
  readonly costPerRequestUsd: number;
  /** 1 − cost / no-cache cost. */
  readonly savingVsNoCache: number;
  /** Constant gaps (whole ms ≥ 1) at which this tier costs strictly less per request than no cache. */
  readonly beatsNoCacheGapsMs: readonly GapInterval[];
}

/** Gaps in [fromMs, toMs); toMs is Infinity for "and above". */
export interface GapInterval {
  readonly fromMs: number;
  readonly toMs: number;
}

export interface EstimateInput {
  readonly gap: Dist;
  readonly prefixTokens: number;
  readonly suffixTokens: number;
  readonly outputTokens: number;
  readonly profile: PriceProfile;
}

export interface Estimate {
  /** E[gap] as the engine draws it (cap included). */
  readonly meanGapMs: number;
  /** False when the prefix is below the profile's minimum: nothing is cached and every tier is no cache. */
  readonly cacheable: boolean;
  /** 5m and 1h (where the profile has a 1h price) under both refreshes, then no cache. */
  readonly tiers: readonly TierEstimate[];
  /** Label of the cheapest tier (the first in `tiers` order on a tie). */
  readonly cheapest: string;
  /** Constant gaps at which 1h costs strictly less per request than 5m, both under the same refresh. */
  readonly oneHourBeatsFiveMinutesGapsMs: Readonly<Record<Refresh, readonly GapInterval[]>>;
}

const TTL_MS: Record<Exclude<TierName, 'none'>, number> = { '5m': 300_000, '1h': 3_600_000 };

/** USD per request given the hit probability: h·read + (1 − h)·write on the prefix, plus suffix and output. */
function costPerRequest(input: EstimateInput, tier: TierName, hit: number): number {
  const usd = input.profile.usdPerMTok;
  const rest = input.suffixTokens * usd.input + input.outputTokens * usd.output;
  if (tier === 'none') return (input.prefixTokens * usd.input + rest) * PER_MTOK;
  const write = tier === '5m' ? usd.cacheWrite5m : usd.cacheWrite1h;
  return (input.prefixTokens * (hit * usd.cacheRead + (1 - hit) * write) + rest) * PER_MTOK;
}

/** The closed-form comparison of every tier for one key's gaps, prefix, suffix and output. */
export function estimate(input: EstimateInput): Estimate {
  const cacheable = input.prefixTokens >= input.profile.minCacheableTokens && input.prefixTokens > 0;
  const tierNames: Exclude<TierName, 'none'>[] = Number.isNaN(input.profile.usdPerMTok.cacheWrite1h)
    ? ['5m']
    : ['5m', '1h'];
  const noCacheUsd = costPerRequest(input, 'none', 0);
  // Steady-state USD per request when every gap is `gapMs`: the same formulas on a constant gap.
  const constantCost = (tier: Exclude<TierName, 'none'>, refresh: Refresh) => (gapMs: number) =>
    cacheable
      ? costPerRequest(input, tier, hitProbability({ dist: 'constant', value: gapMs }, TTL_MS[tier], refresh))
      : noCacheUsd;
  const breakpoints = gapBreakpoints(tierNames.map((t) => TTL_MS[t]));
  const tiers: TierEstimate[] = [];
  for (const tier of tierNames) {
    for (const refresh of ['sliding', 'fixed'] as const) {
      const hit = cacheable ? hitProbability(input.gap, TTL_MS[tier], refresh) : 0;
      const costUsd = costPerRequest(input, cacheable ? tier : 'none', hit);
      tiers.push({
        label: `${tier} ${refresh}`,
        tier,
        refresh,
        ttlMs: TTL_MS[tier],
        hitProbability: hit,
        costPerRequestUsd: costUsd,
        savingVsNoCache: noCacheUsd > 0 ? 1 - costUsd / noCacheUsd : 0,
        beatsNoCacheGapsMs: cheaperGaps(constantCost(tier, refresh), () => noCacheUsd, breakpoints),
      });
    }
  }
  tiers.push({
    label: 'no cache',
    tier: 'none',
    refresh: null,
    ttlMs: 0,
    hitProbability: 0,
    costPerRequestUsd: noCacheUsd,
    savingVsNoCache: 0,
    beatsNoCacheGapsMs: [],
  });
  const cheapest = tiers.reduce((best, t) => (t.costPerRequestUsd < best.costPerRequestUsd ? t : best)).label;
  const oneHourBeats = (refresh: Refresh) =>
    tierNames.includes('1h') ? cheaperGaps(constantCost('1h', refresh), constantCost('5m', refresh), breakpoints) : [];
  return {
    meanGapMs: distMean(input.gap),
    cacheable,
    tiers,
    cheapest,
    oneHourBeatsFiveMinutesGapsMs: { sliding: oneHourBeats('sliding'), fixed: oneHourBeats('fixed') },
  };
}

/**
 * Every whole-ms gap d ≥ 1 where some tier's constant-gap cost can change: the hits per write
 * k = ⌈T/d⌉ − 1 = ⌊(T−1)/d⌋ are constant on runs of d, which start at 1, at ⌊(T−1)/q⌋ + 1 for each
 * quotient q, and at T (from there on, every request misses). About 2√T of them per TTL.
 */
function gapBreakpoints(ttlsMs: readonly number[]): number[] {
  const starts = new Set<number>([1]);
  for (const ttlMs of ttlsMs) {
    for (let d = 1; d < ttlMs;) {
      const q = Math.floor((ttlMs - 1) / d);
      d = Math.floor((ttlMs - 1) / q) + 1;
      starts.add(d);
    }
  }
  return [...starts].sort((a, b) => a - b);
}

/** The constant gaps where `a` costs strictly less than `b`: both are constant between breakpoints. */
function cheaperGaps(
  a: (gapMs: number) => number,
  b: (gapMs: number) => number,
  breakpoints: readonly number[],
): GapInterval[] {
  const intervals: GapInterval[] = [];
  let openFrom: number | null = null;
  for (let i = 0; i < breakpoints.length; i++) {
    const d = breakpoints[i];
    // A relative margin, so that equal prices computed two ways do not count as a win.
    const wins = a(d) < b(d) * (1 - 1e-12);
    if (wins && openFrom === null) openFrom = d;
    if (!wins && openFrom !== null) {
      intervals.push({ fromMs: openFrom, toMs: d });
      openFrom = null;
    }
  }
  if (openFrom !== null) intervals.push({ fromMs: openFrom, toMs: Infinity });
  return intervals;
}
