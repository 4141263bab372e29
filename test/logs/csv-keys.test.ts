// logs/csv-keys.ts: one key table per run. Every CSV file of a run numbers its keys in one sequence
// (Request.threadIndex), and each prefix gets the segment key that the run's SegmentKeys would give its id
// `csv/<key>/<prefixTokens>` in reading order, whichever path (plain bytes or csv-parse) read the row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvArrivals } from '../../src/logs/csv.js';
import { RawLines } from '../../src/logs/read-lines.js';
import { ProblemLog } from '../../src/logs/types.js';
import { SegmentKeys } from '../../src/workload/segment-keys.js';
import type { Request } from '../../src/model/request.js';
import { lcgBelow } from '../lcg.js';

const HEADER = 'timestamp,key,prefixTokens,suffixTokens,outputTokens';
let dir = '';
let written = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ttlsim-csv-keys-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function readAll(files: readonly string[][], keys: SegmentKeys, header = HEADER): Request[] {
  const requests: Request[] = [];
  files.forEach((rows) => {
    const path = join(dir, `file${written++}.csv`);
    writeFileSync(path, [header, ...rows, ''].join('\n'));
    const problems = new ProblemLog(100);
    const arrivals = new CsvArrivals(new RawLines(path), { model: 'm', scope: 's', originMs: 0 }, keys, problems);
    for (let next = arrivals.next(); next.done !== true; next = arrivals.next()) requests.push(next.value);
    expect(problems.count).toBe(0);
  });
  return requests;
}

describe('CSV keys of a run', () => {
  it('number keys once across files, and give each prefix the key SegmentKeys.of gives its id', () => {
    const random = lcgBelow(5);
    // Keys with and without slashes, padded or quoted cells (the csv-parse path), prefixes that change and
    // come back, and empty prompts.
    const names = ['a', 'b/c', 'k17', 'x/y/z', 'long-key-name-0123456789', 'é'];
    const files: string[][] = [[], [], []];
    for (let n = 0; n < 600; n++) {
      const name = names[random(names.length)];
      const prefix = [0, 100, 250, 100][random(4)];
      const key = random(5) === 0 ? `"${name}"` : random(7) === 0 ? ` ${name}` : name;
      files[random(3)].push(`${1000 + n},${key},${prefix},3,4`);
    }
    const keys = new SegmentKeys();
    const requests = readAll(files, keys);
    expect(requests.length).toBe(600);

    // The model: one SegmentKeys fed each key's prefix id whenever that key's prefix length differs from its
    // previous row's (the reader before the run-wide table), and a thread index per key in first-read order.
    const model = new SegmentKeys();
    const lastPrefix = new Map<string, number>();
    const index = new Map<string, number>();
    for (const request of requests) {
      const name = request.threadId.slice('csv/'.length);
      const prefix = request.segmentCount === 0 ? 0 : request.segments[0].tokens;
      if (lastPrefix.get(name) !== prefix) model.of(`${request.threadId}/${prefix}`);
      lastPrefix.set(name, prefix);
      if (!index.has(name)) index.set(name, index.size);
      expect(request.threadIndex).toBe(index.get(name));
      expect(request.sessionId).toBe(request.threadId);
      if (request.segmentCount > 0) {
        const segment = request.segments[0];
        expect(segment.id).toBe(`${request.threadId}/${prefix}`);
        expect(segment.key).toBe(model.of(segment.id));
      }
    }
    expect(index.size).toBe(names.length);
    // Both ran the same number of keys: a fresh id after the reads gets the same number from both.
    expect(keys.fresh()).toBe(model.fresh());
  });

  it("keep each key's number and prompt while the table grows (thousands of keys, short and long, in two scopes)", () => {
    const random = lcgBelow(11);
    // Keys of up to 16 bytes sit in the table itself, longer ones in its arena: both kinds, many times over
    // the table's first size, each seen again after the table has doubled several times.
    const names = Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? `user-${i}-${'x'.repeat(i % 40)}` : `k${i}`));
    const rows: string[] = [];
    for (let n = 0; n < 12_000; n++) {
      const name = n < names.length ? names[n] : names[random(names.length)];
      rows.push(`${1000 + n},${name},${[100, 250][random(2)]},3,4,${['ws0', 'ws1'][random(2)]}`);
    }
    const keys = new SegmentKeys();
    const requests = readAll([rows], keys, `${HEADER},scope`);
    const index = new Map<string, number>();
    const prompts = new Map<string, Request['segments']>();
    for (const request of requests) {
      if (!index.has(request.threadId)) index.set(request.threadId, index.size);
      expect(request.threadIndex).toBe(index.get(request.threadId));
      const prompt = `${request.threadId}/${request.segments[0].tokens}`;
      expect(request.segments[0].id).toBe(prompt);
      // The same prefix of the same key is the same shared prompt, however the table moved in between.
      const known = prompts.get(prompt);
      if (known === undefined) prompts.set(prompt, request.segments);
      else expect(request.segments).toBe(known);
    }
    expect(index.size).toBeGreaterThan(4000);
  });

  it('a run with another SegmentKeys numbers its keys from 0 again', () => {
    const first = readAll([['1,a,10,1,1', '2,b,10,1,1']], new SegmentKeys());
    const second = readAll([['1,b,10,1,1']], new SegmentKeys());
    expect(first.map((r) => r.threadIndex)).toEqual([0, 1]);
    expect(second.map((r) => r.threadIndex)).toEqual([0]);
  });

  it('with a scope column, every (scope, key) is its own thread, numbered in one sequence of the run across files', () => {
    const random = lcgBelow(9);
    const names = ['a', 'b/c', 'k17'];
    const scopes = ['ws0', 'ws/1', 'ws%2', '"ws0"'];
    const files: string[][] = [[], []];
    for (let n = 0; n < 400; n++)
      files[random(2)].push(
        `${1000 + n},${names[random(names.length)]},${[100, 250][random(2)]},3,4,${scopes[random(scopes.length)]}`,
      );
    const keys = new SegmentKeys();
    const requests = readAll(files, keys, `${HEADER},scope`);
    expect(requests.length).toBe(400);
    const model = new SegmentKeys();
    const lastPrefix = new Map<string, number>();
    const index = new Map<string, number>();
    for (const request of requests) {
      // A quoted scope cell is the same scope as the bare one; '/' and '%' are escaped in the thread id.
      expect(request.threadId).toMatch(/^csv@(ws0|ws%2F1|ws%252)\/(a|b\/c|k17)$/);
      const prefix = request.segments[0].tokens;
      if (lastPrefix.get(request.threadId) !== prefix) model.of(`${request.threadId}/${prefix}`);
      lastPrefix.set(request.threadId, prefix);
      if (!index.has(request.threadId)) index.set(request.threadId, index.size);
      expect(request.threadIndex).toBe(index.get(request.threadId));
      expect(request.segments[0].key).toBe(model.of(request.segments[0].id));
    }
    expect(index.size).toBe(names.length * 3);
    expect(keys.fresh()).toBe(model.fresh());
  });
});
