// All cores by default (issue 15): `run` and `replay` on 1, 2 and 3 worker threads (one shard each, the
// compiled dist/ code, merged in process) give the same result, but for the peaks that a merge of more
// than one shard marks as an upper bound (same-result.ts). Each run once per file.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { csvBytesUnder, MIN_SHARDED_BYTES } from '../../src/cli/sharded.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ttlsim } from '../cli/capture.js';
import { expectSameResult } from './same-result.js';
import { seededCsv } from './seeded-csv.js';

interface Result {
  readonly policies: readonly {
    readonly policy: string;
    readonly peakLiveEntries: number;
    readonly peakLiveTokens: number;
  }[];
  readonly inexact?: readonly string[];
  readonly verdict?: unknown;
}

const WORKERS = ['1', '2', '3'];

describe('results do not depend on the worker count', () => {
  let dir = '';
  const runs = new Map<string, Result>();
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ttlsim-workers-'));
    const csv = join(dir, 'requests.csv');
    writeFileSync(csv, seededCsv({ rows: 4000, keys: 200, seed: 11 }));
    for (const workers of WORKERS) {
      for (const [name, args] of [
        ['run', ['run', 'scenarios/low-frequency-api.yaml']],
        ['replay', ['replay', csv]],
        ['tune', ['tune', 'scenarios/low-frequency-api.yaml']],
      ] as const) {
        // Tune is the heaviest: on one worker and two only.
        if (name === 'tune' && workers === '3') continue;
        const out = await ttlsim([...args, '--json', '--workers', workers, '--out', join(dir, `${name}-${workers}`)]);
        expect(out.stderr).toBe('');
        expect(out.code).toBe(0);
        runs.set(`${name}/${workers}`, JSON.parse(out.stdout) as Result);
      }
    }
    return () => rmSync(dir, { recursive: true, force: true });
  }, 300_000);

  it('tune on 2 workers is tune on one, but for the adaptive row it marks', () => {
    const one = runs.get('tune/1')!;
    const two = runs.get('tune/2')!;
    const withoutAdaptive = (r: Result) => ({ ...r, policies: r.policies.filter((p) => p.policy !== 'adaptive') });
    expect(two.inexact?.some((n) => n.startsWith('adaptive:'))).toBe(true);
    expectSameResult(
      { ...withoutAdaptive(two), inexact: two.inexact!.filter((n) => !n.startsWith('adaptive:')) },
      withoutAdaptive(one),
    );
  });

  for (const command of ['run', 'replay'])
    it(`${command} on 2 and 3 workers is the run on one`, () => {
      const one = runs.get(`${command}/1`)!;
      expect(one.inexact).toBeUndefined();
      for (const workers of ['2', '3']) {
        const many = runs.get(`${command}/${workers}`)!;
        expect(expectSameResult(many, one)).toBe(true);
        if (command === 'replay') expect(many.verdict).toEqual(one.verdict);
      }
    });
});

describe('the default worker count counts CSV logs only', () => {
  it('16 MB of Claude Code or Bedrock JSONL stays in one thread (one cache scope); 16 MB of CSV, plain or gzipped, does not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttlsim-default-workers-'));
    try {
      // Sparse files: the size is all that is read.
      const sized = (name: string) => {
        const path = join(dir, name);
        writeFileSync(path, '');
        truncateSync(path, MIN_SHARDED_BYTES);
        return path;
      };
      const jsonl = sized('session.jsonl');
      const small = join(dir, 'small.csv');
      writeFileSync(small, 'timestamp,key,prefixTokens,suffixTokens,outputTokens\n');
      expect(csvBytesUnder([jsonl, small], dir, MIN_SHARDED_BYTES)).toBeLessThan(MIN_SHARDED_BYTES);
      expect(csvBytesUnder([dir], dir, MIN_SHARDED_BYTES)).toBeLessThan(MIN_SHARDED_BYTES);
      expect(csvBytesUnder([sized('requests.csv')], dir, MIN_SHARDED_BYTES)).toBe(MIN_SHARDED_BYTES);
      expect(csvBytesUnder([sized('requests.CSV.gz')], dir, MIN_SHARDED_BYTES)).toBe(MIN_SHARDED_BYTES);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
