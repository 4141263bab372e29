// `ttlsim sweep`: the axes as typed (log and linear ranges, lists, units, rounding), the TTL sweep where a
// batch every 30 minutes starts to pay off, a grid of two fields (indexed lists too), results identical
// for one and two worker threads, charts that compile without a vega-lite warning, and bad input → exit 2.
import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAxisValues, parseTtlValues } from '../../src/sweep/range.js';
import { planSweep } from '../../src/sweep/plan.js';
import { runSweep } from '../../src/sweep/run-sweep.js';
import { sweepWorkerUrl } from '../../src/sweep/pool.js';
import { cheapestOf, type SweepResult } from '../../src/sweep/result.js';
import { sweepMessages } from '../../src/sweep/messages.js';
import { messages } from '../../src/scenario/messages.js';
import { sweepPointsJson } from '../../src/report/sweep-output.js';
import { sweepReportPage } from '../../src/report/sweep-page.js';
import { compileChart, renderSvg } from '../../src/report/render-svg.js';
import { InputError } from '../../src/model/errors.js';
import { ttlsim } from '../cli/capture.js';

const BATCH = resolve('scenarios/scheduled-batch.yaml');
const SUPPORT = resolve('scenarios/support-bot.yaml');
const RENEWAL_MIX = `name: renewal-mix
seed: 5
horizon: 6h
pricing: { provider: anthropic, model: claude-sonnet-4-5 }
workload:
  - { kind: renewal, keys: 40, gap: { dist: exponential, mean: 10m }, prefixTokens: 5000, suffixTokens: 100, outputTokens: 100 }
  - { kind: periodic, every: 30m, requestsPerRun: 3, spacing: 5s, prefixTokens: 8000, suffixTokens: 100, outputTokens: 100, role: batch }
policies:
  - { name: no-cache, cache: false }
  - { name: 5m, ttl: 5m }
  - { name: 1h, ttl: 1h }
`;

let tmp: string;
let mixFile: string;
const sweep = async (file: string, request: { ttl?: string; params?: string[] }, workers = 1): Promise<SweepResult> =>
  runSweep(planSweep({ text: readFileSync(file, 'utf8'), file, ttl: request.ttl, params: request.params ?? [] }), {
    sourcePath: file,
    workers,
  });

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ttlsim-sweep-'));
  mixFile = join(tmp, 'renewal-mix.yaml');
  writeFileSync(mixFile, RENEWAL_MIX);
});

describe('sweep axes', () => {
  it('a log range has N points from a to b, rounded to whole seconds, evenly spaced in log', () => {
    const axis = parseTtlValues('1m..2h:20');
    expect(axis.spacing).toBe('log');
    expect(axis.values).toHaveLength(20);
    expect(axis.values[0]).toEqual({ written: '1m', numeric: 60_000 });
    expect(axis.values[19]).toEqual({ written: '2h', numeric: 7_200_000 });
    const ratio = (7_200_000 / 60_000) ** (1 / 19);
    axis.values.forEach((v, i) => {
      expect(v.numeric % 1000).toBe(0);
      expect(Math.abs(v.numeric - 60_000 * ratio ** i)).toBeLessThanOrEqual(500);
    });
  });

  it('a :linN range is evenly spaced, counts stay integers, plain numbers keep their decimals', () => {
    expect(parseAxisValues('1m..10m:lin10', 'x').values.map((v) => v.written)).toEqual([
      '1m',
      '2m',
      '3m',
      '4m',
      '5m',
      '6m',
      '7m',
      '8m',
      '9m',
      '10m',
    ]);
    expect(parseAxisValues('100..10000:3', 'x').values.map((v) => v.written)).toEqual([100, 1000, 10000]);
    expect(parseAxisValues('0.2..1:lin5', 'x').values.map((v) => v.written)).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
    expect(parseAxisValues('60/h..240/h:lin4', 'x')).toMatchObject({
      kind: 'rate',
      values: [{ written: '60/h' }, { written: '120/h' }, { written: '180/h' }, { written: '240/h' }],
    });
    expect(parseAxisValues('250ms..1s:lin4', 'x').values.map((v) => v.written)).toEqual([
      '250ms',
      '500ms',
      '750ms',
      '1s',
    ]);
  });

  it('a list keeps its order and units; points that rounding merges are kept once', () => {
    expect(parseTtlValues('5m,10m,30m,1h')).toMatchObject({
      spacing: 'list',
      values: [{ numeric: 300_000 }, { numeric: 600_000 }, { numeric: 1_800_000 }, { numeric: 3_600_000 }],
    });
    expect(parseAxisValues('20000', 'x').values).toEqual([{ written: 20000, numeric: 20000 }]);
    expect(parseAxisValues('1..3:10', 'x').values.map((v) => v.written)).toEqual([1, 2, 3]);
  });

  it('rejects what is not a range, list or value, naming the flag', () => {
    const problem = (text: string, parse = (t: string) => parseAxisValues(t, '--param f')) => {
      try {
        parse(text);
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as InputError).issues[0];
      }
      throw new Error(`${text} was accepted`);
    };
    expect(problem('four')).toMatchObject({ path: '--param f', message: sweepMessages.badValue('four') });
    expect(problem('1m..2h').message).toBe(sweepMessages.rangeCount('1m..2h'));
    expect(problem('1m..2h:1').message).toBe(sweepMessages.tooFewPoints(1));
    expect(problem('1m..30:5').message).toBe(sweepMessages.mixedKinds('1m', '30'));
    expect(problem('0s..1m:5').message).toBe(sweepMessages.logNeedsPositive('0s..1m:5'));
    expect(problem('1/h..3/m:3').message).toBe(sweepMessages.mixedRateUnits('1/h', '3/m'));
    expect(problem('5,10', parseTtlValues)).toMatchObject({
      path: '--ttl',
      message: sweepMessages.ttlNotDuration('5,10'),
    });
    expect(problem('0s,5m', parseTtlValues).message).toBe(sweepMessages.ttlNotPositive());
  });
});

describe('ttlsim sweep', { timeout: 120_000 }, () => {
  it('--ttl on a batch every 30 minutes: every TTL past 30m costs less than every TTL short of it', async () => {
    const result = await sweep(BATCH, { ttl: '10m,20m,25m,35m,45m,1h' });
    expect(result.points.map((p) => p.ttl?.written)).toEqual(['10m', '20m', '25m', '35m', '45m', '1h']);
    for (const point of result.points) {
      expect(point.policies.map((p) => p.policy)).toEqual([
        'no-cache',
        `ttl-${point.ttl?.written}`,
        `ttl-${point.ttl?.written}-sliding`,
      ]);
      expect(point.policies[1].refresh).toEqual({ [String(point.ttl?.written)]: 'fixed' });
      expect(point.policies[2].refresh).toEqual({ [String(point.ttl?.written)]: 'sliding' });
    }
    const cost = (p: SweepResult['points'][number]) => cheapestOf(p).costUsd.total;
    const short = result.points.filter((p) => p.ttl!.numeric < 1_800_000);
    const long = result.points.filter((p) => p.ttl!.numeric > 1_800_000);
    expect(Math.max(...long.map(cost))).toBeLessThan(Math.min(...short.map(cost)));
    // Past 30m the fixed entry too survives to the next run, and costs less than any short TTL.
    const fixed = (p: SweepResult['points'][number]) => p.policies[1].costUsd.total;
    expect(Math.max(...long.map(fixed))).toBeLessThan(Math.min(...short.map(fixed)));
    // no-cache runs once per point of the grid: the TTL cannot change it.
    expect(new Set(result.points.map((p) => p.policies[0].costUsd.total)).size).toBe(1);
    expect(result.runs).toBe(1 + 6 * 2);
  });

  it('a TTL up to 5m gives one sliding policy; above, a fixed one and its sliding twin', async () => {
    const result = await sweep(BATCH, { ttl: '2m,5m,6m' });
    expect(result.points.map((p) => p.policies.map((q) => [q.policy, q.refresh]))).toEqual([
      [
        ['no-cache', {}],
        ['ttl-2m', { '2m': 'sliding' }],
      ],
      [
        ['no-cache', {}],
        ['ttl-5m', { '5m': 'sliding' }],
      ],
      [
        ['no-cache', {}],
        ['ttl-6m', { '6m': 'fixed' }],
        ['ttl-6m-sliding', { '6m': 'sliding' }],
      ],
    ]);
  });

  it('two --param make a grid over indexed lists; each point is the file with those values', async () => {
    const result = await sweep(mixFile, { params: ['workload.0.gap.mean=1m..16m:3', 'workload.1.every=10m,40m'] });
    expect(sweepPointsJson(result).map((p) => p.params)).toEqual([
      { 'workload.0.gap.mean': '1m', 'workload.1.every': '10m' },
      { 'workload.0.gap.mean': '1m', 'workload.1.every': '40m' },
      { 'workload.0.gap.mean': '4m', 'workload.1.every': '10m' },
      { 'workload.0.gap.mean': '4m', 'workload.1.every': '40m' },
      { 'workload.0.gap.mean': '16m', 'workload.1.every': '10m' },
      { 'workload.0.gap.mean': '16m', 'workload.1.every': '40m' },
    ]);
    for (const point of result.points) expect(point.policies.map((p) => p.policy)).toEqual(['no-cache', '5m', '1h']);
    // Longer gaps, fewer requests; a batch every 10 minutes sends more than one every 40.
    const requests = result.points.map((p) => p.policies[0].requests);
    expect(requests[0]).toBeGreaterThan(requests[4]);
    expect(requests[0]).toBeGreaterThan(requests[1]);
    // Gaps of a minute: a sliding 5m entry almost never lapses; of 16 minutes: only 1h survives them.
    expect(cheapestOf(result.points[0]).policy).toBe('5m');
    expect(cheapestOf(result.points[5]).policy).toBe('1h');
  });

  it('a grid on support-bot: the cost chart and the winner map compile without a vega-lite warning and render', async () => {
    const result = await sweep(SUPPORT, {
      params: ['workload.thinkTime.median=30s..4m:3', 'workload.prompt.system=2000..20000:3'],
    });
    expect(result.points).toHaveLength(9);
    const page = sweepReportPage(result);
    expect(page.charts.map((c) => c.key)).toEqual(['sweep-cost', 'sweep-winner-map']);
    for (const chart of page.charts) {
      expect([chart.key, compileChart(chart.spec).warnings]).toEqual([chart.key, []]);
      expect(JSON.stringify(chart.spec)).toContain('"tooltip"');
      expect(await renderSvg(chart.spec)).toMatch(/^<svg[\s\S]*class="mark-(rect|symbol)/);
    }
    const ttl = sweepReportPage(await sweep(BATCH, { ttl: '2m..2h:6', params: ['workload.every=20m,40m'] }));
    expect(ttl.charts.map((c) => c.key)).toEqual(['sweep-cost']);
    expect(compileChart(ttl.charts[0].spec).warnings).toEqual([]);
    const spec = JSON.stringify(ttl.charts[0].spec);
    expect(spec).toContain('"type":"log"');
    expect(spec).toContain('"domain":["sliding","fixed"]');
  });

  it('--workers 1 and --workers 2 give byte-identical JSON and CSV; --json is sweep.json', async () => {
    expect(existsSync(fileURLToPath(sweepWorkerUrl()))).toBe(true);
    const args = (dir: string, workers: number) => [
      'sweep',
      BATCH,
      '--ttl',
      '5m,30m,1h',
      '--param',
      'workload.jitter=30s,2m',
      '--workers',
      String(workers),
      '--out',
      join(tmp, dir),
      '--json',
    ];
    const one = await ttlsim(args('one', 1));
    const two = await ttlsim(args('two', 2));
    expect([one.code, one.stderr]).toEqual([0, '']);
    expect([two.code, two.stderr]).toEqual([0, '']);
    expect(two.stdout).toBe(one.stdout);
    expect(readFileSync(join(tmp, 'two', 'sweep.csv'), 'utf8')).toBe(
      readFileSync(join(tmp, 'one', 'sweep.csv'), 'utf8'),
    );
    expect(readFileSync(join(tmp, 'one', 'sweep.json'), 'utf8')).toBe(one.stdout);
    const points = JSON.parse(one.stdout) as { readonly policies: readonly Record<string, unknown>[] }[];
    expect(points).toHaveLength(6);
    expect(Object.keys(points[0])).toEqual(['params', 'ttl', 'ttlMs', 'policies', 'cheapest']);
    expect(Object.keys(points[0].policies[0])).toEqual(
      expect.arrayContaining(['policy', 'costUsd', 'hitRate', 'tokenHitRate', 'savingsVsNoCache']),
    );
    expect(existsSync(join(tmp, 'one', 'index.html'))).toBe(true);
    expect(existsSync(join(tmp, 'one', 'charts', 'sweep-cost.svg'))).toBe(true);
  });

  it('prints one row per point, the cheapest marked, and where the report is', async () => {
    const { code, stdout } = await ttlsim(['sweep', BATCH, '--ttl', '5m,1h', '--out', join(tmp, 'table')]);
    expect(code).toBe(0);
    const rows = stdout.split('\n').filter((line) => /^│\s+(5m|1h) /.test(line));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('ttl-1h-sliding *');
    expect(stdout).toContain(`Report: ${join(tmp, 'table', 'index.html')}`);
  });

  it('bad paths, values and flags exit 2 naming the flag, and write nothing', async () => {
    const out = join(tmp, 'bad');
    const fails = async (...args: string[]) => {
      const result = await ttlsim(['sweep', BATCH, '--out', out, ...args]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe('');
      return result.stderr;
    };
    expect(await fails('--param', 'workload.evry=10m,20m')).toContain(
      `--param workload.evry: ${sweepMessages.noField('workload', 'evry', ['kind', 'every', 'jitter', 'requestsPerRun', 'spacing', 'prefixTokens', 'suffixTokens', 'outputTokens'])}`,
    );
    expect(await fails('--param', 'policies.9.ttl=1m,2m')).toContain(sweepMessages.badIndex('policies', '9', 4));
    expect(await fails('--param', 'workload.spacing=1s,2s')).toContain(
      sweepMessages.notScalar('workload.spacing', ['dist', 'min', 'max']),
    );
    expect(await fails('--param', 'workload.every=0s,30m')).toMatch(
      /scheduled-batch\.yaml: --param workload\.every=0ms: workload\.every: /,
    );
    expect(await fails('--param', 'workload.requestsPerRun=1m,2m')).toContain(
      '--param workload.requestsPerRun=1m: workload.requestsPerRun: ',
    );
    expect(await fails('--param', 'workload.every')).toContain(sweepMessages.paramShape('workload.every'));
    expect(await fails('--ttl', '5,10')).toContain(`--ttl: ${sweepMessages.ttlNotDuration('5,10')}`);
    expect(await fails('--ttl', '5m', '--workers', '0')).toContain(`--workers: ${messages.badCount(1, 0)}`);
    expect(await fails()).toContain(sweepMessages.needsAxis());
    expect(await fails('--ttl', '5m', '--bogus')).toMatch(/bogus/);
    expect(existsSync(out)).toBe(false);
  });

  it('a generated policy a provider refuses is blamed on its TTL', async () => {
    const file = join(tmp, 'no-1h.yaml');
    // On Bedrock, Claude 3.7 Sonnet offers only the 5-minute tier.
    writeFileSync(
      file,
      readFileSync(BATCH, 'utf8')
        .replace('provider: anthropic, model: claude-sonnet-4-5', 'provider: bedrock, model: claude-3-7-sonnet')
        .replace(/policies:[\s\S]*$/, ''),
    );
    const { code, stderr } = await ttlsim(['sweep', file, '--ttl', '5m,1h', '--out', join(tmp, 'no-1h')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--ttl 1h: policies\[[23]\]\.ttl: /);
    expect(stderr).not.toContain('--ttl 5m');
  });
});
