// Seeded randomness: every random draw in ttlsim goes through an Rng made here (docs/architecture.md: never
// Math.random). Sub-streams are derived by name, so adding a component does not shift the others.
import seedrandom from 'seedrandom';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Fills `into` with the next `into.length` draws: the very numbers as many next() calls would give. */
  fill(into: Float64Array): void;
  /** An independent stream derived from this one's seed and `name` (same name → same stream). */
  fork(name: string): Rng;
  readonly seed: string;
}

/** Creates the root stream for a scenario seed. Alea: fast, good quality, and seedable by string. */
export function createRng(seed: number | string): Rng {
  return makeRng(String(seed));
}

function makeRng(seed: string): Rng {
  let prng = seedrandom.alea(seed, { state: true });
  return {
    seed,
    next: () => prng(),
    fill: (into) => {
      prng = seedrandom.alea('', { state: aleaFill(prng.state(), into) });
    },
    fork: (name: string) => makeRng(`${seed}/${name}`),
  };
}

type AleaState = seedrandom.State.Alea;

/**
 * Alea's step (seedrandom/lib/alea.js, `me.next`) on local variables, for bulk draws: the bootstrap takes
 * 100,000,000 of them for a 100,000-session verdict, where a call through the closure and the generator's
 * object per draw cost most of its time. test/workload/rng.test.ts holds it to next(), draw for draw.
 * Returns the state after the last draw.
 */
function aleaFill(state: AleaState, into: Float64Array): AleaState {
  let { c, s0, s1, s2 } = state;
  for (let i = 0; i < into.length; i++) {
    const t = 2091639 * s0 + c * 2.3283064365386963e-10; // 2^-32
    s0 = s1;
    s1 = s2;
    c = t | 0;
    s2 = t - c;
    into[i] = s2;
  }
  return { c, s0, s1, s2 };
}
