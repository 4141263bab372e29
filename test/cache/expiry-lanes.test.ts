// Expiry lanes (cache/expiry-lanes.ts) against the heap of cache/expiry-schedule.ts: with a vanishing
// eviction hazard every entry takes the heap path, with none the lanes; both must give identical runs.
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { readScenarioFile } from '../../src/run/scenario-files.js';
import { simulate } from '../../src/engine/simulate.js';
import { createArrivals } from '../../src/workload/arrivals.js';
import { createRng } from '../../src/workload/rng.js';
import { priceResolver } from '../../src/run/run-scenario.js';
import { ExpiryLanes } from '../../src/cache/expiry-lanes.js';

const scenario = readScenarioFile(resolve('scenarios', 'claude-code-dev-day.yaml'));

function run(policyName: string, evictionRatePerMs: number, firstTokenDelayMs: number) {
  const policy = scenario.policies.find((p) => p.name === policyName)!;
  const result = simulate({
    arrivals: createArrivals(scenario.workloads, createRng(scenario.seed).fork('arrivals'), scenario.horizonMs),
    policy,
    priceOf: priceResolver(scenario),
    engine: { ...scenario.engine, evictionRatePerMs, firstTokenDelayMs },
    horizonMs: scenario.horizonMs,
    rng: createRng(1),
  });
  // Everything but the count of events processed (the two paths process different events), as plain data:
  // JSON leaves out a field whose value is undefined.
  return JSON.parse(JSON.stringify({ ...result, events: undefined })) as { readonly expirations: number };
}

describe('expiry lanes', () => {
  for (const name of ['5m', '1h', '1h-sliding', 'mixed', 'keepalive']) {
    for (const delayMs of [0, 4000]) {
      it(`${name}${delayMs > 0 ? `, ${delayMs} ms first-token delay (re-writes of unseen entries)` : ''}: the same run as with the heap`, () => {
        // 1e-300 per ms: an eviction time beyond any horizon, but every entry goes through the heap.
        const queued = run(name, 1e-300, delayMs);
        const laned = run(name, 0, delayMs);
        expect(laned).toEqual(queued);
        expect(laned.expirations).toBeGreaterThan(0);
      });
    }
  }

  it('keeps each lane in order: append, move to tail, unlink', () => {
    const lanes = new ExpiryLanes();
    const lane = lanes.laneFor(300_000);
    expect(lanes.laneFor(3_600_000)).toBe(1);
    expect(lanes.laneFor(300_000)).toBe(lane);
    for (const node of [5, 2, 9]) lanes.append(node, lane);
    lanes.moveToTail(5);
    expect(lanes.heads[lane]).toBe(2);
    lanes.unlink(2);
    expect(lanes.heads[lane]).toBe(9);
    lanes.unlink(9);
    expect(lanes.heads[lane]).toBe(5);
    expect(lanes.isLaned(2)).toBe(false);
    lanes.append(5000, lane); // beyond the initial capacity
    lanes.unlink(5);
    expect(lanes.heads[lane]).toBe(5000);
  });
});
