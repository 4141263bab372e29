// A synthetic Claude Code home for the verdict tests: `sessions` sessions of `turns` turns each, `gapMin`
// minutes apart, every write recorded at 5m, so the logs say exactly what a 5m cache would have done.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const STEP_TOKENS = 5000;

export function claudeHome(sessions: number, turns: number, gapMin: number): string {
  const root = mkdtempSync(join(tmpdir(), 'ttlsim-verdict-home-'));
  const project = join(root, 'projects', '-home-me-app');
  mkdirSync(project, { recursive: true });
  for (let s = 0; s < sessions; s++) {
    const sessionId = `s${s}`;
    const start = Date.UTC(2026, 10, 2 + s, 9, 0, 0);
    const lines: string[] = [];
    let parent: string | null = null;
    for (let t = 0; t < turns; t++) {
      const at = new Date(start + t * gapMin * 60_000).toISOString();
      const uid = `${sessionId}-u${t}`;
      lines.push(
        JSON.stringify({
          type: 'user',
          uuid: uid,
          parentUuid: parent,
          timestamp: at,
          sessionId,
          version: '2.1.250',
          message: { role: 'user', content: 'go on' },
        }),
      );
      // A 5m entry survives a gap under 5 minutes: read the prefix, write the new step; else write it all.
      const alive = t > 0 && gapMin < 5;
      const read = alive ? STEP_TOKENS * t : 0;
      const write = alive ? STEP_TOKENS : STEP_TOKENS * (t + 1);
      const aid = `${sessionId}-a${t}`;
      lines.push(
        JSON.stringify({
          type: 'assistant',
          uuid: aid,
          parentUuid: uid,
          timestamp: new Date(start + t * gapMin * 60_000 + 2000).toISOString(),
          sessionId,
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
              cache_creation: { ephemeral_5m_input_tokens: write, ephemeral_1h_input_tokens: 0 },
            },
          },
        }),
      );
      parent = aid;
    }
    writeFileSync(join(project, `${sessionId}.jsonl`), `${lines.join('\n')}\n`);
  }
  return join(root, 'projects');
}
