import { describe, it, expect } from 'vitest';
import { formatComparison, recommendation } from '../../src/report/comparison.js';
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

  it('names the winner, its savings and the runner-up, and gives the fixed-1h answer when it differs', () => {
    expect(recommendation(r)).toBe(
      `1h-sliding is cheapest: ${formatUsd(20)}, 80.0% less than no caching and 33.3% less than 1h (the runner-up). This depends on 1h entries sliding on reads; with a fixed 1h (the default) 1h is cheapest at ${formatUsd(30)}.`,
    );
    const fixedOnly = result([summary('no-cache', 100, {}), summary('5m', 40, { '5m': 'sliding' })]);
    expect(recommendation(fixedOnly)).toBe(
      `5m is cheapest: ${formatUsd(40)}, 60.0% less than no caching and 60.0% less than no-cache (the runner-up).`,
    );
  });

  it('prints one row per policy', () => {
    const text = formatComparison(r);
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
