// The Claude Code transcript reader on hand-made lines: de-duplication, send time, threads, the TTL
// split, old and new formats, and every kind of unusable line.
import { describe, expect, it } from 'vitest';
import { readClaudeCodeCalls } from '../../src/logs/claude-code.js';
import { ProblemLog, type LogLine } from '../../src/logs/types.js';

const lines = (...records: (object | string)[]): LogLine[] =>
  records.map((r, i) => ({ file: 'x.jsonl', line: i + 1, text: typeof r === 'string' ? r : JSON.stringify(r) }));

const user = (uuid: string, parentUuid: string | null, timestamp: string, extra: object = {}) => ({
  type: 'user',
  uuid,
  parentUuid,
  timestamp,
  sessionId: 's1',
  version: '2.1.39',
  message: { role: 'user', content: 'hi' },
  ...extra,
});
const usage = (read: number, write: number, output: number, split?: { m5: number; h1: number }) => ({
  input_tokens: 3,
  cache_creation_input_tokens: write,
  cache_read_input_tokens: read,
  output_tokens: output,
  ...(split === undefined
    ? {}
    : { cache_creation: { ephemeral_5m_input_tokens: split.m5, ephemeral_1h_input_tokens: split.h1 } }),
});
const assistant = (
  uuid: string,
  parentUuid: string,
  timestamp: string,
  id: string,
  u: object | string,
  extra: object = {},
) => ({
  type: 'assistant',
  uuid,
  parentUuid,
  timestamp,
  sessionId: 's1',
  version: '2.1.39',
  requestId: `req-${id}`,
  message: { id, model: 'claude-opus-4-6', role: 'assistant', content: [{ type: 'text' }], usage: u },
  ...extra,
});

const read = (records: (object | string)[], project = 'p') => {
  const problems = new ProblemLog();
  const calls = readClaudeCodeCalls(lines(...records), { project }, problems, new Set());
  return { calls, problems };
};

describe('Claude Code transcripts', () => {
  it('one request per (message.id, requestId), keeping the largest output count of its block lines', () => {
    const { calls } = read([
      user('u1', null, '2026-02-12T16:00:00.000Z'),
      assistant('a1', 'u1', '2026-02-12T16:00:03.000Z', 'm1', usage(1000, 5000, 9)),
      assistant('a2', 'a1', '2026-02-12T16:00:04.000Z', 'm1', usage(1000, 5000, 250)),
      assistant('a3', 'a2', '2026-02-12T16:00:05.000Z', 'm1', usage(1000, 5000, 31)),
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0].usage).toEqual({ input: 3, cacheWrite5m: 5000, cacheWrite1h: 0, cacheRead: 1000, output: 250 });
  });

  it('a request starts when its user line was written, walking up through progress lines', () => {
    const { calls } = read([
      user('u1', null, '2026-02-12T16:00:00.000Z'),
      { type: 'progress', uuid: 'p1', parentUuid: 'u1', timestamp: '2026-02-12T16:00:01.000Z' },
      assistant('a1', 'p1', '2026-02-12T16:00:07.500Z', 'm1', usage(0, 5000, 9)),
    ]);
    expect(calls[0].startMs).toBe(Date.parse('2026-02-12T16:00:00.000Z'));
  });

  it('without a user ancestor the first assistant line time is the start', () => {
    const { calls } = read([assistant('a1', 'missing', '2026-02-12T16:00:07.500Z', 'm1', usage(0, 5000, 9))]);
    expect(calls[0].startMs).toBe(Date.parse('2026-02-12T16:00:07.500Z'));
  });

  it('reads the TTL from the ephemeral split; a remainder the split does not cover is 5m', () => {
    const { calls } = read([
      assistant('a1', 'x', '2026-02-12T16:00:00.000Z', 'm1', usage(0, 13835, 9, { m5: 0, h1: 13835 })),
      assistant('a2', 'x', '2026-02-12T16:01:00.000Z', 'm2', usage(0, 1000, 9, { m5: 0, h1: 600 })),
      assistant('a3', 'x', '2026-02-12T16:02:00.000Z', 'm3', usage(0, 1000, 9)),
    ]);
    expect(calls.map((c) => [c.ttl, c.usage.cacheWrite5m, c.usage.cacheWrite1h])).toEqual([
      ['1h', 0, 13835],
      ['1h', 400, 600],
      ['5m', 1000, 0],
    ]);
  });

  it('threads: main, subagent (agentId) and compaction call (acompact-…) with its parent', () => {
    const { calls } = read([
      assistant('a1', 'x', '2026-02-12T16:00:00.000Z', 'm1', usage(0, 5000, 9)),
      assistant('a2', 'x', '2026-02-12T16:01:00.000Z', 'm2', usage(0, 5000, 9), {
        isSidechain: true,
        agentId: 'a2898e3',
      }),
      assistant('a3', 'x', '2026-02-12T16:02:00.000Z', 'm3', usage(5000, 100, 9), {
        isSidechain: true,
        agentId: 'acompact-e1f845',
      }),
    ]);
    expect(calls.map((c) => [c.threadId, c.threadKind, c.parentThreadId])).toEqual([
      ['p/s1', 'main', ''],
      ['p/s1/agent-a2898e3', 'subagent', ''],
      ['p/s1/agent-acompact-e1f845', 'compaction', 'p/s1'],
    ]);
  });

  it('drops a sidechain replay of a main message and synthetic or API-error lines', () => {
    const problems = new ProblemLog();
    const mainIds = new Set<string>();
    readClaudeCodeCalls(
      lines(assistant('a1', 'x', '2026-02-12T16:00:00.000Z', 'm1', usage(0, 5000, 9))),
      { project: 'p' },
      problems,
      mainIds,
    );
    const replayed = readClaudeCodeCalls(
      lines(
        {
          ...assistant('b1', 'x', '2026-02-12T16:05:00.000Z', 'm1', usage(0, 5000, 9)),
          requestId: 'req-new',
          isSidechain: true,
          agentId: 'z',
        },
        { ...assistant('b2', 'x', '2026-02-12T16:06:00.000Z', 'm2', usage(0, 5000, 9)), isApiErrorMessage: true },
        {
          ...assistant('b3', 'x', '2026-02-12T16:07:00.000Z', 'm3', usage(0, 0, 0)),
          message: { id: 'm3', model: '<synthetic>', usage: usage(0, 0, 0) },
        },
      ),
      { project: 'p' },
      problems,
      mainIds,
    );
    expect(replayed).toEqual([]);
    expect(problems.count).toBe(0);
  });

  it('reads the minimal old shape (no type, no uuid, costUSD) as ccusage does', () => {
    const { calls, problems } = read([
      {
        timestamp: '2026-01-09T12:30:00.000Z',
        sessionId: 'alpha',
        message: {
          role: 'assistant',
          id: 'msg-2',
          model: 'claude-opus-4-20250514',
          usage: { input_tokens: 200, output_tokens: 75, cache_creation_input_tokens: 50, cache_read_input_tokens: 20 },
        },
        requestId: 'req-2',
        costUSD: 0.34,
        version: '1.0.0',
      },
    ]);
    expect(problems.count).toBe(0);
    expect(calls[0].usage).toEqual({ input: 200, cacheWrite5m: 50, cacheWrite1h: 0, cacheRead: 20, output: 75 });
  });

  it('counts and locates every unusable line, and never throws', () => {
    const { calls, problems } = read([
      '{"type":"assistant","message":{"usage":{"input_tok',
      'not json at all',
      '\u0000\u0001\u00ff binary',
      '[1,2,3]',
      assistant('a1', 'x', '2026-02-12T16:00:00.000Z', 'm1', { ...usage(0, 10, 1), input_tokens: -5 }),
      assistant('a2', 'x', '2026-02-12T16:00:00.000Z', 'm2', { ...usage(0, 10, 1), cache_read_input_tokens: 'many' }),
      assistant('a3', 'x', '2026-02-12T16:00:00.000Z', 'm3', { ...usage(0, 10, 1), output_tokens: null }),
      assistant('a4', 'x', '2026-02-12T16:00:00.000Z', 'm4', { ...usage(0, 10, 1), cache_creation_input_tokens: 1e12 }),
      assistant('a5', 'x', 'yesterday', 'm5', usage(0, 10, 1)),
      assistant('a6', 'x', '2026-02-12T16:00:00.000Z', 'm6', 'usage'),
      assistant('a7', 'x', '2026-02-12T16:00:00.000Z', 'm7', { ...usage(0, 10, 1), input_tokens: 2.5 }),
      assistant('ok', 'x', '2026-02-12T16:00:00.000Z', 'm8', usage(0, 10, 1)),
    ]);
    expect(calls).toHaveLength(1);
    expect(problems.count).toBe(11);
    expect(problems.shown.map((p) => [p.line, p.field])).toEqual([
      [1, ''],
      [2, ''],
      [3, ''],
      [4, ''],
      [5, 'message.usage.input_tokens'],
      [6, 'message.usage.cache_read_input_tokens'],
      [7, 'message.usage.output_tokens'],
      [8, 'message.usage.cache_creation_input_tokens'],
      [9, 'timestamp'],
      [10, 'message.usage'],
      [11, 'message.usage.input_tokens'],
    ]);
    expect(problems.shown[4].reason).toMatch(/negative/);
    expect(problems.shown[7].reason).toMatch(/implausible/);
  });

  it('sorts calls by start time whatever the line order', () => {
    const { calls } = read([
      assistant('a2', 'x', '2026-02-12T16:05:00.000Z', 'm2', usage(0, 10, 1)),
      assistant('a1', 'x', '2026-02-12T16:00:00.000Z', 'm1', usage(0, 10, 1)),
    ]);
    expect(calls.map((c) => c.usage.cacheWrite5m >= 0 && new Date(c.startMs).toISOString())).toEqual([
      '2026-02-12T16:00:00.000Z',
      '2026-02-12T16:05:00.000Z',
    ]);
  });
});
