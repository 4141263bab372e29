// Seeded randomness: every random draw in ttlsim goes through an Rng made here (docs/architecture.md: never
// Math.random). Sub-streams are derived by name, so adding a component does not shift the others.
import seedrandom from 'seedrandom';

/**
 * Alea's state (seedrandom's lib/alea.js): three fractions of 2^32 and a carry. One draw is
 *   t = ALEA_MULTIPLIER · s0 + c · 2^−32;  s0 = s1;  s1 = s2;  c = t | 0;  s2 = t − c;  the draw is s2.
 */
export interface AleaState {
  s0: number;
  s1: number;
  s2: number;
  c: number;
}
export const ALEA_MULTIPLIER = 2091639;
export const TWO_TO_MINUS_32 = 2.3283064365386963e-10;

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** An independent stream derived from this one's seed and `name` (same name → same stream). */
  fork(name: string): Rng;
  readonly seed: string;
  /**
   * A copy of the state, for a loop of a hundred million draws that steps Alea in local variables (the
   * verdict's bootstrap: a call per draw cost twice the draw); `resume` hands the state back, after which
   * `next` goes on as if it had made those draws itself.
   */
  state(): AleaState;
  resume(state: AleaState): void;
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
    fork: (name: string) => makeRng(`${seed}/${name}`),
    state: () => prng.state(),
    resume: (state: AleaState) => {
      prng = seedrandom.alea('', { state: { ...state } });
    },
  };
}

const A = BigInt(ALEA_MULTIPLIER);
const B = 2n ** 32n;
/** Alea is a lag-3 multiply-with-carry generator, which is a multiplicative congruential one modulo m = a·b³ − 1. */
const M = A * B ** 3n - 1n;
/** b⁻¹ mod m: a·b³ ≡ 1, so b⁻¹ ≡ a·b². One draw multiplies the state's value by it. */
const ONE_DRAW = (A * B * B) % M;

/**
 * The state `draws` draws after `state`, without making them (for splitting one stream of draws between
 * threads: verdict/bootstrap.ts). With x = s·2^32, the state (x0, x1, x2, c) is the number
 * V = b·c + a·b·x0 + a·b²·x1 + x2 < m, and each draw maps V to V·b⁻¹ mod m (Couture & L'Ecuyer's
 * equivalence of multiply-with-carry and congruential generators), so `draws` of them are one modular power.
 */
export function aleaAfter(state: AleaState, draws: number): AleaState {
  const x0 = BigInt(state.s0 * 2 ** 32);
  const x1 = BigInt(state.s1 * 2 ** 32);
  const x2 = BigInt(state.s2 * 2 ** 32);
  let value = B * BigInt(state.c) + A * B * x0 + A * B * B * x1 + x2;
  value = (value * modPow(ONE_DRAW, BigInt(draws), M)) % M;
  const newest = value % B;
  const rest = (value - newest) / B;
  const carry = rest % A;
  const words = (rest - carry) / A;
  return {
    s0: Number(words % B) / 2 ** 32,
    s1: Number(words / B) / 2 ** 32,
    s2: Number(newest) / 2 ** 32,
    c: Number(carry),
  };
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  for (let b = base % modulus, e = exponent; e > 0n; e >>= 1n, b = (b * b) % modulus)
    if ((e & 1n) === 1n) result = (result * b) % modulus;
  return result;
}
