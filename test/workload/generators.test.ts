import { describe, it, expect } from 'vitest';
import type { PeriodicWorkload, RenewalWorkload, SessionsWorkload, WorkloadSpec } from '../../src/scenario/types.js';
import type { Request } from '../../src/workload/request.js';
import { createArrivals } from '../../src/workload/arrivals.js';
import { createRng } from '../../src/workload/rng.js';
import { PROFILE_PRESETS_WEIGHTS } from '../../src/scenario/profiles.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const c = (value: number) => ({ dist: 'constant', value }) as const;
const common = { model: 'claude-sonnet-4-5', scope: 'default', profile: null, label: 'w0' };

function take(workloads: WorkloadSpec[], horizonMs: number, seed = 1, limit = Infinity): Request[] {
  const it = createArrivals(workloads, createRng(seed), horizonMs);
  const out: Request[] = [];
  for (let next = it.next(); !next.done && out.length < limit; next = it.next()) out.push(next.value);
  return out;
}

const renewal: RenewalWorkload = { kind: 'renewal', ...common, keys: 50, gapMs: { dist: 'exponential', mean: 4 * MINUTE_MS }, prefixTokens: { dist: 'uniform', min: 1000, max: 9000 }, suffixTokens: c(100), outputTokens: c(10), role: 'context' };

describe('renewal workload', () => {
  const requests = take([renewal], 12 * HOUR_MS);

  it('is in time order and stops before the horizon', () => {
    for (let i = 1; i < requests.length; i++) expect(requests[i].atMs).toBeGreaterThanOrEqual(requests[i - 1].atMs);
    expect(requests[requests.length - 1].atMs).toBeLessThan(12 * HOUR_MS);
  });

  it('sends each key the same prefix every time, and gaps average the configured mean', () => {
    const byKey = new Map<string, Request[]>();
    for (const r of requests) byKey.set(r.threadId, [...(byKey.get(r.threadId) ?? []), r]);
    expect(byKey.size).toBe(50);
    const gaps: number[] = [];
    for (const list of byKey.values()) {
      expect(new Set(list.map((r) => r.segments[0].tokens)).size).toBe(1);
      for (let i = 1; i < list.length; i++) gaps.push(list[i].atMs - list[i - 1].atMs);
    }
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    // Exponential: sd = mean, so the standard error is mean/√n; allow 4 of them.
    expect(Math.abs(mean - 4 * MINUTE_MS)).toBeLessThan((4 * 4 * MINUTE_MS) / Math.sqrt(gaps.length));
  });

  it('is deterministic per seed and changes with it', () => {
    expect(take([renewal], HOUR_MS, 1).map((r) => r.atMs)).toEqual(take([renewal], HOUR_MS, 1).map((r) => r.atMs));
    expect(take([renewal], HOUR_MS, 2).map((r) => r.atMs)).not.toEqual(take([renewal], HOUR_MS, 1).map((r) => r.atMs));
  });

  it('is lazy: the first requests of a practically endless run come at once', () => {
    const first = take([{ ...renewal, keys: 100_000 }], 1e15, 1, 10);
    expect(first).toHaveLength(10);
  });
});

describe('periodic workload', () => {
  const spec: PeriodicWorkload = { kind: 'periodic', ...common, everyMs: 30 * MINUTE_MS, jitterMs: MINUTE_MS, jobs: 2, requestsPerRun: c(3), spacingMs: c(2000), prefixTokens: c(30_000), suffixTokens: c(0), outputTokens: c(0), role: 'context' };
  // 5h50m: twelve runs of each job (job 0 at 0, 30, …, 330 min; job 1 at 15, …, 345 min), jitter included.
  const requests = take([spec], 350 * MINUTE_MS);

  it('runs each job every period within its jitter, as a burst sharing one prefix', () => {
    expect(requests).toHaveLength(2 * 12 * 3);
    const job0 = requests.filter((r) => r.threadId === 'w0/job0');
    for (let run = 0; run < 12; run++) {
      const burst = job0.slice(run * 3, run * 3 + 3);
      expect(Math.abs(burst[0].atMs - run * 30 * MINUTE_MS)).toBeLessThanOrEqual(MINUTE_MS);
      expect(burst[2].atMs - burst[0].atMs).toBe(4000);
      expect(new Set(burst.map((r) => r.segments)).size).toBe(1);
    }
  });
});

describe('sessions workload', () => {
  const spec: SessionsWorkload = {
    kind: 'sessions', ...common, arrivalRatePerMs: 6 / HOUR_MS, turns: c(6), requestsPerTurn: c(3), toolGapMs: c(5000), thinkTimeMs: c(MINUTE_MS),
    longBreakProbability: 0, longBreakMs: c(0),
    prompt: { toolsTokens: 10_000, systemTokens: 3000, projectTokens: 2000, projects: 2, userMessageTokens: c(100), toolResultTokens: c(5000), outputTokens: c(300), tailTokens: 0 },
    compaction: { thresholdTokens: 60_000, summaryTokens: 4000 },
    subagents: { probability: 0.5, requests: c(4), gapMs: c(3000), systemTokens: 8000, taskTokens: c(500), toolResultTokens: c(1000), outputTokens: c(200) },
  };
  const requests = take([spec], 8 * HOUR_MS);
  const main = requests.filter((r) => r.threadKind === 'main');

  it('every session shares the tools and system segments; projects are shared per project', () => {
    const sessions = new Set(main.map((r) => r.sessionId));
    expect(sessions.size).toBeGreaterThan(20);
    expect(new Set(main.map((r) => r.segments[0].id))).toEqual(new Set(['w0/default/tools']));
    expect(new Set(main.map((r) => r.segments[1].id))).toEqual(new Set(['w0/default/system']));
    expect(new Set(main.map((r) => r.segments[2].id))).toEqual(new Set(['w0/default/project0', 'w0/default/project1']));
  });

  it('the history grows by one segment per request and only the last segment has no explicit breakpoint', () => {
    const first = main.filter((r) => r.sessionId === main[0].sessionId);
    expect(first[1].segmentCount).toBe(first[0].segmentCount + 1);
    expect(first[0].segments.slice(0, first[0].segmentCount).map((s) => s.breakpoint)).toEqual([false, true, true, false]);
  });

  it('compaction replaces the history with a summary once the context passes the threshold', () => {
    const compactions = requests.filter((r) => r.threadKind === 'compaction');
    expect(compactions.length).toBeGreaterThan(0);
    const after = main.find((r) => r.sessionId === compactions[0].sessionId && r.atMs > compactions[0].atMs)!;
    expect(after.segments[3].id).toMatch(/summary0$/);
    expect(after.atMs - compactions[0].atMs).toBe(5000);
  });

  it('subagent threads interleave with their parent in time order', () => {
    const subagents = requests.filter((r) => r.threadKind === 'subagent');
    expect(subagents.length).toBeGreaterThan(0);
    expect(subagents[0].segments[0].id).toBe('w0/default/subagent-system');
    for (let i = 1; i < requests.length; i++) expect(requests[i].atMs).toBeGreaterThanOrEqual(requests[i - 1].atMs);
  });

  it('an office-hours profile starts no session at night', () => {
    const nightly = take([{ ...spec, arrivalRatePerMs: 60 / HOUR_MS, profile: { ...PROFILE_PRESETS_WEIGHTS['office-hours'], hourly: PROFILE_PRESETS_WEIGHTS['office-hours'].hourly.map((w) => (w < 0.1 ? 0 : w)) } }], 24 * HOUR_MS);
    const starts = new Map<string, number>();
    for (const r of nightly) if (!starts.has(r.sessionId)) starts.set(r.sessionId, r.atMs);
    for (const atMs of starts.values()) {
      const hour = Math.floor(atMs / HOUR_MS);
      expect(hour >= 7 && hour < 22).toBe(true);
    }
  });
});
