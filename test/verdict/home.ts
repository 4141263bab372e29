// A synthetic Claude Code home for the verdict tests: `sessions` sessions of `turns` turns each, `gapMin`
// minutes apart, every write recorded at 5m by default, so the logs say exactly what a 5m cache would have
// done. `ttls` gives each session's main conversation (and, when it returns one, a subagent thread beside
// it) another TTL, each write and read recorded as a cache of that TTL would have made them.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const STEP_TOKENS = 5000;

type Ttl = '5m' | '1h';
/** Per session: the TTLs, and gaps (minutes) other than `gapMin` for the main conversation or the subagent. */
export type HomeTtls = (session: number) => { main: Ttl; subagent?: Ttl; gapMin?: number; subagentGapMin?: number };

export function claudeHome(
  sessions: number,
  turns: number,
  gapMin: number,
  ttls: HomeTtls = () => ({ main: '5m' }),
): string {
  const root = mkdtempSync(join(tmpdir(), 'ttlsim-verdict-home-'));
  const project = join(root, 'projects', '-home-me-app');
  mkdirSync(project, { recursive: true });
  for (let s = 0; s < sessions; s++) {
    const sessionId = `s${s}`;
    const lines: string[] = [];
    const { main, subagent, ...gaps } = ttls(s);
    lines.push(...thread(sessionId, '', Date.UTC(2026, 10, 2 + s, 9, 0, 0), turns, gaps.gapMin ?? gapMin, main));
    // The subagent starts 20 s after the main conversation, and keeps its own prefix.
    if (subagent !== undefined)
      lines.push(
        ...thread(
          sessionId,
          'agent1',
          Date.UTC(2026, 10, 2 + s, 9, 0, 20),
          turns,
          gaps.subagentGapMin ?? gapMin,
          subagent,
        ),
      );
    writeFileSync(join(project, `${sessionId}.jsonl`), `${lines.join('\n')}\n`);
  }
  return join(root, 'projects');
}

function thread(sessionId: string, agentId: string, start: number, turns: number, gapMin: number, ttl: Ttl): string[] {
  const lines: string[] = [];
  const side = agentId === '' ? {} : { agentId, isSidechain: true };
  const tag = agentId === '' ? sessionId : `${sessionId}-${agentId}`;
  let parent: string | null = null;
  for (let t = 0; t < turns; t++) {
    const at = new Date(start + t * gapMin * 60_000).toISOString();
    const uid = `${tag}-u${t}`;
    lines.push(
      JSON.stringify({
        type: 'user',
        uuid: uid,
        parentUuid: parent,
        timestamp: at,
        sessionId,
        ...side,
        version: '2.1.250',
        message: { role: 'user', content: 'go on' },
      }),
    );
    // An entry survives a gap under its TTL: read the prefix, write the new step; else write it all.
    const alive = t > 0 && gapMin < (ttl === '5m' ? 5 : 60);
    const read = alive ? STEP_TOKENS * t : 0;
    const write = alive ? STEP_TOKENS : STEP_TOKENS * (t + 1);
    const aid = `${tag}-a${t}`;
    lines.push(
      JSON.stringify({
        type: 'assistant',
        uuid: aid,
        parentUuid: uid,
        timestamp: new Date(start + t * gapMin * 60_000 + 2000).toISOString(),
        sessionId,
        ...side,
        version: '2.1.250',
        requestId: `req-${aid}`,
        message: {
          id: `msg-${aid}`,
          model: 'claude-sonnet-4-5',
          role: 'assistant',
          content: [{ type: 'text' }],
          usage: {
            input_tokens: 3,
            cache_creation_input_tokens: write,
            cache_read_input_tokens: read,
            output_tokens: 200,
            cache_creation: {
              ephemeral_5m_input_tokens: ttl === '5m' ? write : 0,
              ephemeral_1h_input_tokens: ttl === '1h' ? write : 0,
            },
          },
        },
      }),
    );
    parent = aid;
  }
  return lines;
}
