// replay/reconcile.ts looks up a request's day, week and month rows only when its day changed (and any
// other dimension's row only when its key did). Every row must still count exactly the requests whose own
// local day, week and month it names: here over 80 days of a CSV log, in a zone with DST changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replayLogs, type ReplayResult } from '../../src/replay/replay-logs.js';
import { LocalCalendar } from '../../src/replay/time-window.js';
import { lcg } from '../lcg.js';

const ZONE = 'America/New_York';
const START_MS = Date.UTC(2026, 1, 20, 3, 0, 0);
let dir = '';
let times: number[] = [];
let result: ReplayResult;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ttlsim-calendar-rows-'));
  const random = lcg(3);
  // Bursts of minutes apart, then gaps of hours to three days: many requests share a day, some days none.
  times = [];
  let atMs = START_MS;
  while (atMs < START_MS + 80 * 86_400_000) {
    times.push(atMs);
    atMs += random() < 0.8 ? Math.floor(random() * 600_000) : Math.floor(random() * 3 * 86_400_000);
  }
  const rows = times.map((t, i) => `${new Date(t).toISOString()},k${i % 7},2000,10,5`);
  result = replayCsv('log.csv', rows);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `rows` as a CSV log named `name` in `dir` and replays it in the New York calendar. */
function replayCsv(name: string, rows: readonly string[]): ReplayResult {
  writeFileSync(join(dir, name), ['timestamp,key,prefixTokens,suffixTokens,outputTokens', ...rows, ''].join('\n'));
  return replayLogs({
    paths: [join(dir, name)],
    cwd: dir,
    env: {},
    format: 'csv',
    model: 'claude-sonnet-4-5',
    timeZone: ZONE,
  });
}

function counted(keyOf: (epochMs: number) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of times) out[keyOf(t)] = (out[keyOf(t)] ?? 0) + 1;
  return out;
}

const requestsByKey = (rows: readonly { key: string; requests: number }[]) =>
  Object.fromEntries(rows.map((row) => [row.key, row.requests]));

describe('day, week and month rows of a replay', () => {
  const calendar = new LocalCalendar(ZONE);
  it('count each request under its own local day, week and month', () => {
    expect(times.length).toBeGreaterThan(200);
    expect(requestsByKey(result.breakdowns.byDay)).toEqual(counted((t) => calendar.day(t)));
    expect(requestsByKey(result.breakdowns.byWeek)).toEqual(counted((t) => calendar.week(t)));
    expect(requestsByKey(result.breakdowns.byMonth)).toEqual(counted((t) => calendar.month(t)));
    expect(Object.keys(requestsByKey(result.breakdowns.byMonth)).length).toBeGreaterThanOrEqual(3);
  });

  it('count every request once under its key and its thread kind', () => {
    const bySession: Record<string, number> = {};
    times.forEach((_t, i) => (bySession[`csv/k${i % 7}`] = (bySession[`csv/k${i % 7}`] ?? 0) + 1));
    expect(requestsByKey(result.breakdowns.bySession)).toEqual(bySession);
    expect(requestsByKey(result.breakdowns.byThreadKind)).toEqual({ key: times.length });
  });
});

describe('a keep-alive ping past midnight', () => {
  // A request at 23:50 New York time, the next a day and a half later: the keep-alive policy pings the first
  // every 4m30s for 30 minutes: two pings before midnight (23:54:30, 23:59) and four after (00:03:30 …
  // 00:17). A ping is booked at its own time, so the day between the requests holds those four and nothing
  // else.
  let pinged: ReplayResult;
  beforeAll(() => {
    const at = Date.UTC(2026, 2, 10, 3, 50); // 23:50 on 9 March in New York (EDT, UTC−4)
    const rows = [at, at + 36 * 3_600_000].map((t) => `${new Date(t).toISOString()},k,2000,10,5`);
    pinged = replayCsv('midnight.csv', rows);
  });

  it('costs the keep-alive policy on the day it is sent', () => {
    const days = pinged.breakdowns.byDay;
    expect(days.map((row) => [row.key, row.requests])).toEqual([
      ['2026-03-09', 1],
      ['2026-03-10', 0],
      ['2026-03-11', 1],
    ]);
    const between = days[1].costUsd;
    for (const [policy, usd] of Object.entries(between)) if (policy !== 'keepalive') expect(usd, policy).toBe(0);
    expect(between.keepalive).toBeGreaterThan(0);
    // The first day: the request as 5m sliding bills it (keep-alive writes the same entry), plus two pings.
    const firstDayPingsUsd = days[0].costUsd.keepalive - days[0].costUsd['5m'];
    expect(between.keepalive).toBeCloseTo(2 * firstDayPingsUsd, 6);
  });
});
