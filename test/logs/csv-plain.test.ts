// The CSV reader's two paths give the same answer: rows read straight from their bytes (csv-plain.ts, when
// the lines come undecoded) and every row through csv-parse (lines as text). Same requests (every field,
// segment keys included), same file lines, same problems with the same lines, fields and reasons — on every
// CSV fixture and on seeded random files mixing plain rows with everything the plain path must refuse.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import fc from 'fast-check';
import { CsvArrivals, type CsvReadOptions } from '../../src/logs/csv.js';
import { CsvKeys } from '../../src/logs/csv-keys.js';
import { RawLines, readLines } from '../../src/logs/read-lines.js';
import { ProblemLog } from '../../src/logs/types.js';
import type { Request } from '../../src/model/request.js';
import { SegmentKeys } from '../../src/workload/segment-keys.js';

const FIXTURES = join('test', 'fixtures', 'csv');
const ORIGIN_MS = 1_740_823_200_000;

interface Read {
  readonly requests: (Request & { line: number })[];
  readonly problems: ProblemLog;
  /** Rows the plain path read. */
  readonly plainRows: number;
}

function read(path: string, raw: boolean, options: Partial<CsvReadOptions>, chunkBytes?: number): Read {
  const problems = new ProblemLog(1_000_000);
  const arrivals = new CsvArrivals(
    raw ? new RawLines(path, { shownAs: 'f.csv', chunkBytes }) : readLines(path, { shownAs: 'f.csv' }),
    { model: 'default-model', scope: 'org', originMs: ORIGIN_MS, ...options },
    new SegmentKeys(),
    problems,
  );
  const requests: (Request & { line: number })[] = [];
  for (let next = arrivals.next(); next.done !== true; next = arrivals.next())
    requests.push({ ...next.value, line: arrivals.line });
  return { requests, problems, plainRows: arrivals.plainRows };
}

/** Reads `path` both ways, requires the same result, and returns how many rows the plain path read. */
function bothWays(path: string, options: Partial<CsvReadOptions> = {}): number {
  const text = read(path, false, options);
  const raw = read(path, true, options);
  expect(text.plainRows).toBe(0);
  expect(raw.requests).toEqual(text.requests);
  expect(raw.problems.count).toBe(text.problems.count);
  expect(raw.problems.shown).toEqual(text.problems.shown);
  return raw.plainRows;
}

const MAPPED = { timestamp: 'ts', key: 'user', prefixTokens: 'prefix', suffixTokens: 'suffix', outputTokens: 'out' };

describe('plain rows and csv-parse agree', () => {
  it.each(readdirSync(FIXTURES).filter((name) => name.endsWith('.csv')))('on the fixture %s', (name) => {
    const path = join(FIXTURES, name);
    bothWays(path);
    bothWays(path, { unordered: true });
    if (name.startsWith('mapped')) bothWays(path, { columns: MAPPED });
    bothWays(path, { columns: { suffixTokens: 'suffix_tokens' } });
  });

  it('the plain path reads the plain fixtures (the comparison above is not vacuous)', () => {
    expect(bothWays(join(FIXTURES, 'e2e.csv'))).toBeGreaterThan(0);
    expect(bothWays(join(FIXTURES, 'mapped.csv'), { columns: MAPPED })).toBeGreaterThan(0);
    expect(bothWays(join(FIXTURES, 'scoped.csv'))).toBeGreaterThan(0);
  });

  describe('on seeded random files', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'ttlsim-csv-plain-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it(
      'with quotes, embedded commas and newlines, CRLF, a BOM, blank lines, odd column counts and bad cells',
      {
        timeout: 180_000,
      },
      () => {
        let plainRows = 0;
        let problems = 0;
        for (let seed = 1; seed <= 60; seed++) {
          const path = join(dir, `random-${seed}.csv`);
          writeFileSync(path, randomCsv(seed));
          plainRows += bothWays(path);
          plainRows += bothWays(path, { unordered: true });
          problems += read(path, true, {}).problems.count;
        }
        // Both paths were exercised: many plain rows, and many rows csv-parse had to read or refuse.
        expect(plainRows).toBeGreaterThan(10_000);
        expect(problems).toBeGreaterThan(100);
      },
    );

    it('looking ahead (csv-plain.ts touchAhead), prompts or not, changes nothing: hundreds of keys, small buffers, refused rows', () => {
      // The plain path hashes the keys of the rows ahead and has the key table load their entries early: with
      // many keys the table grows between a look and the row, buffers refill, and some rows go to csv-parse.
      const row = fc.record({
        key: fc.nat(400),
        prefixTokens: fc.constantFrom(0, 1500, 20000),
        gapMs: fc.nat(5000),
        kind: fc.constantFrom('plain', 'plain', 'plain', 'plain', 'quoted key', 'blank', 'crlf'),
      });
      let run = 0;
      let touches = 0;
      const defaultTouchFromSlots = CsvKeys.touchFromSlots;
      const touch = vi.spyOn(CsvKeys.prototype, 'touch');
      // Looked ahead from the first key on (a run looks ahead only once its table outgrows the caches).
      CsvKeys.touchFromSlots = 0;
      try {
        fc.assert(
          fc.property(
            fc.array(row, { minLength: 1, maxLength: 400, size: 'max' }),
            fc.integer({ min: 16, max: 2048 }),
            (rows, chunkBytes) => {
              let atMs = ORIGIN_MS;
              const lines = ['timestamp,key,prefixTokens,suffixTokens,outputTokens'];
              for (const { key, prefixTokens, gapMs, kind } of rows) {
                atMs += gapMs;
                const keyCell = kind === 'quoted key' ? `"k${key}"` : kind === 'blank' ? ` k${key}` : `k${key}`;
                lines.push(`${atMs},${keyCell},${prefixTokens},300,100${kind === 'crlf' ? '\r' : ''}`);
              }
              const path = join(dir, `ahead-${run++}.csv`);
              writeFileSync(path, lines.join('\n'));
              const text = read(path, false, {});
              // With and without loading the prompts ahead too (the replay's reader, and the reader alone).
              for (const prefetchPrompts of [false, true]) {
                touch.mockClear();
                const raw = read(path, true, { prefetchPrompts }, chunkBytes);
                expect(raw.requests).toEqual(text.requests);
                expect(raw.problems.shown).toEqual(text.problems.shown);
                expect(touch.mock.calls.map((call) => call[2])).toEqual(touch.mock.calls.map(() => prefetchPrompts));
                touches += touch.mock.calls.length;
              }
            },
          ),
          { numRuns: 150 },
        );
      } finally {
        CsvKeys.touchFromSlots = defaultTouchFromSlots;
      }
      // Not vacuous: the plain path looked ahead.
      expect(touches).toBeGreaterThan(0);
      touch.mockRestore();
    });
  });
});

/**
 * A CSV file of 20–1,000 rows (csv-parse reads lines in batches of 256, which the plain path must keep):
 * mostly plain, with each kind of row the plain path must leave to csv-parse, at a rate that varies by file.
 */
function randomCsv(seed: number): string {
  const random = seedrandom.alea(`csv-plain/${seed}`);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;
  const withModel = chance(0.5);
  const withScope = chance(0.4);
  const header = [
    'timestamp',
    'key',
    'prefixTokens',
    'suffixTokens',
    'outputTokens',
    ...(withModel ? ['model'] : []),
    ...(withScope ? ['scope'] : []),
  ];
  const lines: string[] = [
    (chance(0.2) ? '\ufeff' : '') + (chance(0.1) ? header.map((h) => `"${h}"`) : header).join(','),
  ];
  let atMs = ORIGIN_MS + Math.floor(random() * 1000);
  const rows = 20 + Math.floor(random() * 980);
  const faults = pick([0.002, 0.01, 0.05, 0.25]);
  for (let n = 0; n < rows; n++) {
    atMs += chance(faults / 2) ? -Math.floor(random() * 5000) : Math.floor(random() * 60_000);
    const cells = [
      chance(0.15) ? new Date(atMs).toISOString() : String(atMs),
      `k${Math.floor(random() * 8)}`,
      pick(['20000', '20000', '20000', '1500', '0']),
      String(Math.floor(random() * 500)),
      String(Math.floor(random() * 200)),
      ...(withModel ? [pick(['claude-sonnet-4-5', 'claude-sonnet-4-5', 'claude-haiku-4-5', ''])] : []),
      ...(withScope ? [pick(['ws-a', 'ws-a', 'ws-b', 'ws/c'])] : []),
    ];
    if (chance(faults)) {
      const column = Math.floor(random() * cells.length);
      cells[column] = pick([
        `"${cells[column]}"`,
        `"${cells[column]},x"`,
        `"${cells[column]}\nsecond line"`,
        `"say ""hi"""`,
        ` ${cells[column]} `,
        '',
        '-5',
        '1.5',
        '12345678901234567',
        '99999999',
        'abc',
        'ké',
        'k"x',
        '"unclosed',
        '\t7',
      ]);
    }
    if (chance(faults / 5)) cells.push('extra');
    if (chance(faults / 5)) cells.pop();
    lines.push(cells.join(','));
    if (chance(0.05)) lines.push('');
  }
  return lines.join(chance(0.3) ? '\r\n' : '\n') + (chance(0.5) ? '\n' : '');
}
