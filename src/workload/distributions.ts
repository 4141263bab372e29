// Distribution specs → samplers. Inverse-transform sampling from one seeded uniform stream, so a draw
// costs one or two rng.next() calls and the same stream gives the same values everywhere.
import type { Dist } from '../scenario/types.js';
import type { Rng } from './rng.js';

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

/** Analytic mean, ignoring any cap; Infinity for a Pareto with shape ≤ 1. */
export function distMean(dist: Dist): number {
  switch (dist.dist) {
    case 'constant':
      return dist.value;
    case 'uniform':
      return (dist.min + dist.max) / 2;
    case 'exponential':
      return dist.mean;
    case 'lognormal':
      return dist.median * Math.exp((dist.sigma * dist.sigma) / 2);
    case 'pareto':
      return dist.shape <= 1 ? Infinity : (dist.shape * dist.scale) / (dist.shape - 1);
    case 'weibull':
      return dist.scale * gamma(1 + 1 / dist.shape);
    case 'empirical':
      return dist.values.reduce((a, b) => a + b, 0) / dist.values.length;
  }
}

/** Γ(x) for x > 0 by the Lanczos approximation (g = 7), accurate to ~1e-13. */
function gamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * a;
}
