// Seeded randomness: every random draw in ttlsim goes through an Rng made here (docs/architecture.md: never
// Math.random). Sub-streams are derived by name, so adding a component does not shift the others.
// Alea alone: seedrandom's main module loads its seven generators (eight CommonJS files) for the one used
// here (docs/performance.md, "Start-up"); `seedrandom.alea` is this same module.
import alea from 'seedrandom/lib/alea.js';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** An independent stream derived from this one's seed and `name` (same name → same stream). */
  fork(name: string): Rng;
  readonly seed: string;
}

/** Creates the root stream for a scenario seed. Alea: fast, good quality, and seedable by string. */
export function createRng(seed: number | string): Rng {
  return makeRng(String(seed));
}

function makeRng(seed: string): Rng {
  const prng = alea(seed);
  return {
    seed,
    next: () => prng(),
    fork: (name: string) => makeRng(`${seed}/${name}`),
  };
}
