import { describe, it, expect } from 'vitest';
import { parseScenarioText } from '../../src/scenario/read.js';
import { parseDuration, parseRate } from '../../src/scenario/units.js';

const base = (workload: string, policies = '') => `name: t
horizon: 2h
pricing: { provider: anthropic, model: claude-sonnet-4-5-20250929, input: 2.5, minCacheableTokens: 512 }
engine: { lookback: 10, firstTokenDelay: 1500ms, earlyEviction: 2/h, bucket: 10m }
workload:
${workload}
${policies}`;

const RENEWAL = '  kind: renewal\n  keys: 3\n  gap: 4m\n  prefixTokens: { dist: uniform, min: 1000, max: 2000 }';

describe('units', () => {
  it('parses durations with units, compounds and decimals to integer ms', () => {
    expect([parseDuration('250ms'), parseDuration('45s'), parseDuration('5m'), parseDuration('4m30s'), parseDuration('1.5h'), parseDuration('2d')]).toEqual([250, 45_000, 300_000, 270_000, 5_400_000, 172_800_000]);
    expect([parseDuration('10'), parseDuration(10), parseDuration('5 m'), parseDuration('-5m'), parseDuration('5x')]).toEqual([null, null, null, null, null]);
  });

  it('parses rates to events per ms', () => {
    expect(parseRate('15/h')).toBeCloseTo(15 / 3_600_000, 15);
    expect(parseRate('1/4m')).toBeCloseTo(1 / 240_000, 15);
    expect([parseRate('0/h'), parseRate('5'), parseRate('x/h')]).toEqual([null, null, null]);
  });
});

describe('a scenario normalises to base units, defaults and tiers', () => {
  it('resolves the model alias, keeps price overrides, and reads engine options', () => {
    const s = parseScenarioText(base(RENEWAL), 't.yaml');
    expect(s.pricing).toEqual({ provider: 'anthropic', model: 'claude-sonnet-4-5', overrides: expect.objectContaining({ input: 2.5, minCacheableTokens: 512 }) });
    expect(s.engine).toEqual({ lookback: 10, firstTokenDelayMs: 1500, evictionRatePerMs: 2 / 3_600_000, bucketMs: 600_000 });
    expect(s.horizonMs).toBe(7_200_000);
    expect(s.seed).toBe(1);
  });

  it('fills workload defaults and turns a bare duration into a constant', () => {
    const w = parseScenarioText(base(RENEWAL), 't.yaml').workloads[0];
    expect(w).toMatchObject({ kind: 'renewal', keys: 3, gapMs: { dist: 'constant', value: 240_000 }, suffixTokens: { dist: 'constant', value: 0 }, role: 'context', scope: 'default', label: 'w0', profile: null });
  });

  it('default policies are no-cache, 5m sliding, 1h fixed and 1h sliding', () => {
    const policies = parseScenarioText(base(RENEWAL), 't.yaml').policies;
    expect(policies.map((p) => [p.name, p.cache, p.defaultTier?.label, p.defaultTier?.refresh])).toEqual([
      ['no-cache', false, undefined, undefined],
      ['5m', true, '5m', 'sliding'],
      ['1h', true, '1h', 'fixed'],
      ['1h-sliding', true, '1h', 'sliding'],
    ]);
  });

  it('per-role TTLs, per-tier refresh, what-if durations and keep-alive', () => {
    const policies = parseScenarioText(
      base(
        '  kind: sessions\n  arrivals: 4/h\n  turns: 3\n  thinkTime: 1m\n  prompt: { tools: 100, system: 2000, userMessage: 50, output: 100 }',
        'policies:\n  - { name: mixed, ttl: { system: 1h, history: 5m, tools: none }, refresh: { 1h: sliding } }\n  - { name: ten, ttl: 10m }\n  - { name: ka, ttl: 5m, keepalive: { every: 4m30s, maxIdle: 30m } }',
      ),
      't.yaml',
    ).policies;
    expect(policies[0].tierByRole).toEqual({
      system: { ttlMs: 3_600_000, refresh: 'sliding', billAs: '1h', label: '1h' },
      history: { ttlMs: 300_000, refresh: 'sliding', billAs: '5m', label: '5m' },
      tools: null,
    });
    expect(policies[1].defaultTier).toEqual({ ttlMs: 600_000, refresh: 'sliding', billAs: '1h', label: '10m' });
    expect(policies[2].keepalive).toEqual({ everyMs: 270_000, maxIdleMs: 1_800_000, tailTokens: 20, outputTokens: 1 });
  });

  it('a list of workloads gets labels by position and its own models', () => {
    const s = parseScenarioText(base(`  - ${RENEWAL.trim().replace(/\n {2}/g, '\n    ')}\n  - { kind: periodic, every: 30m, prefixTokens: 30000, model: claude-haiku-4-5, profile: office-hours }`), 't.yaml');
    expect(s.workloads.map((w) => [w.kind, w.label, w.model])).toEqual([
      ['renewal', 'w0', 'claude-sonnet-4-5'],
      ['periodic', 'w1', 'claude-haiku-4-5'],
    ]);
    expect(s.workloads[1].profile?.hourly[12]).toBe(1);
  });
});

describe('price overrides reach the bill', () => {
  it('an input-price override given with a dated model id changes the no-cache cost accordingly', async () => {
    const { runScenario } = await import('../../src/run-scenario.js');
    const text = (input: number) => base(RENEWAL, 'policies: [{ name: none, cache: false }]').replace('input: 2.5', `input: ${input}`);
    const cheap = runScenario(parseScenarioText(text(1), 't.yaml')).policies[0];
    const dear = runScenario(parseScenarioText(text(2), 't.yaml')).policies[0];
    expect(dear.costUsd.input).toBeCloseTo(2 * cheap.costUsd.input, 9);
    expect(cheap.costUsd.input).toBeCloseTo(cheap.tokens.input / 1e6, 9);
  });
});

describe('provider-dependent policies', () => {
  const other = (pricing: string, policies = '') => `name: t\nhorizon: 1h\npricing: ${pricing}\nworkload: { kind: renewal, keys: 1, gap: 1m, prefixTokens: 5000 }\n${policies}`;

  it('default policies follow the provider: GPT-5.6 offers one 30m sliding TTL, Gemini a fixed 1h', () => {
    expect(parseScenarioText(other('{ provider: openai, model: gpt-5.6-sol }'), 't.yaml').policies.map((p) => p.name)).toEqual(['no-cache', '30m']);
    expect(parseScenarioText(other('{ provider: gemini, model: gemini-2.5-pro }'), 't.yaml').policies.map((p) => p.name)).toEqual(['no-cache', '1h', '1h-sliding']);
  });

  it('a what-if TTL above five minutes on a 5m-only model is an input error, not a crash', async () => {
    const { messages } = await import('../../src/scenario/messages.js');
    expect(() => parseScenarioText(other('{ provider: bedrock, model: claude-3-7-sonnet }', 'policies: [{ name: w, ttl: 30m }]'), 't.yaml')).toThrow(messages.noLongWritePrice('bedrock', 'claude-3-7-sonnet', '30m'));
  });
});
