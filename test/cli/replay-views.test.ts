// `replay --by`, --since/--until/--timezone on replay, tune and fit, as a user runs them (in-process, a
// fixed clock for the relative forms): the tables add up to the totals to the cent, the window is the one
// asked for, and a bad date, zone or empty window is exit 2 naming the flag, with nothing written.
import { describe, it, expect, beforeAll } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ttlsim as capture } from './capture.js';
import { VIEWS, VIEW_NAMES } from '../../src/replay/breakdowns.js';
import type { ReplayResult } from '../../src/replay/replay-logs.js';
import { replayMessages } from '../../src/replay/messages.js';
import { logMessages } from '../../src/logs/messages.js';
import { formatUsd } from '../../src/model/format.js';

const REAL = resolve('test', 'fixtures', 'real');
const SPOTTER = join(REAL, 'spotter');
const NOW = Date.parse('2026-02-13T00:00:00Z');
let tmp: string;

/** The CLI in-process in the temp folder, with the clock fixed at NOW. */
const ttlsim = (args: string[], env: Record<string, string> = { HOME: '/nonexistent-home' }) =>
  capture(args, tmp, env, () => NOW);

const cents = (usd: number) => Math.round(usd * 100);

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ttlsim-views-'));
});

describe('replay --by', { timeout: 240_000 }, () => {
  it('every view adds up to the totals to the cent, in the JSON and in the terminal table', async () => {
    const json = await ttlsim(['replay', REAL, '--format', 'claude-code', '--json', '--out', join(tmp, 'all')]);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as ReplayResult;
    for (const view of VIEW_NAMES) {
      const rows = result.breakdowns[VIEWS[view]];
      expect(rows.length, view).toBeGreaterThan(0);
      expect(
        rows.reduce((s, r) => s + r.requests, 0),
        view,
      ).toBe(result.policies[0].requests);
      const recorded = rows.reduce((s, r) => s + (r.asRecordedUsd ?? 0), 0);
      expect(cents(recorded), view).toBe(cents(result.asRecorded!.costUsd.total));
      for (const p of result.policies)
        expect(cents(rows.reduce((s, r) => s + r.costUsd[p.policy], 0)), `${view} ${p.policy}`).toBe(
          cents(p.costUsd.total),
        );
    }
    expect(result.breakdowns.byModel.map((r) => r.key)).toEqual(
      expect.arrayContaining(['claude-opus-4-6', 'claude-sonnet-4-5']),
    );
    expect(result.window).toMatchObject({ timeZone: 'UTC', sinceIso: null, untilIso: null });

    for (const view of VIEW_NAMES) {
      const text = await ttlsim(['replay', REAL, '--format', 'claude-code', '--by', view, '--out', join(tmp, view)]);
      expect(text.code).toBe(0);
      const total = text.stdout.split('\n').find((line) => line.startsWith(`│ total `));
      expect(total, view).toBeDefined();
      const cells = total!.split('│').map((c) => c.trim());
      // total, requests, recorded, then one column per policy in the summary's order.
      expect(cells[2]).toBe(String(result.policies[0].requests));
      expect(cells[3]).toBe(formatUsd(result.asRecorded!.costUsd.total));
      expect(cells.slice(4, 4 + result.policies.length)).toEqual(
        result.policies.map((p) => formatUsd(p.costUsd.total)),
      );
    }
  });

  it('--by project shows the directory each Claude Code folder stands for, from the transcripts', async () => {
    const home = join(tmp, 'home');
    const projects = join(home, '.claude', 'projects');
    // The folder name alone reads back as /Users/chip/dev/ai/music; the transcript's cwd says ai-music.
    const music = join(projects, '-Users-chip-dev-ai-music');
    const spotter = join(projects, '-home-marco-projects-spotter');
    mkdirSync(music, { recursive: true });
    mkdirSync(spotter, { recursive: true });
    copyFileSync(join(REAL, 'sniffly', 'd3ad4cdc-5657-435d-98fa-0035d53e383d.jsonl'), join(music, 'a.jsonl'));
    copyFileSync(join(SPOTTER, 'short.jsonl'), join(spotter, 'b.jsonl'));
    const { code, stdout } = await ttlsim(['replay', '--by', 'project', '--out', join(tmp, 'projects')], {
      HOME: home,
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/│ \/Users\/chip\/dev\/ai-music +│/);
    expect(stdout).toMatch(/│ \/home\/marco\/projects\/spotter +│/);
    const json = JSON.parse(readFileSync(join(tmp, 'projects', 'summary.json'), 'utf8')) as ReplayResult;
    expect(json.projectPaths).toEqual({
      '-Users-chip-dev-ai-music': '/Users/chip/dev/ai-music',
      '-home-marco-projects-spotter': '/home/marco/projects/spotter',
    });
  });

  it('--timezone moves the day boundaries, not the totals', async () => {
    const run = async (zone: string) =>
      JSON.parse(
        (
          await ttlsim([
            'replay',
            SPOTTER,
            '--timezone',
            zone,
            '--json',
            '--out',
            join(tmp, `tz-${zone.replace('/', '-')}`),
          ])
        ).stdout,
      ) as ReplayResult;
    const utc = await run('UTC');
    const kiritimati = await run('Pacific/Kiritimati'); // UTC+14
    expect(kiritimati.window.timeZone).toBe('Pacific/Kiritimati');
    expect(kiritimati.breakdowns.byDay.map((r) => r.key)).not.toEqual(utc.breakdowns.byDay.map((r) => r.key));
    const sum = (r: ReplayResult) => r.breakdowns.byDay.reduce((s, row) => s + (row.asRecordedUsd ?? 0), 0);
    expect(cents(sum(kiritimati))).toBe(cents(sum(utc)));
  });
});

describe('--since, --until, --timezone', { timeout: 240_000 }, () => {
  const requestsOf = async (args: string[], out: string) => {
    const { code, stdout, stderr } = await ttlsim(['replay', SPOTTER, ...args, '--json', '--out', join(tmp, out)]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    return JSON.parse(stdout) as ReplayResult;
  };

  it('every form of a date selects the same window, and the header says which', async () => {
    const iso = await requestsOf(['--since', '2026-02-11', '--until', '2026-02-11'], 'iso');
    const compact = await requestsOf(['--since', '20260211', '--until', '2026-02-12T00:00Z'], 'compact');
    // The fixed clock is 2026-02-13 00:00 UTC: 2d back is the 11th at midnight.
    const relative = await requestsOf(['--since', '2d', '--until', '24h'], 'relative');
    expect(iso.asRecorded!.requests).toBe(143);
    expect(compact.asRecorded!.requests).toBe(143);
    expect(relative.asRecorded!.requests).toBe(143);
    expect(iso.window).toMatchObject({
      sinceIso: '2026-02-11T00:00:00.000Z',
      untilIso: '2026-02-12T00:00:00.000Z',
    });
    expect(iso.window.firstRequestIso >= '2026-02-11').toBe(true);
    expect(iso.window.lastRequestIso < '2026-02-12').toBe(true);
    const text = await ttlsim([
      'replay',
      SPOTTER,
      '--since',
      '2026-02-11',
      '--until',
      '2026-02-11',
      '--out',
      join(tmp, 't'),
    ]);
    expect(text.stdout.split('\n')[0]).toContain('in the window 2026-02-11 00:00 to 2026-02-12 00:00 (UTC)');
    expect(readFileSync(join(tmp, 't', 'index.html'), 'utf8')).toContain(
      'in the window 2026-02-11 00:00 to 2026-02-12 00:00 (UTC)',
    );
  });

  it('a day in another zone is another window', async () => {
    const paris = await requestsOf(
      ['--since', '2026-02-12', '--until', '2026-02-12', '--timezone', 'Europe/Paris'],
      'paris',
    );
    expect(paris.window.sinceIso).toBe('2026-02-11T23:00:00.000Z');
    expect(paris.window.untilIso).toBe('2026-02-12T23:00:00.000Z');
    expect(paris.window.timeZone).toBe('Europe/Paris');
  });

  it('a bad date, a bad zone, an empty window: exit 2, one line naming the flag, nothing written', async () => {
    const cases: [string[], string][] = [
      [['--since', 'last tuesday'], `--since: ${replayMessages.badWhen('last tuesday')}`],
      [['--until', '2026-02-30'], `--until: ${replayMessages.badWhen('2026-02-30')}`],
      [['--timezone', 'Mars/Olympus'], `--timezone: ${replayMessages.badTimeZone('Mars/Olympus')}`],
      [
        ['--since', '2026-02-12', '--until', '2026-02-11'],
        `--until: ${replayMessages.emptyWindow('2026-02-12T00:00:00.000Z', '2026-02-12T00:00:00.000Z')}`,
      ],
    ];
    for (const [i, [flags, message]] of cases.entries()) {
      for (const command of ['replay', 'tune', 'fit']) {
        const out = join(tmp, `bad-${command}-${i}`);
        const target = command === 'fit' ? `${out}.yaml` : out;
        const { code, stdout, stderr } = await ttlsim([
          command,
          SPOTTER,
          ...flags,
          command === 'fit' ? '-o' : '--out',
          target,
        ]);
        expect(code, `${command} ${flags.join(' ')}`).toBe(2);
        expect(stderr.trim()).toBe(message);
        expect(stdout).toBe('');
        expect(existsSync(target)).toBe(false);
      }
    }
  });

  it('a window with no request says when the requests are', async () => {
    const { code, stderr } = await ttlsim(['fit', SPOTTER, '--since', '2030-01-01', '-o', join(tmp, 'none.yaml')]);
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(
      /^no request between --since and --until: the logs' [\d,]+ requests start from 2026-02-1/,
    );
    expect(stderr).toContain(logMessages.noRequestsInWindow(2, '', '').split(':')[0]);
    expect(existsSync(join(tmp, 'none.yaml'))).toBe(false);
  });

  it('tune sees the window replay sees; a scenario has no dates', async () => {
    const replay = await requestsOf(['--since', '2026-02-11', '--until', '2026-02-11'], 'tune-replay');
    const tune = await ttlsim([
      'tune',
      SPOTTER,
      '--since',
      '2026-02-11',
      '--until',
      '2026-02-11',
      '--json',
      '--out',
      join(tmp, 'tune'),
    ]);
    expect(tune.code).toBe(0);
    const tuned = JSON.parse(tune.stdout) as {
      policies: { policy: string; requests: number; costUsd: { total: number } }[];
    };
    const asRecorded = tuned.policies.find((p) => p.policy === 'as-recorded')!;
    expect(asRecorded.requests).toBe(replay.policies[0].requests);
    expect(asRecorded.costUsd.total).toBe(replay.policies[0].costUsd.total);
    const scenario = await ttlsim([
      'tune',
      resolve('scenarios', 'support-bot.yaml'),
      '--since',
      '7d',
      '--out',
      join(tmp, 's'),
    ]);
    expect(scenario.code).toBe(2);
    expect(scenario.stderr.trim()).toBe(`--since: ${replayMessages.windowForLogs()}`);
  });

  it('fit fits only the window', async () => {
    const all = await ttlsim(['fit', SPOTTER, '--json', '-o', join(tmp, 'all.yaml')]);
    const day = await ttlsim([
      'fit',
      SPOTTER,
      '--since',
      '2026-02-11',
      '--until',
      '2026-02-11',
      '--json',
      '-o',
      join(tmp, 'day.yaml'),
    ]);
    expect(all.code).toBe(0);
    expect(day.code).toBe(0);
    const requests = (text: string) => (JSON.parse(text) as { fit: { requests: number } }).fit.requests;
    expect(requests(day.stdout)).toBeLessThan(requests(all.stdout));
    expect(requests(day.stdout)).toBeGreaterThan(0);
  });
});
