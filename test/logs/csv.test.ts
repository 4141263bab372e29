// The generic CSV reader: fixtures in test/fixtures/csv/ (small enough to check by hand) and built lines,
// through to the engine for one hand-computed replay.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLines } from '../../src/logs/read-lines.js';
import { CsvArrivals, csvFirstTimestampMs, csvMappingProblems, type CsvReadOptions } from '../../src/logs/csv.js';
import { csvMessages } from '../../src/logs/messages.js';
import { parseTimestampMs } from '../../src/logs/iso-time.js';
import { ProblemLog, type LogLine } from '../../src/logs/types.js';
import { SegmentKeys } from '../../src/workload/segment-keys.js';
import type { Request } from '../../src/model/request.js';
import { simulate, type SimResult } from '../../src/engine/simulate.js';
import type { ServeOutcome } from '../../src/cache/prefix-cache.js';
import { createRng } from '../../src/workload/rng.js';
import { ENGINE, MINUTE_MS, UNIT_PROFILE, policy, tier } from '../helpers.js';

const FIXTURES = join('test', 'fixtures', 'csv');
/** 2025-03-01T10:00:00Z: the first row of most fixtures. */
const ORIGIN_MS = 1_740_823_200_000;
const HEADER = 'timestamp,key,prefixTokens,suffixTokens,outputTokens';

interface Read {
  readonly requests: Request[];
  readonly problems: ProblemLog;
  readonly keys: SegmentKeys;
}

function read(lines: Iterable<LogLine>, options: Partial<CsvReadOptions> = {}): Read {
  const problems = new ProblemLog(10_000);
  const keys = new SegmentKeys();
  const arrivals = new CsvArrivals(
    lines[Symbol.iterator](),
    { model: 'default-model', scope: 'org', originMs: ORIGIN_MS, ...options },
    keys,
    problems,
  );
  const requests: Request[] = [];
  for (let next = arrivals.next(); next.done !== true; next = arrivals.next()) requests.push(next.value);
  return { requests, problems, keys };
}

const readFixture = (name: string, options: Partial<CsvReadOptions> = {}) =>
  read(readLines(join(FIXTURES, name)), options);

/** Lines as logs/ would give them, numbered from 1. */
const linesOf = (texts: readonly string[], file = 'built.csv'): LogLine[] =>
  texts.map((text, i) => ({ file, line: i + 1, text }));

const where = (problems: ProblemLog) => problems.shown.map(({ line, field }) => ({ line, field }));
const prompt = (r: Request) =>
  r.segments.slice(0, r.segmentCount).map((s) => `${s.id}:${s.tokens}:${s.role}:${s.breakpoint}`);

describe('CSV reader: well-formed files', () => {
  it('reads ISO-8601 times (Z, fractions, offsets; no offset means UTC) as ms from the origin', () => {
    const { requests, problems } = readFixture('iso.csv');
    expect(problems.count).toBe(0);
    expect(requests.map((r) => r.atMs)).toEqual([0, 30_250, 60_000, 120_000]);
    expect(requests.map((r) => [r.threadId, r.sessionId, r.threadKind, r.model, r.scope])).toEqual([
      ['csv/alice', 'csv/alice', 'key', 'default-model', 'org'],
      ['csv/bob', 'csv/bob', 'key', 'default-model', 'org'],
      ['csv/alice', 'csv/alice', 'key', 'default-model', 'org'],
      ['csv/alice', 'csv/alice', 'key', 'default-model', 'org'],
    ]);
    expect(requests.map((r) => [r.tailTokens, r.outputTokens])).toEqual([
      [100, 50],
      [0, 7],
      [40, 9],
      [1, 2],
    ]);
  });

  it('a key keeps one prefix id while its prefixTokens stays the same, and gets a new one when it changes', () => {
    const { requests } = readFixture('iso.csv');
    expect(requests.map(prompt)).toEqual([
      ['csv/alice/2000:2000:context:true'],
      ['csv/bob/3000:3000:context:true'],
      ['csv/alice/2000:2000:context:true'],
      ['csv/alice/2500:2500:context:true'],
    ]);
    expect(requests[0].segments[0].key).toBe(requests[2].segments[0].key);
    expect(requests[3].segments[0].key).not.toBe(requests[0].segments[0].key);
    // Requests of one key share its prompt while the prefix stays the same, and a changed prefix gets a new
    // one. The segment is frozen, so nothing later can rewrite an earlier prompt; the array is read-only by
    // type but not frozen: V8 (Node 20) loads an element of a frozen array through an IC call, and the
    // engine's `segments[0]` per request per policy then cost 6–8% of a 1M-row replay (csv-keys.ts).
    expect(requests[0].segments).toBe(requests[2].segments);
    expect(Object.isFrozen(requests[0].segments[0])).toBe(true);
    expect(Object.isFrozen(requests[0].segments)).toBe(false);
    expect(requests[3].segments).not.toBe(requests[0].segments);
  });

  it('reads integer epoch ms, and takes the model column where it is filled', () => {
    const { requests, problems } = readFixture('epoch-model.csv');
    expect(problems.count).toBe(0);
    expect(requests.map((r) => [r.atMs, r.model])).toEqual([
      [0, 'claude-sonnet-4-5'],
      [60_000, 'default-model'],
      [120_000, 'claude-haiku-4-5'],
    ]);
  });

  it('reads a file with other header names through the column mapping', () => {
    const columns = {
      timestamp: 'ts',
      key: 'user',
      prefixTokens: 'prefix',
      suffixTokens: 'suffix',
      outputTokens: 'out',
    };
    const { requests, problems } = readFixture('mapped.csv', { columns });
    expect(problems.count).toBe(0);
    expect(requests.map((r) => [r.atMs, r.threadId, r.segments[0].tokens, r.tailTokens, r.outputTokens])).toEqual([
      [0, 'csv/alice', 2000, 100, 50],
      [1000, 'csv/bob', 3000, 10, 5],
    ]);
  });

  it('segment columns make the prompt, in column order, with ids per key and prompt length; zero cells are absent', () => {
    const { requests, problems } = readFixture('segments.csv');
    expect(problems.count).toBe(0);
    expect(requests.map(prompt)).toEqual([
      ['csv/alice/system/3000:3000:system:true'],
      ['csv/alice/system/3000:3000:system:true', 'csv/alice/history/4500:1500:history:true'],
      ['csv/bob/system/3000:3000:system:true', 'csv/bob/history/4500:1500:history:true'],
    ]);
    expect(requests[1].segments[0].key).toBe(requests[0].segments[0].key);
    expect(requests[2].segments[0].key).not.toBe(requests[1].segments[0].key);
    expect(requests.map((r) => r.tailTokens)).toEqual([10, 20, 30]);
  });

  it('reads quoted keys (a comma, a line break, doubled quotes) and keeps the file line numbers after them', () => {
    const { requests, problems } = readFixture('quoted.csv');
    expect(requests.map((r) => r.threadId)).toEqual(['csv/team, alpha', 'csv/multi\nline', 'csv/say "hi"', 'csv/c']);
    expect(problems.shown).toEqual([
      { file: join(FIXTURES, 'quoted.csv'), line: 6, field: 'suffixTokens', reason: csvMessages.notCount('x') },
      { file: join(FIXTURES, 'quoted.csv'), line: 7, field: '', reason: csvMessages.strayQuote() },
    ]);
  });

  it('reads CRLF line ends, from a file and from lines that still carry the CR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttlsim-csv-'));
    try {
      const path = join(dir, 'crlf.csv');
      writeFileSync(path, `${HEADER}\r\n1740823200000,a,2000,100,50\r\n1740823201000,"b\r\nc",2000,100,7\r\n`);
      const fromFile = read(readLines(path));
      expect(fromFile.problems.count).toBe(0);
      expect(fromFile.requests.map((r) => [r.atMs, r.threadId, r.outputTokens])).toEqual([
        [0, 'csv/a', 50],
        [1000, 'csv/b\nc', 7],
      ]);
    } finally {
      rmSync(dir, { recursive: true });
    }
    const fromLines = read(linesOf([`${HEADER}\r`, '1740823200000,a,2000,100,50\r']));
    expect(fromLines.problems.count).toBe(0);
    expect(fromLines.requests.map((r) => [r.threadId, r.outputTokens])).toEqual([['csv/a', 50]]);
  });

  it('tolerates spaces around cells and a byte-order mark before the header', () => {
    const { requests, problems } = read(linesOf([`\uFEFF${HEADER}`, '1740823200000, a , 2000 ,100, 50']));
    expect(problems.count).toBe(0);
    expect(requests.map((r) => [r.threadId, r.segments[0].tokens, r.outputTokens])).toEqual([['csv/a', 2000, 50]]);
  });

  it('a prefix of 0 tokens is a request with no cached segment, only its tail', () => {
    const { requests } = read(linesOf([HEADER, '1740823200000,a,0,300,5']));
    expect(requests.map((r) => [r.segmentCount, r.tailTokens])).toEqual([[0, 300]]);
  });
});

describe('CSV reader: a scope column', () => {
  it("a row's scope is its cell, its thread is per scope and key, and an empty scope is refused like an empty key", () => {
    const { requests, problems } = readFixture('scoped.csv');
    expect(requests.map((r) => [r.scope, r.threadId, r.sessionId === r.threadId, r.segments[0].id])).toEqual([
      ['ws-a', 'csv@ws-a/alice', true, 'csv@ws-a/alice/20000'],
      ['ws-b', 'csv@ws-b/alice', true, 'csv@ws-b/alice/20000'],
      ['ws-a', 'csv@ws-a/alice', true, 'csv@ws-a/alice/20000'],
      ['ws-a,eu', 'csv@ws-a,eu/bob', true, 'csv@ws-a,eu/bob/12000'],
      // A `/` in the scope is escaped: scope wrkspc/01 with key alice is not scope wrkspc with key 01/alice.
      ['wrkspc/01', 'csv@wrkspc%2F01/alice', true, 'csv@wrkspc%2F01/alice/20000'],
      ['ws-a', 'csv@ws-a/bob', true, 'csv@ws-a/bob/12000'],
      ['wrkspc', 'csv@wrkspc/01/alice', true, 'csv@wrkspc/01/alice/20000'],
      ['wrkspc/01', 'csv@wrkspc%2F01/alice', true, 'csv@wrkspc%2F01/alice/20000'],
      // Spaces around the cell go, as around every cell.
      ['ws-a', 'csv@ws-a/bob', true, 'csv@ws-a/bob/12000'],
    ]);
    expect(problems.shown.map(({ line, field, reason }) => ({ line, field, reason }))).toEqual([
      { line: 6, field: 'scope', reason: csvMessages.emptyScope() },
    ]);
  });

  it('is found under another name through --columns, and segment ids then start with the scoped thread', () => {
    const { requests, problems } = read(
      linesOf(['ts,key,workspace,segment:system,suffixTokens,outputTokens', '1740823200000,a,w1,100,5,5']),
      { columns: { timestamp: 'ts', scope: 'workspace' } },
    );
    expect(problems.count).toBe(0);
    expect(requests.map((r) => [r.scope, r.threadId, prompt(r)])).toEqual([
      ['w1', 'csv@w1/a', ['csv@w1/a/system/100:100:system:true']],
    ]);
  });

  it('a mapped scope column that is not there is reported at line 1', () => {
    const { requests, problems } = read(linesOf([HEADER, '1740823200000,a,0,300,5']), {
      columns: { scope: 'workspace' },
    });
    expect(requests).toEqual([]);
    expect(where(problems)).toEqual([{ line: 1, field: 'workspace' }]);
  });
});

describe('CSV reader: unusable rows are reported with line and field, and skipped', () => {
  it('each kind of bad row in bad-rows.csv', () => {
    const { requests, problems } = readFixture('bad-rows.csv');
    expect(requests.map((r) => r.atMs)).toEqual([0, 9000]);
    expect(problems.shown.map(({ line, field, reason }) => ({ line, field, reason }))).toEqual([
      { line: 3, field: '', reason: csvMessages.fieldCount(5, 4) },
      { line: 4, field: 'prefixTokens', reason: csvMessages.fractionalCount('12.5') },
      { line: 5, field: 'suffixTokens', reason: csvMessages.negativeCount('-3') },
      { line: 6, field: 'outputTokens', reason: csvMessages.implausibleCount('20000000') },
      { line: 7, field: 'timestamp', reason: csvMessages.badTimestamp('yesterday') },
      { line: 8, field: 'timestamp', reason: csvMessages.timestampBackwards('2025-03-01T09:59:59Z') },
      { line: 9, field: 'key', reason: csvMessages.emptyKey() },
      { line: 10, field: 'prefixTokens', reason: csvMessages.notCount('abc') },
      { line: 11, field: 'suffixTokens', reason: csvMessages.missingCount() },
      { line: 12, field: 'timestamp', reason: csvMessages.badTimestamp('2025-02-30T10:00:08Z') },
    ]);
    expect(problems.count).toBe(10);
  });

  it('a skipped row does not move the clock: a row after it is compared with the last row read', () => {
    // Line 3 is later than line 4 but unusable, so line 4 is not "backwards".
    const { requests, problems } = read(
      linesOf([HEADER, '1740823200000,a,2000,1,1', '1740823300000,a,-1,1,1', '1740823250000,a,2000,1,1']),
    );
    expect(requests.map((r) => r.atMs)).toEqual([0, 50_000]);
    expect(where(problems)).toEqual([{ line: 3, field: 'prefixTokens' }]);
  });

  it('a row before the origin is reported and skipped', () => {
    const { requests, problems } = readFixture('epoch-model.csv', { originMs: ORIGIN_MS + 30_000 });
    expect(requests.map((r) => r.atMs)).toEqual([30_000, 90_000]);
    expect(problems.shown.map(({ line, field, reason }) => ({ line, field, reason }))).toEqual([
      { line: 2, field: 'timestamp', reason: csvMessages.beforeOrigin('1740823200000') },
    ]);
  });

  it('a truncated last line (no newline, cut mid-row) is one problem; the rows before it stand', () => {
    const { requests, problems } = readFixture('truncated.csv');
    expect(requests.map((r) => r.atMs)).toEqual([0]);
    expect(problems.shown.map(({ line, field, reason }) => ({ line, field, reason }))).toEqual([
      { line: 3, field: '', reason: csvMessages.fieldCount(5, 3) },
    ]);
  });

  it('a last line cut inside a quoted field is one problem at the line the quote opens', () => {
    const { requests, problems } = read(
      linesOf([HEADER, '1740823200000,a,2000,100,50', '1740823201000,"unterminated,2000']),
    );
    expect(requests.length).toBe(1);
    expect(problems.shown.map(({ line, reason }) => ({ line, reason }))).toEqual([
      { line: 3, reason: csvMessages.unclosedQuote() },
    ]);
  });

  it('a header without a required column is reported once at line 1 and nothing is read', () => {
    const { requests, problems } = readFixture('missing-column.csv');
    expect(requests).toEqual([]);
    expect(problems.shown).toEqual([
      {
        file: join(FIXTURES, 'missing-column.csv'),
        line: 1,
        field: 'outputTokens',
        reason: csvMessages.missingColumn('outputTokens', 'outputTokens', [
          'timestamp',
          'key',
          'prefixTokens',
          'suffixTokens',
        ]),
      },
    ]);
  });

  it('without segment columns prefixTokens is required; with them it is not', () => {
    expect(where(read(linesOf(['timestamp,key,suffixTokens,outputTokens', '1740823200000,a,1,1'])).problems)).toEqual([
      { line: 1, field: 'prefixTokens' },
    ]);
    const bySegments = read(
      linesOf(['timestamp,key,segment:system,suffixTokens,outputTokens', '1740823200000,a,2000,1,1']),
    );
    expect(bySegments.problems.count).toBe(0);
    expect(bySegments.requests.map(prompt)).toEqual([['csv/a/system/2000:2000:system:true']]);
  });

  it('a bad segment cell is reported under its header name', () => {
    const { requests, problems } = read(
      linesOf([
        'timestamp,key,segment:system,segment:history,suffixTokens,outputTokens',
        '1740823200000,a,2000,-5,1,1',
      ]),
    );
    expect(requests).toEqual([]);
    expect(where(problems)).toEqual([{ line: 2, field: 'segment:history' }]);
  });

  it('a mapping to a header name that is not there, or of an unknown field, is reported at line 1', () => {
    const missing = readFixture('mapped.csv', {
      columns: { timestamp: 'time', key: 'user', prefixTokens: 'prefix', suffixTokens: 'suffix', outputTokens: 'out' },
    });
    expect(missing.requests).toEqual([]);
    expect(where(missing.problems)).toEqual([{ line: 1, field: 'time' }]);
    // A mapped model column is required too: the user named it.
    expect(where(readFixture('epoch-model.csv', { columns: { model: 'llm' } }).problems)).toEqual([
      { line: 1, field: 'llm' },
    ]);
    const unknown = readFixture('iso.csv', { columns: { stamp: 'timestamp' } });
    expect(unknown.requests).toEqual([]);
    expect(unknown.problems.shown.map(({ line, field, reason }) => ({ line, field, reason }))).toEqual([
      { line: 1, field: 'columns.stamp', reason: csvMessages.unknownField('stamp', 'timestamp=stamp') },
    ]);
  });

  it('a header naming a column twice, or a segment column without a role, is reported and nothing is read', () => {
    expect(
      where(read(linesOf(['timestamp,key,key,prefixTokens,suffixTokens,outputTokens', '1,a,a,1,1,1'])).problems),
    ).toEqual([{ line: 1, field: 'key' }]);
    expect(where(read(linesOf(['timestamp,key,segment:,suffixTokens,outputTokens', '1,a,1,1,1'])).problems)).toEqual([
      { line: 1, field: 'segment:' },
    ]);
  });

  it('an empty file is one problem, named by options.file', () => {
    const { requests, problems } = readFixture('empty.csv', { file: 'logs/empty.csv' });
    expect(requests).toEqual([]);
    expect(problems.shown).toEqual([{ file: 'logs/empty.csv', line: 0, field: '', reason: csvMessages.emptyFile() }]);
  });

  it('line numbers stay exact across batches, with multi-line records and bad rows spread through the file', () => {
    const texts = [HEADER];
    const expectedProblemLines: number[] = [];
    const expectedKeys: string[] = [];
    for (let row = 0; texts.length < 20_000; row++) {
      const atMs = ORIGIN_MS + row;
      if (row % 997 === 5) {
        // A key with a line break: one record on two lines.
        texts.push(`${atMs},"k${row}`, `x",2000,1,1`);
        expectedKeys.push(`csv/k${row}\nx`);
      } else if (row % 1013 === 7) {
        texts.push(`${atMs},k${row},2000,oops,1`);
        expectedProblemLines.push(texts.length);
      } else {
        texts.push(`${atMs},k${row % 50},2000,1,1`);
        expectedKeys.push(`csv/k${row % 50}`);
      }
    }
    const { requests, problems } = read(linesOf(texts));
    expect(problems.shown.map((p) => p.line)).toEqual(expectedProblemLines);
    expect(problems.shown.every((p) => p.field === 'suffixTokens')).toBe(true);
    expect(requests.map((r) => r.threadId)).toEqual(expectedKeys);
  });

  it('a stray quote costs only its own row, wherever it falls in a batch', () => {
    const texts = [HEADER];
    let multiLineAt = 0;
    for (let row = 0; row < 9000; row++) {
      const atMs = ORIGIN_MS + row;
      if (row === 6000) texts.push(`${atMs},"k"x,2000,1,1`);
      else if (row === 6001) {
        // In the same batch, read line by line: a two-line record with a bad cell is reported at its first line.
        multiLineAt = texts.length + 1;
        texts.push(`${atMs},"m`, `n",2000,bad,1`);
      } else texts.push(`${atMs},k,2000,1,1`);
    }
    const { requests, problems } = read(linesOf(texts));
    expect(requests.length).toBe(8998);
    expect(where(problems)).toEqual([
      { line: 6002, field: '' },
      { line: multiLineAt, field: 'suffixTokens' },
    ]);
  });
});

describe('CSV timestamps', () => {
  it('integer epoch ms is taken as it is', () => {
    expect(parseTimestampMs('1740823200000')).toBe(ORIGIN_MS);
    expect(parseTimestampMs('0')).toBe(0);
  });

  it('ISO-8601 forms agree with Date.parse where Date.parse is unambiguous', () => {
    for (const text of [
      '2025-03-01T10:00:00Z',
      '2025-03-01T10:00:00.250Z',
      '2024-02-29T23:59:59.999Z',
      '2025-03-01T12:00:00+02:00',
      '2025-03-01T05:30:00-04:30',
      '0050-06-01T00:00:00Z',
    ]) {
      expect(parseTimestampMs(text), text).toBe(Date.parse(text));
    }
  });

  it('a time without an offset is UTC, whatever the machine zone; a date alone is midnight UTC', () => {
    expect(parseTimestampMs('2025-03-01T10:00:00')).toBe(ORIGIN_MS);
    expect(parseTimestampMs('2025-03-01 10:00')).toBe(ORIGIN_MS);
    expect(parseTimestampMs('2025-03-01')).toBe(ORIGIN_MS - 10 * 3_600_000);
  });

  it('fractions keep milliseconds and drop the rest; +HHMM and +HH offsets work', () => {
    expect(parseTimestampMs('2025-03-01T10:00:00.5Z')).toBe(ORIGIN_MS + 500);
    expect(parseTimestampMs('2025-03-01T10:00:00,123456Z')).toBe(ORIGIN_MS + 123);
    expect(parseTimestampMs('2025-03-01T11:00:00+0100')).toBe(ORIGIN_MS);
    expect(parseTimestampMs('2025-03-01T11:00:00+01')).toBe(ORIGIN_MS);
  });

  it('anything else is NaN: impossible dates, out-of-range fields, other notations', () => {
    for (const text of [
      '',
      'yesterday',
      'March 1 2025',
      '2025-02-29',
      '2025-13-01',
      '2025-04-31',
      '2025-03-01T24:00:00Z',
      '2025-03-01T10:60Z',
      '2025-03-01T10:00:00.Z',
      '2025-03-01T10:00:00+2',
      '2025-03-01T10:00:00Zjunk',
      '-5',
      '1.5',
      '2025/03/01',
    ]) {
      expect(parseTimestampMs(text), text).toBeNaN();
    }
  });
});

describe('csvMappingProblems', () => {
  it('accepts the known fields, and names each unknown one with the pair most likely meant', () => {
    expect(csvMappingProblems({ timestamp: 'ts', key: 'user', model: 'llm' })).toEqual([]);
    expect(csvMappingProblems({ sufixTokens: 's', Key: 'k', prefix: 'p', ts: 'timestamp', foo: 'bar' })).toEqual([
      { field: 'sufixTokens', reason: csvMessages.unknownField('sufixTokens', 'suffixTokens=s') },
      { field: 'Key', reason: csvMessages.unknownField('Key', 'key=k') },
      { field: 'prefix', reason: csvMessages.unknownField('prefix', 'prefixTokens=p') },
      { field: 'ts', reason: csvMessages.unknownField('ts', 'timestamp=ts') },
      { field: 'foo', reason: csvMessages.unknownField('foo') },
    ]);
  });
});

describe('csvFirstTimestampMs', () => {
  it('is the first usable row, skipping unusable ones, and reads no further', () => {
    let pulled = 0;
    let closed = false;
    const texts = [HEADER, 'bad,a,1,1,1', '1740823205000,a,1,1,1', '1740823206000,a,1,1,1'];
    const lines: Iterable<LogLine> = {
      [Symbol.iterator]: () => ({
        next: () =>
          pulled < texts.length
            ? { done: false, value: { file: 'f.csv', line: pulled + 1, text: texts[pulled++] } }
            : { done: true, value: undefined },
        return: () => {
          closed = true;
          return { done: true, value: undefined };
        },
      }),
    };
    expect(csvFirstTimestampMs(lines, { model: 'm', scope: 's' })).toBe(ORIGIN_MS + 5000);
    expect(closed).toBe(true);
    expect(pulled).toBeLessThan(texts.length + 1);
  });

  it('is the first row with a readable timestamp, even when another cell of that row is bad', () => {
    // Otherwise a later row would set time 0, and the bad row would be blamed for its timestamp.
    const texts = [HEADER, '1740823200000,a,20k,1,1', '1740823205000,a,1,1,1'];
    expect(csvFirstTimestampMs(linesOf(texts), { model: 'm', scope: 's' })).toBe(ORIGIN_MS);
    const { problems } = read(linesOf(texts));
    expect(problems.shown.map(({ line, field, reason }) => ({ line, field, reason }))).toEqual([
      { line: 2, field: 'prefixTokens', reason: csvMessages.notCount('20k') },
    ]);
  });

  it('is null for a file with no usable row', () => {
    expect(csvFirstTimestampMs(readLines(join(FIXTURES, 'empty.csv')), { model: 'm', scope: 's' })).toBeNull();
    expect(csvFirstTimestampMs(readLines(join(FIXTURES, 'missing-column.csv')), { model: 'm', scope: 's' })).toBeNull();
  });
});

describe('CSV replay through the engine', () => {
  /** The rows of `lines` under 5m sliding for an hour: the run, and the problems reported. */
  const simulateCsv = (
    lines: Iterable<LogLine>,
    onRequest?: (request: Request, outcome: ServeOutcome) => void,
  ): { result: SimResult; problems: ProblemLog } => {
    const problems = new ProblemLog();
    const result = simulate({
      arrivals: new CsvArrivals(
        lines[Symbol.iterator](),
        { model: 'unit', scope: 'org', originMs: ORIGIN_MS },
        new SegmentKeys(),
        problems,
      ),
      policy: policy('5m', tier('5m')),
      priceOf: () => UNIT_PROFILE,
      engine: ENGINE,
      horizonMs: 60 * MINUTE_MS,
      rng: createRng(1),
      onRequest,
    });
    return { result, problems };
  };

  it('5m sliding: a key read within 5m of its last read hits, at exactly 5m it misses', () => {
    // e2e.csv: key a at 0, 4m, 9m, 20m; key b at 0, 4m, 9m − 1ms. The 4m reads slide both expiries to
    // 9m; an entry is alive on [t, t+T), so b's read at 9m − 1ms hits and a's at 9m misses.
    const reads: [string, number, number][] = [];
    const { result, problems } = simulateCsv(readLines(join(FIXTURES, 'e2e.csv')), (request, outcome) =>
      reads.push([request.threadId, request.atMs, outcome.readTokens]),
    );
    expect(problems.count).toBe(0);
    expect(reads).toEqual([
      ['csv/a', 0, 0],
      ['csv/b', 0, 0],
      ['csv/a', 4 * MINUTE_MS, 2000],
      ['csv/b', 4 * MINUTE_MS, 2000],
      ['csv/b', 9 * MINUTE_MS - 1, 2000],
      ['csv/a', 9 * MINUTE_MS, 0],
      ['csv/a', 20 * MINUTE_MS, 0],
    ]);
    expect(result.requests).toBe(7);
    expect(result.hits).toBe(3);
  });

  it('the same key in two scopes shares no entry; in one scope it hits', () => {
    const hitsOf = (second: string) => {
      const { result, problems } = simulateCsv(
        linesOf([
          'timestamp,key,scope,prefixTokens,suffixTokens,outputTokens',
          `${ORIGIN_MS},a,w1,2000,10,5`,
          `${ORIGIN_MS + MINUTE_MS},a,${second},2000,10,5`,
        ]),
      );
      expect(problems.count).toBe(0);
      return [result.requests, result.hits, result.entriesWritten];
    };
    expect(hitsOf('w1')).toEqual([2, 1, 1]);
    expect(hitsOf('w2')).toEqual([2, 0, 2]);
  });
});
