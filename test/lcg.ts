// The tests' seeded uniform numbers in [0, 1): the C library's linear congruential generator (multiplier
// 1103515245, increment 12345, modulo 2^31), stepped in 32-bit integer arithmetic. Stepped in doubles, the
// product passes 2^53 and loses its low bits, and the stream falls into a cycle of about 10,000 draws (from
// seed 3: 10,466); this one has the full period of 2^31. The same numbers on every machine.
export function lcg(seed: number): () => number {
  let state = seed & 0x7fffffff;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return state / 2147483648;
  };
}

/** The same stream as integers: each call an integer in [0, n). */
export function lcgBelow(seed: number): (n: number) => number {
  const uniform = lcg(seed);
  return (n) => Math.floor(uniform() * n);
}
