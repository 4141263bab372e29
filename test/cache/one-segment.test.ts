// The prefix cache's path for one-segment prompts (PrefixCache.serveOneSegment) against its general path
// (servePrompt) on the same requests: same billing per request, same entries, same expiries, same totals.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PrefixCache, emptyOutcome, type PrefixCacheOptions, type ServeOutcome } from '../../src/cache/prefix-cache.js';
import type { Tier, TierResolver } from '../../src/model/policy.js';
import type { Request } from '../../src/model/request.js';
import { createRng } from '../../src/workload/rng.js';
import { request, segment, tier } from '../helpers.js';

/** Every request through the general path, as before the one-segment path existed. */
class GeneralPathOnly extends PrefixCache {
  protected override serveOneSegment(
    request: Request,
    tailTokens: number,
    nowMs: number,
    tierFor: TierResolver,
    out: ServeOutcome,
  ): void {
    this.servePrompt(request, tailTokens, nowMs, tierFor, out);
  }
}

const TIERS: readonly (Tier | null)[] = [tier('5m'), tier('1h'), tier('5m', 'fixed'), tier('1h', 'sliding'), null];
const MIN_TOKENS: Readonly<Record<string, number>> = { small: 1024, large: 4096 };

const step = fc.record({
  gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 1, max: 4_000_000 })),
  key: fc.integer({ min: 0, max: 6 }),
  tokens: fc.constantFrom(500, 1024, 3000, 5000),
  tailTokens: fc.integer({ min: 0, max: 100 }),
  tier: fc.integer({ min: 0, max: TIERS.length - 1 }),
  scope: fc.constantFrom('a', 'b'),
  model: fc.constantFrom('small', 'large'),
  warm: fc.constantFrom(undefined, 0),
});
const setup = fc.record({
  lookback: fc.constantFrom(1, 20),
  firstTokenDelayMs: fc.constantFrom(0, 4000),
  evictionRatePerMs: fc.constantFrom(0, 1e-6),
});

type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

/** Runs the steps like the engine does (expiry before a same-ms arrival); returns everything observable. */
function play(cache: PrefixCache, steps: readonly Step[]): unknown {
  const outcomes: ServeOutcome[] = [];
  const out = emptyOutcome();
  let nowMs = 1;
  const expireUntil = (ms: number) => {
    for (let next = cache.nextExpiryMs(); next <= ms && next !== Infinity; next = cache.nextExpiryMs())
      cache.expireNext(next);
  };
  for (const s of steps) {
    nowMs += s.gapMs;
    expireUntil(nowMs);
    const prompt = [segment(`k${s.key}`, s.tokens)];
    const r = request(nowMs, prompt, {
      scope: s.scope,
      model: s.model,
      tailTokens: s.tailTokens,
      warmSegments: s.warm,
    });
    const chosen = TIERS[s.tier];
    cache.serve(r, r.tailTokens, nowMs, () => chosen, out);
    outcomes.push({ ...out });
  }
  expireUntil(Infinity);
  return { outcomes, counters: countersOf(cache), storage: [...cache.storageTokenHours(nowMs)] };
}

/** The cache's public counters (its private parts, trie and schedule, are not results). */
function countersOf(cache: PrefixCache) {
  return {
    live: [cache.liveEntries, cache.liveTokens, cache.peakLiveEntries, cache.peakLiveTokens],
    ended: [cache.entriesWritten, cache.expirations, cache.wastedWrites, cache.evictions, cache.endedLifetimeMs],
    bins: [[...cache.lifetimeEntries], [...cache.lifetimeWasted], [...cache.readsEntries]],
  };
}

function options(engine: {
  lookback: number;
  firstTokenDelayMs: number;
  evictionRatePerMs: number;
}): PrefixCacheOptions {
  return { ...engine, horizonMs: 1e12, minCacheableTokens: (model) => MIN_TOKENS[model], rng: createRng(7) };
}

describe('one-segment prompts (PrefixCache.serveOneSegment)', () => {
  it('bill, refresh, write and expire exactly as the general path', () => {
    fc.assert(
      fc.property(setup, fc.array(step, { minLength: 1, maxLength: 200 }), (engine, steps) => {
        const fast = play(new PrefixCache(options(engine)), steps);
        const general = play(new GeneralPathOnly(options(engine)), steps);
        expect(fast).toEqual(general);
      }),
      { numRuns: 300, seed: 14 },
    );
  });

  it('the property sees hits, sliding refreshes, misses, re-writes and expiries', () => {
    // A fixed sequence through the one-segment path: a write, a hit that slides the entry, an expiry, a re-write.
    const cache = new PrefixCache(options({ lookback: 20, firstTokenDelayMs: 0, evictionRatePerMs: 0 }));
    const out = emptyOutcome();
    const fiveMinutes = tier('5m');
    const at = (ms: number) => {
      for (let next = cache.nextExpiryMs(); next <= ms && next !== Infinity; next = cache.nextExpiryMs())
        cache.expireNext(next);
      cache.serve(request(ms, [segment('k', 2000)], { model: 'small', tailTokens: 7 }), 7, ms, () => fiveMinutes, out);
      return { ...out };
    };
    expect(at(1)).toMatchObject({ readTokens: 0, write5mTokens: 2000, inputTokens: 7, entriesWritten: 1 });
    expect(at(200_000)).toMatchObject({ readTokens: 2000, write5mTokens: 0, inputTokens: 7, entriesWritten: 0 });
    expect(cache.nextExpiryMs()).toBe(500_000);
    expect(at(500_000)).toMatchObject({ readTokens: 0, write5mTokens: 2000, entriesWritten: 1 });
    expect(cache.expirations).toBe(1);
    expect(cache.entriesWritten).toBe(2);
  });
});
