// workload/alea-jump.ts computes Alea's state after n draws without drawing them: it must be the state
// that stepping n times reaches, from any state the seeding and the stream produce.
import { describe, expect, it } from 'vitest';
import { aleaJump } from '../../src/workload/alea-jump.js';
import { createRng } from '../../src/workload/rng.js';

describe('aleaJump', () => {
  for (const seed of ['1/verdict/bootstrap', 'x', '42']) {
    it(`reaches the state n draws give, from a fresh and a used stream (seed ${seed})`, () => {
      const stream = createRng(seed);
      for (const skip of [0, 5]) {
        for (let i = 0; i < skip; i++) stream.next();
        const start = stream.state();
        for (const draws of [0, 1, 2, 3, 4, 7, 1000, 123_457]) {
          const stepped = createRng('unused');
          stepped.resume(start);
          for (let i = 0; i < draws; i++) stepped.next();
          expect(aleaJump(start, draws)).toEqual(stepped.state());
          const jumped = createRng('unused');
          jumped.resume(aleaJump(start, draws));
          expect([jumped.next(), jumped.next(), jumped.next()]).toEqual([
            stepped.next(),
            stepped.next(),
            stepped.next(),
          ]);
        }
        stream.resume(start);
      }
    });
  }

  it('composes: a jump of a + b is a jump of a then of b', () => {
    const start = createRng('compose').state();
    expect(aleaJump(aleaJump(start, 100_000_000), 2_500_000)).toEqual(aleaJump(start, 102_500_000));
  });

  it('refuses a count that is not a whole number ≥ 0', () => {
    const start = createRng('r').state();
    for (const draws of [-1, 1.5, Number.NaN, 2 ** 60]) expect(() => aleaJump(start, draws)).toThrow(RangeError);
  });
});
