// --no-report: every command that writes a report folder prints its answer (or its JSON) and writes
// nothing; --no-svg writes the same report without the SVG copies of the charts.
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ttlsim, type Captured } from './capture.js';
import { cliMessages } from '../../src/cli/messages.js';

const scenario = resolve('scenarios/low-frequency-api.yaml');
const logs = resolve('scenarios/logs/claude-code');
const reportLine = cliMessages.wroteReport('');

/** Runs the CLI in a fresh empty folder and returns what it printed and what that folder holds after. */
async function inEmptyFolder(args: string[]): Promise<Captured & { written: string[] }> {
  const cwd = mkdtempSync(join(tmpdir(), 'ttlsim-no-report-'));
  const captured = await ttlsim(args, cwd);
  return { ...captured, written: readdirSync(cwd) };
}

describe('--no-report', { timeout: 180_000 }, () => {
  const cases: [string, string[]][] = [
    ['run', ['run', scenario]],
    ['replay', ['replay', logs]],
    ['tune', ['tune', scenario]],
    ['sweep', ['sweep', scenario, '--ttl', '5m,1h', '--workers', '1']],
  ];

  it.each(cases)('%s prints its answer and writes nothing', async (_name, args) => {
    const { code, stdout, stderr, written } = await inEmptyFolder([...args, '--no-report']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(written).toEqual([]);
    expect(stdout).not.toContain(reportLine.trim());
    expect(stdout.length).toBeGreaterThan(0);
  });

  it('run --no-report --json prints what the report would hold as summary.json', async () => {
    const quiet = await inEmptyFolder(['run', scenario, '--no-report', '--json']);
    expect(quiet.written).toEqual([]);
    const cwd = mkdtempSync(join(tmpdir(), 'ttlsim-no-report-'));
    const full = await ttlsim(['run', scenario, '--json', '--no-svg'], cwd);
    expect(full.code).toBe(0);
    const summary = readFileSync(join(cwd, 'reports', 'low-frequency-api', 'summary.json'), 'utf8');
    expect(quiet.stdout).toBe(summary);
    expect(full.stdout).toBe(summary);
  });
});

describe('--no-svg', { timeout: 180_000 }, () => {
  let withSvg: string;
  let withoutSvg: string;
  beforeAll(async () => {
    withSvg = mkdtempSync(join(tmpdir(), 'ttlsim-svg-'));
    withoutSvg = mkdtempSync(join(tmpdir(), 'ttlsim-svg-'));
    expect((await ttlsim(['run', scenario, '--out', withSvg])).code).toBe(0);
    expect((await ttlsim(['run', scenario, '--out', withoutSvg, '--no-svg'])).code).toBe(0);
  });

  it('writes every chart as Vega-Lite JSON and no SVG', () => {
    const charts = readdirSync(join(withoutSvg, 'charts')).sort();
    expect(charts.length).toBeGreaterThan(0);
    expect(charts.filter((name) => !name.endsWith('.vl.json'))).toEqual([]);
    expect(
      readdirSync(join(withSvg, 'charts'))
        .filter((name) => name.endsWith('.vl.json'))
        .sort(),
    ).toEqual(charts);
  });

  it('writes the same self-contained index.html', () => {
    expect(readFileSync(join(withoutSvg, 'index.html'), 'utf8')).toBe(
      readFileSync(join(withSvg, 'index.html'), 'utf8'),
    );
    expect(existsSync(join(withoutSvg, 'summary.json'))).toBe(true);
  });
});
