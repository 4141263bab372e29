// logs/find-logs.ts dates a file once per process (run reads a replay scenario's logs twice: for the horizon,
// then to replay them) and again only when the file's size, modification time or inode changed.
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findLogFiles } from '../../src/logs/find-logs.js';
import { ProblemLog } from '../../src/logs/types.js';

const dir = mkdtempSync(join(tmpdir(), 'ttlsim-dated-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csv = (lastMs: number) =>
  `timestamp,key,prefixTokens,suffixTokens,outputTokens\n1767225600000,a,2000,10,5\n${lastMs},a,2000,10,5\n`;
const lastMsOf = (path: string) => findLogFiles([path], { cwd: dir, env: {} }, new ProblemLog())[0].lastMs;

describe('dating a log once per process', () => {
  it('keeps the bounds while the file is unchanged, and dates it again when it changes', () => {
    const path = join(dir, 'requests.csv');
    writeFileSync(path, csv(1767225700000));
    // Whole seconds, so that the same time can be set again exactly.
    utimesSync(path, 1_700_000_000, 1_700_000_000);
    expect(lastMsOf(path)).toBe(1767225700000);
    // The same byte count and modification time, other content: the bounds kept are the first ones (the
    // file is taken as unchanged, as make would).
    writeFileSync(path, csv(1767225800000));
    utimesSync(path, 1_700_000_000, 1_700_000_000);
    expect(statSync(path).mtimeMs).toBe(1_700_000_000_000);
    expect(lastMsOf(path)).toBe(1767225700000);
    // A new modification time: dated again.
    utimesSync(path, 1_700_000_000, 1_700_000_005);
    expect(lastMsOf(path)).toBe(1767225800000);
    // Another size: dated again.
    writeFileSync(path, csv(17672259000000));
    expect(lastMsOf(path)).toBe(17672259000000);
  });
});
