// Subagent requests that older Claude Code versions record only in the parent's `agent_progress` lines, on
// hand-made lines shaped as in test/fixtures/real/spotter/subagent.jsonl: one request per (message id,
// request id) with the largest output count, a subagent thread of the parent, the send time from the
// latest inner user message, skipped when the subagent's own file is replayed (agentsWithOwnFile).
import { describe, expect, it } from 'vitest';
import { agentsWithOwnFile, readClaudeCodeCalls, type ClaudeFileContext } from '../../src/logs/claude-code.js';
import { ProblemLog, type LogLine } from '../../src/logs/types.js';

const SESSION = '491e126e-1e71-469c-ade2-fcc8af567c74';
const lines = (...records: object[]): LogLine[] =>
  records.map((r, i) => ({ file: 'parent.jsonl', line: i + 1, text: JSON.stringify(r) }));

/** A parent progress line carrying one inner message of subagent `agentId`. */
const progress = (uuid: string, timestamp: string, inner: object, agentId = 'afb92ff', type = 'agent_progress') => ({
  parentUuid: 'p0',
  isSidechain: false,
  sessionId: SESSION,
  version: '2.1.38',
  type: 'progress',
  data: { message: inner, normalizedMessages: [], type, prompt: 'draft the beads', agentId },
  toolUseID: 'agent_msg_1',
  parentToolUseID: 'toolu_1',
  uuid,
  timestamp,
});
const innerUser = (uuid: string, timestamp: string) => ({
  type: 'user',
  message: { role: 'user', content: [{ type: 'text', text: 'go' }] },
  uuid,
  timestamp,
});
const innerAssistant = (uuid: string, timestamp: string, id: string, output: number, extra: object = {}) => ({
  type: 'assistant',
  timestamp,
  message: {
    model: 'claude-haiku-4-5-20251001',
    id,
    type: 'message',
    role: 'assistant',
    content: [{ type: 'tool_use' }],
    usage: {
      input_tokens: 2,
      cache_creation_input_tokens: 2398,
      cache_read_input_tokens: 15584,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 2398 },
      output_tokens: output,
    },
  },
  requestId: `req-${id}`,
  uuid,
  ...extra,
});

const read = (records: object[], context: ClaudeFileContext = { project: 'p' }) => {
  const problems = new ProblemLog();
  return { calls: readClaudeCodeCalls(lines(...records), context, problems, new Set()), problems };
};

/** Two requests of subagent afb92ff, the first over three progress lines with a growing output count. */
const twoRequests = [
  progress('o1', '2026-02-10T21:58:15.454Z', innerUser('i1', '2026-02-10T21:58:15.453Z')),
  progress('o2', '2026-02-10T21:58:17.857Z', innerAssistant('i2', '2026-02-10T21:58:17.856Z', 'm1', 3)),
  progress('o3', '2026-02-10T21:58:18.090Z', innerAssistant('i3', '2026-02-10T21:58:18.090Z', 'm1', 40)),
  progress('o4', '2026-02-10T21:58:18.463Z', innerAssistant('i4', '2026-02-10T21:58:18.462Z', 'm1', 7)),
  progress('o5', '2026-02-10T21:58:20.961Z', innerUser('i5', '2026-02-10T21:58:20.932Z')),
  progress('o6', '2026-02-10T21:58:23.213Z', innerAssistant('i6', '2026-02-10T21:58:23.212Z', 'm2', 1)),
];

describe('subagent requests seen only in agent_progress lines', () => {
  it('are requests of a subagent thread of the parent, one per (message id, request id), largest output kept', () => {
    const { calls, problems } = read(twoRequests);
    expect(problems.count).toBe(0);
    expect(calls).toHaveLength(2);
    expect(calls.map((c) => [c.threadId, c.threadKind, c.sessionId, c.model, c.usage.output])).toEqual([
      [`p/${SESSION}/agent-afb92ff`, 'subagent', `p/${SESSION}`, 'claude-haiku-4-5-20251001', 40],
      [`p/${SESSION}/agent-afb92ff`, 'subagent', `p/${SESSION}`, 'claude-haiku-4-5-20251001', 1],
    ]);
    expect(calls[0].usage).toEqual({ input: 2, cacheWrite5m: 0, cacheWrite1h: 2398, cacheRead: 15584, output: 40 });
    expect(calls[0].ttl).toBe('1h');
    expect(calls[0].requestKey).toBe('m1\u0000req-m1');
    expect(calls[0].version).toBe('2.1.38');
    // Located at the first progress line of each request.
    expect(calls.map((c) => c.line)).toEqual([2, 6]);
  });

  it('start when the subagent prompt or tool result before them was written', () => {
    const { calls } = read(twoRequests);
    expect(calls.map((c) => new Date(c.startMs).toISOString())).toEqual([
      '2026-02-10T21:58:15.453Z',
      '2026-02-10T21:58:20.932Z',
    ]);
    // Without an inner user message since the thread's last request: the message's own time.
    const { calls: alone } = read([twoRequests[1], twoRequests[5]]);
    expect(alone.map((c) => new Date(c.startMs).toISOString())).toEqual([
      '2026-02-10T21:58:17.856Z',
      '2026-02-10T21:58:23.212Z',
    ]);
  });

  it('are skipped when the subagent has its own file among the replayed ones', () => {
    const own = agentsWithOwnFile([`/logs/-home-me/${SESSION}/subagents/agent-afb92ff.jsonl`]);
    expect(read(twoRequests, { project: 'p', agentsWithOwnFile: own }).calls).toEqual([]);
    // The same agent id in another session is another agent.
    const other = agentsWithOwnFile([
      '/logs/-home-me/0b5c3a2e-1111-4222-8333-944445555666/subagents/agent-afb92ff.jsonl',
    ]);
    expect(read(twoRequests, { project: 'p', agentsWithOwnFile: other }).calls).toHaveLength(2);
  });

  it('ignore other progress lines, error messages and synthetic ones', () => {
    const { calls, problems } = read([
      progress(
        'h1',
        '2026-02-10T21:58:15.454Z',
        innerAssistant('i1', '2026-02-10T21:58:15.453Z', 'm1', 3),
        'afb92ff',
        'hook_progress',
      ),
      progress(
        'e1',
        '2026-02-10T21:58:16.000Z',
        innerAssistant('i2', '2026-02-10T21:58:16.000Z', 'm2', 3, { isApiErrorMessage: true }),
      ),
      progress('n1', '2026-02-10T21:58:17.000Z', innerAssistant('i3', '2026-02-10T21:58:17.000Z', 'm3', 3), ''),
      { type: 'progress', uuid: 'x', timestamp: '2026-02-10T21:58:17.000Z', data: { type: 'agent_progress' } },
    ]);
    expect(calls).toEqual([]);
    expect(problems.count).toBe(0);
  });

  it('locate a bad count at its path inside the progress line', () => {
    const bad = innerAssistant('i2', '2026-02-10T21:58:17.856Z', 'm1', 3);
    (bad.message.usage as Record<string, unknown>).output_tokens = -1;
    const { calls, problems } = read([progress('o2', '2026-02-10T21:58:17.857Z', bad)]);
    expect(calls).toEqual([]);
    expect(problems.shown.map((p) => [p.line, p.field])).toEqual([[1, 'data.message.message.usage.output_tokens']]);
  });
});

describe('agentsWithOwnFile', () => {
  it('keys a subagent file by its session folder, a renamed one by its agent id alone', () => {
    expect(
      [
        ...agentsWithOwnFile([
          `/p/-home-me/${SESSION}/subagents/agent-afb92ff.jsonl`,
          `/p/-home-me/${SESSION}/subagents/agent-acompact-e1f845.jsonl.gz`,
          '/fixtures/spotter/subagents/4d5611e5__agent-a2898e3.jsonl',
          `/p/-home-me/${SESSION}.jsonl`,
          '/p/-home-me/management-agent.jsonl',
        ]),
      ].sort(),
    ).toEqual([`${SESSION}/acompact-e1f845`, `${SESSION}/afb92ff`, 'a2898e3']);
  });
});
