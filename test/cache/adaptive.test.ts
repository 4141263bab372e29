import { describe, it, expect } from 'vitest';
import type { Request } from '../../src/model/request.js';
import type { PolicySpec } from '../../src/model/policy.js';
import type { ServeOutcome } from '../../src/cache/prefix-cache.js';
import {
  AdaptiveTiers,
  chooseTier,
  estimateGaps,
  emptyGapCounts,
  countGap,
  type GapProbabilities,
  type RulePrices,
} from '../../src/cache/adaptive.js';
import { simulate } from '../../src/engine/simulate.js';
import { createArrivals } from '../../src/workload/arrivals.js';
import { createRng } from '../../src/workload/rng.js';
import { parseScenarioText } from '../../src/scenario/read.js';
import { readScenarioFile } from '../../src/run/scenario-files.js';
import { priceResolver, runScenario } from '../../src/run/run-scenario.js';
import { messages } from '../../src/scenario/messages.js';
import { InputError } from '../../src/model/errors.js';
import { HOUR_MS, MINUTE_MS, UNIT_PROFILE, prefixAt, request, segment } from '../helpers.js';

const ADAPTIVE: PolicySpec = { kind: 'adaptive', name: 'adaptive', prior: 2 };
/** UNIT_PROFILE's $/MTok: input 1, 5m write 1.25, 1h write 2, read 0.1. */
const UNIT: RulePrices = { input: 1, write5m: 1.25, write1h: 2, read: 0.1 };
const gaps = (short: number, medium: number, long: number): GapProbabilities => ({ short, medium, long });

/** The choice for a thread's last request after it sent requests `gapMs` apart, `count` times. */
function choiceAfter(gapMs: number, count = 30, tokens = 10_000): string {
  const tiers = new AdaptiveTiers(2, () => UNIT_PROFILE);
  let choice = '';
  for (const r of prefixAt(
    Array.from({ length: count }, (_, i) => i * gapMs),
    tokens,
  ))
    choice = tiers.decide(r);
  return choice;
}

describe('the adaptive rule on hand-made gap histories', () => {
  it('all gaps 1m → 5m; all gaps 20m → 1h; all gaps 3h → none', () => {
    expect(choiceAfter(MINUTE_MS)).toBe('5m');
    expect(choiceAfter(20 * MINUTE_MS)).toBe('1h');
    expect(choiceAfter(3 * HOUR_MS)).toBe('none');
  });

  it('the same three verdicts from the rule itself, on a renewal miss (everything written) and on a growing prefix', () => {
    for (const forecast of [
      { prefixTokens: 10_000, readTokens: 0 },
      { prefixTokens: 50_000, readTokens: 48_000 },
    ]) {
      expect(chooseTier(gaps(1, 0, 0), UNIT, forecast)).toBe('5m');
      expect(chooseTier(gaps(0, 1, 0), UNIT, forecast)).toBe('1h');
      expect(chooseTier(gaps(0, 0, 1), UNIT, { ...forecast, readTokens: 0 })).toBe('none');
    }
  });

  it('per written token of a renewal miss, 5m costs w5 − p1·(w5 − r) plus the common rewrite: 1h wins once p2 pays its premium', () => {
    // cost(5m) − cost(1h) = p2·(w5 − r) − (w1 − w5) − p3·0 on W = P: 1h needs p2 > 0.75 / 1.15 ≈ 0.652.
    const miss = { prefixTokens: 1_000_000, readTokens: 0 };
    expect(chooseTier(gaps(0.34, 0.66, 0), UNIT, miss)).toBe('1h');
    expect(chooseTier(gaps(0.36, 0.64, 0), UNIT, miss)).toBe('5m');
  });

  it('without a 1h tier the rule chooses between 5m and none', () => {
    expect(chooseTier(gaps(0, 1, 0), { ...UNIT, write1h: NaN }, { prefixTokens: 10_000, readTokens: 0 })).toBe('none');
    expect(chooseTier(gaps(1, 0, 0), { ...UNIT, write1h: NaN }, { prefixTokens: 10_000, readTokens: 0 })).toBe('5m');
  });

  it('a thread with few gaps leans on the pooled gaps: (n_k + prior·q_k) / (n + prior)', () => {
    const thread = emptyGapCounts();
    const pooled = emptyGapCounts();
    const out = gaps(0, 0, 0);
    expect(estimateGaps(thread, pooled, 2, out)).toEqual(gaps(1 / 3, 1 / 3, 1 / 3));
    for (const gapMs of [MINUTE_MS, 5 * MINUTE_MS - 1, 5 * MINUTE_MS, HOUR_MS]) countGap(pooled, gapMs);
    expect(pooled).toEqual({ short: 2, medium: 1, long: 1 });
    countGap(thread, HOUR_MS - 1);
    expect(estimateGaps(thread, pooled, 2, out)).toEqual(
      gaps((0 + 2 * 0.5) / 3, (1 + 2 * 0.25) / 3, (0 + 2 * 0.25) / 3),
    );
    expect(estimateGaps(thread, pooled, 0, out)).toEqual(gaps(0, 1, 0));
  });

  it("threads are told apart: one thread's long gaps do not move a busy thread off 5m", () => {
    const tiers = new AdaptiveTiers(2, () => UNIT_PROFILE);
    const busy = [segment('busy', 10_000, 'context', true)];
    const idle = [segment('idle', 10_000, 'context', true)];
    const requests: Request[] = [];
    for (let i = 0; i < 40; i++) requests.push(request(i * MINUTE_MS, busy, { threadId: 'busy' }));
    for (let i = 0; i < 4; i++) requests.push(request(i * 3 * HOUR_MS + 1, idle, { threadId: 'idle' }));
    requests.sort((a, b) => a.atMs - b.atMs);
    const last = new Map<string, string>();
    for (const r of requests) last.set(r.threadId, tiers.decide(r));
    expect(last.get('busy')).toBe('5m');
    expect(tiers.threadCount).toBe(2);
  });
});

/** The dev-day scenario's arrivals, each request with its own copy of its segments (generators share arrays). */
function devDayArrivals(): { requests: Request[]; scenario: ReturnType<typeof readScenarioFile> } {
  const scenario = readScenarioFile('scenarios/claude-code-dev-day.yaml');
  const arrivals = createArrivals(scenario.workloads, createRng(scenario.seed).fork('arrivals'), scenario.horizonMs);
  const requests: Request[] = [];
  for (let next = arrivals.next(); next.done !== true; next = arrivals.next())
    requests.push({ ...next.value, segments: next.value.segments.slice(0, next.value.segmentCount) });
  return { requests, scenario };
}

function outcomesOf(
  requests: readonly Request[],
  scenario: ReturnType<typeof readScenarioFile>,
): { atMs: number; outcome: ServeOutcome }[] {
  const outcomes: { atMs: number; outcome: ServeOutcome }[] = [];
  simulate({
    arrivals: requests[Symbol.iterator](),
    policy: ADAPTIVE,
    priceOf: priceResolver(scenario),
    engine: scenario.engine,
    horizonMs: scenario.horizonMs,
    rng: createRng(1),
    onRequest: (r, outcome) => outcomes.push({ atMs: r.atMs, outcome: { ...outcome } }),
  });
  return outcomes;
}

describe('the adaptive policy is online', () => {
  it('it never reads the future: dropping or shifting the arrivals after X leaves every outcome before X unchanged', () => {
    const { requests, scenario } = devDayArrivals();
    const original = outcomesOf(requests, scenario);
    // It does choose: both tiers appear in the billing.
    expect(original.some((o) => o.outcome.write5mTokens > 0)).toBe(true);
    expect(original.some((o) => o.outcome.write1hTokens > 0)).toBe(true);
    for (const x of [12 * HOUR_MS, 15 * HOUR_MS + 17 * MINUTE_MS]) {
      const before = original.filter((o) => o.atMs < x);
      expect(before.length).toBeGreaterThan(100);
      expect(before.length).toBeLessThan(original.length);
      const dropped = outcomesOf(
        requests.filter((r) => r.atMs < x),
        scenario,
      );
      expect(dropped).toEqual(before);
      const shifted = outcomesOf(
        requests.map((r) => (r.atMs < x ? r : { ...r, atMs: r.atMs + 47 * MINUTE_MS })),
        scenario,
      );
      expect(shifted.filter((o) => o.atMs < x)).toEqual(before);
      // The perturbation is real: later outcomes change.
      expect(shifted.slice(before.length).map((o) => o.outcome)).not.toEqual(
        original.slice(before.length).map((o) => o.outcome),
      );
    }
  });

  it('on claude-code-dev-day it costs less than the better of static 5m and static 1h', () => {
    const scenario = readScenarioFile('scenarios/claude-code-dev-day.yaml');
    const statics = scenario.policies.filter((p) => p.name === '5m' || p.name === '1h');
    expect(statics.map((p) => p.name)).toEqual(['5m', '1h']);
    const result = runScenario({ ...scenario, policies: [...statics, ADAPTIVE] });
    const [fiveMinutes, oneHour, adaptive] = result.policies.map((p) => p.costUsd.total);
    expect(adaptive).toBeLessThan(Math.min(fiveMinutes, oneHour));
  });
});

describe('scenario files: `adaptive`', () => {
  const RENEWAL = '{ kind: renewal, keys: 1, gap: 1m, prefixTokens: 5000 }';
  const text = (policy: string, pricing = '{ provider: anthropic, model: claude-sonnet-4-5 }') =>
    `name: t\nhorizon: 2h\npricing: ${pricing}\nworkload: ${RENEWAL}\npolicies:\n  - ${policy}\n`;
  const problems = (source: string): string[] => {
    try {
      parseScenarioText(source, 't.yaml');
      return [];
    } catch (error) {
      if (error instanceof InputError) return error.issues.map((i) => i.message);
      throw error;
    }
  };

  it('`adaptive: true` has the default prior 2; `adaptive: { prior }` sets it', () => {
    expect(parseScenarioText(text('{ name: adaptive, adaptive: true }'), 't.yaml').policies[0]).toEqual(ADAPTIVE);
    expect(parseScenarioText(text('{ name: a, adaptive: { prior: 0.5 } }'), 't.yaml').policies[0]).toEqual({
      kind: 'adaptive',
      name: 'a',
      prior: 0.5,
    });
  });

  it('adaptive excludes ttl, refresh and keepalive, and means nothing with cache: false', () => {
    expect(problems(text('{ name: a, adaptive: true, ttl: 5m }'))).toEqual([messages.adaptiveExclusive('ttl')]);
    expect(problems(text('{ name: a, adaptive: true, keepalive: { every: 4m, maxIdle: 30m } }'))).toEqual([
      messages.adaptiveExclusive('keepalive'),
    ]);
    expect(problems(text('{ name: a, adaptive: true, refresh: sliding }'))).toEqual([
      messages.adaptiveExclusive('refresh'),
    ]);
    expect(problems(text('{ name: a, cache: false, adaptive: true }'))).toEqual([
      messages.unusedWithoutCache('adaptive'),
    ]);
  });

  it('a negative prior, an unknown field and a model without 5m are refused', () => {
    expect(problems(text('{ name: a, adaptive: { prior: -1 } }'))).toEqual([messages.badNumber('≥ 0', -1)]);
    expect(problems(text('{ name: a, adaptive: { prio: 1 } }'))).toEqual([messages.unknownField('prio', 'prior')]);
    expect(problems(text('{ name: a, adaptive: true }', '{ provider: openai, model: gpt-5.6-terra }'))).toEqual([
      messages.adaptiveNeedsFiveMinutes('openai', 'gpt-5.6-terra', ['30m']),
    ]);
  });

  it('`adaptive: false` is an ordinary policy', () => {
    expect(parseScenarioText(text('{ name: a, adaptive: false, ttl: 5m }'), 't.yaml').policies[0].kind).toBe('static');
  });
});
