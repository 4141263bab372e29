// `ttlsim replay` says what the logs ran, in the terminal, the HTML header and the JSON: synthetic
// Claude Code homes with one known setup each, and a home whose two versions ran different setups.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ttlsim } from './capture.js';
import { replayMessages } from '../../src/replay/messages.js';
import { KNOWN_TTL_SETUPS } from '../../src/replay/known-ttl-setups.js';
import type { TtlMix } from '../../src/replay/ttl-mix.js';

interface Call {
  readonly session: string;
  readonly version: string;
  readonly at: string;
  readonly write5m: number;
  readonly write1h: number;
  readonly read: number;
}

/** One assistant line of a Claude Code transcript, with the 5m/1h split of its writes. */
function line(c: Call, n: number): string {
  return JSON.stringify({
    parentUuid: null,
    isSidechain: false,
    type: 'assistant',
    sessionId: c.session,
    version: c.version,
    cwd: '/home/dev/app',
    uuid: `u-${c.session}-${n}`,
    timestamp: c.at,
    requestId: `req-${c.session}-${n}`,
    message: {
      id: `msg-${c.session}-${n}`,
      model: 'claude-sonnet-4-5-20250929',
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: 'ok' }],
      usage: {
        input_tokens: 10,
        output_tokens: 100,
        cache_creation_input_tokens: c.write5m + c.write1h,
        cache_read_input_tokens: c.read,
        cache_creation: { ephemeral_5m_input_tokens: c.write5m, ephemeral_1h_input_tokens: c.write1h },
      },
    },
  });
}

/** A home with one session per version: a 20k-token prompt written, then grown and read a minute apart. */
function home(sessions: readonly { version: string; ttl: '5m' | '1h'; day: string }[]): string {
  const root = mkdtempSync(join(tmpdir(), 'ttlsim-what-ran-'));
  const project = join(root, '.claude', 'projects', '-home-dev-app');
  mkdirSync(project, { recursive: true });
  sessions.forEach((s, i) => {
    const calls: Call[] = [];
    let cached = 0;
    for (let k = 0; k < 4; k++) {
      const write = k === 0 ? 20_000 : 1_000;
      calls.push({
        session: `s${i}`,
        version: s.version,
        at: `${s.day}T10:0${k}:00.000Z`,
        write5m: s.ttl === '5m' ? write : 0,
        write1h: s.ttl === '1h' ? write : 0,
        read: cached,
      });
      cached += write;
    }
    writeFileSync(join(project, `s${i}.jsonl`), `${calls.map(line).join('\n')}\n`);
  });
  return root;
}

const setup = (id: string) => KNOWN_TTL_SETUPS.find((s) => s.id === id)!;

describe('replay: what ran', { timeout: 240_000 }, () => {
  it('names the API-key default when every write was 5m, in the JSON, the terminal and the HTML header', async () => {
    const root = home([{ version: '2.1.250', ttl: '5m', day: '2026-09-01' }]);
    const out = join(root, 'report');
    const json = await ttlsim(['replay', '--out', out, '--json', '--quiet'], root, { HOME: root });
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const mix = (JSON.parse(json.stdout) as { asRecorded: { ttlMix: TtlMix } }).asRecorded.ttlMix;
    expect(mix.byThreadKind.main).toMatchObject({ requests: 4, writeTokens5m: 23_000, writeTokens1h: 0, ttl: '5m' });
    expect(mix.matches?.id).toBe('api-key-default');
    const d = setup('api-key-default');
    const sentence = replayMessages.matchesSetup(d.description, d.isDefault, d.sourceUrl, d.asOf);
    const text = await ttlsim(['replay', '--out', join(root, 'text')], root, { HOME: root });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`What ran: main 5m (100.0% of write tokens, 4 requests); ${sentence}.`);
    // One version: no per-version lines.
    expect(text.stdout).not.toContain('  Claude Code 2.1.250');
    const html = readFileSync(join(root, 'text', 'index.html'), 'utf8');
    expect(html).toContain('What ran: main 5m');
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toContain('"ttlMix"');
  });

  it('names the subscription default when main wrote 1h', async () => {
    const root = home([{ version: '2.1.250', ttl: '1h', day: '2026-09-01' }]);
    const { code, stdout } = await ttlsim(['replay', '--out', join(root, 'r'), '--json', '--quiet'], root, {
      HOME: root,
    });
    expect(code).toBe(0);
    const mix = (JSON.parse(stdout) as { asRecorded: { ttlMix: TtlMix } }).asRecorded.ttlMix;
    expect(mix.byThreadKind.main.ttl).toBe('1h');
    expect(mix.matches?.id).toBe('subscription-default');
  });

  it('lists each version with its own setup when they differ', async () => {
    const root = home([
      { version: '2.1.38', ttl: '1h', day: '2026-02-10' },
      { version: '2.1.250', ttl: '5m', day: '2026-09-01' },
    ]);
    const { code, stdout } = await ttlsim(['replay', '--out', join(root, 'r')], root, { HOME: root });
    expect(code).toBe(0);
    expect(stdout).toContain(`; ${replayMessages.setupChanged()}.`);
    expect(stdout).toContain(
      replayMessages.versionRan(
        '2.1.38',
        '2026-02-10',
        '2026-02-10',
        4,
        [replayMessages.kindRan('main', '1h', '100.0%', 4)],
        // No subagent wrote: main 1h alone reads as the first setup that fits, the subscription default.
        replayMessages.matchesShort(setup('subscription-default').label),
      ),
    );
    expect(stdout).toContain(
      replayMessages.versionRan(
        '2.1.250',
        '2026-09-01',
        '2026-09-01',
        4,
        [replayMessages.kindRan('main', '5m', '100.0%', 4)],
        replayMessages.matchesShort(setup('api-key-default').label),
      ),
    );
  });
});
