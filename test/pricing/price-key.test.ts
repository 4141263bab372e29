// What a request is billed at beyond its model (docs/pricing.md, "What the bill holds"): the long-context
// price, fast mode and the service tier, as absolute prices typed in by hand from the pricing pages.
import { describe, expect, it } from 'vitest';
import { findProfile } from '../../src/pricing/lookup.js';
import { modifiedProfile, parsePriceKey, priceKey, STANDARD } from '../../src/pricing/price-key.js';
import { costOf } from '../../src/pricing/cost.js';
import type { PriceProfile } from '../../src/pricing/profile.js';

const profile = (provider: string, model: string) => findProfile(provider, model)!;
const priced = (p: PriceProfile | string): PriceProfile => {
  if (typeof p === 'string') throw new Error(`unpriced: ${p}`);
  return p;
};
/** $/MTok input, 5m write, 1h write, read, output. */
const prices = (p: PriceProfile) => {
  const u = p.usdPerMTok;
  return [u.input, u.cacheWrite5m, u.cacheWrite1h, u.cacheRead, u.output];
};

describe('price keys', () => {
  it('name the model alone when nothing changes its price, and round-trip', () => {
    expect(priceKey('claude-sonnet-4-5', STANDARD)).toBe('claude-sonnet-4-5');
    expect(priceKey('claude-sonnet-4-5', { ...STANDARD, serviceTier: 'standard' })).toBe('claude-sonnet-4-5');
    const key = priceKey('claude-opus-4-8', { longContext: true, fast: true, serviceTier: 'batch' });
    expect(key).toBe('claude-opus-4-8 (fast, long context, batch)');
    expect(parsePriceKey(key)).toEqual({
      model: 'claude-opus-4-8',
      modifiers: { longContext: true, fast: true, serviceTier: 'batch' },
    });
    expect(parsePriceKey('claude-sonnet-4-5')).toEqual({ model: 'claude-sonnet-4-5', modifiers: STANDARD });
  });
});

describe('modified profiles', () => {
  it('long context: Sonnet 4.5 and 4 at $6/$22.50, caching multipliers on top', () => {
    for (const model of ['claude-sonnet-4-5', 'claude-sonnet-4']) {
      const long = priced(modifiedProfile(profile('anthropic', model), { ...STANDARD, longContext: true }));
      expect(prices(long)).toEqual([6, 7.5, 12, 0.6, 22.5]);
      expect(long.model).toBe(`${model} (long context)`);
      expect(long.notes).toContain('2026-03-13');
    }
    // Claude 4.6 and later: the standard price across the whole context window.
    expect(profile('anthropic', 'claude-sonnet-4-6').longContext).toBeUndefined();
    expect(profile('anthropic', 'claude-opus-4-6').longContext).toBeUndefined();
  });

  it('long context on Bedrock: regional +10%, and no 1h price where Bedrock has no 1h tier', () => {
    const regional = priced(
      modifiedProfile(profile('bedrock-regional', 'claude-sonnet-4-5'), { ...STANDARD, longContext: true }),
    );
    expect(prices(regional)).toEqual([6.6, 8.25, 13.2, 0.66, 24.75]);
    const sonnet4 = priced(modifiedProfile(profile('bedrock', 'claude-sonnet-4'), { ...STANDARD, longContext: true }));
    expect(prices(sonnet4).map((p) => (Number.isNaN(p) ? null : p))).toEqual([6, 7.5, null, 0.6, 22.5]);
  });

  it('fast mode: Opus 5 and 4.8 at $10/$50; no source prices it elsewhere, nor on Bedrock or Vertex', () => {
    for (const model of ['claude-opus-5', 'claude-opus-4-8']) {
      const fast = priced(modifiedProfile(profile('anthropic', model), { ...STANDARD, fast: true }));
      expect(prices(fast)).toEqual([10, 12.5, 20, 1, 50]);
    }
    expect(modifiedProfile(profile('anthropic', 'claude-opus-4-6'), { ...STANDARD, fast: true })).toBe('fast');
    expect(modifiedProfile(profile('bedrock', 'claude-opus-4-8'), { ...STANDARD, fast: true })).toBe('fast');
    expect(modifiedProfile(profile('vertex', 'claude-opus-5'), { ...STANDARD, fast: true })).toBe('fast');
  });

  it('batch: half of every category on the Anthropic API; priority and flex have no price', () => {
    const batch = priced(
      modifiedProfile(profile('anthropic', 'claude-sonnet-4-5'), { ...STANDARD, serviceTier: 'batch' }),
    );
    expect(prices(batch)).toEqual([1.5, 1.875, 3, 0.15, 7.5]);
    const both = priced(
      modifiedProfile(profile('anthropic', 'claude-sonnet-4-5'), {
        ...STANDARD,
        longContext: true,
        serviceTier: 'batch',
      }),
    );
    expect(prices(both)).toEqual([3, 3.75, 6, 0.3, 11.25]);
    for (const tier of ['priority', 'flex', 'constructor'])
      expect(modifiedProfile(profile('anthropic', 'claude-sonnet-4-5'), { ...STANDARD, serviceTier: tier })).toBe(
        'service-tier',
      );
    expect(modifiedProfile(profile('bedrock', 'claude-sonnet-4-5'), { ...STANDARD, serviceTier: 'batch' })).toBe(
      'service-tier',
    );
  });

  it('hand-computed dollars: a 250,010-token Sonnet 4.5 request, a fast Opus 4.8 one, a batch one', () => {
    const usage = (input: number, cacheWrite5m: number, cacheRead: number, output: number) => ({
      input,
      cacheWrite5m,
      cacheWrite1h: 0,
      cacheRead,
      output,
    });
    const sonnet = profile('anthropic', 'claude-sonnet-4-5');
    // 10 × $6 + 250,000 × $7.50 + 1,000 × $22.50, per million.
    const long = priced(modifiedProfile(sonnet, { ...STANDARD, longContext: true }));
    expect(costOf(usage(10, 250_000, 0, 1000), 0, long).total).toBeCloseTo(1.89756, 9);
    // 50 × $10 + 8,000 × $12.50 + 300 × $50.
    const fast = priced(modifiedProfile(profile('anthropic', 'claude-opus-4-8'), { ...STANDARD, fast: true }));
    expect(costOf(usage(50, 8000, 0, 300), 0, fast).total).toBeCloseTo(0.1155, 9);
    // Half of 1,000 × $3 + 4,000 × $3.75 + 1,000 × $15.
    const batch = priced(modifiedProfile(sonnet, { ...STANDARD, serviceTier: 'batch' }));
    expect(costOf(usage(1000, 4000, 0, 1000), 0, batch).total).toBeCloseTo(0.0165, 9);
  });

  it('the standard request keeps the profile itself', () => {
    const sonnet = profile('anthropic', 'claude-sonnet-4-5');
    expect(modifiedProfile(sonnet, STANDARD)).toBe(sonnet);
    expect(modifiedProfile(sonnet, { ...STANDARD, serviceTier: 'standard' })).toBe(sonnet);
  });
});
