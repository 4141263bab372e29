// The same logs found twice (a backup folder, two homes) and an overlapping partial copy bill once: the
// replay gives exactly the result of one copy, and reports how many duplicate requests it dropped. On the
// real Claude Code sessions of test/fixtures/real/spotter and on Bedrock records shaped as in
// docs/log-formats.md.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { replayLogs, type ReplayOptions, type ReplayResult } from '../../src/replay/replay-logs.js';

const SPOTTER = join('test', 'fixtures', 'real', 'spotter');
/** A single session in time order, whose responses span several lines with growing output counts. */
const SESSION = 'subagent.jsonl';

const replay = (paths: string[], extra: Partial<ReplayOptions> = {}): ReplayResult =>
  replayLogs({ paths, cwd: process.cwd(), env: {}, ...extra });

/** The result without what differs between copies by design: file counts and sizes, paths, the count of duplicates. */
function billed(result: ReplayResult): string {
  const dropped = new Set(['files', 'bytes', 'duplicates']);
  return JSON.stringify(result, (key, value: unknown) =>
    dropped.has(key) ? undefined : key === 'file' && typeof value === 'string' ? basename(value) : value,
  );
}

interface RawLine {
  readonly type?: string;
  readonly requestId?: string;
  readonly message?: { readonly id?: string; readonly usage?: { readonly output_tokens: number } };
}

/**
 * The session cut between two lines of one response, the second with a larger output count: a copy
 * taken while that response streamed. Returns its text and how many requests it holds.
 */
function partialCopy(): { text: string; requests: number } {
  const lines = readFileSync(join(SPOTTER, SESSION), 'utf8').split('\n');
  const parsed = lines.map((text) => (text === '' ? {} : (JSON.parse(text) as RawLine)));
  const output = (l: RawLine) => (l.type === 'assistant' ? (l.message?.usage?.output_tokens ?? -1) : -1);
  let cut = 0;
  while (!(
    output(parsed[cut]) >= 0 &&
    output(parsed[cut + 1]) > output(parsed[cut]) &&
    parsed[cut].message?.id === parsed[cut + 1].message?.id
  ))
    cut++;
  const kept = parsed.slice(0, cut + 1);
  const requests = new Set(kept.filter((l) => output(l) >= 0).map((l) => `${l.message?.id}|${l.requestId}`));
  return { text: `${lines.slice(0, cut + 1).join('\n')}\n`, requests: requests.size };
}

/** The session from line `first` (1-based) on: an export that starts mid-session. */
function exportFrom(first: number): { text: string; requests: number } {
  const lines = readFileSync(join(SPOTTER, SESSION), 'utf8')
    .split('\n')
    .slice(first - 1);
  const requests = new Set<string>();
  for (const text of lines) {
    if (text === '') continue;
    const line = JSON.parse(text) as RawLine;
    if (line.type === 'assistant') requests.add(`${line.message?.id}|${line.requestId}`);
  }
  return { text: lines.join('\n'), requests: requests.size };
}

describe('copies of Claude Code logs bill once', () => {
  const one = replay([SPOTTER]);

  it('the same sessions twice, a partial copy read first and a later export give exactly the result of one copy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttlsim-dedup-'));
    // Files sort by first timestamp, then path: the partial copy (a-…) is read before the full ones.
    const partial = partialCopy();
    mkdirSync(join(dir, 'a-partial', 'spotter'), { recursive: true });
    writeFileSync(join(dir, 'a-partial', 'spotter', SESSION), partial.text);
    cpSync(SPOTTER, join(dir, 'b-home', 'spotter'), { recursive: true });
    cpSync(SPOTTER, join(dir, 'c-backup', 'spotter'), { recursive: true });
    // An export that starts later, in the middle of the session, and so opens after the copies above.
    const tail = exportFrom(56);
    mkdirSync(join(dir, 'd-export', 'spotter'), { recursive: true });
    writeFileSync(join(dir, 'd-export', 'spotter', 'export.jsonl'), tail.text);
    const copies = replay([dir]);
    expect(billed(copies)).toBe(billed(one));
    expect(copies.asRecorded!.requests).toBe(534);
    expect(copies.problems.duplicates).toBe(534 + partial.requests + tail.requests);
    expect(one.problems.duplicates).toBe(0);
  });

  it('the same file given twice is read once', () => {
    const file = join(SPOTTER, 'tool_heavy.jsonl');
    const twice = replay([file, file]);
    expect(billed(twice)).toBe(billed(replay([file])));
    expect(twice.problems.duplicates).toBe(4);
  });
});

/** An invocation log record as docs/log-formats.md shows it. */
function invocation(requestId: string | undefined, iso: string, read: number, write: number, output: number): string {
  return JSON.stringify({
    schemaType: 'ModelInvocationLog',
    schemaVersion: '1.0',
    timestamp: iso,
    accountId: '123456789012',
    identity: { arn: 'arn:aws:sts::123456789012:assumed-role/app/worker' },
    region: 'us-east-1',
    ...(requestId === undefined ? {} : { requestId }),
    operation: 'Converse',
    modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    input: { inputTokenCount: 120, cacheReadInputTokenCount: read, cacheWriteInputTokenCount: write },
    output: {
      outputTokenCount: output,
      outputBodyJson: { usage: { cacheDetails: write === 0 ? [] : [{ ttl: '1h', inputTokens: write }] } },
    },
    requestMetadata: { sessionId: 'job-42' },
  });
}

describe('copies of Bedrock invocation logs bill once, by request id', () => {
  const records = [
    invocation('r1', '2025-10-01T10:00:00Z', 0, 30000, 400),
    invocation('r2', '2025-10-01T10:20:00Z', 30000, 1500, 350),
    invocation('r3', '2025-10-01T10:50:00Z', 31500, 900, 120),
    invocation('r4', '2025-10-01T11:40:00Z', 0, 32400, 80),
  ];
  const lines = (...texts: string[]) => `${texts.join('\n')}\n`;

  it('a folder holding the log twice, an overlapping export and a repeated record give the result of one copy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttlsim-dedup-bedrock-'));
    const once = join(dir, 'once');
    mkdirSync(once);
    writeFileSync(join(once, 'invocations.jsonl'), lines(...records));
    const copies = join(dir, 'copies');
    for (const sub of ['a', 'b', 'c']) mkdirSync(join(copies, sub), { recursive: true });
    writeFileSync(join(copies, 'a', 'invocations.jsonl'), lines(...records));
    writeFileSync(join(copies, 'b', 'invocations.jsonl'), lines(...records));
    // An export of the last hour, with one record exported twice (CloudWatch exports overlap).
    writeFileSync(join(copies, 'c', 'export.jsonl'), lines(records[2], records[2], records[3]));
    const bedrock = { provider: 'bedrock' };
    const single = replay([once], bedrock);
    const result = replay([copies], bedrock);
    expect(single.asRecorded!.requests).toBe(4);
    expect(billed(result)).toBe(billed(single));
    expect(result.problems.duplicates).toBe(4 + 3);
  });

  it('keeps every record that names no request id: nothing tells a copy from a request', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttlsim-dedup-bedrock-'));
    const noId = invocation(undefined, '2025-10-01T10:00:00Z', 0, 30000, 400);
    writeFileSync(join(dir, 'a.jsonl'), lines(noId));
    writeFileSync(join(dir, 'b.jsonl'), lines(noId));
    const result = replay([dir], { provider: 'bedrock' });
    expect(result.asRecorded!.requests).toBe(2);
    expect(result.problems.duplicates).toBe(0);
  });
});
