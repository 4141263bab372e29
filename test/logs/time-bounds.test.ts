// A file's time bounds are its earliest and latest timestamps wherever they are in the file: the replay's
// origin, horizon and file opening order come from them (docs/replay.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { timeBounds } from '../../src/logs/time-bounds.js';
import { parseTimestampMs } from '../../src/logs/iso-time.js';
import { lcgBelow } from '../lcg.js';

const REAL = join(process.cwd(), 'test', 'fixtures', 'real');
let dir = '';
const write = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ttlsim-bounds-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('timeBounds', () => {
  it('three sessions concatenated: the earliest is in the middle of the file, the latest near its top', () => {
    const bounds = timeBounds(join(REAL, 'spotter', 'sessions_usage_projection.jsonl'), 'claude-code');
    // Session 8463c716 (lines 416–878) starts first; session 4d5611e5 (lines 1–415) ends last.
    expect(new Date(bounds.firstMs).toISOString()).toBe('2026-02-11T21:41:44.800Z');
    expect(new Date(bounds.lastMs).toISOString()).toBe('2026-02-12T21:03:34.206Z');
  });

  it('the same through gzip', () => {
    const path = write(
      'projection.jsonl.gz',
      gzipSync(readFileSync(join(REAL, 'spotter', 'sessions_usage_projection.jsonl'))),
    );
    expect(timeBounds(path, 'claude-code')).toEqual(
      timeBounds(join(REAL, 'spotter', 'sessions_usage_projection.jsonl'), 'claude-code'),
    );
  });

  it('a line holding several timestamps counts by its top-level one (progress lines embed a message)', () => {
    const path = write(
      'nested.jsonl',
      [
        '{"type":"user","timestamp":"2026-01-01T10:00:00Z"}',
        '{"type":"progress","data":{"message":{"timestamp":"2020-01-01T00:00:00Z"}},"timestamp":"2026-01-01T10:05:00Z"}',
        '{"type":"assistant","message":{"content":[{"type":"tool_use","input":{"timestamp":"2030-01-01T00:00:00Z"}}]},"timestamp":"2026-01-01T10:06:00Z","x":{"timestamp":"2031-01-01T00:00:00Z"}}',
        'not json',
      ].join('\n'),
    );
    const bounds = timeBounds(path, 'claude-code');
    expect(new Date(bounds.firstMs).toISOString()).toBe('2026-01-01T10:00:00.000Z');
    expect(new Date(bounds.lastMs).toISOString()).toBe('2026-01-01T10:06:00.000Z');
  });

  it('CSV: the (mapped) timestamp column of every row, quoted rows included; the header is not a row', () => {
    const path = write(
      'rows.csv',
      [
        'key,ts,prefix',
        'a,2025-03-01T10:05:00Z,1',
        '"b,c",1740823200000,2',
        'a,2025-03-01T10:20:00Z,3',
        'a,garbage,4',
        'a,2025-03-01T10:10:00Z,5',
      ].join('\n'),
    );
    const bounds = timeBounds(path, 'csv', { csvTimestampColumn: 'ts' });
    expect(bounds.firstMs).toBe(1740823200000);
    expect(new Date(bounds.lastMs).toISOString()).toBe('2025-03-01T10:20:00.000Z');
    // Rows 3 and 6 go back in time: the replay must hold rows in its reorder buffer.
    expect(bounds.sorted).toBe(false);
    expect(bounds.runs).toBeUndefined();
  });

  it('CSV: each row dated as csv-parse and parseTimestampMs date its cell, whatever the cell looks like', () => {
    // The byte path reads plain digit cells itself; every other cell must be read as the text path reads it.
    const cells = [
      '1740823200000',
      ' 1740823200001',
      '1740823200002 ',
      '"1740823200003"',
      '9999999999999999',
      '99999999999999999',
      '253402300800000',
      '253402300799999',
      '0',
      '',
      '2025-03-01T10:05:00Z',
      ' 2025-03-01 10:05:00.250+02:00 ',
      '12a4',
      '-5',
      '1.5',
      '"17,40"',
    ];
    const random = lcgBelow(11);
    for (let n = 0; n < 200; n++) {
      const timestamp = cells[random(cells.length)];
      const before = ['a', '"x,y"', ''][random(3)];
      const after = ['1', '"q""r"', '', '2,3'][random(4)];
      const row = random(5) === 0 ? timestamp : `${before},${timestamp},${after}`;
      const column = row === timestamp ? 0 : 1;
      const header = column === 0 ? 'ts' : `key,ts,${after.includes(',') && !after.includes('"') ? 'p,q' : 'p'}`;
      const path = write(`row${n}.csv`, `${header}\n${row}\n`);
      const parsed: string[][] = parse(row, { relax_column_count: true, relax_quotes: true });
      const expected = parseTimestampMs((parsed[0]?.[column] ?? '').trim());
      const bounds = timeBounds(path, 'csv', { csvTimestampColumn: 'ts' });
      expect([row, bounds.firstMs]).toEqual([row, expected]);
    }
  });

  it('CSV: a row with a quote anywhere is read as csv-parse reads it, wherever it falls in a file of several buffers', () => {
    // Rows with an unclosed quote after their timestamp have no timestamp for csv-parse: they carry the most
    // extreme times, so one read from its digits as if the row were plain would move a bound. Properly quoted
    // rows are dated. The quote is searched for ahead of the current row once for many rows: the rows here
    // (about 7 MB) span two reads of the buffer.
    const random = lcgBelow(3);
    const base = 1_740_823_200_000;
    const rows = ['ts,key,prefix'];
    let first = Infinity;
    let last = -Infinity;
    for (let n = 0; n < 200_000; n++) {
      const kind = random(100);
      if (kind === 0) rows.push(`${base - 1000 - n},k${n},"unclosed`);
      else if (kind === 1) rows.push(`${base + 10_000_000 + n},k${n},"2`);
      else {
        const ms = base + random(5_000_000);
        first = Math.min(first, ms);
        last = Math.max(last, ms);
        rows.push(kind === 2 ? `${ms},"k,${n}",1` : `${ms},k${n},1`);
      }
    }
    const path = write('quotes.csv', rows.join('\n'));
    const bounds = timeBounds(path, 'csv', { csvTimestampColumn: 'ts' });
    expect([bounds.firstMs, bounds.lastMs]).toEqual([first, last]);
  });

  it('Mooncake: relative whole milliseconds', () => {
    const bounds = timeBounds(join(REAL, 'mooncake', 'conversation_trace_first10min.jsonl'), 'mooncake');
    expect(bounds.firstMs).toBe(0);
    expect(bounds.lastMs).toBeGreaterThan(590_000);
    // In time order: its lines pass the reorder buffer without being held.
    expect(bounds.sorted).toBe(true);
  });

  it('no timestamp anywhere: NaN', () => {
    expect(timeBounds(write('none.jsonl', '{"a":1}\n'), 'bedrock')).toEqual({ firstMs: NaN, lastMs: NaN });
  });
});
