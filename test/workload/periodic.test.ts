import { describe, it, expect } from 'vitest';
import type { PeriodicWorkload } from '../../src/model/scenario.js';
import { DAYTIME_ONLY, HOUR_MS, MINUTE_MS, common, constant, groupBy, isNight, outOfOrder, take } from './collect.js';

const EVERY_MS = 30 * MINUTE_MS;
const JITTER_MS = MINUTE_MS;
const periodic: PeriodicWorkload = {
  kind: 'periodic',
  ...common,
  everyMs: EVERY_MS,
  jitterMs: JITTER_MS,
  jobs: 3,
  requestsPerRun: constant(3),
  spacingMs: constant(2000),
  prefixTokens: constant(30_000),
  suffixTokens: constant(50),
  outputTokens: constant(20),
  role: 'context',
};

/** Run n of job j is scheduled at j·every/jobs + n·every; its sessionId is `<job id>/run<n>`. */
function scheduledMs(spec: PeriodicWorkload, sessionId: string): number {
  const [, job, run] = /job(\d+)\/run(\d+)$/.exec(sessionId)!;
  return Math.floor((Number(job) * spec.everyMs) / spec.jobs) + Number(run) * spec.everyMs;
}

describe('periodic workload', () => {
  // 48 periods, 3 jobs: the last runs (23:30, 23:40, 23:50 ± 1 min) end by 23:51:04, and the next one
  // (24:00 ± 1 min) starts after the horizon.
  const horizonMs = 24 * HOUR_MS - 5 * MINUTE_MS;
  const requests = take([periodic], horizonMs);
  const runs = groupBy(requests, (r) => r.sessionId);

  it('runs every job every period, the jobs spread evenly over one period', () => {
    expect(runs.size).toBe(3 * 48);
    expect(requests).toHaveLength(3 * 48 * 3);
    expect(outOfOrder(requests)).toEqual([]);
    expect(requests.every((r) => r.atMs < horizonMs)).toBe(true);
  });

  it('each run starts within ±jitter of its schedule, and the jitter spans that whole range', () => {
    const deviations = [...runs].map(([sessionId, run]) => run[0].atMs - scheduledMs(periodic, sessionId));
    const [low, high] = [Math.min(...deviations), Math.max(...deviations)];
    expect(low).toBeGreaterThanOrEqual(-JITTER_MS);
    expect(high).toBeLessThanOrEqual(JITTER_MS);
    // 144 uniform draws: all missing the outer 10% at one end has probability 0.95^144 ≈ 6e-4.
    expect(low).toBeLessThan(-0.9 * JITTER_MS);
    expect(high).toBeGreaterThan(0.9 * JITTER_MS);
  });

  it('a run scheduled at time 0 with jitter is clamped to start no earlier than 0', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const first = take([{ ...periodic, jobs: 1, jitterMs: 5 * MINUTE_MS }], HOUR_MS, seed, 1)[0];
      expect(first.atMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('a run is a burst of requestsPerRun requests spaced by the spacing draws, all sharing the job prefix', () => {
    for (const run of runs.values()) {
      expect(run.map((r) => r.atMs - run[0].atMs)).toEqual([0, 2000, 4000]);
      expect(new Set(run.map((r) => r.segments)).size).toBe(1);
    }
    const byJob = groupBy(requests, (r) => r.threadId);
    expect([...byJob.keys()].sort()).toEqual(['w0/job0', 'w0/job1', 'w0/job2']);
    for (const [id, list] of byJob) {
      expect(new Set(list.map((r) => r.segments)).size).toBe(1);
      const { segments, segmentCount, threadKind } = list[0];
      expect([
        segmentCount,
        segments[0].id,
        segments[0].tokens,
        segments[0].role,
        segments[0].breakpoint,
        threadKind,
      ]).toEqual([1, id, 30_000, 'context', true, 'batch']);
    }
  });

  it('draws requests per run and spacing per run', () => {
    const varied = take(
      [
        {
          ...periodic,
          requestsPerRun: { dist: 'uniform', min: 1, max: 6 },
          spacingMs: { dist: 'exponential', mean: 3000 },
        },
      ],
      horizonMs,
    );
    const sizes = [...groupBy(varied, (r) => r.sessionId).values()].map((run) => run.length);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
    expect(new Set(sizes).size).toBeGreaterThan(3);
    expect(outOfOrder(varied)).toEqual([]);
  });

  it('is deterministic per seed and changes with it', () => {
    expect(take([periodic], horizonMs)).toEqual(requests);
    expect(take([periodic], horizonMs, 2).map((r) => r.atMs)).not.toEqual(requests.map((r) => r.atMs));
  });

  it('a profile with zero weight at night thins whole runs: no run at night, every kept run complete', () => {
    const day = take([{ ...periodic, profile: DAYTIME_ONLY }], 48 * HOUR_MS);
    expect(day.filter((r) => isNight(r.atMs))).toEqual([]);
    const dayRuns = groupBy(day, (r) => r.sessionId);
    // 08:00–20:00 on two days: 24 periods × 3 jobs, less the 08:00 run of job 0 when its jitter is negative.
    expect(dayRuns.size).toBeGreaterThanOrEqual(2 * 24 * 3 - 2);
    for (const run of dayRuns.values()) expect(run).toHaveLength(3);
  });
});
