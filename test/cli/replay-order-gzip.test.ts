// `ttlsim replay` on logs as users have them: gzipped (a folder of .jsonl.gz, a corrupt .gz), and three
// sessions concatenated in one file, whose out-of-order requests the terminal names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ttlsim } from './capture.js';
import { logMessages } from '../../src/logs/messages.js';

const SPOTTER = resolve('test', 'fixtures', 'real', 'spotter');
let tmp = '';

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ttlsim-replay-gzip-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('ttlsim replay: gzip and line order', { timeout: 240_000 }, () => {
  it('a folder of gzipped transcripts replays exactly as the plain files', async () => {
    const logs = join(tmp, 'gz', 'proj');
    mkdirSync(logs, { recursive: true });
    for (const name of ['short.jsonl', 'tool_heavy.jsonl', 'subagent.jsonl', 'sessions_usage_projection.jsonl'])
      writeFileSync(join(logs, `${name}.gz`), gzipSync(readFileSync(join(SPOTTER, name))));
    const plain = join(tmp, 'plain', 'proj');
    mkdirSync(plain, { recursive: true });
    for (const name of ['short.jsonl', 'tool_heavy.jsonl', 'subagent.jsonl', 'sessions_usage_projection.jsonl'])
      writeFileSync(join(plain, name), readFileSync(join(SPOTTER, name)));
    const zipped = await ttlsim(['replay', join(tmp, 'gz'), '--out', join(tmp, 'out-gz'), '--json']);
    const unzipped = await ttlsim(['replay', join(tmp, 'plain'), '--out', join(tmp, 'out-plain'), '--json']);
    expect(zipped.code).toBe(0);
    const a = JSON.parse(zipped.stdout) as Record<string, unknown>;
    const b = JSON.parse(unzipped.stdout) as Record<string, unknown>;
    expect(a.files).toBe(4);
    for (const field of ['asRecorded', 'policies', 'breakdowns', 'missCauses', 'horizonMs', 'startIso'])
      expect(a[field], field).toEqual(b[field]);
  });

  it('a truncated .gz is exit 2 with one line naming the file and the line reached, no stack', async () => {
    const logs = join(tmp, 'broken');
    mkdirSync(logs);
    const gz = gzipSync(readFileSync(join(SPOTTER, 'sessions_usage_projection.jsonl')));
    writeFileSync(join(logs, 'cut.jsonl.gz'), gz.subarray(0, gz.length - 5000));
    const { code, stdout, stderr } = await ttlsim(['replay', logs, '--out', join(tmp, 'out-broken')]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`${join(logs, 'cut.jsonl.gz').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+: `));
    expect(stderr).toContain('corrupt or truncated gzip data');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('concatenated sessions replay over their real span; requests out of order in a thread are named', async () => {
    const { code, stdout } = await ttlsim([
      'replay',
      join(SPOTTER, 'sessions_usage_projection.jsonl'),
      '--out',
      join(tmp, 'out-concat'),
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('499 requests from 2026-02-11 21:41 UTC over 23h22m');
    expect(stdout).toMatch(/Reconciliation: 498 of 499 requests \(99\.8%\)/);
    // A session whose two requests were written in the wrong order.
    const lines = readFileSync(join(SPOTTER, 'tool_heavy.jsonl'), 'utf8').split('\n').filter(Boolean);
    const firstAssistant = lines.findIndex((l) => l.includes('"type":"assistant"'));
    const lastAssistant = lines.length - 1 - [...lines].reverse().findIndex((l) => l.includes('"type":"assistant"'));
    const moved = [
      ...lines.slice(0, firstAssistant),
      ...lines.slice(lastAssistant),
      ...lines.slice(firstAssistant, lastAssistant),
    ];
    writeFileSync(join(tmp, 'moved.jsonl'), moved.join('\n'));
    const out = await ttlsim(['replay', join(tmp, 'moved.jsonl'), '--out', join(tmp, 'out-moved')]);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/request\(s\) were out of time order within their thread/);
    const count = Number(/(\d+) request\(s\) were out of time order/.exec(out.stderr)?.[1]);
    expect(out.stderr).toContain(logMessages.outOfOrder(count));
    expect(readFileSync(join(tmp, 'out-moved', 'index.html'), 'utf8')).toContain('out of time order');
  });
});
