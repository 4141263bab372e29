// Attacks on `ttlsim merge` (docs/scale.md): partials that were hand-edited, truncated, emptied, written by
// another ttlsim or are not partials at all. Real partials of a run, a CSV replay, a Bedrock replay (with
// usage: reconciliation and TTL mix) and a tune are made once; each corruption is then merged by
// bin/ttlsim.js in its own process, which must exit 2 with one line naming the file and the field (a JSON
// path), no stack, nothing on stdout and no report folder. Then every leaf of every partial, in turn,
// changed to a value of another type must be refused at its own path (merge/partial-checks.ts).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatIssue } from '../../src/model/errors.js';
import { mergeMessages } from '../../src/shard/messages.js';
import { cliMessages } from '../../src/cli/messages.js';
import { partialIssue } from '../../src/merge/partial-checks.js';
import { ttlsimVersion } from '../../src/cli/shard-tasks.js';
import { ttlsim as inProcess } from '../cli/capture.js';

const BIN = resolve('bin/ttlsim.js');
/** A small scenario (two hours of a batch job). */
const SCENARIO = readFileSync('scenarios/scheduled-batch.yaml', 'utf8').replace(/^horizon: .*$/m, 'horizon: 2h');
const VERSION = ttlsimVersion();

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** Two shards of each: the partials as text, by name. */
const INPUTS = {
  run: ['run', 's.yaml'],
  csv: ['replay', resolve('test/fixtures/csv/scoped.csv')],
  bedrock: ['replay', resolve('test/fixtures/bedrock/invocations.jsonl')],
  tune: ['tune', 's.yaml'],
} as const;
type Kind = keyof typeof INPUTS;

let dir = '';
const partials = new Map<string, string>();
const body = (kind: Kind, shard = 0) => JSON.parse(partials.get(`${kind}-${shard}`)!) as Record<string, Json>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ttlsim-attack-partials-'));
  writeFileSync(join(dir, 's.yaml'), SCENARIO);
  for (const [kind, args] of Object.entries(INPUTS))
    for (const shard of [0, 1]) {
      const made = await inProcess([...args, '--shard', `${shard}/2`], dir);
      expect(made.code).toBe(0);
      partials.set(`${kind}-${shard}`, made.stdout);
      writeFileSync(join(dir, `${kind}-${shard}.json`), made.stdout);
    }
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Merges `files` (in `dir`) in a process: exit 2, the one line expected, nothing written. */
function refused(files: string[], file: string, path: string, message: string): void {
  const out = join(dir, 'merged');
  const run = spawnSync(process.execPath, [BIN, 'merge', ...files, '--out', out], { cwd: dir, encoding: 'utf8' });
  expect(run.stderr).toBe(`${formatIssue({ file, line: 0, column: 0, path, message })}\n`);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(existsSync(out)).toBe(false);
}

/** Writes `kind`'s shard 0 changed by `edit` as bad.json and merges it with the good shard 1. */
function edited(kind: Kind, edit: (partial: Record<string, Json>) => void, path: string, message: string): void {
  const partial = body(kind);
  edit(partial);
  writeFileSync(join(dir, 'bad.json'), JSON.stringify(partial));
  refused(['bad.json', `${kind}-1.json`], 'bad.json', path, message);
}

/** The value at a path of keys and indexes. */
const at = (value: Json, ...keys: (string | number)[]): Json =>
  keys.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k], value);

describe('ttlsim merge refuses a corrupted partial, exit 2, naming the file and the field', () => {
  it('the good partials merge (the cases below differ from them by their corruption alone)', () => {
    for (const kind of Object.keys(INPUTS)) {
      const run = spawnSync(
        process.execPath,
        [BIN, 'merge', `${kind}-0.json`, `${kind}-1.json`, '--out', `ok-${kind}`],
        {
          cwd: dir,
          encoding: 'utf8',
        },
      );
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.status).toBe(0);
    }
  }, 240_000);

  it('a number written as a string, a missing field, a list for an object, a negative count', () => {
    edited(
      'csv',
      (p) => void ((at(p, 'result', 'policies', 1) as Record<string, Json>).hits = '12'),
      'result.policies[1].hits',
      mergeMessages.badValue('a number', 'the string "12"'),
    );
    edited(
      'run',
      (p) => void delete (at(p, 'raw', 0) as Record<string, Json>).noCacheUsd,
      'raw[0].noCacheUsd',
      mergeMessages.missingField('a number'),
    );
    edited(
      'bedrock',
      (p) => void ((at(p, 'extra', 'verdict') as Record<string, Json>).usd = []),
      'extra.verdict.usd',
      mergeMessages.badValue('an object', 'a list'),
    );
    edited(
      'tune',
      (p) => void ((at(p, 'extra', 'oracle') as Record<string, Json>).requests = -3),
      'extra.oracle.requests',
      mergeMessages.badValue('a number ≥ 0', 'the number -3'),
    );
  }, 240_000);

  it('a policy of an unknown kind, a log format ttlsim does not read, a number too large for JSON', () => {
    edited(
      'run',
      (p) => void ((at(p, 'extra', 'specs', 0) as Record<string, Json>).kind = 'magic'),
      'extra.specs[0].kind',
      mergeMessages.badValue('"none" or "static" or "keepalive" or "adaptive" or "as-recorded"', 'the string "magic"'),
    );
    edited(
      'bedrock',
      (p) => void ((at(p, 'result') as Record<string, Json>).formats = ['xml']),
      'result.formats[0]',
      mergeMessages.badValue('"claude-code" or "csv" or "bedrock" or "mooncake"', 'the string "xml"'),
    );
    const text = partials.get('run-0')!.replace(/"noCacheUsd":[^,]+,/, '"noCacheUsd":1e999,');
    writeFileSync(join(dir, 'huge.json'), text);
    refused(
      ['huge.json', 'run-1.json'],
      'huge.json',
      'raw[0].noCacheUsd',
      mergeMessages.badValue('a number', 'the number Infinity'),
    );
  }, 240_000);

  it('a partial from another ttlsim: another version, another format', () => {
    edited(
      'csv',
      (p) => void ((p.partial as Record<string, Json>).version = '0.0.9'),
      'partial.version',
      mergeMessages.otherVersion('0.0.9', VERSION),
    );
    edited(
      'run',
      (p) => void ((p.partial as Record<string, Json>).format = 'ttlsim-partial/2'),
      'partial.format',
      mergeMessages.otherFormat('ttlsim-partial/2'),
    );
    edited('run', (p) => void delete p.partial, 'partial', mergeMessages.notPartial());
  }, 240_000);

  it('parts that disagree: a raw record short, a series cut, sessions without their costs', () => {
    const policies = (at(body('run'), 'partial', 'policies') as Json[]).length;
    edited(
      'run',
      (p) => void (p.raw as Json[]).pop(),
      'raw',
      mergeMessages.inconsistent(
        `${policies - 1} entr${policies === 2 ? 'y' : 'ies'}`,
        `partial.policies has ${policies}`,
      ),
    );
    edited(
      'csv',
      (p) => void (at(p, 'result', 'policies', 2, 'timeseries', 'hits') as Json[]).pop(),
      'result.policies[2].timeseries.hits',
      mergeMessages.inconsistent(
        `${(at(body('csv'), 'result', 'policies', 2, 'timeseries', 'hits') as Json[]).length - 1} entries`,
        `result.policies[2].timeseries.startMs has ${(at(body('csv'), 'result', 'policies', 2, 'timeseries', 'startMs') as Json[]).length}`,
      ),
    );
    const sessions = (at(body('bedrock'), 'extra', 'verdict', 'sessions') as Json[]).length;
    edited(
      'bedrock',
      (p) => void (at(p, 'extra', 'verdict', 'usd', '5m') as Json[]).push(1),
      'extra.verdict.usd.5m',
      mergeMessages.inconsistent(
        `${sessions + 1} entr${sessions === 0 ? 'y' : 'ies'}`,
        `extra.verdict.sessions has ${sessions}`,
      ),
    );
  }, 240_000);

  it('sparse time buckets that cannot be re-binned: a width of 0, a start off the grid or out of order, an odd width', () => {
    // A policy of the CSV's first shard with two buckets or more.
    const seriesOf = (p: Record<string, Json>, i: number) =>
      at(p, 'result', 'policies', i, 'timeseries') as Record<string, Json>;
    const count = (at(body('csv'), 'result', 'policies') as Json[]).length;
    const i = [...Array(count).keys()].find((k) => (seriesOf(body('csv'), k).startMs as number[]).length > 1)!;
    expect(i).toBeDefined();
    const width = seriesOf(body('csv'), i).bucketMs as number;
    const starts = seriesOf(body('csv'), i).startMs as number[];
    const series = (p: Record<string, Json>) => seriesOf(p, i);
    const path = `result.policies[${i}].timeseries`;
    edited(
      'csv',
      (p) => void (series(p).bucketMs = 0),
      `${path}.bucketMs`,
      mergeMessages.inconsistent('0', 'a whole number of milliseconds above 0'),
    );
    edited(
      'csv',
      (p) => void ((series(p).startMs as number[])[1] = starts[1] + 1),
      `${path}.startMs[1]`,
      mergeMessages.inconsistent(String(starts[1] + 1), `a multiple of bucketMs (${width}) after the bucket before`),
    );
    edited(
      'csv',
      (p) => void ((series(p).startMs as number[])[1] = starts[0]),
      `${path}.startMs[1]`,
      mergeMessages.inconsistent(String(starts[0]), `a multiple of bucketMs (${width}) after the bucket before`),
    );
    // Three times the width: a whole width, on the grid, but not a power of two of the other shard's.
    const odd = body('csv', 1);
    const oddSeries = series(odd);
    oddSeries.bucketMs = (oddSeries.bucketMs as number) * 3;
    oddSeries.startMs = (oddSeries.startMs as number[]).map((_, k) => k * (oddSeries.bucketMs as number));
    writeFileSync(join(dir, 'odd-width.json'), JSON.stringify(odd));
    const oddPart = (w: number): number => (w % 2 === 0 ? oddPart(w / 2) : w);
    refused(
      ['csv-0.json', 'odd-width.json'],
      'odd-width.json',
      `${path}.bucketMs`,
      mergeMessages.bodyDiffers(
        `${oddPart(width * 3)} ms × a power of two`,
        `${oddPart(width)} ms × a power of two`,
        'csv-0.json',
      ),
    );
  }, 240_000);

  it('two partials whose structure differs where the merge pairs them up, or both holding the one scope', () => {
    const partial = body('csv', 1);
    delete (at(partial, 'result', 'policies', 0) as Record<string, Json>).gaps;
    writeFileSync(join(dir, 'no-gaps.json'), JSON.stringify(partial));
    const edges = (at(body('csv'), 'result', 'policies', 0, 'gaps', 'edgesMs') as Json[]).length;
    refused(
      ['csv-0.json', 'no-gaps.json'],
      'no-gaps.json',
      'result.policies[0].gaps',
      mergeMessages.bodyDiffers('absent', `${edges} edges`, 'csv-0.json'),
    );
    // The shard holding the Bedrock log's requests (one cache scope), copied as the other shard.
    const holder = [0, 1].find((k) => (at(body('bedrock', k), 'result', 'asRecorded', 'requests') as number) > 0)!;
    const copy = body('bedrock', holder);
    (copy.partial as { shard: { index: number } }).shard.index = 1 - holder;
    writeFileSync(join(dir, 'copied.json'), JSON.stringify(copy));
    refused(
      [`bedrock-${holder}.json`, 'copied.json'],
      'copied.json',
      'result.asRecorded.requests',
      mergeMessages.recordedTwice(`bedrock-${holder}.json`),
    );
  }, 240_000);

  it('not a partial: truncated, not JSON, empty, JSON of another kind, a folder', () => {
    const text = partials.get('run-0')!;
    writeFileSync(join(dir, 'cut.json'), text.slice(0, Math.floor(text.length / 2)));
    const reason = (() => {
      try {
        JSON.parse(text.slice(0, Math.floor(text.length / 2)));
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('half a partial parsed');
    })();
    refused(['cut.json', 'run-1.json'], 'cut.json', '', mergeMessages.unreadable(reason));
    writeFileSync(join(dir, 'empty.json'), '\n');
    refused(['empty.json', 'run-1.json'], 'empty.json', '', mergeMessages.empty());
    writeFileSync(join(dir, 'array.json'), '[1, 2]');
    refused(['run-0.json', 'array.json'], 'array.json', '', mergeMessages.notPartial());
    writeFileSync(join(dir, 'null.json'), 'null');
    refused(['null.json', 'run-1.json'], 'null.json', '', mergeMessages.notPartial());
    mkdirSync(join(dir, 'folder.json'));
    refused(['folder.json', 'run-1.json'], 'folder.json', '', cliMessages.mergeNotFile());
  }, 240_000);
});

/** Every leaf's path (as merge/partial-checks.ts writes paths) and value; of each list, the first and last entries. */
function leaves(value: Json, path = ''): [string, (string | number)[], Json][] {
  const join = (key: string | number) =>
    typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
  if (Array.isArray(value)) {
    const indexes = value.length === 0 ? [] : [...new Set([0, value.length - 1])];
    return indexes.flatMap((i) =>
      leaves(value[i], join(i)).map(([p, k, v]) => [p, [i, ...k], v] as [string, (string | number)[], Json]),
    );
  }
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, v]) =>
      leaves(v, join(key)).map(([p, k, leaf]) => [p, [key, ...k], leaf] as [string, (string | number)[], Json]),
    );
  return [[path, [], value]];
}

/** A value of another type than `value`. */
const otherType = (value: Json): Json =>
  typeof value === 'string' ? 12 : value === null ? { x: 1 } : typeof value === 'number' ? '12' : 'true';

describe('every leaf of every partial, changed to another type, is refused at its path', () => {
  for (const kind of Object.keys(INPUTS) as Kind[])
    it(`${kind}`, { timeout: 240_000 }, () => {
      const partial = body(kind);
      expect(partialIssue('p.json', partial, VERSION)).toBeNull();
      const all = leaves(partial);
      expect(all.length).toBeGreaterThan(100);
      const missed: string[] = [];
      for (const [path, keys, value] of all) {
        const copy = JSON.parse(JSON.stringify(partial)) as Json;
        const parent = at(copy, ...keys.slice(0, -1)) as Record<string | number, Json>;
        parent[keys[keys.length - 1]] = otherType(value);
        const issue = partialIssue('p.json', copy, VERSION);
        // At the leaf, or inside it (a null replaced by an object is refused at the object's first field).
        if (issue === null || !(issue.path === path || issue.path.startsWith(`${path}.`)))
          missed.push(`${path}: ${issue === null ? 'accepted' : `refused at ${issue.path}`}`);
      }
      expect(missed).toEqual([]);
    });
});
