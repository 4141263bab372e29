// Distribution specs (validated by scenario/) → samplers that the generators compile once and call per
// draw. Inverse-transform sampling from one seeded uniform stream: a draw costs one or two rng.next()
// calls, and the same stream gives the same values everywhere.
import type { Dist } from '../model/scenario.js';
import type { Rng } from './rng.js';
import { MAX_TOKENS } from '../model/log-format.js';

export type Sampler = (rng: Rng) => number;

/** A standard normal from two uniforms (Box–Muller, cosine branch; the sine branch is not kept, so draws stay stateless). */
function standardNormal(rng: Rng): number {
  const u1 = 1 - rng.next(); // (0, 1]: log is finite
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

function uncapped(dist: Dist): Sampler {
  switch (dist.dist) {
    case 'constant': {
      const value = dist.value;
      return () => value;
    }
    case 'uniform': {
      const { min, max } = dist;
      return (rng) => min + rng.next() * (max - min);
    }
    case 'exponential': {
      const mean = dist.mean;
      return (rng) => -mean * Math.log(1 - rng.next());
    }
    case 'lognormal': {
      const { median, sigma } = dist;
      return (rng) => median * Math.exp(sigma * standardNormal(rng));
    }
    case 'pareto': {
      const { scale, shape } = dist;
      return (rng) => scale / Math.pow(1 - rng.next(), 1 / shape);
    }
    case 'weibull': {
      const { scale, shape } = dist;
      return (rng) => scale * Math.pow(-Math.log(1 - rng.next()), 1 / shape);
    }
    case 'empirical': {
      const values = dist.values;
      return (rng) => values[Math.floor(rng.next() * values.length)];
    }
  }
}

/** A sampler of the distribution, clamped at `max` when the spec has one. */
export function compileDist(dist: Dist): Sampler {
  const sample = uncapped(dist);
  const max = dist.max;
  return max === undefined ? sample : (rng) => Math.min(max, sample(rng));
}

/** A sampler rounded to a non-negative integer: tokens and milliseconds are integers. */
export function compileIntDist(dist: Dist): Sampler {
  const sample = compileDist(dist);
  return (rng) => Math.max(0, Math.round(sample(rng)));
}

/**
 * A sampler of token counts: whole, and at most MAX_TOKENS (the most one logged request may record,
 * model/log-format.ts) per draw. A heavy tail (lognormal with a large sigma, Pareto with a small shape)
 * otherwise draws Infinity, and one such draw made every total $Infinity and NaN%.
 */
export function compileTokenDist(dist: Dist): Sampler {
  const sample = compileIntDist(dist);
  return (rng) => Math.min(MAX_TOKENS, sample(rng));
}

/**
 * Analytic mean of what `compileDist` draws, cap included: E[min(X, max)] (before the integer rounding of
 * `compileIntDist`). Infinity only for an uncapped Pareto with shape ≤ 1; a cap makes every mean finite.
 */
export function distMean(dist: Dist): number {
  const cap = dist.max ?? Infinity;
  switch (dist.dist) {
    case 'constant':
      return Math.min(dist.value, cap);
    case 'uniform': {
      const { min, max } = dist;
      if (cap >= max) return (min + max) / 2;
      if (cap <= min) return cap;
      return ((cap * cap - min * min) / 2 + cap * (max - cap)) / (max - min);
    }
    case 'exponential':
      return dist.mean * -Math.expm1(-cap / dist.mean);
    case 'lognormal': {
      const { median, sigma } = dist;
      if (sigma === 0 || cap === Infinity) return Math.min(median * Math.exp((sigma * sigma) / 2), cap);
      const z = Math.log(cap / median) / sigma;
      return median * Math.exp((sigma * sigma) / 2) * normalCdf(z - sigma) + cap * normalCdf(-z);
    }
    case 'pareto': {
      const { scale, shape } = dist;
      if (cap <= scale) return cap;
      if (cap === Infinity) return shape <= 1 ? Infinity : (shape * scale) / (shape - 1);
      // ∫₀^cap P(X > x) dx: 1 up to the scale, (scale/x)^shape beyond it.
      const tail =
        shape === 1 ? scale * Math.log(cap / scale) : (scale * (Math.pow(cap / scale, 1 - shape) - 1)) / (1 - shape);
      return scale + tail;
    }
    case 'weibull': {
      const { scale, shape } = dist;
      const a = 1 + 1 / shape;
      if (cap === Infinity) return scale * gamma(a);
      const x = Math.pow(cap / scale, shape);
      return scale * gamma(a) * lowerGammaRatio(a, x) + cap * Math.exp(-x);
    }
    case 'empirical': {
      let total = 0;
      for (const value of dist.values) total += Math.min(value, cap);
      return total / dist.values.length;
    }
  }
}

/** Γ(x) for x > 0 by the Lanczos approximation (g = 7), accurate to ~1e-13. */
function gamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * a;
}

/**
 * P(a, x) = γ(a, x) / Γ(a), the regularised lower incomplete gamma, by its power series. The terms grow
 * until n ≈ x and then shrink geometrically, so the loop is bounded by x plus a margin; past x = a + 60√a
 * + 60 the ratio is 1 to double precision anyway.
 */
function lowerGammaRatio(a: number, x: number): number {
  if (x <= 0) return 0;
  if (x > a + 60 * Math.sqrt(a) + 60) return 1;
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 10_000 && term > sum * 1e-16; n++) {
    term *= x / (a + n);
    sum += term;
  }
  return Math.min(1, (sum * Math.exp(a * Math.log(x) - x)) / gamma(a));
}

/** Standard normal CDF through erfc (Numerical Recipes' erfcc, a Chebyshev fit): relative error below 1.2e-7. Also the
 * lognormal gap CDF of estimate/closed-form.ts. */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}
