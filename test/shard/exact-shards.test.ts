// Issue 15's "done when": every shipped scenario and a seeded CSV, split into 3 and 7 shards (the
// partials round-tripped through JSON as files would be) and merged, give the unsplit result, costs to
// $0.000001 (same-result.ts). The unsplit results are computed once per file.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readScenarioFile } from '../../src/run/scenario-files.js';
import { runReport } from '../../src/cli/run-report.js';
import type { RunReport } from '../../src/report/json.js';
import { shardPartial, ttlsimVersion } from '../../src/cli/shard-tasks.js';
import { partialIssue, structureProblems } from '../../src/merge/partial-checks.js';
import { mergeRun, type RunPartial } from '../../src/merge/merge-run.js';
import { mergeReplay, type ReplayPartial } from '../../src/merge/merge-replay.js';
import { mergeTune, type TunePartial } from '../../src/merge/merge-tune.js';
import { tuneScenario, type TuneResult } from '../../src/tune/tune.js';
import { shardMessages } from '../../src/shard/messages.js';
import { DEFAULT_MAX_REQUESTS } from '../../src/workload/work-limits.js';
import { ttlsim } from '../cli/capture.js';
import { expectSameResult } from './same-result.js';
import { seededCsv } from './seeded-csv.js';

const SCENARIOS = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));
const SPLITS = [3, 7];
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('exact shards of every shipped scenario', () => {
  // As `ttlsim run` reports it: the table and its verdict, drawn again from the merged shards.
  const unsplit = new Map<string, RunReport>();
  beforeAll(() => {
    for (const file of SCENARIOS) unsplit.set(file, viaJson(runReport(readScenarioFile(join('scenarios', file)))));
  }, 180_000);

  for (const file of SCENARIOS)
    it(`${file}: 3 and 7 shards merge to the unsplit run`, { timeout: 180_000 }, () => {
      for (const count of SPLITS) {
        const partials = Array.from({ length: count }, (_, index) =>
          viaJson(
            shardPartial({
              command: 'run',
              path: resolve('scenarios', file),
              shown: file,
              maxRequests: DEFAULT_MAX_REQUESTS,
              verdict: {},
              shard: { index, count },
            }) as RunPartial,
          ),
        );
        // Each is a partial `ttlsim merge` accepts (merge/partial-checks.ts): its shape, and with the others.
        for (const partial of partials) expect(partialIssue(file, partial, ttlsimVersion())).toBeNull();
        expect(structureProblems(partials.map((body, k) => ({ file: `${k}`, body })))).toEqual([]);
        // Every request is simulated in exactly one shard.
        const requests = partials.reduce((n, p) => n + p.result.policies[0].requests, 0);
        expect(requests).toBe(unsplit.get(file)!.policies[0].requests);
        const merged = mergeRun(partials);
        expectSameResult({ ...merged.result, inexact: merged.inexact }, unsplit.get(file)!);
      }
    });
});

describe('exact shards of tune', () => {
  it(
    'a scenario of renewal keys in 3 shards: the same table, recommendation and verdict; the adaptive row marked',
    { timeout: 180_000 },
    () => {
      const file = 'low-frequency-api.yaml';
      const unsplit = viaJson(tuneScenario(readScenarioFile(join('scenarios', file))));
      const partials = Array.from({ length: 3 }, (_, index) =>
        viaJson(
          shardPartial({
            command: 'tune',
            scenario: { path: resolve('scenarios', file), shown: file, maxRequests: DEFAULT_MAX_REQUESTS },
            logs: null,
            options: {},
            inputs: [file],
            shard: { index, count: 3 },
          }) as TunePartial,
        ),
      );
      for (const partial of partials) expect(partialIssue(file, partial, ttlsimVersion())).toBeNull();
      const merged = viaJson(mergeTune(partials));
      // The adaptive policy pools its prior across threads: the partials say so, and the merge repeats it.
      expect(merged.inexact).toContain(shardMessages.adaptivePooled('adaptive'));
      const withoutAdaptive = (r: TuneResult) => ({
        ...r,
        run: undefined,
        policies: r.policies.filter((p) => p.policy !== 'adaptive'),
      });
      expectSameResult(
        { ...withoutAdaptive(merged.result), inexact: merged.inexact.filter((n) => !n.startsWith('adaptive:')) },
        withoutAdaptive(unsplit),
      );
    },
  );
});

describe('exact shards of a CSV log, through the CLI', () => {
  let dir = '';
  let csv = '';
  let unsplit: ReplayLike;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ttlsim-shards-'));
    csv = join(dir, 'requests.csv');
    writeFileSync(csv, seededCsv({ rows: 6000, keys: 300, seed: 7 }));
    const run = await ttlsim(['replay', csv, '--json', '--workers', '1', '--out', join(dir, 'unsplit')]);
    expect(run.stderr).toBe('');
    unsplit = JSON.parse(run.stdout) as ReplayLike;
    return () => rmSync(dir, { recursive: true, force: true });
  }, 180_000);

  for (const count of SPLITS)
    it(
      `${count} shards: the --json of \`ttlsim merge\` is the unsplit replay's, verdict included`,
      { timeout: 180_000 },
      async () => {
        const files: string[] = [];
        const partials: ReplayPartial[] = [];
        for (let index = 0; index < count; index++) {
          const shard = await ttlsim(['replay', csv, '--shard', `${index}/${count}`]);
          expect(shard.code).toBe(0);
          const file = join(dir, `shard-${count}-${index}.json`);
          writeFileSync(file, shard.stdout);
          files.push(file);
          partials.push(JSON.parse(shard.stdout) as ReplayPartial);
        }
        // The keys spread over the shards: more than one holds requests.
        expect(partials.filter((p) => p.result.policies[0].requests > 0).length).toBeGreaterThan(1);
        // Given in any order.
        const merged = await ttlsim(['merge', ...files.reverse(), '--json', '--out', join(dir, `merged-${count}`)]);
        expect(merged.code).toBe(0);
        const result = JSON.parse(merged.stdout) as ReplayLike;
        expect(expectSameResult(result, unsplit)).toBe(true);
        expect(result.verdict).toEqual(unsplit.verdict);
        expect(mergeReplay(partials).result.policies.length).toBe(unsplit.policies.length);
      },
    );
});

describe('exact shards of a bursty CSV log: shards keep finer time-series buckets than the unsplit run', () => {
  // Seed 7 once gave token-hours .923 merged against .922 unsplit, when they were summed as floats in
  // another order; they are whole token-ms now (pricing/ledger.ts storedTokenHours), exact in any order.
  // Sessions of 30 rows a key, 20 s apart on average: 33 hours in which every minute is busy, so the
  // unsplit series doubles to 8-minute buckets (docs/json.md), while each shard, idle between its own
  // sessions, stays at 2 or 4 minutes. The merge re-bins and doubles again: the same buckets exactly.
  let dir = '';
  let csv = '';
  let unsplit: ReplayLike;
  const widthsOf = (result: unknown) =>
    (result as { policies: { timeseries: { bucketMs: number } }[] }).policies.map((p) => p.timeseries.bucketMs);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ttlsim-bursts-'));
    csv = join(dir, 'sessions.csv');
    writeFileSync(csv, seededCsv({ rows: 6000, keys: 300, seed: 7, meanGapMs: 20_000, burst: 30 }));
    const run = await ttlsim(['replay', csv, '--json', '--no-report']);
    expect(run.stderr).toBe('');
    unsplit = JSON.parse(run.stdout) as ReplayLike;
    return () => rmSync(dir, { recursive: true, force: true });
  }, 180_000);

  it(
    '3 shards: finer buckets in the partials, the unsplit series after `ttlsim merge`',
    { timeout: 240_000 },
    async () => {
      const files: string[] = [];
      const widths: number[] = [];
      for (let index = 0; index < 3; index++) {
        const shard = await ttlsim(['replay', csv, '--shard', `${index}/3`]);
        expect(shard.code).toBe(0);
        const file = join(dir, `shard-${index}.json`);
        writeFileSync(file, shard.stdout);
        files.push(file);
        widths.push(...widthsOf((JSON.parse(shard.stdout) as ReplayPartial).result));
      }
      const unsplitWidth = Math.max(...widthsOf(unsplit));
      expect(Math.max(...widths)).toBeLessThanOrEqual(unsplitWidth);
      expect(Math.min(...widths)).toBeLessThan(unsplitWidth);
      const merged = await ttlsim(['merge', ...files, '--json', '--out', join(dir, 'merged')]);
      expect(merged.code).toBe(0);
      expect(expectSameResult(JSON.parse(merged.stdout) as ReplayLike, unsplit)).toBe(true);
    },
  );
});

describe('exact shards of a CSV log with a scope column, through the CLI', () => {
  const SCOPES = 12;
  let dir = '';
  let csv = '';
  let unsplit: ReplayLike;
  let unscopedHits = 0;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ttlsim-scoped-shards-'));
    csv = join(dir, 'scoped.csv');
    const text = seededCsv({ rows: 6000, keys: 300, seed: 11, scopes: SCOPES });
    writeFileSync(csv, text);
    // The same rows without the scope column: every key is then one thread across the scopes.
    const unscoped = join(dir, 'unscoped.csv');
    writeFileSync(unscoped, text.replace(/,[^,\n]*\n/g, '\n'));
    const run = await ttlsim(['replay', csv, '--json', '--workers', '1', '--out', join(dir, 'unsplit')]);
    expect(run.stderr).toBe('');
    unsplit = JSON.parse(run.stdout) as ReplayLike;
    const plain = await ttlsim(['replay', unscoped, '--json', '--workers', '1', '--out', join(dir, 'unscoped')]);
    expect(plain.stderr).toBe('');
    unscopedHits = (JSON.parse(plain.stdout) as ReplayLike).policies.find((p) => p.policy === '1h')!.hits;
    return () => rmSync(dir, { recursive: true, force: true });
  }, 240_000);

  it('the same key in two scopes shares no entry: fewer hits than with the scopes left out', () => {
    expect(unsplit.policies[0].requests).toBe(6000);
    expect(unsplit.policies.find((p) => p.policy === '1h')!.hits).toBeLessThan(unscopedHits);
  });

  for (const count of SPLITS)
    it(
      `${count} shards: every scope's requests in one shard, and the merge is the unsplit replay`,
      { timeout: 240_000 },
      async () => {
        const files: string[] = [];
        const scopesOf: Set<string>[] = [];
        for (let index = 0; index < count; index++) {
          const shard = await ttlsim(['replay', csv, '--shard', `${index}/${count}`]);
          expect(shard.code).toBe(0);
          expect(shard.stderr).toBe(
            `${shardMessages.shardNote(index, count, shardMessages.wholeScopes(SCOPES, count))}\n`,
          );
          const file = join(dir, `shard-${count}-${index}.json`);
          writeFileSync(file, shard.stdout);
          files.push(file);
          const partial = JSON.parse(shard.stdout) as ReplayPartial;
          expect(partial.partial.units).toEqual({
            total: SCOPES,
            scopes: SCOPES,
            here: expect.any(Number) as number,
          });
          // Sessions are csv@<scope>/<key>: the scopes whose requests this shard simulated.
          scopesOf.push(new Set(partial.extra.verdict.sessions.map(([id]) => id.split('/')[0])));
        }
        // Each scope in exactly one shard, and more than one shard holds requests.
        const all = scopesOf.flatMap((set) => [...set]);
        expect(all.length).toBe(SCOPES);
        expect(new Set(all).size).toBe(SCOPES);
        expect(scopesOf.filter((set) => set.size > 0).length).toBeGreaterThan(1);
        const merged = await ttlsim(['merge', ...files, '--json', '--out', join(dir, `merged-${count}`)]);
        expect(merged.code).toBe(0);
        const result = JSON.parse(merged.stdout) as ReplayLike & { shards: unknown };
        expect(result.shards).toEqual({
          count,
          units: SCOPES,
          scopes: SCOPES,
          notes: [shardMessages.wholeScopes(SCOPES, count)],
        });
        expect(merged.stderr).toContain(shardMessages.wholeScopes(SCOPES, count));
        expectSameResult(result, unsplit);
        expect(result.verdict).toEqual(unsplit.verdict);
      },
    );
});

interface ReplayLike {
  readonly policies: readonly {
    readonly policy: string;
    readonly requests: number;
    readonly hits: number;
    readonly peakLiveEntries: number;
    readonly peakLiveTokens: number;
  }[];
  readonly verdict: unknown;
  readonly inexact?: readonly string[];
}
