import { describe, it, expect } from 'vitest';
import type { SessionsWorkload } from '../../src/model/scenario.js';
import { promptTokens, type Request } from '../../src/model/request.js';
import { createArrivals } from '../../src/workload/arrivals.js';
import { createRng } from '../../src/workload/rng.js';
import { COMPACTION_DELAY_MS, SUBAGENT_DELAY_MS } from '../../src/workload/sessions.js';
import {
  DAYTIME_ONLY,
  HOUR_MS,
  MINUTE_MS,
  common,
  constant,
  groupBy,
  isNight,
  outOfOrder,
  promptView,
  take,
} from './collect.js';

// Constant sizes make every prompt predictable: the base is 15,000 tokens; a session's first request adds
// the 100-token user message, each tool-loop follow-up adds 300 + 5,000, each later turn opens with
// 300 + 100. With a 7-token tail the prompt first passes 60,000 at the second request of turn 5.
const spec: SessionsWorkload = {
  kind: 'sessions',
  ...common,
  arrivalRatePerMs: 6 / HOUR_MS,
  turns: constant(6),
  requestsPerTurn: constant(3),
  toolGapMs: constant(5000),
  thinkTimeMs: constant(MINUTE_MS),
  longBreakProbability: 0,
  longBreakMs: constant(0),
  prompt: {
    toolsTokens: 10_000,
    systemTokens: 3000,
    projectTokens: 2000,
    projects: 2,
    userMessageTokens: constant(100),
    toolResultTokens: constant(5000),
    outputTokens: constant(300),
    tailTokens: 7,
  },
  compaction: { thresholdTokens: 60_000, summaryTokens: 4000 },
  subagents: {
    probability: 0.5,
    requests: constant(4),
    gapMs: constant(3000),
    systemTokens: 8000,
    taskTokens: constant(500),
    toolResultTokens: constant(1000),
    outputTokens: constant(200),
  },
};
const plain: SessionsWorkload = { ...spec, compaction: null, subagents: null };

const last = (r: Request) => r.segments[r.segmentCount - 1];
const lastTokens = (list: readonly Request[]) => list.map((r) => last(r).tokens);

describe('sessions workload', () => {
  const horizonMs = 8 * HOUR_MS;
  // Each prompt is frozen as it is pulled, to check afterwards that no later request rewrote it.
  const views: string[] = [];
  const requests: Request[] = [];
  const arrivals = createArrivals([spec], createRng(1), horizonMs);
  for (let next = arrivals.next(); next.done !== true; next = arrivals.next()) {
    requests.push(next.value);
    views.push(promptView(next.value));
  }
  const main = requests.filter((r) => r.threadKind === 'main');
  const sessions = groupBy(main, (r) => r.sessionId);

  it('interleaves sessions and their subagents in time order, and sends nothing at or after the horizon', () => {
    expect(sessions.size).toBeGreaterThan(20);
    expect(outOfOrder(requests)).toEqual([]);
    expect(requests.every((r) => r.atMs < horizonMs && Number.isInteger(r.atMs))).toBe(true);
  });

  it('a request never changes a segment an earlier request can see', () => {
    expect(requests.map(promptView)).toEqual(views);
  });

  it('every session shares the tools and system segments, and each project its project segment', () => {
    const ids = (i: number) => new Set(main.map((r) => `${r.segments[i].id}:${r.segments[i].key}`));
    expect(ids(0).size).toBe(1);
    expect(ids(1).size).toBe(1);
    expect(ids(2).size).toBe(2);
    expect(new Set(main.map((r) => r.segments[2].id))).toEqual(new Set(['w0/default/project0', 'w0/default/project1']));
    const [tools, system, project] = main[0].segments;
    expect([tools.id, tools.role, tools.tokens, tools.breakpoint]).toEqual([
      'w0/default/tools',
      'tools',
      10_000,
      false,
    ]);
    expect([system.id, system.role, system.tokens, system.breakpoint]).toEqual([
      'w0/default/system',
      'system',
      3000,
      true,
    ]);
    expect([project.role, project.tokens, project.breakpoint]).toEqual(['project', 2000, true]);
  });

  it('breakpoints sit on the system and project segments only; history carries none of its own', () => {
    for (const r of main.slice(0, 200)) {
      const flags = r.segments.slice(0, r.segmentCount).map((s) => s.breakpoint);
      expect(flags).toEqual([false, true, true, ...Array<boolean>(r.segmentCount - 3).fill(false)]);
      expect(r.segments.slice(3, r.segmentCount).every((s) => s.role === 'history')).toBe(true);
    }
  });

  it('with no project context the prompt is tools, system, then history', () => {
    const first = take([{ ...plain, prompt: { ...plain.prompt, projectTokens: 0 } }], HOUR_MS, 1, 1)[0];
    expect(first.segments.slice(0, first.segmentCount).map((s) => s.role)).toEqual(['tools', 'system', 'history']);
  });

  it('the history grows by one segment per request: output + tool result within a turn, output + user message across turns', () => {
    const full = [...groupBy(take([plain], 24 * HOUR_MS), (r) => r.sessionId).values()].find(
      (list) => list.length === 18,
    )!;
    expect(full.map((r) => r.segmentCount)).toEqual(Array.from({ length: 18 }, (_, i) => 4 + i));
    expect(lastTokens(full)).toEqual([100, 5300, 5300, ...Array<number[]>(5).fill([400, 5300, 5300]).flat()]);
    expect(new Set(full.map((r) => r.segments)).size).toBe(1);
    const historyIds = full[17].segments.slice(3, 21).map((s) => s.id);
    expect(new Set(historyIds).size).toBe(18);
    expect(full.every((r) => r.outputTokens === 300 && r.tailTokens === 7 && r.threadId === r.sessionId)).toBe(true);
  });

  it('gaps are the tool gap within a turn and the think time between turns', () => {
    const list = take([{ ...plain, turns: constant(3) }], HOUR_MS).filter((r) => r.sessionId === 'w0/s0');
    expect(list.map((r) => r.atMs - list[0].atMs)).toEqual([
      0, 5000, 10_000, 70_000, 75_000, 80_000, 140_000, 145_000, 150_000,
    ]);
  });

  it('a long break replaces the think time with its own draw', () => {
    const list = take(
      [
        {
          ...plain,
          turns: constant(2),
          requestsPerTurn: constant(1),
          longBreakProbability: 1,
          longBreakMs: constant(2 * HOUR_MS),
        },
      ],
      24 * HOUR_MS,
    ).filter((r) => r.sessionId === 'w0/s0');
    expect(list.map((r) => r.atMs - list[0].atMs)).toEqual([0, 2 * HOUR_MS]);
  });

  it('past the threshold a compaction call goes first, then the request follows on a fresh array headed by a summary', () => {
    const compactions = requests.filter((r) => r.threadKind === 'compaction');
    expect(compactions.length).toBeGreaterThan(0);
    for (const call of compactions.slice(0, 10)) {
      const thread = requests.filter((r) => r.sessionId === call.sessionId && r.threadKind !== 'subagent');
      const at = thread.indexOf(call);
      const [before, after] = [thread[at - 1], thread[at + 1]];
      expect(call.threadId).toBe(`${call.sessionId}/compact0`);
      expect([call.outputTokens, call.atMs]).toEqual([4000, before.atMs + 5000]);
      expect(promptTokens(before)).toBeLessThanOrEqual(60_000);
      expect(promptTokens(call)).toBeGreaterThan(60_000);
      expect(call.segments).toBe(before.segments);
      expect(call.segmentCount).toBe(before.segmentCount + 1);
      expect(after.atMs - call.atMs).toBe(COMPACTION_DELAY_MS);
      expect(after.segments).not.toBe(call.segments);
      const prompt = after.segments.slice(0, after.segmentCount);
      expect(prompt.slice(0, 3)).toEqual(call.segments.slice(0, 3));
      expect(prompt.slice(3).map((s) => [s.role, s.tokens, s.breakpoint])).toEqual([
        ['history', 4000, false],
        ['history', 5300, false],
      ]);
      const earlierIds = new Set(call.segments.slice(0, call.segmentCount).map((s) => s.id));
      expect(prompt.slice(3).some((s) => earlierIds.has(s.id))).toBe(false);
    }
  });

  it('each turn spawns a subagent with the given probability, 1 s after the turn’s first request', () => {
    const subagents = groupBy(
      requests.filter((r) => r.threadKind === 'subagent'),
      (r) => r.threadId,
    );
    expect(subagents.size).toBeGreaterThan(0);
    for (const [threadId, list] of subagents) {
      expect(threadId).toMatch(new RegExp(`^${list[0].sessionId}/a\\d+$`));
      const opener = main.find((r) => r.sessionId === list[0].sessionId && r.atMs === list[0].atMs - SUBAGENT_DELAY_MS);
      expect(opener === undefined ? undefined : [100, 400].includes(last(opener).tokens)).toBe(true);
      if (list[0].atMs + 3 * 3000 < horizonMs)
        expect(list.map((r) => r.atMs - list[0].atMs)).toEqual([0, 3000, 6000, 9000]);
      const [system, task] = list[0].segments;
      expect([system.id, system.role, system.tokens, system.breakpoint]).toEqual([
        'w0/default/subagent-system',
        'system',
        8000,
        true,
      ]);
      expect([task.role, task.tokens]).toEqual(['history', 500]);
      expect(lastTokens(list)).toEqual([500, 1200, 1200, 1200].slice(0, list.length));
    }
    // Turns opened (a session's first request, or one whose new segment is output + user message).
    const turns = main.filter((r) => [100, 400].includes(last(r).tokens) && r.segmentCount > 3).length;
    const standardError = Math.sqrt(turns * 0.25);
    expect(Math.abs(subagents.size - turns / 2)).toBeLessThanOrEqual(4 * standardError);
  });

  it('sessions still running at the horizon are cut there', () => {
    // Sessions of 2.5 h (five 30-minute think times): those starting in the last 2.5 h are cut.
    const long = groupBy(take([{ ...plain, thinkTimeMs: constant(30 * MINUTE_MS) }], horizonMs), (r) => r.sessionId);
    const cut = [...long.values()].filter((list) => list.length < 18);
    expect(cut.length).toBeGreaterThan(5);
    expect(cut.every((list) => list[0].atMs > horizonMs - 3 * HOUR_MS)).toBe(true);
    expect([...long.values()].flat().every((r) => r.atMs < horizonMs)).toBe(true);
  });

  it('sessions start as a Poisson process at the configured rate (within 4 standard errors)', () => {
    const brief = { ...plain, arrivalRatePerMs: 60 / HOUR_MS, turns: constant(1), requestsPerTurn: constant(1) };
    const started = take([brief], 100 * HOUR_MS).length;
    expect(Math.abs(started - 6000)).toBeLessThanOrEqual(4 * Math.sqrt(6000));
  });

  it('is deterministic per seed and changes with it', () => {
    expect(take([spec], horizonMs)).toEqual(requests);
    expect(take([spec], horizonMs, 2).map((r) => r.atMs)).not.toEqual(requests.map((r) => r.atMs));
  });

  // Not timed (timings flake on shared machines): an eager generator would never finish this horizon, so
  // the test's own timeout is the check.
  it('is lazy: the first requests of a practically endless run come at once', () => {
    expect(take([spec], 1e15, 1, 10)).toHaveLength(10);
  });

  it('a profile with zero weight at night starts no session at night', () => {
    const day = take([{ ...plain, arrivalRatePerMs: 60 / HOUR_MS, profile: DAYTIME_ONLY }], 48 * HOUR_MS);
    const starts = [...groupBy(day, (r) => r.sessionId).values()].map((list) => list[0].atMs);
    expect(starts.length).toBeGreaterThan(1000);
    expect(starts.filter(isNight)).toEqual([]);
  });
});
