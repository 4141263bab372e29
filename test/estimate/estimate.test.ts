import { describe, it, expect } from 'vitest';
import type { Dist } from '../../src/model/scenario.js';
import { estimate, gapBelow, hitProbability, renewalBelow, type Refresh } from '../../src/estimate/closed-form.js';
import { ttlsim } from '../cli/capture.js';
import { parseGap } from '../../src/estimate/gap-input.js';
import { estimateMessages } from '../../src/estimate/messages.js';
import { findProfile } from '../../src/pricing/lookup.js';
import type { PriceProfile } from '../../src/pricing/profile.js';
import { costOfLedgers } from '../../src/pricing/cost.js';
import { HOUR_MS, MINUTE_MS, UNIT_PROFILE } from '../helpers.js';
import { measureHitRatio } from './renewal-theory.js';

const T_MS = 5 * MINUTE_MS;
const SONNET = findProfile('anthropic', 'claude-sonnet-4-5') as PriceProfile;

describe('closed forms (docs/model.md)', () => {
  it('Poisson at λT = 1: sliding 1 − e^−1, fixed 1/2', () => {
    const gap: Dist = { dist: 'exponential', mean: T_MS };
    expect(hitProbability(gap, T_MS, 'sliding')).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(hitProbability(gap, T_MS, 'fixed')).toBeCloseTo(1 / 2, 12);
  });

  it('constant 2m at T = 5m: sliding 1; fixed 2/3 (the requests at 2m and 4m after a write hit, the one at 6m misses)', () => {
    const gap: Dist = { dist: 'constant', value: 2 * MINUTE_MS };
    expect(hitProbability(gap, T_MS, 'sliding')).toBe(1);
    expect(renewalBelow(gap, T_MS)).toBe(2);
    expect(hitProbability(gap, T_MS, 'fixed')).toBeCloseTo(2 / 3, 12);
  });

  it('a gap of exactly T misses: constant 2.5m at T = 5m hits once per write under fixed, constant 5m never', () => {
    expect(hitProbability({ dist: 'constant', value: 2.5 * MINUTE_MS }, T_MS, 'fixed')).toBeCloseTo(1 / 2, 12);
    expect(hitProbability({ dist: 'constant', value: T_MS }, T_MS, 'sliding')).toBe(0);
    expect(hitProbability({ dist: 'constant', value: T_MS - 1 }, T_MS, 'sliding')).toBe(1);
  });

  it('the renewal-equation solver matches the closed forms it stands in for', () => {
    // Forced onto the grid with a cap above T (irrelevant to gaps below T): Poisson M = λT, Uniform(0,a): e^{T/a} − 1.
    expect(renewalBelow({ dist: 'weibull', scale: 2 * T_MS, shape: 1 }, T_MS)).toBeCloseTo(0.5, 5);
    expect(renewalBelow({ dist: 'weibull', scale: T_MS / 2, shape: 1 }, T_MS)).toBeCloseTo(2, 4);
    expect(renewalBelow({ dist: 'uniform', min: 0, max: 8 * MINUTE_MS }, T_MS)).toBeCloseTo(Math.expm1(5 / 8), 12);
    expect(renewalBelow({ dist: 'lognormal', median: 2 * MINUTE_MS, sigma: 1e-9 }, T_MS)).toBeCloseTo(2, 3);
  });

  it('a cap below T is an atom: exponential capped at 2m behaves like constant 2m when the mean is huge', () => {
    const gap: Dist = { dist: 'exponential', mean: 1e12, max: 2 * MINUTE_MS };
    expect(gapBelow(gap, T_MS)).toBe(1);
    expect(renewalBelow(gap, T_MS)).toBeCloseTo(2, 4);
  });

  it('sliding ≥ fixed for every distribution', () => {
    const gaps: Dist[] = [
      { dist: 'exponential', mean: 4 * MINUTE_MS },
      { dist: 'uniform', min: MINUTE_MS, max: 20 * MINUTE_MS },
      { dist: 'lognormal', median: 2 * MINUTE_MS, sigma: 1 },
      { dist: 'pareto', scale: 30_000, shape: 1.5 },
      { dist: 'weibull', scale: 4 * MINUTE_MS, shape: 0.7 },
    ];
    for (const gap of gaps)
      for (const ttl of [T_MS, HOUR_MS])
        expect(hitProbability(gap, ttl, 'sliding')).toBeGreaterThanOrEqual(hitProbability(gap, ttl, 'fixed') - 1e-9);
  });
});

describe('break-even gaps at constant gaps (Anthropic multipliers 1.25 / 2 / 0.1)', () => {
  const result = estimate({
    gap: { dist: 'exponential', mean: 4 * MINUTE_MS },
    prefixTokens: 20_000,
    suffixTokens: 300,
    outputTokens: 400,
    profile: SONNET,
  });
  const byLabel = (label: string) => result.tiers.find((t) => t.label === label);
  it('a sliding tier beats no cache for every gap below its TTL', () => {
    expect(byLabel('5m sliding')?.beatsNoCacheGapsMs).toEqual([{ fromMs: 1, toMs: T_MS }]);
    expect(byLabel('1h sliding')?.beatsNoCacheGapsMs).toEqual([{ fromMs: 1, toMs: HOUR_MS }]);
  });
  it('fixed 1h needs two hits per write (k > (2 − 1)/(1 − 0.1)): gaps below 30m; fixed 5m one: gaps below 5m', () => {
    expect(byLabel('5m fixed')?.beatsNoCacheGapsMs).toEqual([{ fromMs: 1, toMs: T_MS }]);
    expect(byLabel('1h fixed')?.beatsNoCacheGapsMs).toEqual([{ fromMs: 1, toMs: 30 * MINUTE_MS }]);
  });
  it('1h beats 5m from 5m to 1h when both slide (below 5m both always hit: a tie is no win); fixed: below 1h', () => {
    expect(result.oneHourBeatsFiveMinutesGapsMs.sliding).toEqual([{ fromMs: T_MS, toMs: HOUR_MS }]);
    expect(result.oneHourBeatsFiveMinutesGapsMs.fixed).toEqual([{ fromMs: 1, toMs: HOUR_MS }]);
  });
  it('a prefix below the minimum caches nothing', () => {
    const small = estimate({
      gap: { dist: 'exponential', mean: MINUTE_MS },
      prefixTokens: 500,
      suffixTokens: 0,
      outputTokens: 0,
      profile: SONNET,
    });
    expect(small.cacheable).toBe(false);
    expect(
      small.tiers.every((t) => t.hitProbability === 0 && t.costPerRequestUsd === small.tiers[4].costPerRequestUsd),
    ).toBe(true);
  });
});

interface Simulated {
  readonly hitRatio: number;
  readonly standardError: number;
  readonly costPerRequestUsd: number;
}

const PREFIX = 20_000;
const SUFFIX = 300;
const OUTPUT = 400;

/**
 * The engine on 200 independent keys with i.i.d. gaps at Sonnet's prices (renewal-theory.ts's measure: sliding
 * hit ratio over requests after each key's first, fixed over all); cost per request over all requests, first
 * writes included.
 */
function simulateRenewal(gapMs: Dist, meanGapMs: number, ttlMs: number, refresh: Refresh): Simulated {
  const measured = measureHitRatio(gapMs, meanGapMs, ttlMs, refresh, {
    seed: 11,
    prefixTokens: PREFIX,
    suffixTokens: SUFFIX,
    outputTokens: OUTPUT,
    profile: SONNET,
  });
  const { result } = measured;
  const costPerRequestUsd = costOfLedgers(result.ledger.ledgers(), () => SONNET).total / result.requests;
  return { hitRatio: measured.hitRatio, standardError: measured.standardError, costPerRequestUsd };
}

describe('the estimate agrees with the simulator', () => {
  const cases: [string, Dist, number][] = [
    ['exponential 4m', { dist: 'exponential', mean: 4 * MINUTE_MS }, 4 * MINUTE_MS],
    ['constant 2m', { dist: 'constant', value: 2 * MINUTE_MS }, 2 * MINUTE_MS],
    ['constant 30m', { dist: 'constant', value: 30 * MINUTE_MS }, 30 * MINUTE_MS],
    ['uniform 1m..20m', { dist: 'uniform', min: MINUTE_MS, max: 20 * MINUTE_MS }, 10.5 * MINUTE_MS],
  ];
  for (const [name, gap, meanGapMs] of cases) {
    const result = estimate({ gap, prefixTokens: PREFIX, suffixTokens: SUFFIX, outputTokens: OUTPUT, profile: SONNET });
    for (const t of result.tiers) {
      if (t.refresh === null) continue;
      const refresh = t.refresh;
      it(`${name}, ${t.label}: hit rate within 3 standard errors, cost per request within 2%`, () => {
        const simulated = simulateRenewal(gap, meanGapMs, t.ttlMs, refresh);
        // Constant gaps have no variance: the only error is each key's first request and last, unfinished cycle.
        const tolerance = 3 * Math.max(simulated.standardError, 1 / 1000);
        expect(
          Math.abs(simulated.hitRatio - t.hitProbability),
          `simulated ${simulated.hitRatio} vs ${t.hitProbability} ± ${tolerance}`,
        ).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(simulated.costPerRequestUsd / t.costPerRequestUsd - 1)).toBeLessThan(0.02);
      });
    }
  }

  it('no cache costs what the engine bills with caching off', () => {
    const result = estimate({
      gap: { dist: 'exponential', mean: MINUTE_MS },
      prefixTokens: PREFIX,
      suffixTokens: SUFFIX,
      outputTokens: OUTPUT,
      profile: UNIT_PROFILE,
    });
    expect(result.tiers.at(-1)?.costPerRequestUsd).toBeCloseTo(((PREFIX + SUFFIX) * 1 + OUTPUT * 5) * 1e-6, 15);
  });
});

describe('ttlsim estimate', () => {
  const base = [
    'estimate',
    '--gap',
    'exponential:4m',
    '--prefix',
    '20000',
    '--model',
    'claude-sonnet-4-5',
    '--suffix',
    '300',
    '--output',
    '400',
  ];

  it('prints every tier and names the cheapest', async () => {
    const { code, stdout } = await ttlsim(base);
    expect(code).toBe(0);
    const result = estimate({
      gap: { dist: 'exponential', mean: 4 * MINUTE_MS },
      prefixTokens: 20_000,
      suffixTokens: 300,
      outputTokens: 400,
      profile: SONNET,
    });
    for (const t of result.tiers) expect(stdout).toContain(t.label);
    expect(stdout).toContain(`${result.cheapest} is cheapest`);
    expect(stdout).toContain(
      estimateMessages.oneHourBeats(
        result.oneHourBeatsFiveMinutesGapsMs.sliding,
        result.oneHourBeatsFiveMinutesGapsMs.fixed,
      ),
    );
  });

  it('--json prints only the numbers, with open intervals ending in null', async () => {
    const { code, stdout } = await ttlsim([...base, '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as {
      readonly tiers: readonly { readonly hitProbability: number }[];
      readonly gap: Dist;
      readonly cheapest: string;
    };
    expect(json.tiers).toHaveLength(5);
    expect(json.tiers[0].hitProbability).toBeCloseTo(1 - Math.exp(-5 / 4), 12);
    expect(json.gap).toEqual({ dist: 'exponential', mean: 4 * MINUTE_MS });
    expect(json.cheapest).toBe(
      estimate({ gap: json.gap, prefixTokens: 20_000, suffixTokens: 300, outputTokens: 400, profile: SONNET }).cheapest,
    );
  });

  it('a bad --gap is exit 2 naming the flag', async () => {
    for (const gap of [
      'exponential:4 minutes',
      'gamma:4m',
      'lognormal:median=2m',
      '4',
      'uniform:5m..1m',
      'empirical:1m',
    ]) {
      const { code, stderr } = await ttlsim([
        'estimate',
        '--gap',
        gap,
        '--prefix',
        '20000',
        '--model',
        'claude-sonnet-4-5',
      ]);
      expect(code, gap).toBe(2);
      expect(stderr, gap).toMatch(/^--gap: /);
    }
  });

  it('a heavy tail with an infinite mean still has an answer', async () => {
    const { code, stdout } = await ttlsim([
      'estimate',
      '--gap',
      'pareto:scale=30s,shape=0.8',
      '--prefix',
      '20000',
      '--model',
      'claude-sonnet-4-5',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('(mean infinite)');
    expect(stdout).toContain(' is cheapest: ');
  });

  it('an unknown --model is exit 2 with a suggestion', async () => {
    const { code, stderr } = await ttlsim([
      'estimate',
      '--gap',
      '4m',
      '--prefix',
      '20000',
      '--model',
      'claude-sonet-4-5',
    ]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `--model: ${estimateMessages.unknownModel('anthropic', 'claude-sonet-4-5', 'claude-sonnet-4-5')}\n`,
    );
  });

  it('a fractional --prefix is exit 2 naming the flag', async () => {
    const { code, stderr } = await ttlsim([
      'estimate',
      '--gap',
      '4m',
      '--prefix',
      '1.5',
      '--model',
      'claude-sonnet-4-5',
    ]);
    expect(code).toBe(2);
    expect(stderr).toBe(`--prefix: ${estimateMessages.badTokens(1.5)}\n`);
  });

  it('parses the compact gap syntax into the scenario format', () => {
    expect(parseGap('exponential:4m')).toEqual({ dist: 'exponential', mean: 240_000 });
    expect(parseGap('constant:30m')).toEqual({ dist: 'constant', value: 1_800_000 });
    expect(parseGap('30m')).toEqual({ dist: 'constant', value: 1_800_000 });
    expect(parseGap('uniform:1m..20m')).toEqual({ dist: 'uniform', min: 60_000, max: 1_200_000 });
    expect(parseGap('lognormal:median=2m,sigma=1')).toEqual({ dist: 'lognormal', median: 120_000, sigma: 1 });
    expect(parseGap('pareto:scale=30s,shape=1.5,max=1h')).toEqual({
      dist: 'pareto',
      scale: 30_000,
      shape: 1.5,
      max: 3_600_000,
    });
    expect(parseGap('weibull:scale=4m,shape=0.7')).toEqual({ dist: 'weibull', scale: 240_000, shape: 0.7 });
  });
});
