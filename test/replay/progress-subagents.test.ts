// The real session test/fixtures/real/spotter/subagent.jsonl (Claude Code 2.1.38) launches a Haiku subagent
// (afb92ff) whose requests are recorded only in the parent's agent_progress lines. They are replayed as a
// subagent thread of the parent, and never twice when the subagent's own file is replayed beside it
// (test/fixtures/claude-code/README.md says how that file was derived), whichever file is read first.
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLogs, replayLogs, type ReplayOptions, type ReplayResult } from '../../src/replay/replay-logs.js';
import { isRecorded, type RecordedRequest } from '../../src/logs/usage-chain.js';
import { agentsWithOwnFile, readClaudeCodeCalls } from '../../src/logs/claude-code.js';
import { SeenRequests } from '../../src/logs/seen-requests.js';
import { ProblemLog, type LogLine, type RecordedCall } from '../../src/logs/types.js';

const SESSION = '491e126e-1e71-469c-ade2-fcc8af567c74';
const PARENT = join('test', 'fixtures', 'real', 'spotter', 'subagent.jsonl');
const OWN_FILE = join(
  'test',
  'fixtures',
  'claude-code',
  'progress-subagent',
  SESSION,
  'subagents',
  'agent-afb92ff.jsonl',
);

/**
 * Hand count of the fixture's agent_progress lines of agent afb92ff (lines 38–55): five Haiku requests,
 * each (input, 1h write, read, largest output).
 */
const HAND = [
  [2, 2398, 15584, 3],
  [6, 362, 17982, 1],
  [6, 2384, 18344, 1],
  [6, 1977, 20728, 1],
  [4, 7164, 22705, 1],
] as const;
/** Haiku 4.5, $/MTok (docs/pricing.md): input, 1h write, read, output. */
const HAIKU = [1, 2, 0.1, 5] as const;
const HAND_USD = HAND.reduce((sum, r) => sum + r.reduce((s, tokens, i) => s + tokens * HAIKU[i], 0) / 1e6, 0);

const options = (paths: string[]): ReplayOptions => ({ paths, cwd: process.cwd(), env: {} });
/** Every request of the replay's subagent threads, in replay order. */
function subagentRequests(paths: string[]): RecordedRequest[] {
  const arrivals = openLogs(options(paths)).requests();
  const found: RecordedRequest[] = [];
  for (let next = arrivals.next(); next.done !== true; next = arrivals.next())
    if (isRecorded(next.value) && next.value.threadKind === 'subagent') found.push(next.value);
  return found;
}
const subagentUsd = (result: ReplayResult) => result.breakdowns.byThreadKind.find((r) => r.key === 'subagent')!;

/** A projects folder holding the parent session and, optionally, the subagent's own file at `ownAs`. */
function projectWith(ownAs?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ttlsim-progress-'));
  const project = join(dir, '-home-marco-projects-spotter');
  mkdirSync(project);
  copyFileSync(PARENT, join(project, `${SESSION}.jsonl`));
  if (ownAs !== undefined) {
    mkdirSync(join(project, ownAs, '..'), { recursive: true });
    copyFileSync(OWN_FILE, join(project, ownAs));
  }
  return dir;
}

describe('subagent requests seen only in the parent’s agent_progress lines (real session)', () => {
  const alone = replayLogs(options([PARENT]));

  it('are replayed as a subagent thread of the parent, matching the hand count', () => {
    expect(alone.asRecorded!.requests).toBe(17);
    expect(alone.breakdowns.byThreadKind.map((r) => [r.key, r.requests])).toEqual([
      ['main', 12],
      ['subagent', 5],
    ]);
    const requests = subagentRequests([PARENT]);
    expect(
      requests.map((r) => [r.recorded.input, r.recorded.cacheWrite1h, r.recorded.cacheRead, r.recorded.output]),
    ).toEqual(HAND);
    expect(new Set(requests.map((r) => r.threadId))).toEqual(new Set([`spotter/${SESSION}/agent-afb92ff`]));
    // Logged as claude-haiku-4-5-20251001; requests carry the resolved id (one cache per model).
    expect(new Set(requests.map((r) => r.model))).toEqual(new Set(['claude-haiku-4-5']));
    expect(requests.reduce((sum, r) => sum + r.recorded.cacheWrite1h, 0)).toBe(14_285);
    expect(requests.reduce((sum, r) => sum + r.recorded.cacheRead, 0)).toBe(95_343);
    // The first starts when the Task prompt reached the subagent (the inner user message of line 37).
    expect(new Date(requests[0].startEpochMs).toISOString()).toBe('2026-02-10T21:58:15.453Z');
    expect(subagentUsd(alone).asRecordedUsd).toBeCloseTo(HAND_USD, 6);
    // About 6.8% of the session's bill.
    expect(HAND_USD / alone.asRecorded!.costUsd.total).toBeCloseTo(0.068, 3);
    expect(alone.problems.duplicates).toBe(0);
  });

  it('are read from the subagent’s own file, once, when it is replayed too', () => {
    const dir = projectWith(join(SESSION, 'subagents', 'agent-afb92ff.jsonl'));
    const both = replayLogs(options([dir]));
    expect(both.asRecorded).toEqual(alone.asRecorded);
    expect(both.breakdowns.byThreadKind).toEqual(alone.breakdowns.byThreadKind);
    expect(both.problems.duplicates).toBe(0);
    expect(subagentRequests([dir]).map((r) => r.file)).toEqual(
      Array(5).fill(expect.stringMatching(/agent-afb92ff\.jsonl$/)),
    );
  });

  it('are still counted once when the subagent file is named so that the file list cannot tell', () => {
    const dir = projectWith(join('elsewhere', 'copy.jsonl'));
    const both = replayLogs(options([dir]));
    expect(both.asRecorded).toEqual(alone.asRecorded);
    expect(both.problems.duplicates).toBe(5);
  });

  it('give the same requests whichever file is read first', () => {
    const paths = [PARENT, OWN_FILE];
    const own = agentsWithOwnFile([`/p/${SESSION}.jsonl`, `/p/${SESSION}/subagents/agent-afb92ff.jsonl`]);
    const readAll = (order: string[]) => {
      const seen = new SeenRequests();
      const calls: RecordedCall[] = [];
      for (const path of order) {
        const lines: LogLine[] = readFileSync(path, 'utf8')
          .split('\n')
          .map((text, i) => ({ file: path, line: i + 1, text }))
          .filter((l) => l.text !== '');
        const read = readClaudeCodeCalls(
          lines,
          { project: 'p', agentsWithOwnFile: own },
          new ProblemLog(),
          seen.mainMessageIds,
        );
        calls.push(...seen.firstCopies(read));
      }
      return calls
        .map((c) => ({ key: c.requestKey ?? '', thread: c.threadId, startMs: c.startMs, usage: c.usage, file: c.file }))
        .sort((a, b) => a.key.localeCompare(b.key));
    };
    const forward = readAll(paths);
    expect(forward).toHaveLength(17);
    expect(readAll([...paths].reverse())).toEqual(forward);
  });
});
