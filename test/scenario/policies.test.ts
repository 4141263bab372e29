import { describe, it, expect } from 'vitest';
import { parseScenarioText } from '../../src/scenario/read.js';
import { messages } from '../../src/scenario/messages.js';
import { InputError } from '../../src/model/errors.js';
import type { KeepAlivePolicy, PolicySpec, StaticPolicy, Tier } from '../../src/model/policy.js';

const scenario = (
  policies: string,
  pricing = '{ provider: anthropic, model: claude-sonnet-4-5 }',
  workload = SESSIONS,
) => `name: t\nhorizon: 2h\npricing: ${pricing}\nworkload: ${workload}\n${policies}`;
const SESSIONS =
  '{ kind: sessions, arrivals: 4/h, turns: 3, thinkTime: 1m, prompt: { tools: 100, system: 2000, userMessage: 50, output: 100 } }';
const RENEWAL = '{ kind: renewal, keys: 1, gap: 1m, prefixTokens: 5000 }';
const policiesOf = (text: string) => parseScenarioText(text, 't.yaml').policies;
const anyPolicy = (line: string, pricing?: string, workload?: string): PolicySpec =>
  policiesOf(scenario(`policies:\n  - ${line}`, pricing, workload))[0];
/** A policy with tiers per role (static or keep-alive); fails the test for any other kind. */
const policy = (line: string, pricing?: string, workload?: string): StaticPolicy | KeepAlivePolicy => {
  const p = anyPolicy(line, pricing, workload);
  if (p.kind !== 'static' && p.kind !== 'keepalive') throw new Error(`${p.name}: a ${p.kind} policy`);
  return p;
};
const keepaliveOf = (line: string) => {
  const p = anyPolicy(line);
  if (p.kind !== 'keepalive') throw new Error(`${p.name}: a ${p.kind} policy`);
  return p.keepalive;
};
const problemsOf = (text: string) => {
  try {
    parseScenarioText(text, 't.yaml');
    return [];
  } catch (error) {
    if (error instanceof InputError) return error.issues.map((i) => [i.path, i.message]);
    throw error;
  }
};
const messagesOf = (text: string) => problemsOf(text).map(([, message]) => message);

const FIVE_MIN: Tier = { ttlMs: 300_000, refresh: 'sliding', billAs: '5m', label: '5m' };
const ONE_HOUR_FIXED: Tier = { ttlMs: 3_600_000, refresh: 'fixed', billAs: '1h', label: '1h' };
const ONE_HOUR_SLIDING: Tier = { ...ONE_HOUR_FIXED, refresh: 'sliding' };

describe('every policy form becomes tiers', () => {
  it('cache: false caches nothing', () => {
    expect(anyPolicy('{ name: no-cache, cache: false }')).toEqual({ kind: 'none', name: 'no-cache' });
  });

  it("5m slides and 1h is fixed by default (the price profile's refresh); refresh: sliding makes 1h slide", () => {
    expect(policy('{ name: 5m, ttl: 5m }')).toEqual({
      kind: 'static',
      name: '5m',
      tierByRole: {},
      defaultTier: FIVE_MIN,
    });
    expect(policy('{ name: 1h, ttl: 1h }').defaultTier).toEqual(ONE_HOUR_FIXED);
    expect(policy('{ name: 1h-sliding, ttl: 1h, refresh: sliding }').defaultTier).toEqual(ONE_HOUR_SLIDING);
    expect(policy('{ name: 5m-fixed, ttl: 5m, refresh: fixed }').defaultTier).toEqual({
      ...FIVE_MIN,
      refresh: 'fixed',
    });
  });

  it('a duration equal to 5m or 1h, however written, is that tier', () => {
    expect(policy('{ name: a, ttl: 300s }').defaultTier).toEqual(FIVE_MIN);
    expect(policy('{ name: b, ttl: 60m }').defaultTier).toEqual(ONE_HOUR_FIXED);
  });

  it('what-if durations keep their label, slide, and bill as the next tier up', () => {
    expect(policy('{ name: what-if-10m, ttl: 10m }').defaultTier).toEqual({
      ttlMs: 600_000,
      refresh: 'sliding',
      billAs: '1h',
      label: '10m',
    });
    expect(policy('{ name: short, ttl: 90s }').defaultTier).toEqual({
      ttlMs: 90_000,
      refresh: 'sliding',
      billAs: '5m',
      label: '90s',
    });
    expect(policy('{ name: long, ttl: 6h, refresh: fixed }').defaultTier).toEqual({
      ttlMs: 21_600_000,
      refresh: 'fixed',
      billAs: '1h',
      label: '6h',
    });
  });

  it('per role, with a default; roles not listed and no default get no breakpoint', () => {
    expect(policy('{ name: mixed, ttl: { tools: 1h, system: 1h, default: 5m } }')).toMatchObject({
      tierByRole: { tools: ONE_HOUR_FIXED, system: ONE_HOUR_FIXED },
      defaultTier: FIVE_MIN,
    });
    expect(policy('{ name: sys, ttl: { system: 1h } }')).toMatchObject({
      tierByRole: { system: ONE_HOUR_FIXED },
      defaultTier: null,
    });
  });

  it('roles the workloads do not have are accepted (docs/scenario-format.md pairs `system: 1h` with a renewal workload)', () => {
    expect(policy('{ name: mixed, ttl: { system: 1h, default: 5m } }', undefined, RENEWAL)).toMatchObject({
      tierByRole: { system: ONE_HOUR_FIXED },
      defaultTier: FIVE_MIN,
    });
  });

  it('per-tier refresh and `none` for a role', () => {
    const p = policy(
      '{ name: mixed2, ttl: { tools: none, system: 1h, project: 1h, history: 5m }, refresh: { 1h: sliding } }',
    );
    expect(p.tierByRole).toEqual({
      tools: null,
      system: ONE_HOUR_SLIDING,
      project: ONE_HOUR_SLIDING,
      history: FIVE_MIN,
    });
  });

  it('keep-alive in ms, with a 20-token tail and 1 output token by default', () => {
    expect(keepaliveOf('{ name: keepalive, ttl: 5m, keepalive: { every: 4m30s, maxIdle: 30m } }')).toEqual({
      everyMs: 270_000,
      maxIdleMs: 1_800_000,
      tailTokens: 20,
      outputTokens: 1,
    });
    expect(keepaliveOf('{ name: ka, ttl: 5m, keepalive: { every: 4m, maxIdle: 1h, tail: 50, output: 0 } }')).toEqual({
      everyMs: 240_000,
      maxIdleMs: 3_600_000,
      tailTokens: 50,
      outputTokens: 0,
    });
  });
});

describe('provider rules', () => {
  it('non-increasing TTLs in prompt order are accepted on Anthropic', () => {
    expect(policy('{ name: ok, ttl: { tools: 1h, system: 1h, project: 1h, history: 5m } }').tierByRole.history).toEqual(
      FIVE_MIN,
    );
  });

  it("tools carry no breakpoint in a sessions prompt, so docs/scenario-format.md's { system: 1h, default: 5m } is accepted", () => {
    expect(messagesOf(scenario('policies: [{ name: mixed, ttl: { system: 1h, default: 5m } }]'))).toEqual([]);
  });

  it('on Anthropic a 1h breakpoint may not follow a 5m one', () => {
    expect(messagesOf(scenario('policies: [{ name: up, ttl: { system: 5m, history: 1h } }]'))).toEqual([
      messages.ttlOrder('history', '1h', 'system', '5m', 'anthropic'),
    ]);
  });

  it('a longer TTL after a shorter one is accepted where the provider allows it', () => {
    const p = policy('{ name: up, ttl: { system: 5m, history: 30m } }', '{ provider: openai, model: gpt-5.4 }');
    expect(p.tierByRole).toEqual({
      system: FIVE_MIN,
      history: { ttlMs: 1_800_000, refresh: 'sliding', billAs: '1h', label: '30m' },
    });
  });

  it('a 5m-only model rejects 1h wherever a workload would use it, and only there', () => {
    const bedrock = '{ provider: bedrock, model: claude-3-7-sonnet }';
    const refusal = messages.ttlNotOffered('bedrock', 'claude-3-7-sonnet', '1h', ['5m']);
    expect(
      problemsOf(scenario('policies: [{ name: x, ttl: { tools: 1h, system: 1h, default: 5m } }]', bedrock)),
    ).toEqual([['policies[0].ttl.system', refusal]]);
    expect(messagesOf(scenario('policies: [{ name: x, ttl: { system: 1h, default: 5m } }]', bedrock, RENEWAL))).toEqual(
      [],
    );
  });

  it('a what-if TTL above five minutes needs a 1h write price, which an override supplies', () => {
    const bedrock = (extra = '') => `{ provider: bedrock, model: claude-3-7-sonnet${extra} }`;
    expect(messagesOf(scenario('policies: [{ name: w, ttl: 30m }]', bedrock(), RENEWAL))).toEqual([
      messages.noLongWritePrice('bedrock', 'claude-3-7-sonnet', '30m'),
    ]);
    expect(policy('{ name: w, ttl: 30m }', bedrock(', cacheWrite1h: 6'), RENEWAL).defaultTier?.billAs).toBe('1h');
  });
});

describe('default policies follow the provider', () => {
  const names = (pricing: string, workload = RENEWAL) =>
    policiesOf(scenario('', pricing, workload)).map((p) => {
      const tier = p.kind === 'static' || p.kind === 'keepalive' ? p.defaultTier : null;
      return [p.name, tier?.label, tier?.refresh];
    });

  it('Anthropic: no-cache, 5m sliding, 1h fixed and 1h sliding', () => {
    expect(names('{ model: claude-sonnet-4-5 }')).toEqual([
      ['no-cache', undefined, undefined],
      ['5m', '5m', 'sliding'],
      ['1h', '1h', 'fixed'],
      ['1h-sliding', '1h', 'sliding'],
    ]);
  });

  it('single-TTL providers: GPT-5.6 one 30m sliding TTL, Gemini a fixed 1h and its sliding twin', () => {
    expect(names('{ provider: openai, model: gpt-5.6-sol }')).toEqual([
      ['no-cache', undefined, undefined],
      ['30m', '30m', 'sliding'],
    ]);
    expect(names('{ provider: gemini, model: gemini-2.5-pro }').map(([name]) => name)).toEqual([
      'no-cache',
      '1h',
      '1h-sliding',
    ]);
  });

  it("only TTLs every workload's model offers", () => {
    const mixed = `\n  - ${RENEWAL}\n  - { kind: renewal, keys: 1, gap: 1m, prefixTokens: 5000, model: claude-3-7-sonnet }`;
    expect(names('{ provider: bedrock, model: claude-sonnet-4-5 }', mixed).map(([name]) => name)).toEqual([
      'no-cache',
      '5m',
    ]);
  });
});
