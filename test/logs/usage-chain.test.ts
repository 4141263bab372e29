// Prompt reconstruction from usage: each rule of logs/usage-chain.ts on a hand-made
// thread, checked by simulating the rebuilt requests at their recorded TTLs.
import { describe, expect, it } from 'vitest';
import { UsageChains, stableBreakpoints, type RecordedRequest } from '../../src/logs/usage-chain.js';
import type { RecordedCall } from '../../src/logs/types.js';
import { SegmentKeys } from '../../src/workload/segment-keys.js';
import { simulate } from '../../src/engine/simulate.js';
import { createRng } from '../../src/workload/rng.js';
import { AS_RECORDED, counterfactualPolicies } from '../../src/replay/counterfactuals.js';
import { ENGINE, UNIT_PROFILE } from '../helpers.js';
import type { PolicySpec } from '../../src/model/policy.js';
import type { ServeOutcome } from '../../src/cache/prefix-cache.js';

const S = 1000;
let nextLine = 1;
function call(atS: number, read: number, write: number, extra: Partial<RecordedCall> = {}): RecordedCall {
  return {
    startMs: atS * S,
    model: 'm',
    usage: { input: 3, cacheWrite5m: write, cacheWrite1h: 0, cacheRead: read, output: 10 },
    ttl: '5m',
    threadId: 't',
    threadKind: 'main',
    sessionId: 't',
    project: 'p',
    version: '1',
    afterCompaction: false,
    parentThreadId: '',
    file: 'f',
    line: nextLine++,
    ...extra,
  };
}

function rebuild(calls: RecordedCall[]): RecordedRequest[] {
  const chains = new UsageChains(new SegmentKeys(), 'scope', 0);
  chains.addBreakpoints(stableBreakpoints(calls));
  return calls.map((c) => chains.toRequest(c));
}

function served(requests: RecordedRequest[], policy: PolicySpec = AS_RECORDED): ServeOutcome[] {
  const outcomes: ServeOutcome[] = [];
  simulate({
    arrivals: requests[Symbol.iterator](),
    policy,
    priceOf: () => ({ ...UNIT_PROFILE, minCacheableTokens: 1 }),
    engine: ENGINE,
    horizonMs: 86_400_000,
    rng: createRng(1),
    onRequest: (_r, o) => outcomes.push({ ...o }),
  });
  return outcomes;
}
const reads = (outcomes: ServeOutcome[]) => outcomes.map((o) => o.readTokens);
const recordedReads = (calls: RecordedCall[]) => calls.map((c) => c.usage.cacheRead);

describe('rebuilding prompts from usage', () => {
  it('steady state: each call reads what the previous one cached and writes its new turn', () => {
    const calls = [call(0, 0, 20_000), call(10, 20_000, 500), call(20, 20_500, 300)];
    const requests = rebuild(calls);
    expect(requests.map((r) => r.segmentCount)).toEqual([1, 2, 3]);
    expect(reads(served(requests))).toEqual(recordedReads(calls));
    expect(requests.map((r) => r.change)).toEqual(['first-request', 'none', 'none']);
  });

  it('an idle gap past the TTL keeps the prompt (the TTL explains the miss), so 1h would still hit', () => {
    const calls = [call(0, 0, 20_000), call(400, 0, 20_500), call(410, 20_500, 100)];
    const requests = rebuild(calls);
    expect(requests[1].change).toBe('none');
    expect(reads(served(requests))).toEqual([0, 0, 20_500]);
    const oneHour = counterfactualPolicies().find((p) => p.name === '1h')!;
    expect(reads(served(requests, oneHour))).toEqual([0, 20_000, 20_500]);
  });

  it('a short-gap read below the cached prefix is a prompt change at a breakpoint the log proves', () => {
    // The third call read only 12,000 after 10 s: the prompt changed after 12,000 tokens, and the
    // first call must already have had a breakpoint there for that read to be possible.
    const calls = [call(0, 0, 20_000), call(10, 20_000, 500), call(20, 12_000, 9_000), call(30, 21_000, 100)];
    const requests = rebuild(calls);
    expect(requests[0].segments.slice(0, requests[0].segmentCount).map((s) => s.tokens)).toEqual([12_000, 8_000]);
    expect(requests[2].change).toBe('content-change');
    expect(reads(served(requests))).toEqual(recordedReads(calls));
    // The rewritten tail is forced by the prompt, not by the TTL: 1h reads the same.
    const oneHour = counterfactualPolicies().find((p) => p.name === '1h')!;
    expect(reads(served(requests, oneHour))).toEqual(recordedReads(calls));
  });

  it('a first call that reads a shared prefix reads it even when nothing in the logs wrote it', () => {
    const calls = [call(0, 17_842, 5_000)];
    const requests = rebuild(calls);
    expect(requests[0].warmSegments).toBe(1);
    const [outcome] = served(requests);
    expect(outcome.readTokens).toBe(17_842);
    expect(outcome.externalReadTokens).toBe(17_842);
    expect(outcome.write5mTokens).toBe(5_000);
  });

  it("two sessions share the tools + system prefix: the second reads the first one's entry", () => {
    const calls = [
      call(0, 17_842, 5_000, { threadId: 'a', sessionId: 'a' }),
      call(60, 17_842, 3_000, { threadId: 'b', sessionId: 'b' }),
    ];
    const outcomes = served(rebuild(calls));
    expect(reads(outcomes)).toEqual([17_842, 17_842]);
    // The second read was a real hit on the first session's entry, not an external one.
    expect(outcomes[1].externalReadTokens).toBe(0);
  });

  it("a compaction call starts from its parent's conversation and reads the parent's cache", () => {
    const calls = [
      call(0, 0, 160_000, { threadId: 's' }),
      call(10, 160_000, 4_000, { threadId: 's' }),
      call(20, 164_000, 8_000, { threadId: 's/agent-acompact-1', threadKind: 'compaction', parentThreadId: 's' }),
    ];
    const requests = rebuild(calls);
    expect(requests[2].change).toBe('compaction');
    expect(requests[2].warmSegments).toBe(0);
    expect(reads(served(requests))).toEqual(recordedReads(calls));
  });

  it('a model switch starts a new chain; switching back finds the old one if still warm', () => {
    const calls = [call(0, 0, 30_000), call(10, 0, 40_000, { model: 'h' }), call(20, 30_000, 500)];
    const requests = rebuild(calls);
    expect(requests.map((r) => r.change)).toEqual(['first-request', 'model-change', 'none']);
    expect(reads(served(requests))).toEqual(recordedReads(calls));
  });

  it('a client version change is a hard reset', () => {
    const calls = [call(0, 0, 30_000), call(10, 0, 30_500, { version: '2' })];
    const requests = rebuild(calls);
    expect(requests[1].change).toBe('version-change');
    const oneHour = counterfactualPolicies().find((p) => p.name === '1h');
    expect(oneHour).toBeDefined();
    expect(reads(served(requests, oneHour))).toEqual([0, 0]);
  });
});
