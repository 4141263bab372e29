import { describe, it, expect } from 'vitest';
import { applyOverrides, canonicalModel, findProfile, listProfiles, suggestModel } from '../../src/pricing/lookup.js';
import { formatPriceTable, priceProfilesJson } from '../../src/report/prices-table.js';

const anthropic = listProfiles().filter((p) => p.provider === 'anthropic');
const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;

describe('price profiles', () => {
  it('every Anthropic model writes 5m at 1.25× and 1h at 2× its input price, except rounded Haiku 3', () => {
    for (const p of anthropic) {
      const { input, cacheWrite5m, cacheWrite1h } = p.usdPerMTok;
      if (p.model === 'claude-3-haiku') {
        expect(ratio(cacheWrite5m, input)).toBe(1.2);
        continue;
      }
      expect(ratio(cacheWrite5m, input), p.model).toBe(1.25);
      expect(ratio(cacheWrite1h, input), p.model).toBe(2);
    }
  });

  it('reads cost 0.1× input except the documented 0.05× (Opus 5.5), 0.025× (Fable/Mythos 5.1) and 0.12× (Haiku 3)', () => {
    const exceptions: Record<string, number> = { 'claude-opus-5-5': 0.05, 'claude-fable-5-1': 0.025, 'claude-mythos-5-1': 0.025, 'claude-3-haiku': 0.12 };
    for (const p of anthropic) expect(ratio(p.usdPerMTok.cacheRead, p.usdPerMTok.input), p.model).toBe(exceptions[p.model] ?? 0.1);
  });

  it('(provider, model) pairs are unique and every profile names a source and an ISO as-of date', () => {
    const keys = listProfiles().map((p) => `${p.provider}/${p.model}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of listProfiles()) {
      expect(p.sourceUrl, p.model).toMatch(/^https:\/\//);
      expect(p.asOf, p.model).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('regional cloud endpoints cost 10% more; 5m-only models have no 1h price', () => {
    const global = findProfile('bedrock', 'claude-sonnet-4-5')!;
    const regional = findProfile('bedrock-regional', 'claude-sonnet-4-5')!;
    expect(regional.usdPerMTok.input / global.usdPerMTok.input).toBeCloseTo(1.1, 10);
    const old = findProfile('bedrock', 'claude-3-7-sonnet')!;
    expect(old.ttls).toEqual(['5m']);
    expect(old.usdPerMTok.cacheWrite1h).toBeNaN();
  });

  it('GPT-5.6 has a 1.25× write premium and a 30m sliding TTL; Gemini explicit caching bills storage', () => {
    const gpt = findProfile('openai', 'gpt-5.6-sol')!;
    expect(gpt.usdPerMTok.cacheWrite5m / gpt.usdPerMTok.input).toBe(1.25);
    expect(gpt.refresh['30m']).toBe('sliding');
    expect(findProfile('gemini', 'gemini-2.5-pro')!.usdPerMTok.storagePerHour).toBeGreaterThan(0);
  });

  it('resolves dated ids, Bedrock model ids and case', () => {
    expect(findProfile('anthropic', 'claude-sonnet-4-5-20250929')?.model).toBe('claude-sonnet-4-5');
    expect(findProfile('ANTHROPIC', 'Claude-Haiku-4-5-20251001')?.model).toBe('claude-haiku-4-5');
    expect(canonicalModel('us.anthropic.claude-sonnet-4-5-20250929-v1:0')).toBe('claude-sonnet-4-5');
    expect(findProfile('anthropic', 'claude-nonexistent-9')).toBeUndefined();
  });

  it('suggests the closest known model for a typo', () => {
    expect(suggestModel('anthropic', 'claude-sonet-4-5')).toBe('claude-sonnet-4-5');
    expect(suggestModel('anthropic', 'something-else-entirely')).toBeUndefined();
  });

  it('applies scenario overrides to prices and the minimum', () => {
    const base = findProfile('anthropic', 'claude-sonnet-4-5')!;
    const changed = applyOverrides(base, { input: 2, minCacheableTokens: 2048 });
    expect(changed.usdPerMTok.input).toBe(2);
    expect(changed.usdPerMTok.output).toBe(base.usdPerMTok.output);
    expect(changed.minCacheableTokens).toBe(2048);
    expect(applyOverrides(base, {})).toBe(base);
  });

  it('formats a table and JSON without NaN', () => {
    expect(formatPriceTable(anthropic)).toContain('claude-opus-4-6');
    expect(JSON.stringify(priceProfilesJson(listProfiles()))).not.toContain('NaN');
  });
});
