// The work estimate (src/workload/work-estimate.ts) against what the generators really send: within a
// factor of 2 for every shipped scenario and for the cases it bounds, so that the limits refuse mistakes
// by orders of magnitude and never an ordinary scenario.
import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readScenarioFile } from '../../src/run/scenario-files.js';
import { parseScenarioText } from '../../src/scenario/read.js';
import type { Scenario } from '../../src/model/scenario.js';
import { estimateWork } from '../../src/workload/work-estimate.js';
import { DEFAULT_WORK_LIMITS, workIssues } from '../../src/workload/work-limits.js';
import { createArrivals } from '../../src/workload/arrivals.js';
import { createRng } from '../../src/workload/rng.js';

const SCENARIOS = 'scenarios';

function actual(scenario: Scenario): { requests: number; segmentVisits: number } {
  const arrivals = createArrivals(scenario.workloads, createRng(scenario.seed).fork('arrivals'), scenario.horizonMs);
  let requests = 0;
  let segmentVisits = 0;
  for (let next = arrivals.next(); next.done !== true; next = arrivals.next()) {
    requests++;
    segmentVisits += next.value.segmentCount;
  }
  return { requests, segmentVisits };
}

const within2x = (estimate: number, truth: number) => {
  expect(estimate).toBeGreaterThanOrEqual(truth / 2);
  expect(estimate).toBeLessThanOrEqual(truth * 2);
};

describe('work estimate', () => {
  const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml'));
  for (const file of files) {
    it(`${file}: requests and segments within 2× of the generated stream, far below the limits`, () => {
      const scenario = readScenarioFile(join(SCENARIOS, file));
      const work = estimateWork(scenario);
      const truth = actual(scenario);
      if (truth.requests === 0) expect(work.requests).toBe(0);
      else {
        within2x(work.requests, truth.requests);
        within2x(work.segmentVisits, truth.segmentVisits);
      }
      expect(workIssues(scenario, [], DEFAULT_WORK_LIMITS)).toEqual([]);
    });
  }

  const base = 'name: t\nseed: 3\npricing: { model: claude-sonnet-4-5 }\n';
  const cases: Record<string, string> = {
    'sessions cut by the horizon':
      'horizon: 2h\nworkload: { kind: sessions, arrivals: 20/h, turns: 500, thinkTime: 30s, prompt: { tools: 10, system: 10, userMessage: 10, output: 10 } }',
    'sessions with compaction':
      'horizon: 1d\nworkload: { kind: sessions, arrivals: 2/h, turns: 200, thinkTime: 1m, compaction: { threshold: 20000, summary: 2000 }, prompt: { tools: 1000, system: 1000, userMessage: 300, output: 500 } }',
    'periodic runs limited by their spacing':
      'horizon: 1d\nworkload: { kind: periodic, every: 1h, requestsPerRun: 100000, spacing: 1m, prefixTokens: 2000 }',
    'renewal keys with a profile':
      'horizon: 7d\nworkload: { kind: renewal, keys: 50, gap: { dist: exponential, mean: 10m }, prefixTokens: 2000, profile: office-hours }',
  };
  for (const [name, body] of Object.entries(cases)) {
    it(`${name}: within 2× of the generated stream`, () => {
      const scenario = parseScenarioText(`${base}${body}\n`, 't.yaml');
      const work = estimateWork(scenario);
      const truth = actual(scenario);
      expect(truth.requests).toBeGreaterThan(100);
      within2x(work.requests, truth.requests);
      within2x(work.segmentVisits, truth.segmentVisits);
    });
  }
});
