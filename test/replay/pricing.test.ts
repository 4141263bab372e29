// What a replay bills each request at, and what it does with the requests nothing prices (docs/replay.md,
// "Every model priced or skipped"): the fixtures of test/fixtures/pricing/ (README there) and the Bedrock
// fixture, with expected dollars computed by hand from the pricing pages' figures.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { replayLogs, type ReplayOptions, type ReplayResult } from '../../src/replay/replay-logs.js';
import { replayMessages } from '../../src/replay/messages.js';
import { InputError } from '../../src/model/errors.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const FIXTURES = join('test', 'fixtures');
const PRICED = join(FIXTURES, 'pricing', 'claude-code-priced.jsonl');
const BEDROCK = join(FIXTURES, 'bedrock', 'invocations.jsonl');
const MIXED = join(FIXTURES, 'pricing', 'bedrock-mixed.jsonl');
const PROFILE_ARN = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6';

const replay = (paths: string[], options: Partial<ReplayOptions> = {}): ReplayResult =>
  replayLogs({ paths, cwd: process.cwd(), env: {}, ...options });

describe('a Claude Code log with long-context, fast, batch and unpriced requests', () => {
  const result = replay([PRICED]);

  it('bills each request at its own price: $2.327595 by hand', () => {
    // USD per million tokens, request by request (README of the fixture):
    const perMTok = [
      10 * 6 + 250_000 * 7.5 + 1000 * 22.5, // Sonnet 4.5, 250,010 input tokens: long context
      10 * 6 + 2000 * 7.5 + 250_000 * 0.6 + 500 * 22.5, // 252,010: long context
      100 * 3 + 5000 * 6 + 200 * 15, // standard, dated id, 1h write
      100 * 3 + 300 * 3.75 + 5000 * 0.3 + 200 * 15, // standard, undated id: reads what the dated one wrote
      50 * 5 + 8000 * 6.25 + 300 * 25, // Opus 4.8 standard
      50 * 10 + 8000 * 12.5 + 300 * 50, // fast: a cache of its own, so it writes again
      50 * 10 + 100 * 12.5 + 8000 * 1 + 300 * 50, // fast, reading the fast entry
      (1000 * 3 + 4000 * 3.75 + 1000 * 15) / 2, // batch
    ];
    const expected = perMTok.reduce((a, b) => a + b) / 1e6;
    expect(expected).toBeCloseTo(2.327595, 9);
    expect(result.asRecorded!.requests).toBe(8);
    expect(result.asRecorded!.costUsd.total).toBeCloseTo(expected, 6);
    expect(result.pricing.models).toEqual([
      'claude-sonnet-4-5 (long context)',
      'claude-sonnet-4-5',
      'claude-opus-4-8',
      'claude-sonnet-4-5 (batch)',
      'claude-opus-4-8 (fast)',
    ]);
  });

  it('reproduces every request to the token: dated and undated ids share a cache, fast mode does not', () => {
    const r = result.reconciliation!;
    expect(r.disagreements).toEqual([]);
    expect(r.tokenExact).toBe(8);
    expect(r.simulatedCostUsd).toBeCloseTo(r.recordedCostUsd, 6);
    // One cache for both ids: under 5m the undated request, 10 minutes on, finds the entry expired. Were
    // they two caches, it would be a first request reading a warm shared prefix, and no miss.
    // The switch to fast mode starts a cache of its own, counted like a model change.
    expect(result.missCauses.byPolicy['5m']).toEqual({ 'first-request': 4, 'idle-expiry': 1, 'model-change': 1 });
  });

  it('skips, counts and locates the three requests nothing prices, and replays the rest', () => {
    expect(result.problems.count).toBe(0);
    expect(result.problems.unpriced.count).toBe(3);
    expect(result.problems.unpriced.byModel).toEqual({
      'claude-opus-4-6 (fast)': 1,
      'claude-sonnet-4-5 (priority)': 1,
      'mistral-large-2': 1,
    });
    expect(result.problems.unpriced.shown).toEqual([
      { file: PRICED, line: 9, field: 'model', reason: replayMessages.unpricedModel('mistral-large-2', 'anthropic') },
      {
        file: PRICED,
        line: 10,
        field: 'usage.speed',
        reason: replayMessages.unpricedFast('claude-opus-4-6', 'anthropic', 'claude-opus-4-6 (fast)'),
      },
      {
        file: PRICED,
        line: 11,
        field: 'usage.service_tier',
        reason: replayMessages.unpricedServiceTier(
          'priority',
          'claude-sonnet-4-5',
          'anthropic',
          'claude-sonnet-4-5 (priority)',
        ),
      },
    ]);
  });

  it('--price gives a model, or one price key, the prices the table lacks', () => {
    const given = replay([PRICED], {
      prices: {
        'mistral-large-2': { input: 2, cacheWrite5m: 2.5, cacheWrite1h: NaN, cacheRead: 0.2, output: 6 },
        'claude-opus-4-6 (fast)': { input: 30, cacheWrite5m: 37.5, cacheWrite1h: 60, cacheRead: 3, output: 150 },
      },
    });
    expect(given.problems.unpriced.byModel).toEqual({ 'claude-sonnet-4-5 (priority)': 1 });
    // + 100 × $2 + 10 × $6 (Mistral) + 100 × $30 + 10 × $150 (Opus 4.6 fast), per million.
    expect(given.asRecorded!.costUsd.total).toBeCloseTo(2.327595 + (200 + 60 + 3000 + 1500) / 1e6, 6);
    expect(given.pricing.fiveMinuteOnly).toEqual(['mistral-large-2']);
  });
});

describe('hostile model ids', () => {
  it('`__proto__` and `constructor` are models nothing prices, counted like any other', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ttlsim-hostile-')), 'hostile.jsonl');
    const lines = readFileSync(PRICED, 'utf8').split('\n').slice(2, 4);
    writeFileSync(
      file,
      [
        lines[0],
        lines[1].replace('"claude-sonnet-4-5"', '"__proto__"'),
        lines[0].replace(/claude-sonnet-4-5-20250929/, 'constructor').replace('msg_003', 'msg_x'),
      ].join('\n'),
    );
    const result = replay([file]);
    expect(result.asRecorded!.requests).toBe(1);
    expect(Object.entries(result.problems.unpriced.byModel)).toEqual([
      ['__proto__', 1],
      ['constructor', 1],
    ]);
  });
});

describe('Bedrock logs', () => {
  it('the shipped fixture replays with --provider anthropic: the application inference profile skipped and counted', () => {
    const result = replay([BEDROCK], { provider: 'anthropic' });
    expect(result.asRecorded!.requests).toBe(5);
    expect(result.problems.unpriced.count).toBe(1);
    expect(result.problems.unpriced.shown[0]).toEqual({
      file: BEDROCK,
      line: 5,
      field: 'model',
      reason: replayMessages.opaqueModel(PROFILE_ARN),
    });
  });

  it('without --provider, as with --provider bedrock (detected from the logs)', () => {
    const detected = replay([BEDROCK]);
    expect(detected.pricing).toMatchObject({ provider: 'bedrock', providerFrom: 'logs' });
    expect(detected.policies).toEqual(replay([BEDROCK], { provider: 'bedrock' }).policies);
  });

  it('with --provider bedrock: Opus 4.1 wrote 1h, which Bedrock does not price: skipped and counted, no crash', () => {
    const result = replay([BEDROCK], { provider: 'bedrock' });
    expect(result.asRecorded!.requests).toBe(4);
    expect(result.problems.unpriced.byModel).toEqual({ [PROFILE_ARN]: 1, 'claude-opus-4-1 (1h writes)': 1 });
    expect(result.problems.unpriced.shown.map((p) => [p.line, p.reason])).toEqual([
      [6, replayMessages.noOneHourPrice('claude-opus-4-1', 'bedrock')],
      [5, replayMessages.opaqueModel(PROFILE_ARN)],
    ]);
  });

  it('--model-map prices an application inference profile as its model, and lists it under that model', () => {
    const result = replay([BEDROCK], { provider: 'bedrock', modelMap: { [PROFILE_ARN]: 'claude-sonnet-4-5' } });
    expect(result.asRecorded!.requests).toBe(5);
    expect(result.pricing.models).not.toContain(PROFILE_ARN);
    expect(() => replay([BEDROCK], { provider: 'anthropic', modelMap: { [PROFILE_ARN]: 'claude-sonet-4-5' } })).toThrow(
      replayMessages.unknownMapTarget('claude-sonet-4-5', 'anthropic', 'claude-sonnet-4-5'),
    );
  });

  it('a 5m-only model under the 1h counterfactuals is written at 5m, and the result says so', () => {
    const result = replay([MIXED], { provider: 'bedrock' });
    expect(result.problems.unpriced.count).toBe(2);
    expect(result.pricing.fiveMinuteOnly).toEqual(['claude-opus-4-1']);
    const policy = (name: string) => result.policies.find((p) => p.policy === name)!;
    for (const name of ['1h', '1h-sliding']) {
      expect(policy(name).tokens.cacheWrite1h).toBe(0);
      expect(policy(name).tokens.cacheWrite5m).toBe(3200);
    }
    expect(result.reconciliation!.tokenExact).toBe(2);
  });

  it('nothing priced at all: exit 2 at the first request skipped', () => {
    let error: unknown;
    try {
      replay([MIXED], { provider: 'openai' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues[0]).toMatchObject({ file: MIXED, line: 1, path: 'model' });
  });

  it('an unknown provider is named as such', () => {
    expect(() => replay([MIXED], { provider: 'nobody' })).toThrow(/unknown price provider "nobody"/);
  });
});
