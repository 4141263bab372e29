import { describe, it, expect } from 'vitest';
import { GapRecorder, type GapHistogram } from '../../src/metrics/histograms.js';
import fc from 'fast-check';
import { DURATION_EDGES_MS, READS_LABELS, binOf, durationBinOf } from '../../src/model/histogram-bins.js';
import { resolve } from 'node:path';
import { parseScenarioText } from '../../src/scenario/read.js';
import { readScenarioFile } from '../../src/run/scenario-files.js';
import { priceResolver, runScenario } from '../../src/run/run-scenario.js';
import { workloadArrivals } from '../../src/workload/arrivals.js';
import { createRng } from '../../src/workload/rng.js';
import { SegmentKeys } from '../../src/workload/segment-keys.js';
import { simulate } from '../../src/engine/simulate.js';
import { replayLogs } from '../../src/replay/replay-logs.js';
import type { Request } from '../../src/model/request.js';
import { HOUR_MS, MINUTE_MS, policy, prefixAt, request, run, segment, tier } from '../helpers.js';

const SECOND_MS = 1_000;
const WEEK_MS = 7 * 24 * HOUR_MS;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
/** The bin whose lower edge is `edgeMs` (bin k starts at edge k−1). */
const binStarting = (edgeMs: number) => DURATION_EDGES_MS.indexOf(edgeMs) + 1;
const FIVE_MIN = policy('5m', tier('5m'));

/** The gap histogram of hand-made requests under a policy, fed from the run's outcomes as run-scenario feeds it. */
function gapsOf(requests: Request[], spec = FIVE_MIN): { gaps: GapHistogram; hits: number; firstHits: number } {
  const { result, outcomes } = run(requests, spec);
  const recorder = new GapRecorder();
  const seen = new Set<string>();
  let firstHits = 0;
  requests.forEach((r, i) => {
    recorder.record(r, outcomes[i].readTokens);
    if (!seen.has(r.threadId) && outcomes[i].readTokens > 0) firstHits++;
    seen.add(r.threadId);
  });
  return { gaps: recorder.histogram(), hits: result.hits, firstHits };
}

describe('bin edges', () => {
  it('a value on an edge goes to the bin starting there; the first bin is [0, 1s), the last ≥ 1w', () => {
    expect(binOf(DURATION_EDGES_MS, 0)).toBe(0);
    expect(binOf(DURATION_EDGES_MS, SECOND_MS - 1)).toBe(0);
    expect(binOf(DURATION_EDGES_MS, SECOND_MS)).toBe(1);
    expect(binOf(DURATION_EDGES_MS, 5 * MINUTE_MS - 1)).toBe(binStarting(4 * MINUTE_MS));
    expect(binOf(DURATION_EDGES_MS, 5 * MINUTE_MS)).toBe(binStarting(5 * MINUTE_MS));
    expect(binOf(DURATION_EDGES_MS, HOUR_MS)).toBe(binStarting(HOUR_MS));
    expect(binOf(DURATION_EDGES_MS, WEEK_MS - 1)).toBe(DURATION_EDGES_MS.length - 1);
    expect(binOf(DURATION_EDGES_MS, WEEK_MS)).toBe(DURATION_EDGES_MS.length);
    expect(binOf(DURATION_EDGES_MS, 52 * WEEK_MS)).toBe(DURATION_EDGES_MS.length);
  });

  it("durationBinOf (the gap clock's lookup) is binOf on every edge ±1 ms, between edges and off the ends", () => {
    const near = DURATION_EDGES_MS.flatMap((edge) => [edge - 1, edge - 0.5, edge, edge + 0.5, edge + 1]);
    const odd = [0, -0, -1, -SECOND_MS, 0.25, 59_999.999, WEEK_MS * 52, Infinity, -Infinity, NaN];
    for (const ms of [...near, ...odd]) expect(durationBinOf(ms)).toBe(binOf(DURATION_EDGES_MS, ms));
    // Every whole second up to an hour and whole minute up to past the last edge, and the ms either side.
    for (let ms = 0; ms <= HOUR_MS; ms += SECOND_MS)
      for (const at of [ms - 1, ms, ms + 1]) expect(durationBinOf(at)).toBe(binOf(DURATION_EDGES_MS, at));
    for (let ms = 0; ms <= 8 * 24 * HOUR_MS; ms += MINUTE_MS)
      for (const at of [ms - 1, ms, ms + 1]) expect(durationBinOf(at)).toBe(binOf(DURATION_EDGES_MS, at));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 2 * MINUTE_MS }),
          fc.integer({ min: 0, max: 10 * WEEK_MS }),
          fc.double({ min: -WEEK_MS, max: 2 * WEEK_MS, noNaN: false }),
        ),
        (ms) => durationBinOf(ms) === binOf(DURATION_EDGES_MS, ms),
      ),
      { numRuns: 20_000 },
    );
  });

  it('edges ascend strictly and include 5m and 1h exactly', () => {
    expect(DURATION_EDGES_MS.every((edge, k) => k === 0 || edge > DURATION_EDGES_MS[k - 1])).toBe(true);
    expect(DURATION_EDGES_MS).toContain(5 * MINUTE_MS);
    expect(DURATION_EDGES_MS).toContain(HOUR_MS);
  });
});

describe('idle gaps', () => {
  it('gaps of 5m−1, exactly 5m and 5m+1 land in [4m, 5m), [5m, 6m), [5m, 6m); under 5m sliding only the first hits', () => {
    const t1 = 5 * MINUTE_MS - 1;
    const t2 = t1 + 5 * MINUTE_MS;
    const t3 = t2 + 5 * MINUTE_MS + 1;
    const { gaps } = gapsOf(prefixAt([0, t1, t2, t3]));
    const below = binStarting(4 * MINUTE_MS);
    const at = binStarting(5 * MINUTE_MS);
    expect(gaps.edgesMs).toEqual(DURATION_EDGES_MS);
    expect(gaps.requests).toHaveLength(DURATION_EDGES_MS.length + 1);
    expect([gaps.requests[below], gaps.hits[below]]).toEqual([1, 1]);
    expect([gaps.requests[at], gaps.hits[at]]).toEqual([2, 0]);
    expect(sum(gaps.requests)).toBe(3);
  });

  it('a zero gap (same-ms requests of a thread) is the first bin, a gap of a week the last', () => {
    const { gaps } = gapsOf(prefixAt([0, 0, WEEK_MS]), policy('1h', tier('1h')));
    expect(gaps.requests[0]).toBe(1);
    expect(gaps.requests[DURATION_EDGES_MS.length]).toBe(1);
  });

  it('cold start, disjoint threads: gaps count requests − threads and hits all hits', () => {
    const times = [0, 30 * SECOND_MS, 2 * MINUTE_MS, 9 * MINUTE_MS, 70 * MINUTE_MS];
    const requests = ['a', 'b', 'c']
      .flatMap((thread, i) =>
        times.map((atMs) => request(atMs + i, [segment(`own-${thread}`, 5000, 'context', true)], { threadId: thread })),
      )
      .sort((x, y) => x.atMs - y.atMs);
    const { gaps, hits, firstHits } = gapsOf(requests);
    expect(firstHits).toBe(0);
    expect(sum(gaps.requests)).toBe(requests.length - 3);
    expect(sum(gaps.hits)).toBe(hits);
  });

  it('threads sharing a prefix: first requests that hit the shared entry are left out of the gap hits', () => {
    const shared = segment('shared-system', 4000, 'system', true);
    const requests = ['a', 'b', 'c']
      .flatMap((thread, i) =>
        [0, MINUTE_MS, 7 * MINUTE_MS].map((atMs) =>
          request(atMs + i * SECOND_MS, [shared, segment(`hist-${thread}`, 2000)], { threadId: thread }),
        ),
      )
      .sort((x, y) => x.atMs - y.atMs);
    const { gaps, hits, firstHits } = gapsOf(requests);
    expect(firstHits).toBe(2);
    expect(sum(gaps.requests)).toBe(requests.length - 3);
    expect(sum(gaps.hits)).toBe(hits - firstHits);
  });
});

describe('ended entries', () => {
  it('a 5m sliding entry read five times lives 5m past its last read and counts in "5–9" reads', () => {
    const { result } = run(prefixAt([0, 1, 2, 3, 4, 5].map((s) => s * SECOND_MS)), FIVE_MIN);
    expect(result.readsPerEntry.labels).toEqual(READS_LABELS);
    expect(result.readsPerEntry.entries[READS_LABELS.indexOf('5–9')]).toBe(1);
    expect(sum(result.readsPerEntry.entries)).toBe(1);
    const lifetimeBin = binOf(DURATION_EDGES_MS, 5 * SECOND_MS + 5 * MINUTE_MS);
    expect(lifetimeBin).toBe(binStarting(5 * MINUTE_MS));
    expect(result.entryLifetimes.entries[lifetimeBin]).toBe(1);
    expect(sum(result.entryLifetimes.wasted)).toBe(0);
  });

  it('an unread fixed 1h entry lives exactly 1h: the bin starting at 1h, wasted, 0 reads', () => {
    const { result } = run(prefixAt([0]), policy('1h', tier('1h')));
    const at = binStarting(HOUR_MS);
    expect(result.entryLifetimes.entries[at]).toBe(1);
    expect(result.entryLifetimes.wasted[at]).toBe(1);
    expect(result.readsPerEntry.entries[0]).toBe(1);
  });

  it('read counts 0–4 have a bin each; 100 reads is "100+"', () => {
    const readsOf = (reads: number) =>
      run(prefixAt(Array.from({ length: reads + 1 }, (_, i) => i * SECOND_MS)), FIVE_MIN).result.readsPerEntry.entries;
    for (const reads of [0, 1, 2, 3, 4, 9, 10, 99, 100]) {
      const entries = readsOf(reads);
      const label =
        reads < 5 ? String(reads) : reads === 9 ? '5–9' : reads === 10 ? '10–19' : reads === 99 ? '50–99' : '100+';
      expect(entries[READS_LABELS.indexOf(label)], `${reads} reads`).toBe(1);
    }
  });
});

describe('a shipped scenario: support-bot', () => {
  const file = 'scenarios/support-bot.yaml';
  const scenario = readScenarioFile(file);
  const result = runScenario(scenario);

  it('entry histograms sum to expirations, their wasted and 0-read bins to wastedWrites', () => {
    for (const p of result.policies) {
      expect(sum(p.entryLifetimes!.entries), p.policy).toBe(p.expirations);
      expect(sum(p.entryLifetimes!.wasted), p.policy).toBe(p.wastedWrites);
      expect(sum(p.readsPerEntry!.entries), p.policy).toBe(p.expirations);
      expect(p.readsPerEntry!.entries[0], p.policy).toBe(p.wastedWrites);
    }
    expect(result.policies.find((p) => p.policy === '5m')!.expirations).toBeGreaterThan(0);
  });

  it('gaps count requests − threads, and hits − hits on first requests, for every policy', () => {
    // The same arrivals as runScenario's (run-scenario.ts scenarioArrivals: one workload, 'arrivals'/'workload0'),
    // simulated again to count threads and the first requests that hit a shared prefix.
    for (const spec of scenario.policies) {
      const arrivals = workloadArrivals(
        scenario.workloads[0],
        createRng(scenario.seed).fork('arrivals').fork('workload0'),
        scenario.horizonMs,
        new SegmentKeys(),
      );
      const threads = new Set<string>();
      let firstHits = 0;
      const recorder = new GapRecorder();
      const own = simulate({
        arrivals,
        policy: spec,
        priceOf: priceResolver(scenario),
        engine: scenario.engine,
        horizonMs: scenario.horizonMs,
        rng: createRng(scenario.seed).fork(`eviction/${spec.name}`),
        onRequest: (r, outcome) => {
          recorder.record(r, outcome.readTokens);
          if (!threads.has(r.threadId) && outcome.readTokens > 0) firstHits++;
          threads.add(r.threadId);
        },
      });
      const p = result.policies.find((q) => q.policy === spec.name)!;
      expect([own.requests, own.hits]).toEqual([p.requests, p.hits]);
      expect(p.gaps).toEqual(recorder.histogram());
      expect(sum(p.gaps!.requests), spec.name).toBe(p.requests - threads.size);
      expect(sum(p.gaps!.hits), spec.name).toBe(p.hits - firstHits);
      if (spec.kind !== 'none') expect(firstHits, spec.name).toBeGreaterThan(0);
    }
  });
});

describe('5m sliding on a renewal workload (single-prefix keys)', () => {
  const text = `
name: renewal-gaps
seed: 7
horizon: 1d
pricing: { provider: anthropic, model: claude-sonnet-4-5 }
workload:
  kind: renewal
  keys: 100
  gap: { dist: lognormal, median: 5m, sigma: 1.5 }
  prefixTokens: 20000
  suffixTokens: 300
  outputTokens: 100
policies:
  - { name: 5m, ttl: 5m }
`;
  const p = runScenario(parseScenarioText(text, 'renewal-gaps.yaml')).policies[0];
  const fiveMinBin = binStarting(5 * MINUTE_MS);

  it('every gap below 5m hits and none at or above 5m does', () => {
    const gaps = p.gaps!;
    for (let k = 0; k < gaps.requests.length; k++) {
      expect(gaps.hits[k], `bin ${k}`).toBe(k < fiveMinBin ? gaps.requests[k] : 0);
    }
    // The workload spreads gaps on both sides of 5m, so the rule is tested, not vacuous.
    expect(sum(gaps.requests.slice(0, fiveMinBin))).toBeGreaterThan(1000);
    expect(sum(gaps.requests.slice(fiveMinBin))).toBeGreaterThan(1000);
    expect(sum(gaps.hits)).toBe(p.hits);
  });
});

describe('replay', () => {
  it('replayLogs (one gap clock for all policies) gives the histograms runScenario gives on the same logs', () => {
    const run = runScenario(readScenarioFile('scenarios/replay-claude-code.yaml'));
    const replay = replayLogs({ paths: [resolve('scenarios', 'logs', 'claude-code')], cwd: '.', env: {} });
    for (const name of ['no-cache', '5m', '1h', '1h-sliding', 'keepalive']) {
      const a = run.policies.find((p) => p.policy === name)!;
      const b = replay.policies.find((p) => p.policy === name)!;
      expect([name, b.gaps, b.entryLifetimes, b.readsPerEntry]).toEqual([
        name,
        a.gaps,
        a.entryLifetimes,
        a.readsPerEntry,
      ]);
    }
    // Every policy sees the same gaps; only the hits differ.
    const gapCounts = replay.policies.map((p) => p.gaps!.requests);
    expect(gapCounts.every((counts) => JSON.stringify(counts) === JSON.stringify(gapCounts[0]))).toBe(true);
    expect(sum(gapCounts[0])).toBeGreaterThan(0);
    expect(sum(replay.policies.find((p) => p.policy === 'no-cache')!.gaps!.hits)).toBe(0);
  });
});
