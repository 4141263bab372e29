import { describe, it, expect } from 'vitest';
import {
  compileDist,
  compileIntDist,
  compileTokenDist,
  distMean,
  normalCdf,
} from '../../src/workload/distributions.js';
import { MAX_TOKENS } from '../../src/model/log-format.js';
import { createRng } from '../../src/workload/rng.js';
import type { Dist } from '../../src/model/scenario.js';

// Every tolerance below is a number of standard errors of the statistic tested, computed from the
// sample itself (means) or from the binomial law (quantiles, cap mass). Z = 4 keeps a false alarm near
// 1 in 16,000 per check; the seeds are fixed, so a pass is reproducible.
const N = 200_000;
const Z = 4;

function sample(dist: Dist, seed = 3, n = N): Float64Array {
  const draw = compileDist(dist);
  const rng = createRng(seed);
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = draw(rng);
  return xs;
}

function meanAndStandardError(xs: Float64Array): { mean: number; standardError: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let squares = 0;
  for (const x of xs) squares += (x - mean) ** 2;
  return { mean, standardError: Math.sqrt(squares / (xs.length - 1) / xs.length) };
}

/** Fraction of draws at or below x: the empirical CDF. */
function empiricalCdf(xs: Float64Array, x: number): number {
  let below = 0;
  for (const v of xs) if (v <= x) below++;
  return below / xs.length;
}

/** Standard normal quantiles used by the lognormal cases. */
const NORMAL_Q: Record<number, number> = { 0.1: -1.2815515655446004, 0.5: 0, 0.9: 1.2815515655446004 };

interface Case {
  readonly dist: Dist;
  /** The analytic q-quantile (inverse CDF). */
  readonly quantile: (q: number) => number;
}

// Shapes keep a finite fourth moment, so the sample standard deviation is a sound basis for the error.
const cases: Case[] = [
  { dist: { dist: 'uniform', min: 2, max: 10 }, quantile: (q) => 2 + 8 * q },
  { dist: { dist: 'exponential', mean: 240_000 }, quantile: (q) => -240_000 * Math.log(1 - q) },
  { dist: { dist: 'lognormal', median: 100, sigma: 0.8 }, quantile: (q) => 100 * Math.exp(0.8 * NORMAL_Q[q]) },
  { dist: { dist: 'pareto', scale: 10, shape: 5 }, quantile: (q) => 10 * Math.pow(1 - q, -1 / 5) },
  { dist: { dist: 'weibull', scale: 50, shape: 1.5 }, quantile: (q) => 50 * Math.pow(-Math.log(1 - q), 1 / 1.5) },
  { dist: { dist: 'weibull', scale: 50, shape: 0.7 }, quantile: (q) => 50 * Math.pow(-Math.log(1 - q), 1 / 0.7) },
];

describe('distribution samplers', () => {
  for (const { dist, quantile } of cases) {
    const label = JSON.stringify(dist);

    it(`${label}: the sample mean is the analytic mean within ${Z} standard errors`, () => {
      const { mean, standardError } = meanAndStandardError(sample(dist));
      expect(Math.abs(mean - distMean(dist))).toBeLessThanOrEqual(Z * standardError);
    });

    it(`${label}: the p10, median and p90 are the analytic quantiles`, () => {
      const xs = sample(dist, 11);
      for (const q of [0.1, 0.5, 0.9]) {
        // F_n(x_q) is a binomial proportion with success probability q.
        const standardError = Math.sqrt((q * (1 - q)) / N);
        expect(Math.abs(empiricalCdf(xs, quantile(q)) - q)).toBeLessThanOrEqual(Z * standardError);
      }
    });
  }

  it('a constant always draws its value and consumes no randomness', () => {
    const rng = createRng(1);
    const draw = compileDist({ dist: 'constant', value: 7 });
    expect([draw(rng), draw(rng), draw(rng)]).toEqual([7, 7, 7]);
    expect(rng.next()).toBe(createRng(1).next());
  });

  it('an empirical distribution draws each listed value equally often', () => {
    const values = [1, 2, 3, 10];
    const xs = sample({ dist: 'empirical', values });
    const standardError = Math.sqrt((0.25 * 0.75) / N);
    for (const value of values) {
      let count = 0;
      for (const x of xs) if (x === value) count++;
      expect(Math.abs(count / N - 0.25)).toBeLessThanOrEqual(Z * standardError);
    }
    const { mean, standardError: meanError } = meanAndStandardError(xs);
    expect(Math.abs(mean - distMean({ dist: 'empirical', values }))).toBeLessThanOrEqual(Z * meanError);
  });
});

describe('the cap', () => {
  it('clamps every draw at max and puts P(X > max) of the mass on it', () => {
    const xs = sample({ dist: 'exponential', mean: 10, max: 5 });
    let atCap = 0;
    let largest = 0;
    for (const x of xs) {
      largest = Math.max(largest, x);
      if (x === 5) atCap++;
    }
    expect(largest).toBe(5);
    const tail = Math.exp(-0.5);
    expect(Math.abs(atCap / N - tail)).toBeLessThanOrEqual(Z * Math.sqrt((tail * (1 - tail)) / N));
  });

  // distMean accounts for the cap: E[min(X, max)]. A cap also makes heavy tails' means finite.
  const capped: Dist[] = [
    { dist: 'constant', value: 7, max: 5 },
    { dist: 'uniform', min: 2, max: 10 },
    { dist: 'exponential', mean: 10, max: 5 },
    { dist: 'lognormal', median: 100, sigma: 0.8, max: 150 },
    { dist: 'pareto', scale: 10, shape: 0.8, max: 1000 },
    { dist: 'pareto', scale: 10, shape: 1, max: 1000 },
    { dist: 'pareto', scale: 10, shape: 2.5, max: 40 },
    { dist: 'weibull', scale: 50, shape: 1.5, max: 60 },
    { dist: 'weibull', scale: 50, shape: 0.5, max: 200 },
    { dist: 'empirical', values: [1, 2, 3, 10], max: 5 },
  ];
  for (const dist of capped) {
    it(`${JSON.stringify(dist)}: the capped sample mean is distMean within ${Z} standard errors`, () => {
      const { mean, standardError } = meanAndStandardError(sample(dist));
      expect(Math.abs(mean - distMean(dist))).toBeLessThanOrEqual(Z * standardError + 1e-9);
    });
  }

  it('an uncapped Pareto with shape ≤ 1 has an infinite mean', () => {
    expect(distMean({ dist: 'pareto', scale: 10, shape: 1 })).toBe(Infinity);
    expect(distMean({ dist: 'pareto', scale: 10, shape: 0.5 })).toBe(Infinity);
    expect(distMean({ dist: 'pareto', scale: 10, shape: 0.5, max: 10 })).toBe(10);
  });
});

describe('integer samplers', () => {
  it('round to whole non-negative numbers', () => {
    const draw = compileIntDist({ dist: 'lognormal', median: 3, sigma: 2 });
    const rng = createRng(1);
    const bad: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const x = draw(rng);
      if (!Number.isInteger(x) || x < 0) bad.push(x);
    }
    expect(bad).toEqual([]);
  });

  it('round to the nearest integer, so the mean is kept', () => {
    const draw = compileIntDist({ dist: 'uniform', min: 0, max: 10 });
    const rng = createRng(2);
    const xs = new Float64Array(N);
    for (let i = 0; i < N; i++) xs[i] = draw(rng);
    const { mean, standardError } = meanAndStandardError(xs);
    expect(Math.abs(mean - 5)).toBeLessThanOrEqual(Z * standardError);
  });
});

describe('seeded streams', () => {
  it('the same seed gives the same draws; named sub-streams are distinct and reproducible', () => {
    expect(sample({ dist: 'uniform', min: 0, max: 1 }, 9, 5)).toEqual(
      sample({ dist: 'uniform', min: 0, max: 1 }, 9, 5),
    );
    expect(sample({ dist: 'uniform', min: 0, max: 1 }, 10, 5)).not.toEqual(
      sample({ dist: 'uniform', min: 0, max: 1 }, 9, 5),
    );
    const a = createRng(5).fork('a').next();
    expect(createRng(5).fork('a').next()).toBe(a);
    expect(createRng(5).fork('b').next()).not.toBe(a);
  });
});

describe('token draws', () => {
  it('are whole and at most MAX_TOKENS however heavy the tail (one Infinity made every total $Infinity)', () => {
    const rng = createRng('tokens');
    const heavy = [
      compileTokenDist({ dist: 'lognormal', median: 1000, sigma: 400 }),
      compileTokenDist({ dist: 'pareto', scale: 10, shape: 0.001 }),
    ];
    for (const draw of heavy)
      for (let i = 0; i < 1000; i++) {
        const tokens = draw(rng);
        expect(Number.isInteger(tokens) && tokens >= 0 && tokens <= MAX_TOKENS).toBe(true);
      }
    expect(Math.max(...Array.from({ length: 200 }, () => heavy[1](rng)))).toBe(MAX_TOKENS);
  });
});

describe('normalCdf', () => {
  // Φ at tabulated points (Abramowitz & Stegun 26.2): the fit's relative error is below 1.2e-7.
  it.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [1.96, 0.9750021048517795],
    [-2.5, 0.006209665325776132],
    [-6, 9.865876450377e-10],
  ])('Φ(%d) = %d', (z, expected) => {
    expect(Math.abs(normalCdf(z) - expected) / expected).toBeLessThan(1.2e-7);
  });

  it('is symmetric: Φ(−z) = 1 − Φ(z)', () => {
    for (const z of [0.1, 0.7, 1.3, 3.2]) expect(normalCdf(-z)).toBeCloseTo(1 - normalCdf(z), 15);
  });
});
