// logs/read-lines.ts cuts a file into lines one way for readLines, RawLines and scanLines: the same lines,
// numbers and bytes as splitting the whole text at its newlines (line ends and a CR before them stripped,
// empty lines left out), whatever falls on a chunk boundary; a line past the longest allowed is skipped and
// reported with its number and length. Small buffers (chunkBytes, maxLineBytes) put many lines across the
// buffer's edge, its growth and the skipping in a file of a few kilobytes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { RawLines, readLines, scanLines, type ReadLinesOptions } from '../../src/logs/read-lines.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ttlsim-read-lines-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Cut {
  readonly line: number;
  readonly text: string;
}

/** The lines of `text` as the readers must give them, and the lines longer than `maxLineBytes` (skipped). */
function expected(text: string, maxLineBytes: number): { lines: Cut[]; skipped: [number, number][] } {
  const lines: Cut[] = [];
  const skipped: [number, number][] = [];
  text.split('\n').forEach((raw, i) => {
    const bytes = Buffer.byteLength(raw);
    // The buffer grows to maxLineBytes + 2 bytes: a line (its CR included) must fit with its newline.
    if (bytes > maxLineBytes + 1) skipped.push([i + 1, bytes]);
    else {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line !== '') lines.push({ line: i + 1, text: line });
    }
  });
  return { lines, skipped };
}

/** A file of random lines: empty ones, CRLF, multi-byte characters, long ones; sometimes no final newline. */
function randomText(seed: number, longest: number): string {
  const random = seedrandom.alea(`read-lines/${seed}`);
  const lines: string[] = [];
  const count = 50 + Math.floor(random() * 300);
  for (let n = 0; n < count; n++) {
    const length = random() < 0.1 ? Math.floor(random() * longest) : Math.floor(random() * 40);
    let line = '';
    for (let i = 0; i < length; i++)
      line += random() < 0.05 ? 'é' : String.fromCharCode(97 + Math.floor(random() * 26));
    lines.push(line + (random() < 0.2 ? '\r' : ''));
  }
  return lines.join('\n') + (random() < 0.5 ? '\n' : '');
}

function readAllThreeWays(path: string, options: ReadLinesOptions) {
  const skipped: [number, number][] = [];
  const withSkips = { ...options, onSkipped: (line: number, bytes: number) => skipped.push([line, bytes]) };
  const decoded = [...readLines(path, withSkips)].map(({ line, text }) => ({ line, text }));
  const raw: Cut[] = [];
  const lines = new RawLines(path, options);
  for (let next = lines.next(); next !== null; next = lines.next())
    raw.push({ line: next.line, text: next.bytes.toString('utf8', next.start, next.end) });
  const scanned: Cut[] = [];
  scanLines(
    path,
    (bytes, start, end, line) => scanned.push({ line, text: bytes.toString('utf8', start, end) }),
    options,
  );
  return { decoded, raw, scanned, skipped };
}

describe('cutting lines', () => {
  it('gives every line, number and byte as a split of the whole text, across buffer edges, growth and skipped lines', () => {
    let crossing = 0;
    let skips = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const chunkBytes = 16 + (seed % 7) * 13;
      const maxLineBytes = seed % 2 === 0 ? 200 + seed : 1 << 20;
      const text = randomText(seed, 600);
      const path = join(dir, `lines-${seed}.txt`);
      writeFileSync(path, text);
      const want = expected(text, maxLineBytes);
      const got = readAllThreeWays(path, { shownAs: 'x', chunkBytes, maxLineBytes });
      expect(got.decoded).toEqual(want.lines);
      expect(got.raw).toEqual(want.lines);
      expect(got.scanned).toEqual(want.lines);
      expect(got.skipped).toEqual(want.skipped);
      crossing += want.lines.filter(({ text }) => Buffer.byteLength(text) > chunkBytes).length;
      skips += want.skipped.length;
    }
    // Not vacuous: many lines outgrew the first buffer, and some were skipped.
    expect(crossing).toBeGreaterThan(100);
    expect(skips).toBeGreaterThan(10);
  });

  it("RawLines' readEnd: the bytes after a line are the file's next bytes, unchanged until `fill` changes", () => {
    let ahead = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const chunkBytes = 16 + (seed % 7) * 13;
      const maxLineBytes = seed % 2 === 0 ? 200 + seed : 1 << 20;
      const file = Buffer.from(randomText(seed, 600));
      const path = join(dir, `ahead-${seed}.txt`);
      writeFileSync(path, file);
      // File offset where each line (numbered from 1) starts.
      const lineStarts = [0, 0];
      for (let i = 0; i < file.length; i++) if (file[i] === 10) lineStarts.push(i + 1);
      const lines = new RawLines(path, { chunkBytes, maxLineBytes });
      let first: { fill: number; offset: number; start: number; readEnd: number } | null = null;
      for (let raw = lines.next(); raw !== null; raw = lines.next()) {
        const offset = lineStarts[raw.line];
        expect(raw.readEnd).toBeGreaterThanOrEqual(raw.end);
        // (equals, not toEqual: a deep comparison of Buffers is slow.)
        expect(
          raw.bytes.subarray(raw.start, raw.readEnd).equals(file.subarray(offset, offset + raw.readEnd - raw.start)),
        ).toBe(true);
        if (first === null || first.fill !== raw.fill)
          first = { fill: raw.fill, offset, start: raw.start, readEnd: raw.readEnd };
        // The first line of this fill, and what was read after it, are still in place.
        const since = file.subarray(first.offset, first.offset + first.readEnd - first.start);
        expect(raw.bytes.subarray(first.start, first.readEnd).equals(since)).toBe(true);
        if (raw.readEnd > raw.end + 1) ahead++;
      }
    }
    expect(ahead).toBeGreaterThan(1000);
  });

  it('cuts a gzip file as its plain text', () => {
    const text = randomText(99, 300);
    const path = join(dir, 'lines.txt.gz');
    writeFileSync(path, gzipSync(Buffer.from(text)));
    const got = readAllThreeWays(path, { chunkBytes: 64 });
    const want = expected(text, 1 << 20);
    expect(got.decoded).toEqual(want.lines);
    expect(got.raw).toEqual(want.lines);
    expect(got.scanned).toEqual(want.lines);
  });

  it('RawLines returns null once the file is closed, read to its end or left part-read', () => {
    const path = join(dir, 'short.txt');
    writeFileSync(path, 'a\nb\nc\n');
    const lines = new RawLines(path);
    expect(lines.next()?.line).toBe(1);
    lines.close();
    expect(lines.next()).toBeNull();
    const all = new RawLines(path);
    while (all.next() !== null);
    expect(all.next()).toBeNull();
  });
});
