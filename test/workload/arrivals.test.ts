import { describe, it, expect } from 'vitest';
import type { PeriodicWorkload, RenewalWorkload, SessionsWorkload, WorkloadSpec } from '../../src/model/scenario.js';
import type { Request } from '../../src/model/request.js';
import { HOUR_MS, MINUTE_MS, common, constant, outOfOrder, take } from './collect.js';

const renewal: RenewalWorkload = {
  kind: 'renewal',
  ...common,
  label: 'keys',
  keys: 20,
  gapMs: { dist: 'exponential', mean: 2 * MINUTE_MS },
  prefixTokens: constant(5000),
  suffixTokens: constant(100),
  outputTokens: constant(10),
  role: 'context',
};
const periodic: PeriodicWorkload = {
  kind: 'periodic',
  ...common,
  label: 'batch',
  everyMs: 10 * MINUTE_MS,
  jitterMs: 30_000,
  jobs: 2,
  requestsPerRun: constant(4),
  spacingMs: constant(1000),
  prefixTokens: constant(20_000),
  suffixTokens: constant(0),
  outputTokens: constant(0),
  role: 'context',
};
const sessions: SessionsWorkload = {
  kind: 'sessions',
  ...common,
  label: 'chat',
  arrivalRatePerMs: 10 / HOUR_MS,
  turns: constant(4),
  requestsPerTurn: constant(2),
  toolGapMs: constant(3000),
  thinkTimeMs: { dist: 'exponential', mean: MINUTE_MS },
  longBreakProbability: 0.1,
  longBreakMs: constant(HOUR_MS),
  prompt: {
    toolsTokens: 5000,
    systemTokens: 2000,
    projectTokens: 0,
    projects: 1,
    userMessageTokens: constant(50),
    toolResultTokens: constant(500),
    outputTokens: constant(200),
    tailTokens: 0,
  },
  compaction: null,
  subagents: {
    probability: 0.5,
    requests: constant(3),
    gapMs: constant(2000),
    systemTokens: 4000,
    taskTokens: constant(100),
    toolResultTokens: constant(300),
    outputTokens: constant(100),
  },
};

/** A request without its segment keys: key numbers depend on which other workloads share the run's table. */
const content = (r: Request) =>
  `${r.atMs}|${r.threadId}|${r.threadKind}|${r.tailTokens}|${r.outputTokens}|${r.segments
    .slice(0, r.segmentCount)
    .map((s) => `${s.id}:${s.tokens}`)
    .join(',')}`;
const labelOf = (r: Request) => r.threadId.split('/')[0];

describe('merged arrivals', () => {
  const horizonMs = 6 * HOUR_MS;
  const mixed: WorkloadSpec[] = [renewal, periodic, sessions];
  const merged = take(mixed, horizonMs);

  it('merges every workload in time order', () => {
    expect(outOfOrder(merged)).toEqual([]);
    expect(new Set(merged.map(labelOf))).toEqual(new Set(['keys', 'batch', 'chat']));
  });

  it('each workload draws from its own sub-stream: adding one after it leaves it unchanged', () => {
    for (let i = 0; i < mixed.length; i++) {
      const label = mixed[i].label;
      const mine = merged.filter((r) => labelOf(r) === label).map(content);
      // Alone, a workload draws from the same workload<i> stream only if it keeps its index.
      const alone = take([...mixed.slice(0, i), mixed[i]], horizonMs)
        .filter((r) => labelOf(r) === label)
        .map(content);
      expect(alone).toEqual(mine);
    }
    expect(take([renewal], horizonMs).map(content)).toEqual(merged.filter((r) => labelOf(r) === 'keys').map(content));
  });

  it('ties go to the lower workload index, then to generation order', () => {
    const tick = (label: string): RenewalWorkload => ({ ...renewal, label, keys: 2, gapMs: constant(1000) });
    const order = take([tick('a'), tick('b')], 3000).map((r) => `${r.atMs}:${r.threadId}`);
    expect(order).toEqual([
      '1000:a/k0',
      '1000:a/k1',
      '1000:b/k0',
      '1000:b/k1',
      '2000:a/k0',
      '2000:a/k1',
      '2000:b/k0',
      '2000:b/k1',
    ]);
  });

  it('segment ids and keys match one to one across the whole run', () => {
    const keyOf = new Map<string, number>();
    const idOf = new Map<number, string>();
    const clashes: string[] = [];
    for (const r of merged) {
      for (const s of r.segments.slice(0, r.segmentCount)) {
        if ((keyOf.get(s.id) ?? s.key) !== s.key || (idOf.get(s.key) ?? s.id) !== s.id)
          clashes.push(`${s.id}:${s.key}`);
        keyOf.set(s.id, s.key);
        idOf.set(s.key, s.id);
      }
    }
    expect(clashes).toEqual([]);
    expect(keyOf.size).toBeGreaterThan(renewal.keys + periodic.jobs + 2);
  });

  it('the same seed gives the same stream; another seed a different one', () => {
    expect(take(mixed, horizonMs)).toEqual(merged);
    expect(take(mixed, horizonMs, 7).map(content)).not.toEqual(merged.map(content));
  });

  it('no workloads, no requests', () => {
    expect(take([], horizonMs)).toEqual([]);
  });
});
