// The decision rules of verdict/verdict.ts on hand-built tables, one case per branch: the session count,
// the idle-gap band (which decides only between two caching policies), keep when the baseline is cheapest
// or within the noise, undecided when the interval includes zero, change otherwise.
import { describe, expect, it } from 'vitest';
import { verdictOf, type VerdictInput } from '../../src/verdict/verdict.js';
import type { PolicySummary } from '../../src/metrics/summarise.js';
import type { PolicySpec, Tier } from '../../src/model/policy.js';
import { DURATION_EDGES_MS } from '../../src/model/histogram-bins.js';
import { MINUTE_MS } from '../../src/model/time.js';

const tier = (label: '5m' | '1h'): Tier => ({
  ttlMs: (label === '5m' ? 5 : 60) * MINUTE_MS,
  refresh: label === '5m' ? 'sliding' : 'fixed',
  billAs: label,
  label,
});
const SPECS: PolicySpec[] = [
  { kind: 'none', name: 'no-cache' },
  { kind: 'static', name: '5m', tierByRole: {}, defaultTier: tier('5m') },
  { kind: 'static', name: '1h', tierByRole: {}, defaultTier: tier('1h') },
];

/** A gap histogram with `band` gaps of 20 minutes and 100 of 1 minute. */
function gaps(band: number) {
  const requests = new Array<number>(DURATION_EDGES_MS.length + 1).fill(0);
  const binOf = (ms: number) => DURATION_EDGES_MS.findIndex((edge) => ms < edge);
  requests[binOf(MINUTE_MS)] += 100;
  requests[binOf(20 * MINUTE_MS)] += band;
  return { edgesMs: DURATION_EDGES_MS, requests, hits: requests.map(() => 0) };
}

/**
 * `sessions` sessions costing $10 each under the baseline 5m, $50 under no-cache, and under 1h
 * $10 × (1 − saving(s)) for session s.
 */
function table(sessions: number, saving: (s: number) => number, bandGaps = 100, baseline = '5m'): VerdictInput {
  const usd: Record<string, Map<string, number>> = { 'no-cache': new Map(), '5m': new Map(), '1h': new Map() };
  for (let s = 0; s < sessions; s++) {
    const id = `s${String(s).padStart(3, '0')}`;
    usd['no-cache'].set(id, 50);
    usd['5m'].set(id, 10);
    usd['1h'].set(id, 10 * (1 - saving(s)));
  }
  const total = (name: string) => [...usd[name].values()].reduce((a, b) => a + b, 0);
  const policies = SPECS.map(
    (spec) =>
      ({ policy: spec.name, costUsd: { total: total(spec.name) }, gaps: gaps(bandGaps) }) as unknown as PolicySummary,
  );
  return {
    policies,
    specOf: (name) => SPECS.find((s) => s.name === name),
    sessionUsd: (name) => usd[name],
    baseline,
    candidates: SPECS.map((s) => s.name),
    target: 'api',
  };
}

describe('verdictOf', () => {
  it('changes when every session saves and the evidence is enough', () => {
    const v = verdictOf(table(30, () => 0.1));
    expect(v.decision).toBe('change');
    expect(v.policy).toBe('1h');
    expect(v.baseline).toEqual({ policy: '5m', costUsd: 300 });
    expect(v.savingUsd).toBeCloseTo(30, 6);
    expect(v.savingPct).toBeCloseTo(10, 6);
    expect(v.ci![0]).toBeGreaterThan(0);
    expect(v.actions.map((a) => a.text).join('\n')).toContain('"ttl": "1h"');
  });

  it('is undecided with fewer sessions than --min-sessions, and says how many', () => {
    const v = verdictOf(table(5, () => 0.1));
    expect(v.decision).toBe('undecided');
    expect(v.reason).toContain('5');
    expect(v.reason).not.toMatch(/recommended/i);
  });

  it('is undecided with too few idle gaps in the 5 to 60 minute band between 5m and 1h', () => {
    const v = verdictOf(table(30, () => 0.1, 3));
    expect(v.decision).toBe('undecided');
    expect(v.reason).toContain('5 to 60 minutes');
  });

  it('does not ask for gaps in that band when the baseline caches nothing', () => {
    const v = verdictOf(table(30, () => 0.1, 0, 'no-cache'));
    expect(v.decision).toBe('change');
    expect(v.policy).toBe('1h');
    expect(v.savingUsd).toBeCloseTo(1500 - 270, 6);
  });

  it('keeps the baseline when it is the cheapest candidate', () => {
    const v = verdictOf(table(30, () => -0.1));
    expect(v.decision).toBe('keep');
    expect(v.policy).toBe('5m');
    expect(v.savingUsd).toBe(0);
    expect(v.actions[0].text).toMatch(/^keep 5m/);
  });

  it('keeps the baseline when the whole interval stays under --min-saving', () => {
    const v = verdictOf(table(30, (s) => 0.002 + 0.001 * (s % 3)));
    expect(v.decision).toBe('keep');
    expect(v.ci).not.toBeNull();
    expect(v.ci![1]).toBeLessThan(1);
  });

  it('is undecided when the interval includes zero', () => {
    const v = verdictOf(table(30, (s) => (s % 2 === 0 ? 0.3 : -0.28)));
    expect(v.decision).toBe('undecided');
    expect(v.ci![0]).toBeLessThanOrEqual(0);
    expect(v.ci![1]).toBeGreaterThan(0);
  });

  it('takes its thresholds from the options', () => {
    expect(verdictOf({ ...table(5, () => 0.1), thresholds: { minSessions: 3 } }).decision).toBe('change');
  });
});
