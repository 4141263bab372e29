// A run as short as a start-up's (the dev-day scenario, `ttlsim run … --no-report --json`) keeps V8's
// optimised code of the hot path: nothing in it meets, mid-run, a path or a shape its code has not seen
// (docs/performance.md, "Start-up"). What decides that is checked here as facts of the run, not as timings:
// no cache structure grows, and a ping's copy of a request has the request's hidden class.
import { createRng } from '../../src/workload/rng.js';
import { describe, it, expect, vi, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { readScenarioFile } from '../../src/run/scenario-files.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { NodeStore } from '../../src/cache/node-store.js';
import { ExpiryLanes } from '../../src/cache/expiry-lanes.js';
import { PrefixCache } from '../../src/cache/prefix-cache.js';
import { Simulation } from '../../src/engine/simulate.js';
import type { Request } from '../../src/model/request.js';

const SCENARIO = resolve('scenarios', 'claude-code-dev-day.yaml');

/** The private growth methods, reached as V8 sees them: properties of the prototypes. */
const growths = [
  [NodeStore.prototype, 'grow'],
  [NodeStore.prototype, 'rehash'],
  [ExpiryLanes.prototype, 'grow'],
  [PrefixCache.prototype, 'growScratch'],
] as const;

afterEach(() => vi.restoreAllMocks());

describe('a start-up-sized run keeps its optimised code', { timeout: 120_000 }, () => {
  it('the dev-day scenario under its six policies grows no node store, child table, lanes or scratch', () => {
    const spies = growths.map(([proto, name]) => vi.spyOn(proto as unknown as Record<string, () => void>, name));
    const result = runScenario(readScenarioFile(SCENARIO));
    expect(result.policies.map((p) => p.requests)).toEqual(Array(6).fill(2283));
    expect(spies.map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0, 0]);
  });

  it("a keep-alive thread's ping copies every field of its request, the optional ones too", () => {
    const scenario = readScenarioFile(SCENARIO);
    const keepalive = scenario.policies.find((p) => p.kind === 'keepalive')!;
    const simulation = new Simulation({
      policy: keepalive,
      priceOf: () => ({ minCacheableTokens: 1024, usdPerMTok: { cacheWrite1h: 1 } }) as never,
      engine: scenario.engine,
      horizonMs: scenario.horizonMs,
      rng: createRng(1),
    });
    const segments = [{ id: 's', key: 1, tokens: 2000, role: 'system', breakpoint: true }];
    const recorded: Request = {
      atMs: 1000,
      scope: 'org',
      model: 'claude-sonnet-4-5',
      segments,
      segmentCount: 1,
      tailTokens: 5,
      outputTokens: 7,
      threadId: 't',
      threadKind: 'main',
      sessionId: 's',
      threadIndex: 3,
      warmSegments: 1,
      recordedTtl: '1h',
      priceKey: 'claude-sonnet-4-5/long',
    };
    simulation.offer(recorded);
    // A numbered thread's ping state sits at its Request.threadIndex.
    const copy = simulation['pingStatesByIndex'][3]!.request;
    expect(copy).not.toBe(recorded);
    expect(copy).toEqual({ ...recorded });
    expect(Object.keys(copy).sort()).toEqual(Object.keys(recorded).sort());
  });

  it("a ping's copy of a generated request has the request's hidden class (V8's own check, on dist/)", () => {
    // %HaveSameMap needs --allow-natives-syntax: a child process on the built CLI's modules.
    const script = `
      const { readScenarioFile } = await import('./dist/run/scenario-files.js');
      const { createArrivals } = await import('./dist/workload/arrivals.js');
      const { createRng } = await import('./dist/workload/rng.js');
      const { priceResolver } = await import('./dist/run/run-scenario.js');
      const { Simulation } = await import('./dist/engine/simulate.js');
      const scenario = readScenarioFile(${JSON.stringify(SCENARIO)});
      const arrivals = createArrivals(scenario.workloads, createRng(scenario.seed).fork('arrivals'), scenario.horizonMs);
      const simulation = new Simulation({
        policy: scenario.policies.find((p) => p.kind === 'keepalive'),
        priceOf: priceResolver(scenario), engine: scenario.engine, horizonMs: scenario.horizonMs, rng: createRng(1),
      });
      const request = arrivals.next().value;
      simulation.offer(request);
      const copy = [...simulation.pingStatesById.values()][0].request;
      console.log(JSON.stringify({ sameClass: %HaveSameMap(request, copy) }));`;
    const child = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ sameClass: true });
  });
});
