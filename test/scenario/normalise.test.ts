import { describe, it, expect } from 'vitest';
import { parseScenarioText } from '../../src/scenario/read.js';
import type { PeriodicWorkload, RenewalWorkload, SessionsWorkload } from '../../src/model/scenario.js';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

const scenario = (workload: string, rest = '') => `name: t
horizon: 2h
pricing: { provider: anthropic, model: claude-sonnet-4-5 }
workload:
${workload}
${rest}`;
const RENEWAL = '  kind: renewal\n  keys: 3\n  gap: 4m\n  prefixTokens: 2000';
const parse = (text: string) => parseScenarioText(text, 't.yaml');
const only = <T>(text: string) => parse(text).workloads[0] as T;

describe('the top level', () => {
  it('fills defaults: seed 1, no description, lookback 20, no first-token delay or eviction, 96 buckets', () => {
    const s = parse(scenario(RENEWAL));
    expect(s).toMatchObject({ name: 't', description: '', sourcePath: 't.yaml', seed: 1, horizonMs: 2 * HOUR_MS });
    expect(s.engine).toEqual({ lookback: 20, firstTokenDelayMs: 0, evictionRatePerMs: 0, bucketMs: 75_000 });
    expect(s.pricing).toEqual({ provider: 'anthropic', model: 'claude-sonnet-4-5', overrides: {} });
  });

  it('the default bucket is horizon/96 rounded up to a whole second, at least one second', () => {
    const bucketMs = (horizon: string) =>
      parse(scenario(RENEWAL).replace('horizon: 2h', `horizon: ${horizon}`)).engine.bucketMs;
    expect([bucketMs('12h'), bucketMs('1h'), bucketMs('1m'), bucketMs('1d')]).toEqual([450_000, 38_000, 1000, 900_000]);
  });

  it('reads engine options in base units and price overrides as given; a dated model id resolves to its profile id', () => {
    const s = parse(
      scenario(RENEWAL).replace(
        /pricing: .*/,
        `description: hello
seed: -7
pricing: { provider: Anthropic, model: claude-sonnet-4-5-20250929, input: 2.5, cacheWrite1h: 7, minCacheableTokens: 512 }
engine: { lookback: 10, firstTokenDelay: 1500ms, earlyEviction: 2/h, bucket: 10m }`,
      ),
    );
    expect(s).toMatchObject({ description: 'hello', seed: -7 });
    expect(s.pricing).toEqual({
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      overrides: { input: 2.5, cacheWrite1h: 7, minCacheableTokens: 512 },
    });
    expect(s.engine).toEqual({
      lookback: 10,
      firstTokenDelayMs: 1500,
      evictionRatePerMs: 2 / HOUR_MS,
      bucketMs: 10 * MINUTE_MS,
    });
  });
});

describe('workloads normalise to base units and defaults', () => {
  it('renewal: a bare duration and a bare count are constants; tails and output default to 0, role to context', () => {
    expect(only<RenewalWorkload>(scenario(RENEWAL))).toEqual({
      kind: 'renewal',
      model: 'claude-sonnet-4-5',
      scope: 'default',
      profile: null,
      label: 'w0',
      keys: 3,
      gapMs: { dist: 'constant', value: 240_000 },
      prefixTokens: { dist: 'constant', value: 2000 },
      suffixTokens: { dist: 'constant', value: 0 },
      outputTokens: { dist: 'constant', value: 0 },
      role: 'context',
    });
  });

  it('periodic: every, jitter and spacing in ms; one job, one request per run and 2s spacing by default', () => {
    expect(
      only<PeriodicWorkload>(
        scenario(
          '  kind: periodic\n  every: 30m\n  jitter: 1m\n  prefixTokens: 30000\n  scope: team-a\n  role: instructions',
        ),
      ),
    ).toEqual({
      kind: 'periodic',
      model: 'claude-sonnet-4-5',
      scope: 'team-a',
      profile: null,
      label: 'w0',
      everyMs: 30 * MINUTE_MS,
      jitterMs: MINUTE_MS,
      jobs: 1,
      requestsPerRun: { dist: 'constant', value: 1 },
      spacingMs: { dist: 'constant', value: 2000 },
      prefixTokens: { dist: 'constant', value: 30000 },
      suffixTokens: { dist: 'constant', value: 0 },
      outputTokens: { dist: 'constant', value: 0 },
      role: 'instructions',
    });
  });

  it('sessions: every field mapped, with its defaults', () => {
    const full = `  kind: sessions
  arrivals: 1/4m
  turns: { dist: uniform, min: 2, max: 6 }
  requestsPerTurn: 3
  toolGap: 4s
  thinkTime: { dist: lognormal, median: 1m30s, sigma: 0.5, max: 40m }
  longBreak: { probability: 0.1, duration: 30m }
  prompt: { tools: 100, system: 2000, project: 500, projects: 4, userMessage: 50, toolResult: 300, output: 200, tail: 3 }
  compaction: { threshold: 100000, summary: 8000 }
  subagents: { probability: 0.2, requests: 5, gap: 3s, system: 1000, task: 400, toolResult: 700, output: 90 }`;
    const w = only<SessionsWorkload>(scenario(full));
    expect(w).toMatchObject({
      kind: 'sessions',
      arrivalRatePerMs: 1 / 240_000,
      turns: { dist: 'uniform', min: 2, max: 6 },
      requestsPerTurn: { dist: 'constant', value: 3 },
    });
    expect(w).toMatchObject({
      toolGapMs: { dist: 'constant', value: 4000 },
      thinkTimeMs: { dist: 'lognormal', median: 90_000, sigma: 0.5, max: 40 * MINUTE_MS },
    });
    expect(w).toMatchObject({ longBreakProbability: 0.1, longBreakMs: { dist: 'constant', value: 30 * MINUTE_MS } });
    const c = (value: number) => ({ dist: 'constant', value });
    expect(w.prompt).toEqual({
      toolsTokens: 100,
      systemTokens: 2000,
      projectTokens: 500,
      projects: 4,
      userMessageTokens: c(50),
      toolResultTokens: c(300),
      outputTokens: c(200),
      tailTokens: 3,
    });
    expect(w.compaction).toEqual({ thresholdTokens: 100_000, summaryTokens: 8000 });
    expect(w.subagents).toEqual({
      probability: 0.2,
      requests: c(5),
      gapMs: c(3000),
      systemTokens: 1000,
      taskTokens: c(400),
      toolResultTokens: c(700),
      outputTokens: c(90),
    });

    const minimal = only<SessionsWorkload>(
      scenario(
        '  kind: sessions\n  arrivals: 15/h\n  turns: 3\n  thinkTime: 1m\n  prompt: { tools: 1, system: 2, userMessage: 3, output: 4 }',
      ),
    );
    expect(minimal).toMatchObject({
      requestsPerTurn: c(1),
      toolGapMs: c(5000),
      longBreakProbability: 0,
      longBreakMs: c(0),
      compaction: null,
      subagents: null,
    });
    expect(minimal.prompt).toMatchObject({ projectTokens: 0, projects: 1, toolResultTokens: c(0), tailTokens: 0 });
  });

  it('every distribution form, in ms for durations and as written for tokens, with its cap', () => {
    const gap = (spec: string) => only<RenewalWorkload>(scenario(RENEWAL.replace('gap: 4m', `gap: ${spec}`))).gapMs;
    const output = (spec: string) =>
      only<RenewalWorkload>(scenario(`${RENEWAL}\n  outputTokens: ${spec}`)).outputTokens;
    expect(gap('{ dist: constant, value: 90s }')).toEqual({ dist: 'constant', value: 90_000 });
    expect(gap('{ dist: uniform, min: 1m, max: 1h }')).toEqual({ dist: 'uniform', min: MINUTE_MS, max: HOUR_MS });
    expect(gap('{ dist: exponential, mean: 4m, max: 2h }')).toEqual({
      dist: 'exponential',
      mean: 240_000,
      max: 2 * HOUR_MS,
    });
    expect(gap('{ dist: lognormal, median: 2m, sigma: 0 }')).toEqual({ dist: 'lognormal', median: 120_000, sigma: 0 });
    expect(gap('{ dist: pareto, scale: 30s, shape: 1.5 }')).toEqual({ dist: 'pareto', scale: 30_000, shape: 1.5 });
    expect(gap('{ dist: weibull, scale: 10m, shape: 0.7 }')).toEqual({ dist: 'weibull', scale: 600_000, shape: 0.7 });
    expect(gap('{ dist: empirical, values: [1m, 250ms, 1.5h] }')).toEqual({
      dist: 'empirical',
      values: [MINUTE_MS, 250, 5_400_000],
    });
    expect(output('{ dist: lognormal, median: 400.5, sigma: 0.6, max: 4000 }')).toEqual({
      dist: 'lognormal',
      median: 400.5,
      sigma: 0.6,
      max: 4000,
    });
    expect(output('{ dist: empirical, values: [0, 10, 20] }')).toEqual({ dist: 'empirical', values: [0, 10, 20] });
  });

  it('a list of workloads: labels by position unless given, each its own (canonical) model and profile', () => {
    const s = parse(
      scenario(`  - { kind: renewal, keys: 1, gap: 4m, prefixTokens: 2000 }
  - { kind: periodic, every: 30m, prefixTokens: 3000, model: claude-haiku-4-5, profile: office-hours }
  - { kind: periodic, every: 1h, prefixTokens: 3000, label: nightly, profile: { hourly: [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2,4] } }
  - { kind: renewal, keys: 1, gap: 4m, prefixTokens: 2000, profile: flat }`),
    );
    expect(s.workloads.map((w) => [w.kind, w.label, w.model])).toEqual([
      ['renewal', 'w0', 'claude-sonnet-4-5'],
      ['periodic', 'w1', 'claude-haiku-4-5'],
      ['periodic', 'nightly', 'claude-sonnet-4-5'],
      ['renewal', 'w3', 'claude-sonnet-4-5'],
    ]);
    const officeHours = s.workloads[1].profile!;
    expect([officeHours.hourly[3], officeHours.hourly[8], officeHours.hourly[12], officeHours.hourly[20]]).toEqual([
      0.02, 0.15, 1, 0.15,
    ]);
    expect(officeHours.weekly).toEqual([1, 1, 1, 1, 1, 0.1, 0.1]);
    expect(s.workloads[2].profile).toEqual({
      hourly: [...Array<number>(22).fill(0), 0.5, 1],
      weekly: Array<number>(7).fill(1),
    });
    expect(s.workloads[3].profile).toBeNull();
  });
});

describe('price overrides reach the bill', () => {
  it('an input-price override given with a dated model id changes the no-cache cost accordingly', async () => {
    const { runScenario } = await import('../../src/run/run-scenario.js');
    const text = (input: number) =>
      scenario(RENEWAL, 'policies: [{ name: none, cache: false }]').replace(
        'model: claude-sonnet-4-5 }',
        `model: claude-sonnet-4-5-20250929, input: ${input} }`,
      );
    const cheap = runScenario(parse(text(1))).policies[0];
    const dear = runScenario(parse(text(2))).policies[0];
    expect(dear.costUsd.input).toBeCloseTo(2 * cheap.costUsd.input, 9);
    expect(cheap.costUsd.input).toBeCloseTo(cheap.tokens.input / 1e6, 9);
  });
});
