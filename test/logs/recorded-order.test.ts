// Requests come out in time order whatever the order of lines: a Bedrock log out of order (the shipped
// fixture, and one thread reversed), CSV and Mooncake rows put back in order by the reorder buffer (and a
// row beyond its reach reported, never clamped), and Bedrock's S3 delivery layout found and read gzipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findLogFiles, originOf } from '../../src/logs/find-logs.js';
import { RecordedArrivals } from '../../src/logs/recorded-arrivals.js';
import { ProblemLog } from '../../src/logs/types.js';
import { SegmentKeys } from '../../src/workload/segment-keys.js';
import { isRecorded } from '../../src/logs/usage-chain.js';
import type { Request } from '../../src/model/request.js';
import { replayLogs, type ReplayResult } from '../../src/replay/replay-logs.js';
import { REORDER_ROWS } from '../../src/logs/reorder-buffer.js';
import { MAX_RUNS } from '../../src/logs/stream-runs.js';
import { logMessages } from '../../src/logs/messages.js';

const BEDROCK = join(process.cwd(), 'test', 'fixtures', 'bedrock', 'invocations.jsonl');
const MOONCAKE = join(process.cwd(), 'test', 'fixtures', 'real', 'mooncake', 'conversation_trace_first10min.jsonl');
let dir = '';

/** Every request of the logs under `paths`, as RecordedArrivals yields them, with its counters. */
function arrivalsOf(...paths: string[]) {
  const problems = new ProblemLog();
  const files = findLogFiles(paths, { cwd: dir, env: {} }, problems);
  const originMs = originOf(files);
  const arrivals = new RecordedArrivals({
    files,
    originMs,
    scope: 'logs',
    defaultModel: 'claude-sonnet-4-5',
    keys: new SegmentKeys(),
    problems,
  });
  const requests: Request[] = [];
  for (let next = arrivals.next(); next.done !== true; next = arrivals.next()) requests.push(next.value);
  return { files, originMs, requests, arrivals, problems };
}

/** What a usage request is, apart from where it was read. */
const usageOf = (r: Request) => {
  if (!isRecorded(r)) throw new Error('expected a recorded request');
  return { atMs: r.atMs, thread: r.threadId, model: r.model, recorded: r.recorded, change: r.change };
};

const outcome = (r: ReplayResult) => ({
  startIso: r.startIso,
  horizonMs: r.horizonMs,
  policies: r.policies,
  breakdowns: r.breakdowns,
  missCauses: r.missCauses,
});
const replay = (path: string) => replayLogs({ paths: [path], cwd: dir, env: {} });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ttlsim-order-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Bedrock invocation logs out of time order', () => {
  it('the shipped fixture (earliest record on its last line) replays from that record, nothing clamped', () => {
    const { originMs, requests, arrivals } = arrivalsOf(BEDROCK);
    expect(new Date(originMs).toISOString()).toBe('2025-10-01T09:59:00.000Z');
    expect(requests.map((r) => r.atMs)).toEqual([0, 60_000, 180_000, 180_000, 360_000, 660_000]);
    expect(arrivals.reordered).toBe(0);
    // Its one two-call thread (alice on Sonnet 4.6, lines 1 and 3) is in order in the file.
    expect(arrivals.outOfOrder).toBe(0);
  });

  it('a thread whose lines are reversed is replayed in time order and counted', () => {
    const lines = readFileSync(BEDROCK, 'utf8').split('\n').filter(Boolean);
    const reversed = join(dir, 'reversed.jsonl');
    writeFileSync(reversed, [lines[2], lines[1], lines[0], ...lines.slice(3)].join('\n'));
    const sorted = arrivalsOf(BEDROCK);
    const mixed = arrivalsOf(reversed);
    expect(mixed.requests.map(usageOf)).toEqual(sorted.requests.map(usageOf));
    expect(mixed.arrivals.outOfOrder).toBe(1);
  });

  it("Bedrock's S3 layout: gzipped hourly files under AWSLogs/<account>/… are found, and the account is the project", () => {
    const lines = readFileSync(BEDROCK, 'utf8').split('\n').filter(Boolean);
    const root = join(dir, 's3', 'AWSLogs');
    const hour = (h: string) =>
      join(root, '123456789012', 'BedrockModelInvocationLogs', 'us-east-1', '2025', '10', '01', h);
    mkdirSync(hour('09'), { recursive: true });
    mkdirSync(hour('10'), { recursive: true });
    writeFileSync(join(hour('09'), '20251001T0959Z_a1.json.gz'), gzipSync(lines[5] + '\n'));
    writeFileSync(join(hour('10'), '20251001T1000Z_b2.json.gz'), gzipSync(lines.slice(0, 5).join('\n') + '\n'));
    // What else AWS writes there is not a log.
    writeFileSync(
      join(root, '123456789012', 'BedrockModelInvocationLogs', 'amazon-bedrock-logs-permission-check'),
      'x',
    );
    const { files, requests } = arrivalsOf(join(dir, 's3'));
    expect(files.map((f) => [f.format, f.project])).toEqual([
      ['bedrock', '123456789012'],
      ['bedrock', '123456789012'],
    ]);
    expect(requests.map(usageOf)).toEqual(arrivalsOf(BEDROCK).requests.map(usageOf));
  });
});

describe('CSV and Mooncake rows out of order: the reorder buffer', () => {
  it('CSV rows swapped within the buffer replay exactly as the sorted file', () => {
    const rows = readFileSync(join(process.cwd(), 'test', 'fixtures', 'csv', 'e2e.csv'), 'utf8').split('\n');
    const swapped = join(dir, 'swapped.csv');
    // Rows 3 and 7 change places: four rows back in time, and the last row of the file is the earliest but one.
    writeFileSync(swapped, [rows[0], rows[1], rows[2], rows[7], rows[4], rows[5], rows[6], rows[3]].join('\n'));
    const sorted = replay(join(process.cwd(), 'test', 'fixtures', 'csv', 'e2e.csv'));
    const mixed = replay(swapped);
    expect(outcome(mixed)).toEqual(outcome(sorted));
    expect(mixed.problems.count).toBe(0);
    expect(mixed.problems.outOfOrder).toBe(4);
    expect(sorted.problems.outOfOrder).toBe(0);
    // The same file gzipped: sniffed as CSV by its name without .gz, dated and read through the inflation.
    const zipped = join(dir, 'swapped.csv.gz');
    writeFileSync(zipped, gzipSync(readFileSync(swapped)));
    expect(outcome(replay(zipped))).toEqual(outcome(sorted));
  });

  it('one row far back in a long file is read as a second run, and replayed in its place', () => {
    const originMs = Date.UTC(2025, 2, 1);
    const rows = ['timestamp,key,prefixTokens,suffixTokens,outputTokens'];
    for (let i = 0; i < REORDER_ROWS + 10; i++) rows.push(`${originMs + 60_000 + i * 1000},k${i % 7},2000,10,10`);
    rows.push(`${originMs},late,2000,10,10`);
    const path = join(dir, 'late.csv');
    writeFileSync(path, rows.join('\n'));
    const result = replay(path);
    expect(result.problems.count).toBe(0);
    expect(result.policies[0].requests).toBe(REORDER_ROWS + 11);
    expect(result.startIso).toBe(new Date(originMs).toISOString());
  });

  it(`a file shuffled beyond ${MAX_RUNS} runs: the rows the buffer cannot place are reported at their line and skipped`, () => {
    const originMs = Date.UTC(2025, 2, 1);
    const block = REORDER_ROWS + 1;
    const rows = ['timestamp,key,prefixTokens,suffixTokens,outputTokens'];
    // MAX_RUNS + 1 blocks, each an hour before the one above it.
    for (let b = MAX_RUNS; b >= 0; b--)
      for (let i = 0; i < block; i++) rows.push(`${originMs + b * 3_600_000 + i * 100},k,2000,10,10`);
    const path = join(dir, 'shuffled.csv');
    writeFileSync(path, rows.join('\n'));
    const [file] = findLogFiles([path], { cwd: dir, env: {} }, new ProblemLog());
    expect(file.runs).toBeUndefined();
    const result = replay(path);
    expect(result.problems.late).toBeGreaterThan(0);
    expect(result.problems.count).toBe(result.problems.late);
    expect(result.policies[0].requests).toBe(rows.length - 1 - result.problems.late);
    // The first row of the second block is the first one out of reach.
    expect(result.problems.shown[0]).toEqual({
      file: path,
      line: 2 + block,
      field: 'timestamp',
      reason: logMessages.lateRow(REORDER_ROWS),
    });
  }, 240_000);

  it('a CSV whose first row is unusable is dated by all its rows: the row is blamed for its own field', () => {
    const path = join(dir, 'bad-first.csv');
    writeFileSync(
      path,
      [
        'timestamp,key,prefixTokens,suffixTokens,outputTokens',
        '2025-03-01T10:00:00Z,a,2000,abc,10',
        '2025-03-01T10:01:00Z,a,2000,10,10',
      ].join('\n'),
    );
    const result = replay(path);
    expect(result.startIso).toBe('2025-03-01T10:00:00.000Z');
    expect(result.problems.shown.map((p) => [p.line, p.field])).toEqual([[2, 'suffixTokens']]);
  });

  it('the real Mooncake trace with lines swapped replays as the trace', () => {
    const lines = readFileSync(MOONCAKE, 'utf8').split('\n').filter(Boolean);
    const times = lines.map((l) => (JSON.parse(l) as { timestamp: number }).timestamp);
    // Swap two lines of different times, 30 lines apart.
    const a = 100;
    const b = times.findIndex((t, i) => i > a + 30 && t > times[a]);
    [lines[a], lines[b]] = [lines[b], lines[a]];
    const path = join(dir, 'swapped-trace.jsonl');
    writeFileSync(path, lines.join('\n'));
    const mixed = replay(path);
    expect(outcome(mixed)).toEqual(outcome(replay(MOONCAKE)));
    expect(mixed.problems.count).toBe(0);
    expect(mixed.problems.outOfOrder).toBeGreaterThan(0);
  });
});

describe('CSV exports concatenated out of order: read as runs, one stream each', () => {
  const header = 'timestamp,key,prefixTokens,suffixTokens,outputTokens';
  /** `count` rows from `startMs`, one a minute, over three keys. */
  const rows = (startMs: number, count: number, tag: string) =>
    Array.from({ length: count }, (_, i) => `${startMs + i * 60_000},${tag}${i % 3},2000,10,10`);

  it('February then January (each longer than the reorder buffer) replays as January then February', () => {
    const jan = rows(Date.UTC(2025, 0, 1), REORDER_ROWS + 500, 'k');
    const feb = rows(Date.UTC(2025, 1, 1), REORDER_ROWS + 500, 'k');
    const sorted = join(dir, 'jan-feb.csv');
    const concatenated = join(dir, 'feb-jan.csv');
    writeFileSync(sorted, [header, ...jan, ...feb].join('\n'));
    writeFileSync(concatenated, [header, ...feb, ...jan].join('\n'));
    const problems = new ProblemLog();
    const [file] = findLogFiles([concatenated], { cwd: dir, env: {} }, problems);
    expect(file.runs?.map((r) => r.fromLine)).toEqual([2, 2 + feb.length]);
    const a = replay(sorted);
    const b = replay(concatenated);
    expect(b.problems.count).toBe(0);
    expect(b.problems.late).toBe(0);
    expect(outcome(b)).toEqual(outcome(a));
    // Every January row of a key comes after its February rows in the file: out of order in its thread.
    expect(b.problems.outOfOrder).toBe(jan.length);
    expect(a.problems.outOfOrder).toBe(0);
    // Gzipped, each run inflates the file again up to its first line: the same replay.
    writeFileSync(`${concatenated}.gz`, gzipSync(readFileSync(concatenated)));
    expect(outcome(replay(`${concatenated}.gz`))).toEqual(outcome(a));
  }, 240_000);
});
