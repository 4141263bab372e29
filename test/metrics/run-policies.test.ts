import { describe, it, expect } from 'vitest';
import { runPolicies } from '../../src/metrics/run-policies.js';
import { summarise } from '../../src/metrics/summarise.js';
import type { Request } from '../../src/model/request.js';
import { ENGINE, MINUTE_MS, NO_CACHE, UNIT_PROFILE, policy, prefixAt, run, tier } from '../helpers.js';

// The one pass run/ and replay/ share: every policy sees every admitted request, each as if it ran alone.
const POLICIES = [NO_CACHE, policy('5m', tier('5m')), policy('1h', tier('1h'))];
const TIMES_MS = [0, 2, 4, 11, 13, 40, 41, 90].map((m) => m * MINUTE_MS);

function runAll(arrivals: Request[], admit?: (request: Request) => boolean) {
  const seen: number[][] = POLICIES.map(() => []);
  const arrived: boolean[] = [];
  const summaries = runPolicies({
    policies: POLICIES,
    priceOf: () => UNIT_PROFILE,
    engine: ENGINE,
    horizonMs: 24 * 60 * MINUTE_MS,
    seed: 1,
    arrivals: arrivals[Symbol.iterator](),
    admit,
    onArrival: (_request, firstOfThread) => arrived.push(firstOfThread),
    observe: (index) => ({ onRequest: (request) => seen[index].push(request.atMs) }),
  });
  return { summaries, seen, arrived };
}

describe('runPolicies', () => {
  const requests = prefixAt(TIMES_MS);
  const { summaries, seen, arrived } = runAll(requests);

  it('each policy costs exactly what it costs when simulated alone', () => {
    POLICIES.forEach((spec, i) => {
      const alone = summarise(run(requests, spec).result, spec, () => UNIT_PROFILE);
      expect(summaries[i].costUsd).toEqual(alone.costUsd);
      expect(summaries[i].hits).toBe(alone.hits);
    });
  });

  it('returns the summaries in the order of the policies, and every observer sees every request in order', () => {
    expect(summaries.map((s) => s.policy)).toEqual(['no-cache', '5m', '1h']);
    for (const times of seen) expect(times).toEqual(TIMES_MS);
  });

  it('tells the arrival hook which request opens its thread', () => {
    expect(arrived).toEqual([true, false, false, false, false, false, false, false]);
  });

  it('a request the admit hook refuses is seen by no policy and no gap histogram', () => {
    const late = runAll(requests, (request) => request.atMs >= 40 * MINUTE_MS);
    expect(late.seen[1]).toEqual([40, 41, 90].map((m) => m * MINUTE_MS));
    expect(late.summaries[1].requests).toBe(3);
    expect(late.summaries[1].gaps?.requests.reduce((a, b) => a + b, 0)).toBe(2);
  });
});
