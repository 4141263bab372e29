import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Request } from '../../src/model/request.js';
import type { PriceProfile } from '../../src/pricing/profile.js';
import type { PolicySpec } from '../../src/model/policy.js';
import { oracleCost } from '../../src/tune/oracle.js';
import { costOfLedgers } from '../../src/pricing/cost.js';
import { HOUR_MS, MINUTE_MS, UNIT_PROFILE, policy, request, run, segment, tier } from '../helpers.js';

const SECOND_MS = 1000;
const EVERY_MS = 4 * MINUTE_MS + 30 * SECOND_MS;
type OracleTier = 'none' | '5m' | '1h' | 'keepalive';
const TTL_MS: Record<OracleTier, number> = { none: 0, '5m': 5 * MINUTE_MS, '1h': HOUR_MS, keepalive: Infinity };

/** Sonnet-like prices, so that costs are not round multiples. */
const ODD_PROFILE: PriceProfile = {
  ...UNIT_PROFILE,
  model: 'odd',
  usdPerMTok: { input: 3, cacheWrite5m: 3.75, cacheWrite1h: 6, cacheRead: 0.3, output: 15, storagePerHour: 0 },
};
/** A model with only the 5m tier. */
const NO_1H_PROFILE: PriceProfile = {
  ...UNIT_PROFILE,
  model: 'no-1h',
  ttls: ['5m'],
  usdPerMTok: { ...UNIT_PROFILE.usdPerMTok, cacheWrite1h: NaN },
};

interface Step {
  readonly atMs: number;
  readonly tokens: number;
  readonly tail: number;
  readonly output: number;
}

/** The model of src/tune/oracle.ts's header, priced for one given assignment of tiers. */
function costOfAssignment(
  steps: readonly Step[],
  tiers: readonly OracleTier[],
  profile: PriceProfile,
  everyMs: number,
): number {
  const usd = profile.usdPerMTok;
  const perToken = (tokens: number, price: number) => tokens * price * 1e-6;
  let total = 0;
  let entry: OracleTier = 'none';
  let previousPrefix = 0;
  steps.forEach((step, i) => {
    const prefix = step.tokens >= profile.minCacheableTokens ? step.tokens : 0;
    total += perToken(step.tail + step.tokens - prefix, usd.input) + perToken(step.output, usd.output);
    let alive = false;
    if (i > 0) {
      const gapMs = step.atMs - steps[i - 1].atMs;
      if (entry === 'keepalive') {
        const pings = Math.max(0, Math.ceil(gapMs / everyMs) - 1);
        total += pings * (perToken(previousPrefix, usd.cacheRead) + perToken(20, usd.input) + perToken(1, usd.output));
      }
      alive = entry !== 'none' && previousPrefix > 0 && gapMs > 0 && gapMs < TTL_MS[entry];
    }
    const chosen = tiers[i];
    if (chosen === 'none') {
      total += perToken(prefix, usd.input);
      entry = 'none';
    } else {
      const read = alive ? Math.min(previousPrefix, prefix) : 0;
      const written = prefix - read;
      total += perToken(read, usd.cacheRead) + perToken(written, chosen === '1h' ? usd.cacheWrite1h : usd.cacheWrite5m);
      if (written > 0 || read === 0) entry = chosen;
      else if (entry !== '1h') entry = chosen === 'keepalive' ? 'keepalive' : '5m';
    }
    previousPrefix = prefix;
  });
  return total;
}

/** The minimum over all 4^n assignments. */
function bruteForce(steps: readonly Step[], profile: PriceProfile, everyMs: number): number {
  const options: OracleTier[] = profile.ttls.includes('1h')
    ? ['none', '5m', '1h', 'keepalive']
    : ['none', '5m', 'keepalive'];
  let best = Infinity;
  const tiers: OracleTier[] = [];
  const walk = (i: number) => {
    if (i === steps.length) {
      best = Math.min(best, costOfAssignment(steps, tiers, profile, everyMs));
      return;
    }
    for (const option of options) {
      tiers[i] = option;
      walk(i + 1);
    }
  };
  walk(0);
  return best;
}

function requestsOf(threadId: string, steps: readonly Step[], model: string): Request[] {
  // One segment per request whose id changes with its size: a growing prefix, as the oracle sees it.
  return steps.map((step) =>
    request(step.atMs, [segment(`${threadId}/${step.tokens}`, step.tokens)], {
      threadId,
      model,
      tailTokens: step.tail,
      outputTokens: step.output,
    }),
  );
}

const gapArb = fc.oneof(
  fc.integer({ min: 10 * SECOND_MS, max: 3 * HOUR_MS }),
  fc.constantFrom(5 * MINUTE_MS - 1, 5 * MINUTE_MS, HOUR_MS - 1, HOUR_MS, EVERY_MS, 2 * EVERY_MS),
);
const threadArb = fc
  .record({
    startMs: fc.integer({ min: 0, max: HOUR_MS }),
    firstTokens: fc.integer({ min: 0, max: 5000 }),
    steps: fc.array(
      fc.record({
        gapMs: gapArb,
        growth: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3000 })),
        tail: fc.integer({ min: 0, max: 500 }),
        output: fc.integer({ min: 0, max: 500 }),
      }),
      { minLength: 0, maxLength: 6 },
    ),
  })
  .map(({ startMs, firstTokens, steps }): Step[] => {
    const out: Step[] = [{ atMs: startMs, tokens: firstTokens, tail: 7, output: 3 }];
    for (const s of steps) {
      const last = out[out.length - 1];
      out.push({ atMs: last.atMs + s.gapMs, tokens: last.tokens + s.growth, tail: s.tail, output: s.output });
    }
    return out;
  });

describe('the oracle is the optimum of its model', () => {
  it('equals the brute force over all 4^n assignments, thread by thread, on small random threads (n ≤ 7)', () => {
    fc.assert(
      fc.property(
        fc.array(threadArb, { minLength: 1, maxLength: 2 }),
        fc.constantFrom(UNIT_PROFILE, ODD_PROFILE, NO_1H_PROFILE),
        fc.constantFrom(EVERY_MS, MINUTE_MS),
        (threads, profile, everyMs) => {
          const requests = threads
            .flatMap((steps, t) => requestsOf(`t${t}`, steps, profile.model))
            .sort((a, b) => a.atMs - b.atMs);
          const result = oracleCost(requests, () => profile, { keepaliveEveryMs: everyMs });
          const expected = threads.reduce((sum, steps) => sum + bruteForce(steps, profile, everyMs), 0);
          expect(Math.abs(result.costUsd.total - expected)).toBeLessThan(1e-9);
          expect(result.requests).toBe(requests.length);
          expect(result.hits).toBeLessThanOrEqual(requests.length - threads.length);
          expect(Object.values(result.tiers).reduce((a, b) => a + b, 0)).toBe(requests.length);
          if (profile === NO_1H_PROFILE) expect(result.tiers['1h']).toBe(0);
        },
      ),
      { numRuns: 300, seed: 20261124 },
    );
  });

  it('bills tails, prompts below the minimum and output identically under every assignment', () => {
    const requests = requestsOf(
      't',
      [
        { atMs: 0, tokens: 1000, tail: 10, output: 5 },
        { atMs: MINUTE_MS, tokens: 1023, tail: 10, output: 5 },
      ],
      'unit',
    );
    const result = oracleCost(requests, () => UNIT_PROFILE, { keepaliveEveryMs: EVERY_MS });
    expect(result.tokens).toEqual({ input: 2043, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 10 });
    expect(result.hits).toBe(0);
  });

  it('a ping interval of 5m or more is refused (the entry would lapse between pings)', () => {
    expect(() => oracleCost([], () => UNIT_PROFILE, { keepaliveEveryMs: 5 * MINUTE_MS })).toThrow(RangeError);
    expect(() => oracleCost([], () => UNIT_PROFILE, { keepaliveEveryMs: 0 })).toThrow(RangeError);
  });

  it("minCacheableTokens overrides the profile's", () => {
    const requests = requestsOf(
      't',
      [
        { atMs: 0, tokens: 600, tail: 0, output: 0 },
        { atMs: MINUTE_MS, tokens: 600, tail: 0, output: 0 },
      ],
      'unit',
    );
    expect(oracleCost(requests, () => UNIT_PROFILE, { keepaliveEveryMs: EVERY_MS }).hits).toBe(0);
    expect(oracleCost(requests, () => UNIT_PROFILE, { keepaliveEveryMs: EVERY_MS, minCacheableTokens: 500 }).hits).toBe(
      1,
    );
  });
});

/** Renewal keys: each its own constant prefix, sent at the given times. */
function renewal(keys: readonly { tokens: number; timesMs: readonly number[] }[]): Request[] {
  return keys
    .flatMap((key, k) => {
      const prefix = [segment(`key${k}`, key.tokens, 'context', true)];
      return key.timesMs.map((atMs) =>
        request(atMs, prefix, { threadId: `key${k}`, sessionId: `key${k}`, tailTokens: 100, outputTokens: 50 }),
      );
    })
    .sort((a, b) => a.atMs - b.atMs);
}

const engineUsd = (requests: Request[], spec: PolicySpec) =>
  costOfLedgers(run(requests, spec).result.ledger.ledgers(), () => UNIT_PROFILE).total;
const FIVE_MINUTES = policy('5m', tier('5m'));
const ONE_HOUR = policy('1h', tier('1h'));
const ONE_HOUR_SLIDING = policy('1h-sliding', tier('1h', 'sliding'));
const KEEPALIVE = policy(
  'keepalive',
  tier('5m'),
  {},
  { keepalive: { everyMs: EVERY_MS, maxIdleMs: 2 * HOUR_MS, tailTokens: 20, outputTokens: 1 } },
);
const oracleUsd = (requests: Request[]) =>
  oracleCost(requests, () => UNIT_PROFILE, { keepaliveEveryMs: EVERY_MS }).costUsd.total;
const timesOf = (startMs: number, gapsMs: readonly number[]) =>
  gapsMs.reduce((times, gapMs) => [...times, times[times.length - 1] + gapMs], [startMs]);

describe('on single-prefix renewal keys the oracle bounds the engine', () => {
  it('the oracle costs no more than 5m, 1h, 1h-sliding or keep-alive as the engine bills them', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            tokens: fc.integer({ min: 2000, max: 40_000 }),
            gaps: fc.array(gapArb, { minLength: 1, maxLength: 6 }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        (keys) => {
          const requests = renewal(
            keys.map((key, k) => ({ tokens: key.tokens, timesMs: timesOf(k * 1000, key.gaps) })),
          );
          const oracle = oracleUsd(requests);
          for (const spec of [FIVE_MINUTES, ONE_HOUR, ONE_HOUR_SLIDING, KEEPALIVE])
            expect(oracle).toBeLessThanOrEqual(engineUsd(requests, spec) + 1e-12);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });

  it("all-5m is the engine's 5m exactly: with every gap under 5m and no growth, the oracle equals 5m", () => {
    const requests = renewal([
      { tokens: 20_000, timesMs: timesOf(0, [MINUTE_MS, 2 * MINUTE_MS, 4 * MINUTE_MS, 30 * SECOND_MS]) },
    ]);
    expect(Math.abs(oracleUsd(requests) - engineUsd(requests, FIVE_MINUTES))).toBeLessThan(1e-12);
  });

  it('with every gap in 5m..1h and 1h paying, the oracle equals 1h (sliding; and fixed while no entry outlives its hour)', () => {
    const long = renewal([
      { tokens: 20_000, timesMs: timesOf(0, [40 * MINUTE_MS, 55 * MINUTE_MS - 1, 47 * MINUTE_MS, 41 * MINUTE_MS]) },
      { tokens: 8_000, timesMs: timesOf(5000, [50 * MINUTE_MS, 42 * MINUTE_MS]) },
    ]);
    const oracle = oracleCost(long, () => UNIT_PROFILE, { keepaliveEveryMs: EVERY_MS });
    // A request that reads its whole prefix writes nothing, so its own tier is moot: only none and keep-alive are ruled out.
    expect([oracle.tiers.none, oracle.tiers.keepalive]).toEqual([0, 0]);
    expect(Math.abs(oracle.costUsd.total - engineUsd(long, ONE_HOUR_SLIDING))).toBeLessThan(1e-12);
    expect(oracle.tokens).toEqual(run(long, ONE_HOUR_SLIDING).result.ledger.total());
    // Under a fixed 1h the second key's third request is a miss (its entry is 92 minutes old): the oracle is below.
    expect(oracle.costUsd.total).toBeLessThan(engineUsd(long, ONE_HOUR));

    const withinAnHour = renewal([
      { tokens: 20_000, timesMs: timesOf(0, [25 * MINUTE_MS, 25 * MINUTE_MS]) },
      { tokens: 12_000, timesMs: timesOf(3000, [30 * MINUTE_MS, 20 * MINUTE_MS]) },
    ]);
    expect(Math.abs(oracleUsd(withinAnHour) - engineUsd(withinAnHour, ONE_HOUR))).toBeLessThan(1e-12);
  });
});
