import { describe, it, expect } from 'vitest';
import {
  applyOverrides,
  canonicalModel,
  findProfile,
  knownModels,
  listProfiles,
  providers,
  suggestModel,
} from '../../src/pricing/lookup.js';
import { MODEL_ALIASES, PRICE_PROFILES } from '../../src/pricing/profiles.js';
import { formatPriceTable, priceProfilesJson } from '../../src/report/prices-table.js';

const anthropic = listProfiles().filter((p) => p.provider === 'anthropic');
/** Multiplier on input, to three decimals: listed prices are in cents, so this absorbs float noise only. */
const ratio = (price: number, input: number) => Math.round((price / input) * 1000) / 1000;
const CLOUDS = ['bedrock', 'bedrock-regional', 'vertex', 'vertex-regional'];

describe('Anthropic price profiles', () => {
  it('every model writes 5m at 1.25× and 1h at 2× its input price, except Haiku 3 whose 5m write is rounded to 1.2×', () => {
    expect(anthropic.length).toBeGreaterThanOrEqual(21);
    for (const p of anthropic) {
      const { input, cacheWrite5m, cacheWrite1h } = p.usdPerMTok;
      expect(ratio(cacheWrite5m, input), p.model).toBe(p.model === 'claude-3-haiku' ? 1.2 : 1.25);
      expect(ratio(cacheWrite1h, input), p.model).toBe(2);
    }
  });

  it('reads cost 0.1× input except Opus 5.5 (0.05×), Fable and Mythos 5.1 (0.025×) and rounded Haiku 3 (0.12×)', () => {
    const exceptions: Record<string, number> = {
      'claude-opus-5-5': 0.05,
      'claude-fable-5-1': 0.025,
      'claude-mythos-5-1': 0.025,
      'claude-3-haiku': 0.12,
    };
    for (const model of Object.keys(exceptions)) expect(findProfile('anthropic', model), model).toBeDefined();
    for (const p of anthropic)
      expect(ratio(p.usdPerMTok.cacheRead, p.usdPerMTok.input), p.model).toBe(exceptions[p.model] ?? 0.1);
  });

  it('keeps absolute prices and minimums from the pricing page', () => {
    const sonnet = findProfile('anthropic', 'claude-sonnet-4-5')!;
    expect(sonnet.usdPerMTok).toEqual({
      input: 3,
      cacheWrite5m: 3.75,
      cacheWrite1h: 6,
      cacheRead: 0.3,
      output: 15,
      storagePerHour: 0,
    });
    expect(findProfile('anthropic', 'claude-3-haiku')!.usdPerMTok.cacheWrite5m).toBe(0.3);
    expect(findProfile('anthropic', 'claude-opus-4-7')!.minCacheableTokens).toBe(2048);
    expect(findProfile('anthropic', 'claude-haiku-4-5')!.minCacheableTokens).toBe(4096);
  });

  it('offers 5m sliding and 1h fixed, and rejects a longer TTL after a shorter one', () => {
    for (const p of anthropic) {
      expect(p.ttls, p.model).toEqual(['5m', '1h']);
      expect(p.refresh, p.model).toEqual({ '5m': 'sliding', '1h': 'fixed' });
      expect(p.ttlNonIncreasing, p.model).toBe(true);
    }
  });

  it('leaves out Sonnet 5.5 and Haiku 5.5, whose write prices are unknown', () => {
    expect(findProfile('anthropic', 'claude-sonnet-5-5')).toBeUndefined();
    expect(findProfile('anthropic', 'claude-haiku-5-5')).toBeUndefined();
  });
});

describe('Bedrock and Vertex profiles', () => {
  it('global endpoints charge the Anthropic price; regional ones 10% more from Claude 4.5 on', () => {
    const beforeClaude45 = new Set([
      'claude-opus-4-1',
      'claude-opus-4',
      'claude-sonnet-4',
      'claude-3-5-haiku',
      'claude-3-7-sonnet',
      'claude-3-opus',
      'claude-3-haiku',
    ]);
    for (const p of listProfiles().filter((q) => CLOUDS.includes(q.provider))) {
      const base = findProfile('anthropic', p.model)!;
      const premium = p.provider.endsWith('-regional') && !beforeClaude45.has(p.model) ? 1.1 : 1;
      for (const category of ['input', 'cacheWrite5m', 'cacheRead', 'output'] as const) {
        expect(p.usdPerMTok[category], `${p.provider}/${p.model} ${category}`).toBeCloseTo(
          base.usdPerMTok[category] * premium,
          9,
        );
      }
    }
    expect(findProfile('vertex-regional', 'claude-sonnet-4-5')!.usdPerMTok.input).toBe(3.3);
    expect(findProfile('bedrock-regional', 'claude-3-5-haiku')!.usdPerMTok.input).toBe(0.8);
  });

  it('5m-only models have no 1h tier and no 1h price', () => {
    for (const [provider, model] of [
      ['bedrock', 'claude-3-7-sonnet'],
      ['bedrock', 'claude-sonnet-4'],
      ['vertex', 'claude-3-opus'],
      ['vertex-regional', 'claude-3-7-sonnet'],
    ]) {
      const p = findProfile(provider, model)!;
      expect(p.ttls, `${provider}/${model}`).toEqual(['5m']);
      expect(p.usdPerMTok.cacheWrite1h, `${provider}/${model}`).toBeNaN();
    }
    expect(findProfile('bedrock', 'claude-sonnet-4-5')!.usdPerMTok.cacheWrite1h).toBe(6);
  });

  it('Bedrock keeps its own minimum where it differs (Opus 4.7: 4,096 vs 2,048)', () => {
    expect(findProfile('bedrock', 'claude-opus-4-7')!.minCacheableTokens).toBe(4096);
    expect(findProfile('vertex', 'claude-opus-4-7')!.minCacheableTokens).toBe(2048);
  });

  it('Opus 4 is served on Google Cloud only', () => {
    expect(findProfile('vertex', 'claude-opus-4')).toBeDefined();
    expect(findProfile('bedrock', 'claude-opus-4')).toBeUndefined();
  });
});

describe('other providers', () => {
  it('GPT-5.6 writes at 1.25× input with a 30m sliding TTL; older OpenAI models write at the input price', () => {
    for (const model of ['gpt-5.6-sol', 'gpt-5.6-terra', 'gpt-5.6-luna']) {
      const p = findProfile('openai', model)!;
      expect(ratio(p.usdPerMTok.cacheWrite5m, p.usdPerMTok.input), model).toBe(1.25);
      expect(p.ttls, model).toEqual(['30m']);
      expect(p.refresh, model).toEqual({ '30m': 'sliding' });
    }
    const older = findProfile('openai', 'gpt-4.1')!;
    expect(older.usdPerMTok.cacheWrite5m).toBe(older.usdPerMTok.input);
    expect(older.refresh).toEqual({ '5m': 'sliding' });
  });

  it('Gemini explicit caching bills storage per MTok-hour and expires at a fixed time; writes cost input', () => {
    for (const p of listProfiles().filter((q) => q.provider === 'gemini')) {
      expect(p.usdPerMTok.storagePerHour, p.model).toBeGreaterThan(0);
      expect(p.refresh, p.model).toEqual({ '1h': 'fixed' });
      expect(p.usdPerMTok.cacheWrite1h, p.model).toBe(p.usdPerMTok.input);
    }
    expect(knownModels('deepseek')).toContain('deepseek-chat');
  });

  it('every TTL a profile offers has a finite write price in the category ttlsim bills it as (above 5m: 1h)', () => {
    const minutes = (label: string) => Number(label.slice(0, -1)) * (label.endsWith('h') ? 60 : 1);
    for (const p of listProfiles()) {
      for (const ttl of p.ttls) {
        const price = minutes(ttl) <= 5 ? p.usdPerMTok.cacheWrite5m : p.usdPerMTok.cacheWrite1h;
        expect(Number.isFinite(price), `${p.provider}/${p.model} ${ttl}`).toBe(true);
        expect(p.refresh[ttl], `${p.provider}/${p.model} ${ttl}`).toMatch(/^(sliding|fixed)$/);
      }
    }
  });
});

describe('the profile list', () => {
  it('has unique (provider, model) pairs, each with a source, an ISO as-of date and a caveat', () => {
    const keys = PRICE_PROFILES.map((p) => `${p.provider}/${p.model}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of PRICE_PROFILES) {
      const key = `${p.provider}/${p.model}`;
      expect(p.sourceUrl, key).toMatch(/^https:\/\/[^ ]+$/);
      expect(p.asOf, key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${p.asOf}T00:00:00Z`).toISOString().slice(0, 10), key).toBe(p.asOf);
      expect(p.notes.length, key).toBeGreaterThan(10);
      expect(p.model, key).toBe(p.model.toLowerCase());
    }
    expect(providers()).toEqual([
      'anthropic',
      'bedrock',
      'bedrock-regional',
      'vertex',
      'vertex-regional',
      'openai',
      'gemini',
      'deepseek',
    ]);
  });
});

describe('lookup', () => {
  it('every alias resolves to a profile on the Anthropic API', () => {
    for (const [alias, model] of Object.entries(MODEL_ALIASES))
      expect(findProfile('anthropic', alias)?.model, alias).toBe(model);
  });

  it('resolves dated ids, cloud ids, dotted versions and case', () => {
    expect(findProfile('anthropic', 'claude-sonnet-4-5-20250929')?.model).toBe('claude-sonnet-4-5');
    expect(findProfile('anthropic', 'claude-opus-4-20250514')?.model).toBe('claude-opus-4');
    expect(findProfile('ANTHROPIC', ' Claude-Haiku-4-5-20251001 ')?.model).toBe('claude-haiku-4-5');
    expect(findProfile('bedrock', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0')?.model).toBe('claude-sonnet-4-5');
    expect(findProfile('bedrock', 'global.anthropic.claude-opus-4-6-v1')?.model).toBe('claude-opus-4-6');
    expect(findProfile('vertex', 'claude-3-5-haiku@20241022')?.model).toBe('claude-3-5-haiku');
    expect(findProfile('anthropic', 'anthropic/claude-sonnet-4.5')?.model).toBe('claude-sonnet-4-5');
    expect(findProfile('openai', 'gpt-4.1-2025-04-14')?.model).toBe('gpt-4.1');
    expect(findProfile('gemini', 'models/gemini-2.5-pro')?.model).toBe('gemini-2.5-pro');
    expect(canonicalModel('gpt-4.1')).toBe('gpt-4.1');
    expect(findProfile('anthropic', 'claude-nonexistent-9')).toBeUndefined();
    expect(findProfile('openai', 'claude-sonnet-4-5')).toBeUndefined();
  });

  it('suggests the closest known model for a typo, and nothing for a stranger', () => {
    expect(suggestModel('anthropic', 'claude-sonet-4-5')).toBe('claude-sonnet-4-5');
    expect(suggestModel('anthropic', 'claude-3-5-haiku-2024102')).toBe('claude-3-5-haiku');
    expect(suggestModel('openai', 'gpt-5.6-sool')).toBe('gpt-5.6-sol');
    expect(suggestModel('anthropic', 'something-else-entirely')).toBeUndefined();
    expect(suggestModel('nobody', 'claude-sonnet-4-5')).toBeUndefined();
  });

  it('knownModels lists one provider, case-insensitively', () => {
    expect(knownModels('Bedrock')).toContain('claude-3-5-haiku');
    expect(knownModels('bedrock')).not.toContain('claude-3-haiku');
    expect(knownModels('nobody')).toEqual([]);
  });

  it('applies scenario overrides to prices and the minimum, leaving the rest and the original untouched', () => {
    const base = findProfile('anthropic', 'claude-sonnet-4-5')!;
    const changed = applyOverrides(base, { input: 2, cacheWrite1h: 5, storagePerHour: 0.5, minCacheableTokens: 2048 });
    expect(changed.usdPerMTok).toEqual({
      input: 2,
      cacheWrite5m: 3.75,
      cacheWrite1h: 5,
      cacheRead: 0.3,
      output: 15,
      storagePerHour: 0.5,
    });
    expect(changed.minCacheableTokens).toBe(2048);
    expect(changed.notes).toContain('input, cacheWrite1h, storagePerHour, minCacheableTokens');
    expect(base.usdPerMTok.input).toBe(3);
    expect(applyOverrides(base, { output: undefined })).toBe(base);
  });
});

describe('price table', () => {
  const table = formatPriceTable(listProfiles());

  it('lists every profile with its prices, a dash for a missing tier, and no colour codes', () => {
    for (const column of [
      'provider',
      'model',
      'input',
      '5m write',
      '1h write',
      'read',
      'output',
      'storage/h',
      'min tokens',
      'TTLs',
      'as of',
    ])
      expect(table).toContain(column);
    const row = (provider: string, model: string) =>
      table.split('\n').find((line) => new RegExp(`\\b${provider}\\s.*\\s${model}\\s`).test(line)) ?? '';
    expect(row('anthropic', 'claude-sonnet-4-5')).toMatch(
      /\$3\.00.*\$3\.75.*\$6\.00.*\$0\.30.*\$15\.00.*1024.*5m sliding, 1h fixed.*2026-08-21/,
    );
    expect(row('bedrock', 'claude-3-7-sonnet')).toMatch(/\$3\.75\s+\S\s+—\s+\S\s+\$0\.30/);
    expect(row('gemini', 'gemini-2.5-pro')).toMatch(/\$4\.50.*1h fixed/);
    expect(row('anthropic', 'claude-fable-5-1')).toContain('$0.25');
    expect(table.split('\n').filter((line) => / claude-| gpt-| gemini-| deepseek-| o[34]/.test(line))).toHaveLength(
      listProfiles().length,
    );
    expect(table).not.toContain('\u001b[');
    expect(table).not.toContain('NaN');
  });

  it('JSON rows replace NaN with null and keep every field', () => {
    const rows = priceProfilesJson(listProfiles());
    expect(rows).toHaveLength(listProfiles().length);
    const text = JSON.stringify(rows);
    expect(text).not.toContain('NaN');
    const old = rows.find((r) => r.provider === 'bedrock' && r.model === 'claude-3-7-sonnet')!;
    expect(old.usdPerMTok.cacheWrite1h).toBeNull();
    expect(old.usdPerMTok.cacheWrite5m).toBe(3.75);
    expect((JSON.parse(text) as unknown[])[0]).toEqual(rows[0]);
    expect(Object.keys(rows[0])).toEqual([
      'provider',
      'model',
      'displayName',
      'usdPerMTok',
      'minCacheableTokens',
      'ttls',
      'refresh',
      'ttlNonIncreasing',
      'sourceUrl',
      'asOf',
      'notes',
    ]);
  });
});
