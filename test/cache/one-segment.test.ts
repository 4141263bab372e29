// The prefix cache's path for one-segment prompts (PrefixCache.serveOneSegment) against its general path
// (servePrompt) on the same requests: same billing per request, same entries, same expiries, same totals.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PrefixCache, emptyOutcome, type PrefixCacheOptions, type ServeOutcome } from '../../src/cache/prefix-cache.js';
import type { Tier, TierResolver } from '../../src/model/policy.js';
import type { Request, Segment } from '../../src/model/request.js';
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
  // Segment key numbers: a few that come back often; a spread that grows a root's direct index
  // (NodeStore.rootChild: grown while the keys stay below 4 × the root's children + 1,024); keys it does not cover yet
  // (kept in the child table alone until a growth fills them in), and one it never covers.
  key: fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 6 }) },
    fc.integer({ min: 0, max: 300 }),
    fc.integer({ min: 1000, max: 1600 }),
    fc.constantFrom(8191, 8192, 2 ** 31 - 1),
  ),
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
    const prompt: Segment[] = [{ id: `k${s.key}`, key: s.key, tokens: s.tokens, role: 'context', breakpoint: false }];
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

  it('agree after a sweep removes nodes and new keys re-use them (the root direct index follows removals)', () => {
    // 100,000 keys written a millisecond apart, all ended an hour later: past the prune slack (65,536 ended
    // nodes beyond the live ones) a sweep removes them, and the next keys' nodes re-use their indexes. A key
    // seen again must then miss, as in the general path, not find its old node under someone else's key.
    const steps: Step[] = [];
    const base = { tokens: 3000, tailTokens: 1, tier: 2, scope: 'a', model: 'small', warm: undefined } as const;
    for (let key = 0; key < 100_000; key++) steps.push({ ...base, gapMs: 1, key });
    for (let key = 100_000; key < 140_000; key++) steps.push({ ...base, gapMs: key === 100_000 ? 3_600_000 : 1, key });
    for (let key = 0; key < 140_000; key += 7) steps.push({ ...base, gapMs: 3, key });
    const engine = { lookback: 20, firstTokenDelayMs: 0, evictionRatePerMs: 0 };
    const fast = play(new PrefixCache(options(engine)), steps);
    expect(fast).toEqual(play(new GeneralPathOnly(options(engine)), steps));
    // Written: 140,000 keys, then again the 14,286 of every seventh below 100,000 (those above are still live).
    expect((fast as { counters: { ended: number[] } }).counters.ended[0]).toBe(154_286);
  });

  it('agree when the direct index grows over keys that the child table alone held', () => {
    // Key 8,191 comes while the root has one child: too sparse for the direct index (grown to a key below
    // 4 × the children + 1,024), so only the table has it. 2,000 keys later (an index of 2,048), key 5,000
    // grows it to 5,001 keys and key 8,000 to 10,002, which must take 8,191 in from the table: read again,
    // it is a hit. 2^31 - 1 stays in the table alone throughout.
    const base = {
      tokens: 3000,
      tailTokens: 1,
      tier: 0,
      scope: 'a',
      model: 'small',
      warm: undefined,
      gapMs: 1,
    } as const;
    const steps: Step[] = [
      { ...base, key: 8191 },
      { ...base, key: 2 ** 31 - 1 },
    ];
    for (let key = 0; key < 2000; key++) steps.push({ ...base, key });
    steps.push({ ...base, key: 5000 }, { ...base, key: 8000 }, { ...base, key: 8191 }, { ...base, key: 2 ** 31 - 1 });
    const engine = { lookback: 1, firstTokenDelayMs: 0, evictionRatePerMs: 0 };
    const fast = play(new PrefixCache(options(engine)), steps) as { outcomes: ServeOutcome[] };
    expect(fast).toEqual(play(new GeneralPathOnly(options(engine)), steps));
    expect(fast.outcomes.slice(-2).map((o) => o.readTokens)).toEqual([3000, 3000]);
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
