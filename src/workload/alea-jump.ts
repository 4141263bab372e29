// Jumping Alea ahead without drawing: the state after `draws` draws, computed in a few microseconds, so that
// a hundred million draws can be split into independent runs (verdict/resample.ts steps four at once).
//
// Alea (workload/rng.ts) is a lag-3 multiply-with-carry generator: with words x = s·2^32 and carry c,
//   x_new = (a·x_{n−3} + c) mod 2^32,  c_new = ⌊(a·x_{n−3} + c) / 2^32⌋,  a = 2091639.
// Marsaglia's equivalence: the state (x0, x1, x2, c) read as one number
//   V = x2 + 2^32·c + a·2^32·x0 + a·2^64·x1
// is stepped by multiplying it by 2^−32 modulo the prime-like modulus M = a·2^96 − 1, i.e. by
// a·2^64 mod M (2^32 · a·2^64 = a·2^96 ≡ 1). `draws` steps are one modular power: (a·2^64)^draws mod M.
import { ALEA_MULTIPLIER, type AleaState } from './rng.js';

const A = BigInt(ALEA_MULTIPLIER);
const WORD = 1n << 32n;
const MODULUS = A * WORD ** 3n - 1n;
/** One draw as a factor: the inverse of 2^32 modulo MODULUS. */
const ONE_DRAW = (A * WORD * WORD) % MODULUS;
const TWO_TO_32 = 2 ** 32;

function powMod(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let square = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * square) % modulus;
    square = (square * square) % modulus;
  }
  return result;
}

function toNumber(state: AleaState): bigint {
  // Alea's words are whole multiples of 2^−32 (seedrandom's mash yields 32-bit fractions): exact here.
  const x0 = BigInt(state.s0 * TWO_TO_32);
  const x1 = BigInt(state.s1 * TWO_TO_32);
  const x2 = BigInt(state.s2 * TWO_TO_32);
  return x2 + WORD * BigInt(state.c) + A * WORD * x0 + A * WORD * WORD * x1;
}

function fromNumber(value: bigint): AleaState {
  const x2 = value % WORD;
  const rest = value / WORD;
  const c = rest % A;
  const words = rest / A;
  return {
    s0: Number(words % WORD) / TWO_TO_32,
    s1: Number(words / WORD) / TWO_TO_32,
    s2: Number(x2) / TWO_TO_32,
    c: Number(c),
  };
}

/** The state Alea reaches from `state` after `draws` draws (a whole number ≥ 0), as if it had drawn them. */
export function aleaJump(state: AleaState, draws: number): AleaState {
  if (!Number.isSafeInteger(draws) || draws < 0)
    throw new RangeError(`aleaJump: draws must be a whole number ≥ 0, got ${draws}`);
  if (draws === 0) return { ...state };
  return fromNumber((toNumber(state) * powMod(ONE_DRAW, BigInt(draws), MODULUS)) % MODULUS);
}
