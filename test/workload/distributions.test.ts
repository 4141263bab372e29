import { describe, it, expect } from 'vitest';
import { compileDist, compileIntDist, distMean } from '../../src/workload/distributions.js';
import { createRng } from '../../src/workload/rng.js';
import type { Dist } from '../../src/scenario/types.js';

const N = 200_000;

function sample(dist: Dist, seed = 3): number[] {
  const draw = compileDist(dist);
  const rng = createRng(seed);
  return Array.from({ length: N }, () => draw(rng));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];

describe('distribution samplers', () => {
  // Sample mean within 4 standard errors of the analytic mean (finite-variance cases).
  const cases: Dist[] = [
    { dist: 'constant', value: 7 },
    { dist: 'uniform', min: 2, max: 10 },
    { dist: 'exponential', mean: 240_000 },
    { dist: 'lognormal', median: 100, sigma: 0.8 },
    { dist: 'pareto', scale: 10, shape: 3.5 },
    { dist: 'weibull', scale: 50, shape: 1.5 },
    { dist: 'empirical', values: [1, 2, 3, 10] },
  ];
  for (const dist of cases) {
    it(`${dist.dist}: sample mean matches the analytic mean`, () => {
      const xs = sample(dist);
      const standardError = sd(xs) / Math.sqrt(N);
      expect(Math.abs(mean(xs) - distMean(dist))).toBeLessThanOrEqual(4 * standardError + 1e-9);
    });
  }

  it('lognormal median is the median; exponential p90 is mean·ln 10', () => {
    // Quantile standard error ≈ √(q(1−q)/N)/f(x_q); 2% is several of them at N = 200,000 for these shapes.
    expect(quantile(sample({ dist: 'lognormal', median: 100, sigma: 0.8 }), 0.5) / 100).toBeCloseTo(1, 1);
    expect(quantile(sample({ dist: 'exponential', mean: 1 }), 0.9) / Math.log(10)).toBeCloseTo(1, 1);
  });

  it('a cap clamps every draw at max', () => {
    const xs = sample({ dist: 'exponential', mean: 10, max: 5 });
    expect(xs.reduce((a, b) => Math.max(a, b), 0)).toBe(5);
    expect(xs.filter((x) => x === 5).length / N).toBeCloseTo(Math.exp(-0.5), 2);
  });

  it('integer samplers round to whole non-negative numbers', () => {
    const draw = compileIntDist({ dist: 'lognormal', median: 3, sigma: 2 });
    const rng = createRng(1);
    for (let i = 0; i < 1000; i++) {
      const x = draw(rng);
      expect(Number.isInteger(x) && x >= 0).toBe(true);
    }
  });

  it('the same seed gives the same draws; sub-streams are independent of each other', () => {
    expect(sample({ dist: 'uniform', min: 0, max: 1 }, 9).slice(0, 5)).toEqual(sample({ dist: 'uniform', min: 0, max: 1 }, 9).slice(0, 5));
    const root = createRng(5);
    const a = root.fork('a').next();
    expect(createRng(5).fork('a').next()).toBe(a);
    expect(createRng(5).fork('b').next()).not.toBe(a);
  });
});
