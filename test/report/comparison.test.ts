import { describe, it, expect } from 'vitest';
import { formatComparison } from '../../src/report/comparison.js';
import { verdictLines } from '../../src/report/verdict-text.js';
import { verdictReport } from '../../src/verdict/verdict.js';
import type { RunReport } from '../../src/report/json.js';
import { byCost, type PolicySummary } from '../../src/metrics/summarise.js';
import { summaryCsv, timeseriesCsv } from '../../src/report/csv.js';
import { formatDuration, formatUsd } from '../../src/model/format.js';
import type { ScenarioResult } from '../../src/run/run-scenario.js';

function summary(policy: string, totalUsd: number, refresh: Record<string, string>): PolicySummary {
  const zero = { input: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 0 };
  return {
    policy,
    refresh,
    requests: 10,
    hits: 5,
    hitRate: 0.5,
    tokenHitRate: 0.4,
    tokens: zero,
    costUsd: { ...zero, storage: 0, total: totalUsd },
    savingsVsNoCache: 1 - totalUsd / 100,
    noCacheCostUsd: 100,
    partialHits: 0,
    keepalivePings: 0,
    entriesWritten: 1,
    expirations: 1,
    wastedWrites: 0,
    evictions: 0,
    peakLiveEntries: 1,
    peakLiveTokens: 1,
    tokenHoursStored: 0,
    meanEntryLifetimeMs: 0,
    timeseries: {
      bucketMs: 1000,
      startMs: [0, 1000],
      requests: [6, 4],
      hits: [3, 2],
      keepalivePings: [0, 0],
      costUsd: [totalUsd / 2, totalUsd / 2],
      liveEntries: [1, 0],
      liveTokens: [5, 0],
    },
  };
}

const result = (policies: PolicySummary[]): ScenarioResult => ({
  scenario: 's',
  description: '',
  seed: 1,
  horizonMs: 3_600_000,
  pricing: {
    provider: 'anthropic',
    model: 'm',
    displayName: 'M',
    asOf: '2026-08-21',
    sourceUrl: 'u',
    refresh: { '5m': 'sliding', '1h': 'fixed' },
  },
  policies,
});

describe('the comparison', () => {
  const r = result([
    summary('no-cache', 100, {}),
    summary('5m', 40, { '5m': 'sliding' }),
    summary('1h', 30, { '1h': 'fixed' }),
    summary('1h-sliding', 20, { '1h': 'sliding' }),
  ]);

  it('orders policies cheapest first, ties in scenario order', () => {
    expect(byCost(r.policies).map((p) => p.policy)).toEqual(['1h-sliding', '1h', '5m', 'no-cache']);
    expect(byCost([summary('a', 1, {}), summary('b', 1, {})]).map((p) => p.policy)).toEqual(['a', 'b']);
  });

  // No per-session costs here: the verdict is undecided (too few sessions), which is enough for the layout.
  const report = (baseline: string): RunReport => ({
    ...r,
    ...verdictReport({
      policies: r.policies,
      specOf: () => undefined,
      sessionUsd: () => undefined,
      baseline,
      candidates: ['no-cache', '5m', '1h'],
      target: 'api',
    }),
  });

  it('ends with the verdict lines replay and tune print, not a sentence of its own', () => {
    const text = formatComparison(report('no-cache'));
    expect(text.trimEnd().endsWith(verdictLines(report('no-cache'), null).join('\n'))).toBe(true);
    expect(text).not.toContain('is cheapest');
  });

  it('has a saves-vs-baseline column, positive where money is saved against the baseline (but no-cache)', () => {
    const row = (text: string, policy: string) => text.split('\n').find((line) => line.startsWith(`│ ${policy} `))!;
    // Against no-cache the saving is the `vs no-cache` column itself: printed once.
    const vsNoCache = formatComparison(report('no-cache'));
    expect(vsNoCache).not.toContain('saves vs');
    expect(row(vsNoCache, '5m')).toContain('60.0%');
    const vs5m = formatComparison(report('5m'));
    expect(vs5m).toContain('saves vs 5m');
    expect(row(vs5m, '1h')).toContain('+25.0%');
    expect(row(vs5m, 'no-cache')).toContain('-150.0%');
  });

  it('prints one row per policy', () => {
    const text = formatComparison(report('no-cache'));
    for (const p of r.policies) expect(text).toContain(` ${p.policy} `);
  });

  it('writes CSV with a header and one row per policy (and per bucket for the time series)', () => {
    expect(summaryCsv(r).trim().split('\n')).toHaveLength(1 + 4);
    const series = timeseriesCsv(r).trim().split('\n');
    expect(series).toHaveLength(1 + 4 * 2);
    expect(series[0]).toBe(
      'policy,bucketStartMs,bucketMs,requests,hits,hitRate,keepalivePings,costUsd,cumulativeCostUsd,liveEntries,liveTokens',
    );
  });

  it('formats durations and dollars for people', () => {
    expect([formatDuration(0), formatDuration(270_000), formatDuration(90_061_000)]).toEqual([
      '0ms',
      '4m30s',
      '1d1h1m1s',
    ]);
    expect([formatUsd(1234.5), formatUsd(0.0123), formatUsd(0.000012)]).toEqual(['$1,234.50', '$0.0123', '$0.000012']);
  });
});
