import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fixedHitProbability, measureHitRatio, renewalFunction } from './renewal-theory.js';
import { MINUTE_MS, policy, prefixAt, run, tier } from '../helpers.js';

const T_MS = 5 * MINUTE_MS;
const FIXED_1H = 60 * MINUTE_MS;

/** |measured − expected| within 3 standard errors (plus a floor for the exact, zero-variance cases). */
function expectWithin3Se(measured: { hitRatio: number; standardError: number }, expected: number) {
  const tolerance = 3 * Math.max(measured.standardError, 1e-4);
  expect(
    Math.abs(measured.hitRatio - expected),
    `measured ${measured.hitRatio} vs ${expected} ± ${tolerance}`,
  ).toBeLessThanOrEqual(tolerance);
}

describe('Poisson arrivals (docs/model.md): sliding 1−e^(−λT), fixed λT/(1+λT)', () => {
  for (const lambdaT of [0.25, 1, 2.5, 5]) {
    const meanGapMs = T_MS / lambdaT;
    const gap = { dist: 'exponential', mean: meanGapMs } as const;
    it(`sliding at λT = ${lambdaT}`, () => {
      expectWithin3Se(measureHitRatio(gap, meanGapMs, T_MS, 'sliding'), 1 - Math.exp(-lambdaT));
    });
    it(`fixed at λT = ${lambdaT}`, () => {
      expectWithin3Se(measureHitRatio(gap, meanGapMs, T_MS, 'fixed'), lambdaT / (1 + lambdaT));
    });
  }

  it('fixed 1h at a mean gap of 20 minutes (λT = 3)', () => {
    const meanGapMs = 20 * MINUTE_MS;
    expectWithin3Se(measureHitRatio({ dist: 'exponential', mean: meanGapMs }, meanGapMs, FIXED_1H, 'fixed'), 3 / 4);
  });
});

describe('deterministic gaps d: sliding 1 if d < T, fixed k/(1+k) with k = #{n ≥ 1 : n·d < T}', () => {
  const cases: [number, number][] = [
    [1.5, 3], // k = ⌊T/d⌋ = 3
    [2.0, 2],
    [2.5, 1], // d divides T: the request at exactly T misses, so k = T/d − 1
    [2.6, 1],
    [6.0, 0],
  ];
  for (const [dMinutes, k] of cases) {
    const dMs = dMinutes * MINUTE_MS;
    const gap = { dist: 'constant', value: dMs } as const;
    it(`d = ${dMinutes} min: fixed ${k}/${k + 1}`, () => {
      const measured = measureHitRatio(gap, dMs, T_MS, 'fixed', { keys: 20, requestsPerKey: 600 });
      // Deterministic: the only error is the last, unfinished cycle of each key.
      expect(Math.abs(measured.hitRatio - k / (1 + k))).toBeLessThan(2 / 600);
    });
    it(`d = ${dMinutes} min: sliding ${dMs < T_MS ? 1 : 0}`, () => {
      expect(measureHitRatio(gap, dMs, T_MS, 'sliding', { keys: 20, requestsPerKey: 600 }).hitRatio).toBe(
        dMs < T_MS ? 1 : 0,
      );
    });
  }
});

describe('uniform gaps: sliding F(T), fixed M(T)/(1+M(T)) from the renewal equation', () => {
  for (const maxMinutes of [4, 8]) {
    const maxMs = maxMinutes * MINUTE_MS;
    const gap = { dist: 'uniform', min: 0, max: maxMs } as const;
    const cdf = (x: number) => Math.min(1, Math.max(0, x / maxMs));
    it(`Uniform(0, ${maxMinutes}m) sliding`, () => {
      expectWithin3Se(measureHitRatio(gap, maxMs / 2, T_MS, 'sliding'), cdf(T_MS));
    });
    it(`Uniform(0, ${maxMinutes}m) fixed`, () => {
      expectWithin3Se(measureHitRatio(gap, maxMs / 2, T_MS, 'fixed'), fixedHitProbability(renewalFunction(cdf, T_MS)));
    });
  }

  it('the renewal-equation solver reproduces the closed forms it is checked against', () => {
    // Poisson: M(T) = λT; Uniform(0,a), T ≤ a: M(T) = e^(T/a) − 1 (docs/model.md).
    expect(renewalFunction((x) => 1 - Math.exp(-x), 2)).toBeCloseTo(2, 2);
    expect(renewalFunction((x) => Math.min(1, x / 8), 5)).toBeCloseTo(Math.exp(5 / 8) - 1, 2);
  });
});

describe('sliding ≥ fixed (docs/model.md invariant)', () => {
  it('on every random trace, each request that hits under fixed expiry also hits under sliding', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 12 * MINUTE_MS }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 20 * MINUTE_MS }),
        (gapsMs, ttlMs) => {
          const times: number[] = [];
          let atMs = 0;
          for (const gapMs of gapsMs) times.push((atMs += gapMs));
          const hits = (refresh: 'sliding' | 'fixed') =>
            run(prefixAt(times), policy(refresh, tier('x', refresh, ttlMs))).outcomes.map((o) => o.readTokens > 0);
          const sliding = hits('sliding');
          const fixed = hits('fixed');
          return fixed.every((hit, i) => !hit || sliding[i]);
        },
      ),
      { numRuns: 200, seed: 42 },
    );
  });
});
