// `ttlsim replay` as a user runs it: the real logs, --json, the default Claude Code folders, and bad
// input (missing paths, empty folders, corrupt and truncated lines, binary files, --strict).
import { describe, it, expect, beforeAll } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ttlsim } from './capture.js';
import { cliMessages } from '../../src/cli/messages.js';
import { logMessages } from '../../src/logs/messages.js';
import { replayMessages } from '../../src/replay/messages.js';

const REAL = resolve('test', 'fixtures', 'real');
let tmp: string;

/** The parts of the replay contract (`ttlsim replay --json`, summary.json) these tests read. */
interface ReplayJson {
  readonly files: number;
  readonly asRecorded: { readonly requests: number; readonly tokens: Record<string, number> };
  readonly reconciliation: Record<string, unknown>;
  readonly policies: readonly { readonly policy: string }[];
  readonly breakdowns: { readonly byProject: readonly { readonly key: string }[] };
  readonly problems: { readonly count: number; readonly duplicates: number };
}
const replayOf = (text: string) => JSON.parse(text) as ReplayJson;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ttlsim-replay-'));
});

// Each case replays logs end to end and writes the report (charts rendered to SVG).
describe('ttlsim replay', { timeout: 240_000 }, () => {
  it('prints as recorded, the reconciliation and every counterfactual, and writes the report files', async () => {
    const dir = join(tmp, 'spotter');
    const { code, stdout, stderr } = await ttlsim(['replay', join(REAL, 'spotter'), '--out', dir]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('As recorded: $27.85');
    expect(stdout).toMatch(/Reconciliation: 533 of 534 requests \(99\.8%\)/);
    for (const policy of ['as-recorded', 'no-cache', '5m', '1h', '1h-sliding', 'keepalive'])
      expect(stdout).toMatch(new RegExp(`│ ${policy} `));
    expect(stdout).toContain(cliMessages.wroteReport(join(dir, 'index.html')));
    expect(readdirSync(dir).sort()).toEqual([
      'breakdown.csv',
      'charts',
      'index.html',
      'summary.csv',
      'summary.json',
      'timeseries.csv',
    ]);
    expect(readFileSync(join(dir, 'breakdown.csv'), 'utf8').split('\n')[0]).toBe(
      'dimension,key,requests,asRecordedUsd,as-recordedUsd,no-cacheUsd,5mUsd,1hUsd,1h-slidingUsd,keepaliveUsd,5m · subagents 1hUsd,1h · subagents 5mUsd,"1h system, 5m project+historyUsd","1h system+project, 5m historyUsd"',
    );
  });

  it('--json prints the replay contract and nothing else on stdout', async () => {
    const { code, stdout } = await ttlsim(['replay', join(REAL, 'sniffly'), '--out', join(tmp, 'json'), '--json']);
    expect(code).toBe(0);
    const parsed = replayOf(stdout);
    expect(Object.keys(parsed)).toEqual(
      expect.arrayContaining(['asRecorded', 'reconciliation', 'policies', 'breakdowns', 'missCauses', 'problems']),
    );
    expect(parsed.reconciliation).toMatchObject({ requests: 62, agreeing: 62, agreement: 1 });
    expect(parsed.policies[0].policy).toBe('as-recorded');
    expect(Object.keys(parsed.asRecorded.tokens)).toEqual([
      'input',
      'cacheWrite5m',
      'cacheWrite1h',
      'cacheRead',
      'output',
    ]);
    expect(readFileSync(join(tmp, 'json', 'summary.json'), 'utf8')).toBe(stdout);
  });

  it('with no path reads every project under ~/.claude/projects and $CLAUDE_CONFIG_DIR/projects', async () => {
    const home = join(tmp, 'home');
    mkdirSync(join(home, '.claude', 'projects', '-home-me-app'), { recursive: true });
    copyFileSync(
      join(REAL, 'sniffly', 'd3ad4cdc-5657-435d-98fa-0035d53e383d.jsonl'),
      join(home, '.claude', 'projects', '-home-me-app', 'd3ad4cdc.jsonl'),
    );
    const config = join(tmp, 'config');
    mkdirSync(join(config, 'projects', '-home-me-tool'), { recursive: true });
    copyFileSync(
      join(REAL, 'spotter', 'tool_heavy.jsonl'),
      join(config, 'projects', '-home-me-tool', 'tool_heavy.jsonl'),
    );
    const { code, stdout } = await ttlsim(['replay', '--out', join(tmp, 'default'), '--json'], tmp, {
      HOME: home,
      CLAUDE_CONFIG_DIR: config,
    });
    expect(code).toBe(0);
    const parsed = replayOf(stdout);
    expect(parsed.files).toBe(2);
    expect(parsed.breakdowns.byProject.map((r) => r.key)).toEqual(['-home-me-app', '-home-me-tool']);
    expect(parsed.asRecorded.requests).toBe(66);
  });

  it('--project keeps only the matching projects', async () => {
    const { code, stdout } = await ttlsim([
      'replay',
      join(REAL),
      '--project',
      'sniffly',
      '--format',
      'claude-code',
      '--out',
      join(tmp, 'project'),
      '--json',
    ]);
    expect(code).toBe(0);
    expect(replayOf(stdout).asRecorded.requests).toBe(62);
  });

  it('a missing path, a folder without logs, or no Claude folder at all: exit 2, one line naming it', async () => {
    const missing = await ttlsim(['replay', join(tmp, 'nope'), '--out', join(tmp, 'x1')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(`${join(tmp, 'nope')}: ${logMessages.noSuchPath()}`);
    const empty = join(tmp, 'empty-folder');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.txt'), 'hello');
    const none = await ttlsim(['replay', empty, '--out', join(tmp, 'x2')]);
    expect(none.code).toBe(2);
    expect(none.stderr.trim()).toBe(`${empty}: ${logMessages.noLogsInFolder()}`);
    const nothing = await ttlsim(['replay', '--out', join(tmp, 'x3')], tmp, { HOME: join(tmp, 'no-home') });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr.trim()).toBe(logMessages.noDefaultDirs());
    for (const dir of ['x1', 'x2', 'x3']) expect(existsSync(join(tmp, dir))).toBe(false);
  });

  it('corrupt, truncated and binary lines are counted and located on stderr; the rest replays', async () => {
    const logs = join(tmp, 'corrupt');
    mkdirSync(logs);
    const good = readFileSync(join(REAL, 'sniffly', 'd3ad4cdc-5657-435d-98fa-0035d53e383d.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean);
    // Line 3 corrupt, line 5 binary garbage, and the file cut off mid-line at the end.
    const lines = [
      ...good.slice(0, 2),
      '{"type":"assistant","message":{"usage":',
      ...good.slice(2, 3),
      '\u0000\u0007\u00ff\u00fe',
      ...good.slice(3),
      good[0].slice(0, 40),
    ];
    writeFileSync(join(logs, 'session.jsonl'), lines.join('\n'));
    writeFileSync(join(logs, 'empty.jsonl'), '');
    const { code, stdout, stderr } = await ttlsim(['replay', logs, '--out', join(tmp, 'corrupt-out'), '--json']);
    expect(code).toBe(0);
    const parsed = replayOf(stdout);
    expect(parsed.asRecorded.requests).toBe(62);
    expect(parsed.problems.count).toBe(4);
    expect(stderr.split('\n')[0]).toBe(logMessages.problemsSummary(4, 4));
    expect(stderr).toContain(`${join(logs, 'empty.jsonl')}: ${logMessages.emptyFile()}`);
    expect(stderr).toContain(`${join(logs, 'session.jsonl')}:3: not valid JSON`);
    expect(stderr).toContain(`${join(logs, 'session.jsonl')}:5: not valid JSON`);
    expect(stderr).toContain(`${join(logs, 'session.jsonl')}:${lines.length}: not valid JSON`);
  });

  it('a log copied to a backup folder bills once, and the terminal and the report say how many were dropped', async () => {
    const logs = join(tmp, 'copied');
    const session = join(REAL, 'sniffly', 'd3ad4cdc-5657-435d-98fa-0035d53e383d.jsonl');
    for (const dir of ['home', 'backup']) {
      mkdirSync(join(logs, dir), { recursive: true });
      copyFileSync(session, join(logs, dir, 'd3ad4cdc.jsonl'));
    }
    const out = join(tmp, 'copied-out');
    const { code, stdout, stderr } = await ttlsim(['replay', logs, '--out', out, '--json']);
    expect(code).toBe(0);
    const parsed = replayOf(stdout);
    expect(parsed.files).toBe(2);
    expect(parsed.asRecorded.requests).toBe(62);
    expect(parsed.problems.duplicates).toBe(62);
    expect(stderr.trim()).toBe(logMessages.duplicatesDropped(62));
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(logMessages.duplicatesDropped(62));
  });

  it('--strict turns any unusable line into exit 2 and writes nothing', async () => {
    const logs = join(tmp, 'strict');
    mkdirSync(logs);
    writeFileSync(join(logs, 's.jsonl'), `${readFileSync(join(REAL, 'spotter', 'short.jsonl'), 'utf8')}{"broken`);
    const out = join(tmp, 'strict-out');
    const { code, stdout, stderr } = await ttlsim(['replay', logs, '--out', out, '--strict']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/s\.jsonl:16: not valid JSON.*--strict/);
    expect(existsSync(out)).toBe(false);
  });

  it('a single 100 MB line does not crash the reader', async () => {
    const logs = join(tmp, 'huge');
    mkdirSync(logs);
    const short = readFileSync(join(REAL, 'spotter', 'short.jsonl'), 'utf8');
    writeFileSync(
      join(logs, 'big.jsonl'),
      `${short}{"type":"user","message":{"content":"${'x'.repeat(100 * 1024 * 1024)}"}}\n`,
    );
    const { code, stdout } = await ttlsim(['replay', logs, '--out', join(tmp, 'huge-out'), '--json']);
    expect(code).toBe(0);
    expect(replayOf(stdout).asRecorded.requests).toBe(1);
  }, 240_000);

  it('a bad --since or --columns is a usage error naming the flag', async () => {
    const since = await ttlsim(['replay', join(REAL, 'sniffly'), '--since', 'last tuesday']);
    expect(since.code).toBe(2);
    expect(since.stderr.trim()).toBe(`--since: ${replayMessages.badWhen('last tuesday')}`);
    const columns = await ttlsim(['replay', join(REAL, 'sniffly'), '--columns', 'timestamp']);
    expect(columns.code).toBe(2);
    expect(columns.stderr.trim()).toBe(`--columns: ${cliMessages.badColumns('timestamp')}`);
  });

  // A date given to --until keeps that whole day (as ccusage does): 2026-02-11 alone is [11th, 12th) UTC.
  it('--since and --until keep the requests in the window', async () => {
    const { code, stdout } = await ttlsim([
      'replay',
      join(REAL, 'spotter'),
      '--since',
      '2026-02-11',
      '--until',
      '2026-02-11',
      '--out',
      join(tmp, 'window'),
      '--json',
    ]);
    expect(code).toBe(0);
    expect(replayOf(stdout).asRecorded.requests).toBe(143);
  });
});
