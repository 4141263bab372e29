// Gzipped logs are read as streams, line for line as the plain file (test/fixtures/real: a real session
// gzipped here), across gzip members, and a corrupt or truncated one names the file and the line reached;
// logs in other compressions are named and skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isGzipFile, readLines, scanLines } from '../../src/logs/read-lines.js';
import { InputError } from '../../src/model/errors.js';
import { logMessages } from '../../src/logs/messages.js';
import { findLogFiles } from '../../src/logs/find-logs.js';
import { ProblemLog } from '../../src/logs/types.js';

const SESSION = join(process.cwd(), 'test', 'fixtures', 'real', 'spotter', 'sessions_usage_projection.jsonl');
let dir = '';
const plain = () => [...readLines(SESSION, { shownAs: 'x' })];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ttlsim-gzip-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readLines on gzip', () => {
  it('yields the same lines, numbers and texts as the plain file (0.8 MB inflated from ~90 KB)', () => {
    const path = join(dir, 'session.jsonl.gz');
    writeFileSync(path, gzipSync(readFileSync(SESSION)));
    expect(isGzipFile(path)).toBe(true);
    expect(isGzipFile(SESSION)).toBe(false);
    const lines = [...readLines(path, { shownAs: 'x' })];
    expect(lines.length).toBe(1540);
    expect(lines).toEqual(plain());
  });

  it('is found by its magic bytes, not its name, and reads every member of a multi-member file', () => {
    const bytes = readFileSync(SESSION);
    const cut = bytes.indexOf(10, 400_000) + 1;
    const path = join(dir, 'two-members.log');
    writeFileSync(path, Buffer.concat([gzipSync(bytes.subarray(0, cut)), gzipSync(bytes.subarray(cut))]));
    expect([...readLines(path, { shownAs: 'x' })]).toEqual(plain());
  });

  it('scanLines visits every line of a gzip file without decoding it', () => {
    const path = join(dir, 'scan.jsonl.gz');
    writeFileSync(path, gzipSync(readFileSync(SESSION)));
    const numbers: number[] = [];
    let bytes = 0;
    scanLines(path, (buffer, start, end, line) => {
      numbers.push(line);
      bytes += end - start;
    });
    expect(numbers).toEqual(plain().map((l) => l.line));
    expect(bytes).toBe(plain().reduce((sum, l) => sum + Buffer.byteLength(l.text), 0));
  });

  it('a truncated gzip file is an InputError naming the file and the line reached', () => {
    const gz = gzipSync(readFileSync(SESSION));
    const path = join(dir, 'truncated.jsonl.gz');
    writeFileSync(path, gz.subarray(0, Math.floor(gz.length / 2)));
    let error: unknown;
    let read = 0;
    try {
      for (const line of readLines(path, { shownAs: 'logs/truncated.jsonl.gz' })) read = line.line;
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(InputError);
    const issue = (error as InputError).issues[0];
    expect(issue.file).toBe('logs/truncated.jsonl.gz');
    expect(issue.line).toBeGreaterThan(read);
    expect(read).toBeGreaterThan(100);
    expect(issue.message).toBe(logMessages.badGzip('unexpected EOF', issue.line));
  });

  it('corrupt deflate data is an InputError too, never a crash', () => {
    const gz = Buffer.from(gzipSync(readFileSync(SESSION)));
    for (let i = 20_000; i < 20_400; i++) gz[i] ^= 0x5a;
    const path = join(dir, 'corrupt.jsonl.gz');
    writeFileSync(path, gz);
    expect(() => {
      for (const line of readLines(path)) void line;
    }).toThrow(InputError);
  });
});

describe('other compressions', () => {
  it('zstd, bzip2, xz and zip logs are reported by name and skipped, not passed over in silence', () => {
    const folder = join(dir, 'compressed');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.jsonl'), readFileSync(SESSION));
    writeFileSync(join(folder, 'b.jsonl.zst'), Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]));
    writeFileSync(join(folder, 'c.jsonl.bz2'), Buffer.from('BZh91AY&SY'));
    writeFileSync(join(folder, 'd.json.xz'), Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0, 0]));
    writeFileSync(join(folder, 'e.csv.zip'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]));
    const problems = new ProblemLog();
    const files = findLogFiles([folder], { cwd: dir, env: {} }, problems);
    expect(files.map((f) => f.shown)).toEqual([join(folder, 'a.jsonl')]);
    expect(problems.shown.map((p) => [p.file, p.reason])).toEqual([
      [join(folder, 'b.jsonl.zst'), logMessages.otherCompression('zstd')],
      [join(folder, 'c.jsonl.bz2'), logMessages.otherCompression('bzip2')],
      [join(folder, 'd.json.xz'), logMessages.otherCompression('xz')],
      [join(folder, 'e.csv.zip'), logMessages.otherCompression('zip')],
    ]);
  });
});
