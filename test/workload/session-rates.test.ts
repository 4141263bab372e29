// Session arrival rates are honoured at any rate the schema accepts: the count of sessions started over
// the horizon is Poisson(rate × horizon), so it must fall within 3 standard errors (√expected) of it.
// Gaps rounded to whole ms before use (at least 1 ms) gave 45,189 sessions at 500/s over 100 s, and at
// most one per ms at 10/ms.
import { describe, it, expect } from 'vitest';
import type { SessionsWorkload } from '../../src/model/scenario.js';
import { SECOND_MS, common, constant, outOfOrder, take } from './collect.js';

/** One request per session (one turn of one request), so requests count sessions. */
function oneShot(arrivalRatePerMs: number): SessionsWorkload {
  return {
    kind: 'sessions',
    ...common,
    arrivalRatePerMs,
    turns: constant(1),
    requestsPerTurn: constant(1),
    toolGapMs: constant(1000),
    thinkTimeMs: constant(1000),
    longBreakProbability: 0,
    longBreakMs: constant(0),
    prompt: {
      toolsTokens: 100,
      systemTokens: 100,
      projectTokens: 0,
      projects: 1,
      userMessageTokens: constant(10),
      toolResultTokens: constant(0),
      outputTokens: constant(10),
      tailTokens: 0,
    },
    compaction: null,
    subagents: null,
  };
}

describe('session arrival rates', () => {
  const cases = [
    { rate: '500/s', perMs: 500 / SECOND_MS, horizonMs: 100 * SECOND_MS },
    { rate: '10/ms', perMs: 10, horizonMs: 5 * SECOND_MS },
    { rate: '1/ms', perMs: 1, horizonMs: 50 * SECOND_MS },
  ];
  for (const { rate, perMs, horizonMs } of cases) {
    it(`starts rate × horizon sessions within 3 standard errors at ${rate}`, () => {
      const requests = take([oneShot(perMs)], horizonMs, 7);
      const expected = perMs * horizonMs;
      const sessions = new Set(requests.map((r) => r.sessionId)).size;
      expect(sessions).toBe(requests.length);
      expect(Math.abs(sessions - expected)).toBeLessThan(3 * Math.sqrt(expected));
      expect(outOfOrder(requests)).toEqual([]);
      expect(requests.every((r) => Number.isInteger(r.atMs) && r.atMs >= 0 && r.atMs < horizonMs)).toBe(true);
    });
  }

  it('spreads starts evenly: each tenth of the horizon holds a tenth of them (within 3 standard errors)', () => {
    const horizonMs = 100 * SECOND_MS;
    const requests = take([oneShot(500 / SECOND_MS)], horizonMs, 11);
    const perTenth = new Array<number>(10).fill(0);
    for (const r of requests) perTenth[Math.floor((r.atMs / horizonMs) * 10)]++;
    const expected = 5000;
    for (const count of perTenth) expect(Math.abs(count - expected)).toBeLessThan(3 * Math.sqrt(expected));
  });
});
