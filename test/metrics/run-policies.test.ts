import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { runPolicies } from '../../src/metrics/run-policies.js';
import { SessionCostsByPolicy } from '../../src/verdict/collect.js';
import { summarise } from '../../src/metrics/summarise.js';
import type { Request } from '../../src/model/request.js';
import {
  ENGINE,
  MINUTE_MS,
  NO_CACHE,
  UNIT_PROFILE,
  policy,
  prefixAt,
  request,
  run,
  segment,
  tier,
} from '../helpers.js';

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

describe("runPolicies with the gap clock in the session costs' table (rows)", () => {
  const SPECS = [
    policy('5m', tier('5m')),
    policy('1h', tier('1h')),
    policy(
      'ka',
      tier('5m'),
      {},
      {
        keepalive: { everyMs: 4 * MINUTE_MS, maxIdleMs: 20 * MINUTE_MS, tailTokens: 5, outputTokens: 1 },
      },
    ),
  ];
  /** Numbered keys (a CSV's: session = thread, threadIndex) and unnumbered threads of shared sessions (a transcript's). */
  const step = fc.record({
    gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 90_000 }), fc.integer({ min: 1, max: 3 * 3_600_000 })),
    key: fc.integer({ min: 0, max: 40 }),
    agent: fc.integer({ min: 0, max: 2 }),
    tokens: fc.constantFrom(2000, 5000),
  });

  function pass(steps: { gapMs: number; key: number; agent: number; tokens: number }[], shared: boolean) {
    let atMs = 0;
    const requests = steps.map(({ gapMs, key, agent, tokens }) => {
      atMs += gapMs;
      const numbered = key % 3 !== 0;
      const session = numbered ? `k${key}` : `s${key}`;
      // An unnumbered thread may bear another session's id: nothing says thread and session ids are apart.
      const thread = numbered || agent === 0 ? session : agent === 1 ? `${session}/agent-1` : `s${(key + 3) % 42}`;
      return request(atMs, [segment(`${session}/p`, tokens, 'context', true)], {
        threadId: thread,
        sessionId: session,
        outputTokens: 7,
        ...(numbered ? { threadIndex: key * 7 } : {}),
      });
    });
    const costs = new SessionCostsByPolicy();
    const summaries = runPolicies({
      policies: SPECS,
      priceOf: () => UNIT_PROFILE,
      engine: ENGINE,
      horizonMs: 48 * 60 * MINUTE_MS,
      seed: 1,
      arrivals: requests[Symbol.iterator](),
      observe: (index, spec) => costs.observe(index, spec.name, () => UNIT_PROFILE),
      ...(shared ? { rows: costs.table } : {}),
    });
    return { summaries, usd: SPECS.map((spec) => [...(costs.usd(spec.name) ?? [])]) };
  }

  it('gives the same gap histograms and the same costs per session, bit for bit and in first-seen order', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 120 }), (steps) => {
        const alone = pass(steps, false);
        const shared = pass(steps, true);
        expect(shared.summaries).toEqual(alone.summaries);
        expect(shared.usd).toEqual(alone.usd);
      }),
      { numRuns: 150 },
    );
  });
});
