// Attacks on what ttlsim writes and how it exits (docs/commands.md, "Exit codes" and "Limits"): formula
// cells in every CSV, a closed or full stdout, numeric flags read as the same fields of a file, prices
// that would overflow, names the chart library refuses, timestamps no chart can draw, and charts that
// followed the machine's time zone. Each case runs bin/ttlsim.js in a fresh temporary working directory
// and asserts the exit code, stderr, and what is on disk afterwards: nothing outside the report folder,
// no temporary files, the inputs unchanged.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { csvTable } from '../../src/report/csv.js';
import { messages } from '../../src/scenario/messages.js';
import { cliMessages } from '../../src/cli/messages.js';
import { replayMessages } from '../../src/replay/messages.js';
import { claudeCodeMessages, mooncakeMessages, logMessages } from '../../src/logs/messages.js';
import { estimateMessages } from '../../src/estimate/messages.js';
import { MAX_WORKERS } from '../../src/cli/common.js';
import { MAX_USD_PER_MTOK } from '../../src/pricing/profile.js';
import { MAX_POLICY_NAME_LENGTH } from '../../src/scenario/values.js';

const REPO = process.cwd();
const BIN = join(REPO, 'bin', 'ttlsim.js');
const SPOTTER = join(REPO, 'scenarios', 'logs', 'claude-code', '-home-marco-projects-spotter');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** bin/ttlsim.js in `cwd`, with no Claude Code folder to find and the zone given (UTC by default). */
function cli(cwd: string, args: readonly string[], tz = 'UTC'): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, HOME: '/nonexistent-home', CLAUDE_CONFIG_DIR: '', TZ: tz },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file, folder and link under `dir`, relative, with a hash of each file's bytes. */
function snapshot(dir: string): Map<string, string> {
  const seen = new Map<string, string>();
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      const stat = lstatSync(path);
      const key = relative(dir, path);
      if (stat.isDirectory()) {
        seen.set(`${key}/`, 'dir');
        walk(path);
      } else seen.set(key, stat.isFile() ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'other');
    }
  };
  walk(dir);
  return seen;
}

/**
 * What a run may have changed: only paths inside `outDir` (relative to the working directory; none
 * when it must write nothing), every earlier path (the inputs) byte-identical, no temporary file.
 */
function expectOnlyWritten(before: Map<string, string>, after: Map<string, string>, outDir: string | null): void {
  for (const [path, hash] of before) expect(after.get(path), `input ${path} changed`).toBe(hash);
  const added = [...after.keys()].filter((path) => !before.has(path));
  for (const path of added) {
    expect(outDir, `${path} written`).not.toBeNull();
    expect(path === `${outDir}/` || path.startsWith(`${outDir}/`), `${path} is outside ${outDir}/`).toBe(true);
  }
  expect(added.filter((path) => /tmp/i.test(path))).toEqual([]);
}

/** The working directories made here, removed after the file's tests (each report is megabytes). */
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh working directory holding `files` (name → text). */
function workdir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ttlsim-csv-exit-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(resolve(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A small sessions scenario with the policies given (YAML flow mappings) and optional pricing fields. */
const scenario = (policies: readonly string[], pricing = '') =>
  [
    'name: attack',
    'seed: 1',
    'horizon: 1h',
    `pricing: { model: claude-haiku-4-5${pricing} }`,
    'workload:',
    '  kind: sessions',
    '  arrivals: 10/h',
    '  turns: { dist: constant, value: 3 }',
    '  thinkTime: 1m',
    '  prompt: { tools: 100, system: 2000, userMessage: 50, output: 50 }',
    'policies:',
    ...policies.map((p) => `  - ${p}`),
    '',
  ].join('\n');

/** Names that a spreadsheet would run as formulas (OWASP's CSV injection list). */
const FORMULAS = ['=HYPERLINK("http://evil.example","click")', '@SUM(A1)', "+cmd|' calc'!A0", '-2+3'];
const FORMULA_POLICIES = [
  '{ name: no-cache, cache: false }',
  ...FORMULAS.map((name, i) => `{ name: ${JSON.stringify(name)}, ttl: ${i % 2 === 0 ? '5m' : '1h'} }`),
];

/** Every cell and header of a CSV file that a spreadsheet would read as a formula. */
/** The verdict's interval is null by contract when it has none (docs/json.md); no other null may appear. */
const withoutNoInterval = (text: string): string => text.replace(/"ci": null/g, '');

function formulaCells(text: string): string[] {
  const rows = parse(text);
  expect(rows.length).toBeGreaterThan(1);
  return rows.flat().filter((cell) => /^[=+@\t\r]/.test(cell) || (cell.startsWith('-') && !/^-\d/.test(cell)));
}

describe('csvTable, the one CSV writer', () => {
  it("neutralises formula text with an apostrophe, keeps the tool's numbers numbers, refuses non-finite ones", () => {
    const text = csvTable([
      { name: '=1+1', at: '@x', plus: '+1', minus: '-x', tab: '\tx', cr: '\rx', n: -1.5, s: '-1.5' },
    ]);
    const [header, row] = parse(text);
    expect(header).toEqual(['name', 'at', 'plus', 'minus', 'tab', 'cr', 'n', 's']);
    // Text from the input that merely looks like a number is still text, and neutralised.
    expect(row).toEqual(["'=1+1", "'@x", "'+1", "'-x", "'\tx", "'\rx", '-1.5', "'-1.5"]);
    expect(csvTable([{ [FORMULAS[0]]: 1 }]).split('\n')[0]).toBe(`"'${FORMULAS[0].replace(/"/g, '""')}"`);
    expect(() => csvTable([{ usd: Infinity }])).toThrow(/usd/);
    expect(() => csvTable([{ usd: NaN }])).toThrow(/usd/);
  });

  it('is the only place that writes CSV: no other file of src/ imports csv-stringify', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (lstatSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) files.push(path);
      }
    };
    walk(join(REPO, 'src'));
    const importers = files.filter((f) => /from 'csv-stringify/.test(readFileSync(f, 'utf8')));
    expect(importers.map((f) => relative(REPO, f))).toEqual([join('src', 'report', 'csv.ts')]);
  });
});

// Child processes: each loads the whole CLI from dist/, seconds on a loaded machine.
describe('attacks on CSV cells, exit codes and charts', { timeout: 240_000 }, () => {
  it('run: summary.csv and timeseries.csv hold formula-like policy names as text, not formulas', () => {
    const cwd = workdir({ 'formulas.yaml': scenario(FORMULA_POLICIES) });
    const before = snapshot(cwd);
    const result = cli(cwd, ['run', 'formulas.yaml', '--out', 'rep', '--quiet']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expectOnlyWritten(before, snapshot(cwd), 'rep');
    for (const file of ['summary.csv', 'timeseries.csv']) {
      const text = readFileSync(join(cwd, 'rep', file), 'utf8');
      expect(formulaCells(text), file).toEqual([]);
      for (const name of FORMULAS) expect(text).toContain(`'${name.replace(/"/g, '""')}`);
    }
    // Numbers stay numbers: summary.csv's figures parse back as numbers, no Infinity, NaN or null anywhere.
    const rows = parse<Record<string, string>>(readFileSync(join(cwd, 'rep', 'summary.csv'), 'utf8'), {
      columns: true,
    });
    for (const row of rows) expect(Number.isFinite(Number(row.totalUsd))).toBe(true);
    for (const file of ['summary.json', 'summary.csv', 'timeseries.csv'])
      expect(withoutNoInterval(readFileSync(join(cwd, 'rep', file), 'utf8'))).not.toMatch(/Infinity|NaN|null/);
  });

  it("replay: breakdown.csv neutralises project folders and session ids from the logs, and --policies' names in its header", () => {
    const project = "=cmd|' calc'!A0";
    const session = "+cmd|' calc'!A0";
    const log = readFileSync(join(SPOTTER, 'short.jsonl'), 'utf8').replaceAll(
      '55604662-cf2a-4331-851a-ec234028f8ca',
      session,
    );
    const cwd = workdir({ [join('logs', project, 'short.jsonl')]: log, 'policies.yaml': scenario(FORMULA_POLICIES) });
    const before = snapshot(cwd);
    const result = cli(cwd, ['replay', 'logs', '--policies', 'policies.yaml', '--out', 'rep', '--quiet']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expectOnlyWritten(before, snapshot(cwd), 'rep');
    const breakdown = readFileSync(join(cwd, 'rep', 'breakdown.csv'), 'utf8');
    expect(formulaCells(breakdown)).toEqual([]);
    expect(breakdown).toContain(`'${project}`);
    expect(breakdown).toContain(`'${project}/${session}`);
    expect(breakdown.split('\n')[0]).toContain("'@SUM(A1)Usd");
    for (const file of ['summary.csv', 'timeseries.csv'])
      expect(formulaCells(readFileSync(join(cwd, 'rep', file), 'utf8')), file).toEqual([]);
  });

  it('sweep: sweep.csv neutralises the policy names of the scenario', () => {
    const cwd = workdir({ 'formulas.yaml': scenario(FORMULA_POLICIES) });
    const before = snapshot(cwd);
    const result = cli(cwd, [
      'sweep',
      'formulas.yaml',
      '--param',
      'workload.arrivals=5/h,10/h',
      '--workers',
      '1',
      '--out',
      'rep',
      '--quiet',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expectOnlyWritten(before, snapshot(cwd), 'rep');
    const text = readFileSync(join(cwd, 'rep', 'sweep.csv'), 'utf8');
    expect(formulaCells(text)).toEqual([]);
    expect(text).toContain("'@SUM(A1)");
  });

  it('a closed stdout ends the process quietly with exit 0, and the report is whole', async () => {
    const cwd = workdir();
    const closedEarly = (args: readonly string[]) =>
      new Promise<Run>((done) => {
        const child = spawn(process.execPath, [BIN, ...args], {
          cwd,
          env: { ...process.env, HOME: '/nonexistent-home', CLAUDE_CONFIG_DIR: '' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        // The reader goes away before the first byte, as `| head -c 0` would; prices --json is 100 kB,
        // more than a pipe holds, so the write meets the closed pipe whatever the timing.
        child.stdout.destroy();
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (code) => done({ code, stdout: '', stderr }));
      });
    const before = snapshot(cwd);
    const prices = await closedEarly(['prices', '--json']);
    expect(prices.stderr).toBe('');
    expect(prices.code).toBe(0);
    expectOnlyWritten(before, snapshot(cwd), null);
    const replay = await closedEarly(['replay', SPOTTER, '--out', 'rep', '--explain']);
    expect(replay.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(replay.code).toBe(0);
    expectOnlyWritten(before, snapshot(cwd), 'rep');
    expect(readdirSync(join(cwd, 'rep')).sort()).toEqual(
      ['breakdown.csv', 'charts', 'index.html', 'summary.csv', 'summary.json', 'timeseries.csv'].sort(),
    );
  });

  it.skipIf(!existsSync('/dev/full'))('a full disk under stdout is exit 2 naming stdout, without a stack', () => {
    const cwd = workdir();
    const full = openSync('/dev/full', 'w');
    try {
      const result = spawnSync(process.execPath, [BIN, 'prices', '--json'], {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', full, 'pipe'],
      });
      expect(result.stderr).toMatch(/^stdout: cannot write the output \(ENOSPC[^\n]*\)\n$/);
      expect(result.stderr.startsWith(cliMessages.cannotWriteStream('stdout', 'ENOSPC').slice(0, 30))).toBe(true);
      expect(result.status).toBe(2);
    } finally {
      closeSync(full);
    }
  });

  it('--seed is read as the file reads seed: abc, 1.5, 1e308, empty or given twice is exit 2 and writes nothing', () => {
    const cwd = workdir({ 's.yaml': scenario(['{ name: 5m, ttl: 5m }']) });
    const before = snapshot(cwd);
    const cases: [string[], string][] = [
      [['--seed', 'abc'], `--seed: ${messages.badInteger('abc')}`],
      [['--seed', '1.5'], `--seed: ${messages.badInteger(1.5)}`],
      [['--seed', '1e308'], `--seed: ${messages.badInteger(1e308)}`],
      [['--seed', ''], `--seed: ${messages.badInteger('')}`],
      [['--seed', '1', '--seed', '2'], `--seed: ${cliMessages.flagTwice()}`],
    ];
    for (const [flags, message] of cases) {
      const result = cli(cwd, ['run', 's.yaml', ...flags]);
      expect(result.stderr, flags.join(' ')).toBe(`${message}\n`);
      expect(result.code).toBe(2);
    }
    expect(cli(cwd, ['tune', 's.yaml', '--seed', 'x']).stderr).toBe(`--seed: ${messages.badInteger('x')}\n`);
    expectOnlyWritten(before, snapshot(cwd), null);
    // The same seed written as YAML writes it (0x10 is 16) runs, as `seed: 0x10` would.
    const hex = cli(cwd, ['run', 's.yaml', '--seed', '0x10', '--out', 'rep', '--json']);
    expect(hex.code).toBe(0);
    expect((JSON.parse(hex.stdout) as { seed: number }).seed).toBe(16);
  });

  it('--workers and estimate token counts say what was given, and nothing is written', () => {
    const cwd = workdir({ 's.yaml': scenario(['{ name: 5m, ttl: 5m }']) });
    const before = snapshot(cwd);
    const sweep = (workers: string) => cli(cwd, ['sweep', 's.yaml', '--ttl', '5m,1h', '--workers', workers]);
    for (const [workers, message] of [
      ['abc', messages.badCount(1, 'abc')],
      ['0', messages.badCount(1, 0)],
      ['1.5', messages.badCount(1, 1.5)],
      [String(MAX_WORKERS + 1), cliMessages.flagAbove(MAX_WORKERS, MAX_WORKERS + 1)],
    ]) {
      const result = sweep(workers);
      expect(result.stderr, workers).toBe(`--workers: ${message}\n`);
      expect(result.code).toBe(2);
    }
    const estimate = cli(cwd, ['estimate', '--gap', '4m', '--prefix', 'abc', '--model', 'claude-sonnet-4-5']);
    expect(estimate.stderr).toBe(`--prefix: ${estimateMessages.badTokens('abc')}\n`);
    expect(estimate.code).toBe(2);
    expectOnlyWritten(before, snapshot(cwd), null);
  });

  it('a price of 1e308 in a scenario, or a --price of 400 digits, is exit 2 naming the field; nothing written', () => {
    const cwd = workdir({
      'dear.yaml': scenario(['{ name: 5m, ttl: 5m }'], ', input: 1e308'),
      'max.yaml': scenario(
        ['{ name: 5m, ttl: 5m }', '{ name: no-cache, cache: false }'],
        `, input: ${MAX_USD_PER_MTOK}, output: ${MAX_USD_PER_MTOK}`,
      ),
    });
    const before = snapshot(cwd);
    const dear = cli(cwd, ['run', 'dear.yaml']);
    expect(dear.stderr).toMatch(
      /^dear\.yaml:4:\d+: pricing\.input: expected a number from 0 to 1,000,000 \(USD per million tokens\), got "1e\+308"\n$/,
    );
    expect(dear.code).toBe(2);
    const digits = `claude-sonnet-4=${'9'.repeat(400)},1,1,1,1`;
    const flag = cli(cwd, ['replay', SPOTTER, '--price', digits]);
    expect(flag.stderr).toBe(`--price: ${replayMessages.priceTooHigh(digits, MAX_USD_PER_MTOK)}\n`);
    expect(flag.code).toBe(2);
    expectOnlyWritten(before, snapshot(cwd), null);
    // At the bound itself every figure is finite, in the table, the JSON and the CSV.
    const max = cli(cwd, ['run', 'max.yaml', '--out', 'rep']);
    expect(max.code).toBe(0);
    expect(max.stdout).not.toMatch(/Infinity|NaN/);
    for (const file of ['summary.json', 'summary.csv', 'timeseries.csv'])
      expect(withoutNoInterval(readFileSync(join(cwd, 'rep', file), 'utf8'))).not.toMatch(/Infinity|NaN|null/);
  });

  it('a policy name the charts cannot draw (U+2028), with control characters or too long, is exit 2 at validation', () => {
    const names = [
      'a\u2028b',
      'a\u2029b',
      'tab\there',
      'esc\u001b[31m',
      'rtl\u202eevil',
      'lone\ud800',
      'x'.repeat(MAX_POLICY_NAME_LENGTH + 1),
    ];
    const cwd = workdir(
      Object.fromEntries(
        names.map((name, i) => [`n${i}.yaml`, scenario([`{ name: ${JSON.stringify(name)}, ttl: 5m }`])]),
      ),
    );
    const before = snapshot(cwd);
    // Every file is validated before any runs: one line per file, in the order given, and nothing written.
    const result = cli(cwd, ['run', ...names.map((_, i) => `n${i}.yaml`)]);
    expect(result.stderr).toBe(
      names
        .map(
          (name, i) => `n${i}.yaml:12:13: policies[0].name: ${messages.badPolicyName(MAX_POLICY_NAME_LENGTH, name)}\n`,
        )
        .join(''),
    );
    expect(result.code).toBe(2);
    expectOnlyWritten(before, snapshot(cwd), null);
  });

  it('Claude Code timestamps in year 275760 are unusable lines, not a crash in the charts', () => {
    const text = readFileSync(join(SPOTTER, 'short.jsonl'), 'utf8').replace(
      /"timestamp":"2026-/g,
      '"timestamp":"+275760-',
    );
    const cwd = workdir({ [join('far', 'proj', 's.jsonl')]: text });
    const before = snapshot(cwd);
    const result = cli(cwd, ['replay', 'far', '--out', 'rep']);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
    expect(result.stderr).toContain(claudeCodeMessages.badTimestamp('+275760-02-10T21:11:59.186Z'));
    // Every dated line is unusable (5 of them; the first ones listed under the summary line).
    expect(result.stderr.split('\n')[0]).toBe(`far/proj/s.jsonl: ${logMessages.noRequests(5, 5)}`);
    expectOnlyWritten(before, snapshot(cwd), null);
  });

  it('a Mooncake timestamp past year 9999 is an unusable line; the rest replays', () => {
    const line = (timestamp: number) =>
      JSON.stringify({ timestamp, input_length: 1000, output_length: 5, hash_ids: [1, 2] });
    const cwd = workdir({ 'trace.jsonl': `${line(0)}\n${line(60_000)}\n${line(9_000_000_000_001_000)}\n` });
    const before = snapshot(cwd);
    const result = cli(cwd, ['replay', 'trace.jsonl', '--format', 'mooncake', '--out', 'rep']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `trace.jsonl:3: timestamp: ${mooncakeMessages.badTimestamp(9_000_000_000_001_000)}`,
    );
    expectOnlyWritten(before, snapshot(cwd), 'rep');
  });

  it('charts are in UTC whatever TZ is: the SVGs are byte-identical under UTC and Asia/Kolkata', () => {
    const cwd = workdir();
    const before = snapshot(cwd);
    for (const [tz, out] of [
      ['UTC', 'utc'],
      ['Asia/Kolkata', 'kolkata'],
    ]) {
      const result = cli(cwd, ['replay', SPOTTER, '--out', out, '--since', '2026-02-10T00:00', '--quiet'], tz);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
    const after = snapshot(cwd);
    const charts = [...after.keys()].filter((p) => p.startsWith('utc/charts/') && p.endsWith('.svg'));
    expect(charts.length).toBeGreaterThan(3);
    for (const chart of charts) expect(after.get(chart.replace(/^utc/, 'kolkata')), chart).toBe(after.get(chart));
    // A time without a zone in --since is UTC too: the same requests under both zones.
    expect(after.get('kolkata/summary.json')).toBe(after.get('utc/summary.json'));
    // Time axes are active time in ms; the dates on them are written by ttlsim in UTC, never by the
    // browser's zone, and any temporal axis would be a utc scale.
    const text = readFileSync(join(cwd, 'utc', 'charts', 'cumulative-cost.vl.json'), 'utf8');
    const spec = JSON.parse(text) as { layer: { encoding?: { x?: { type?: string; scale?: { type?: string } } } }[] };
    for (const layer of spec.layer)
      if (layer.encoding?.x?.type === 'temporal') expect(layer.encoding.x.scale?.type).toBe('utc');
    expect(text).toMatch(/"20\d\d-\d\d-\d\d \d\d:\d\d UTC"/);
    for (const path of after.keys()) if (!before.has(path)) expect(/^(utc|kolkata)\//.test(path), path).toBe(true);
  });
});
