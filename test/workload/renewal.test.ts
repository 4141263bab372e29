import { describe, it, expect } from 'vitest';
import type { RenewalWorkload } from '../../src/model/scenario.js';
import { DAYTIME_ONLY, HOUR_MS, MINUTE_MS, common, constant, groupBy, isNight, outOfOrder, take } from './collect.js';

const MEAN_GAP_MS = 4 * MINUTE_MS;
const renewal: RenewalWorkload = {
  kind: 'renewal',
  ...common,
  keys: 2000,
  gapMs: { dist: 'exponential', mean: MEAN_GAP_MS },
  prefixTokens: { dist: 'uniform', min: 1000, max: 9000 },
  suffixTokens: { dist: 'uniform', min: 0, max: 500 },
  outputTokens: constant(10),
  role: 'context',
};

function meanAndStandardError(xs: readonly number[]): { mean: number; standardError: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
  return { mean, standardError: Math.sqrt(variance / xs.length) };
}

describe('renewal workload', () => {
  const horizonMs = 2 * HOUR_MS;
  const requests = take([renewal], horizonMs);
  const byKey = groupBy(requests, (r) => r.threadId);

  it('is in time order, each key strictly so, and sends nothing at or after the horizon', () => {
    expect(outOfOrder(requests)).toEqual([]);
    const repeats = [...byKey.values()].filter((list) => list.some((r, i) => i > 0 && r.atMs <= list[i - 1].atMs));
    expect(repeats).toEqual([]);
    expect(requests.every((r) => r.atMs < horizonMs && Number.isInteger(r.atMs))).toBe(true);
  });

  it('an arrival falling exactly on the horizon is not sent', () => {
    const times = take([{ ...renewal, keys: 1, gapMs: constant(1000) }], 5000).map((r) => r.atMs);
    expect(times).toEqual([1000, 2000, 3000, 4000]);
  });

  it('gaps, and the first arrival after time 0, average the configured mean (within 4 standard errors)', () => {
    // Gaps still open at the horizon are never seen, which biases the observed ones low; taking the first
    // 100 gaps of keys that all have far more than 100 (360 expected in 24 h) keeps the sample unbiased.
    const long = groupBy(take([{ ...renewal, keys: 200 }], 24 * HOUR_MS), (r) => r.threadId);
    const gaps: number[] = [];
    const firsts: number[] = [];
    for (const list of long.values()) {
      expect(list.length).toBeGreaterThan(100);
      firsts.push(list[0].atMs);
      for (let i = 1; i <= 100; i++) gaps.push(list[i].atMs - list[i - 1].atMs);
    }
    const gap = meanAndStandardError(gaps);
    expect(Math.abs(gap.mean - MEAN_GAP_MS)).toBeLessThanOrEqual(4 * gap.standardError);
    const first = meanAndStandardError(firsts);
    expect(Math.abs(first.mean - MEAN_GAP_MS)).toBeLessThanOrEqual(4 * first.standardError);
  });

  it('each key sends one constant prefix segment, drawn once per key, with a breakpoint', () => {
    expect(byKey.size).toBe(renewal.keys);
    const prefixTokens = new Set<number>();
    const segmentKeys = new Set<number>();
    for (const [id, list] of byKey) {
      expect(id).toMatch(/^w0\/k\d+$/);
      const views = new Set(
        list.map(
          (r) =>
            `${r.segmentCount}:${r.segments[0].id}:${r.segments[0].key}:${r.segments[0].tokens}:${r.segments[0].role}:${r.segments[0].breakpoint}`,
        ),
      );
      expect(views.size).toBe(1);
      const { segments, segmentCount, sessionId, threadKind } = list[0];
      expect([segmentCount, segments[0].id, segments[0].role, segments[0].breakpoint, sessionId, threadKind]).toEqual([
        1,
        id,
        'context',
        true,
        id,
        'key',
      ]);
      prefixTokens.add(segments[0].tokens);
      segmentKeys.add(segments[0].key);
    }
    expect(segmentKeys.size).toBe(renewal.keys);
    expect(prefixTokens.size).toBeGreaterThan(renewal.keys / 2);
  });

  it('suffix and output tokens are drawn per request', () => {
    const list = byKey.get('w0/k0')!;
    expect(new Set(list.map((r) => r.tailTokens)).size).toBeGreaterThan(1);
    expect(requests.every((r) => r.outputTokens === 10 && Number.isInteger(r.tailTokens))).toBe(true);
  });

  it('is deterministic per seed and changes with it', () => {
    const again = take([renewal], horizonMs);
    expect(again).toEqual(requests);
    const other = take([renewal], horizonMs, 2);
    expect(other.map((r) => r.atMs)).not.toEqual(requests.map((r) => r.atMs));
  });

  it('token distributions draw from their own stream: changing one leaves the arrival times alone', () => {
    const changed = take(
      [{ ...renewal, suffixTokens: constant(0), outputTokens: { dist: 'exponential', mean: 400 } }],
      horizonMs,
    );
    expect(changed.map((r) => `${r.atMs}:${r.threadId}:${r.segments[0].tokens}`)).toEqual(
      requests.map((r) => `${r.atMs}:${r.threadId}:${r.segments[0].tokens}`),
    );
  });

  it('is lazy: the first requests of a billion-request horizon come at once', () => {
    const keys = 100_000;
    const billionHorizonMs = (1e9 / keys) * MEAN_GAP_MS;
    // Generating them all would take minutes (past the test's timeout); setting up 100,000 keys takes tens
    // of ms. Not timed here: timings flake on shared machines.
    const first = take([{ ...renewal, keys }], billionHorizonMs, 1, 10);
    expect(first).toHaveLength(10);
  });

  it('a profile with zero weight at night drops every night arrival, and keeps the day ones', () => {
    const day = take([{ ...renewal, keys: 50, profile: DAYTIME_ONLY }], 48 * HOUR_MS);
    expect(day.filter((r) => isNight(r.atMs))).toEqual([]);
    expect(day.length).toBeGreaterThan(0.9 * 50 * ((24 * HOUR_MS) / MEAN_GAP_MS));
  });
});
