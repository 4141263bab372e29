import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ttlsim } from './capture.js';
import { cliMessages } from '../../src/cli/messages.js';

const scenario = resolve('scenarios/support-bot.yaml');
let out: string;

/** The parts of summary.json (`ttlsim run --json`) these tests read. */
interface SummaryJson {
  readonly seed: number;
  readonly policies: readonly {
    readonly policy: string;
    readonly requests: number;
    readonly costUsd: { readonly total: number } & Record<string, number>;
  }[];
}
const summaryOf = (text: string) => JSON.parse(text) as SummaryJson;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'ttlsim-run-'));
});

// Each case runs a scenario end to end and writes the report (charts rendered to SVG).
describe('ttlsim run', { timeout: 240_000 }, () => {
  it('prints the comparison cheapest first and writes summary.json, summary.csv, timeseries.csv and the HTML report', async () => {
    const dir = join(out, 'table');
    const { code, stdout, stderr } = await ttlsim(['run', scenario, '--out', dir]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['charts', 'index.html', 'summary.csv', 'summary.json', 'timeseries.csv']);
    expect(readdirSync(join(dir, 'charts')).filter((f) => f.endsWith('.svg')).length).toBe(
      readdirSync(join(dir, 'charts')).filter((f) => f.endsWith('.vl.json')).length,
    );
    const summary = summaryOf(readFileSync(join(dir, 'summary.json'), 'utf8'));
    const totals = summary.policies.map((p) => [p.policy, p.costUsd.total] as const);
    const cheapest = [...totals].sort((a, b) => a[1] - b[1])[0][0];
    const firstRow = stdout.split('\n').find((line) => /^│ \S/.test(line) && !line.includes('policy'));
    expect(firstRow).toContain(cheapest);
    expect(stdout).toContain(cliMessages.wroteReport(join(dir, 'index.html')));
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8').split('\n')[0]).toMatch(
      /^scenario,seed,policy,requests,hits,hitRate/,
    );
  });

  it('--json prints the JSON contract and nothing else on stdout, identical to summary.json', async () => {
    const dir = join(out, 'json');
    const { code, stdout } = await ttlsim(['run', scenario, '--out', dir, '--json']);
    expect(code).toBe(0);
    const parsed = summaryOf(stdout);
    expect(Object.keys(parsed)).toEqual(expect.arrayContaining(['scenario', 'seed', 'horizonMs', 'policies']));
    for (const p of parsed.policies) {
      expect(Object.keys(p)).toEqual(
        expect.arrayContaining([
          'policy',
          'requests',
          'hits',
          'hitRate',
          'tokenHitRate',
          'tokens',
          'costUsd',
          'savingsVsNoCache',
        ]),
      );
      expect(Object.keys(p.costUsd)).toEqual([
        'input',
        'cacheWrite5m',
        'cacheWrite1h',
        'cacheRead',
        'output',
        'storage',
        'total',
      ]);
    }
    expect(stdout).toBe(readFileSync(join(dir, 'summary.json'), 'utf8'));
  });

  it('the same seed gives byte-identical JSON and CSV; another seed changes the arrivals', async () => {
    const a = await ttlsim(['run', scenario, '--out', join(out, 'a'), '--json']);
    const b = await ttlsim(['run', scenario, '--out', join(out, 'b'), '--json']);
    const c = await ttlsim(['run', scenario, '--out', join(out, 'c'), '--json', '--seed', '999']);
    expect(a.stdout).toBe(b.stdout);
    for (const file of ['summary.csv', 'timeseries.csv']) {
      expect(readFileSync(join(out, 'a', file), 'utf8')).toBe(readFileSync(join(out, 'b', file), 'utf8'));
    }
    expect(summaryOf(c.stdout).seed).toBe(999);
    expect(summaryOf(c.stdout).policies[0].requests).not.toBe(summaryOf(a.stdout).policies[0].requests);
  });

  it('a bad scenario exits 2 with file:line and field, and writes nothing', async () => {
    const bad = join(out, 'bad.yaml');
    writeFileSync(bad, readFileSync(scenario, 'utf8').replace('horizon: 6h', 'horizon: 6'));
    const dir = join(out, 'bad-out');
    const { code, stdout, stderr } = await ttlsim(['run', scenario, bad, '--out', dir]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/bad\.yaml:\d+:\d+: horizon: /);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(dir)).toBe(false);
  });

  it('an unknown flag exits 2 with one line naming it as typed, and no stack', async () => {
    const { code, stderr } = await ttlsim(['run', scenario, '--frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toBe(`--frobnicate: ${cliMessages.unknownFlag('run')}\n`);
    // yargs lists a kebab-case flag twice (also camelCased): named once, as typed, negated or with a value.
    const many = await ttlsim(['replay', '--no-reprot', '--bogus-flag=3', '-z', 'logs']);
    expect(many.code).toBe(2);
    expect(many.stderr).toBe(`--no-reprot, --bogus-flag, -z: ${cliMessages.unknownFlag('replay')}\n`);
    // An extra positional is not a flag: yargs' own words, and how to get the usage.
    const extra = await ttlsim(['prices', 'extra']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toBe(`Unknown argument: extra\n${cliMessages.usageHint()}\n`);
  });

  it('a missing scenario file exits 2 naming the file', async () => {
    const { code, stderr } = await ttlsim(['run', 'no/such/file.yaml']);
    expect(code).toBe(2);
    expect(stderr).toContain('file.yaml');
  });

  it('no command exits 2', async () => {
    expect((await ttlsim([])).code).toBe(2);
  });
});

describe('ttlsim prices and validate', () => {
  it('prices --json lists profiles with sources and as-of dates', async () => {
    const { code, stdout } = await ttlsim(['prices', '--json']);
    expect(code).toBe(0);
    const profiles = JSON.parse(stdout) as { readonly model: string }[];
    expect(profiles.length).toBeGreaterThan(10);
    expect(profiles.find((p) => p.model === 'claude-sonnet-4-5')).toBeDefined();
  });

  it('prices prints a table', async () => {
    const { code, stdout } = await ttlsim(['prices', '--provider', 'anthropic']);
    expect(code).toBe(0);
    expect(stdout).toContain('claude-sonnet-4-5');
  });

  it('validate accepts every shipped scenario', async () => {
    const files = readdirSync('scenarios')
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join('scenarios', f));
    const { code, stdout } = await ttlsim(['validate', ...files]);
    expect(code).toBe(0);
    expect(stdout).toContain(cliMessages.validSummary(files.length, files.length));
  });

  it('validate reports a broken file with exit 2', async () => {
    const bad = join(out, 'broken.yaml');
    writeFileSync(
      bad,
      'name: x\nhorizon: 1h\npricing: { model: claude-sonnet-4-5 }\nworkload: { kind: renewal, keys: -1, gap: 5m, prefixTokens: 5000 }\n',
    );
    const { code, stderr } = await ttlsim(['validate', bad]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/broken\.yaml:4:\d+: workload\.keys: /);
  });
});
