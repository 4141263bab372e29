// --since/--until dates and the --timezone calendar (src/replay/time-window.ts): every accepted form,
// midnight in a zone across daylight saving and a 45-minute offset, ISO weeks, and what is refused.
import { describe, it, expect } from 'vitest';
import { LocalCalendar, WindowError, checkTimeZone, mondayOf, parseWhen } from '../../src/replay/time-window.js';
import { decodeProject } from '../../src/replay/project-path.js';
import { replayMessages } from '../../src/replay/messages.js';

const NOW = Date.parse('2026-12-06T19:30:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('parseWhen', () => {
  it('reads YYYY-MM-DD and YYYYMMDD as midnight in the zone (UTC by default)', () => {
    expect(parseWhen('2026-12-01', 'UTC', NOW)).toBe(Date.parse('2026-12-01T00:00:00Z'));
    expect(parseWhen('20261201', 'UTC', NOW)).toBe(Date.parse('2026-12-01T00:00:00Z'));
    expect(parseWhen('2026-12-01', 'Europe/Paris', NOW)).toBe(Date.parse('2026-11-30T23:00:00Z'));
    expect(parseWhen('20260701', 'Europe/Paris', NOW)).toBe(Date.parse('2026-06-30T22:00:00Z'));
  });

  it('an end of window given as a date keeps that whole day', () => {
    expect(parseWhen('2026-12-01', 'UTC', NOW, true)).toBe(Date.parse('2026-12-02T00:00:00Z'));
    expect(parseWhen('20261231', 'UTC', NOW, true)).toBe(Date.parse('2027-01-01T00:00:00Z'));
    // New York's 2026-03-08 has 23 hours (clocks go forward at 02:00).
    const start = parseWhen('2026-03-08', 'America/New_York', NOW);
    expect(start).toBe(Date.parse('2026-03-08T05:00:00Z'));
    expect(parseWhen('2026-03-08', 'America/New_York', NOW, true) - start).toBe(23 * HOUR);
    expect(
      parseWhen('2026-11-01', 'America/New_York', NOW, true) - parseWhen('2026-11-01', 'America/New_York', NOW),
    ).toBe(25 * HOUR);
  });

  it('an ISO time with a zone is absolute; without one it is wall-clock time in the zone', () => {
    expect(parseWhen('2026-12-01T09:30:00Z', 'Europe/Paris', NOW)).toBe(Date.parse('2026-12-01T09:30:00Z'));
    expect(parseWhen('2026-12-01T09:30+02:00', 'UTC', NOW)).toBe(Date.parse('2026-12-01T07:30:00Z'));
    expect(parseWhen('2026-12-01T09:30', 'Europe/Paris', NOW)).toBe(Date.parse('2026-12-01T08:30:00Z'));
    expect(parseWhen('2026-12-01T09:30', 'UTC', NOW)).toBe(Date.parse('2026-12-01T09:30:00Z'));
  });

  it('a span back from now, today and yesterday', () => {
    expect(parseWhen('30m', 'UTC', NOW)).toBe(NOW - 30 * 60_000);
    expect(parseWhen('12h', 'UTC', NOW)).toBe(NOW - 12 * HOUR);
    expect(parseWhen('7d', 'Asia/Tokyo', NOW)).toBe(NOW - 7 * DAY);
    expect(parseWhen('2W', 'UTC', NOW)).toBe(NOW - 14 * DAY);
    expect(parseWhen('today', 'UTC', NOW)).toBe(Date.parse('2026-12-06T00:00:00Z'));
    // 19:30 UTC is already the 7th in Tokyo.
    expect(parseWhen('today', 'Asia/Tokyo', NOW)).toBe(Date.parse('2026-12-06T15:00:00Z'));
    expect(parseWhen('yesterday', 'UTC', NOW)).toBe(Date.parse('2026-12-05T00:00:00Z'));
    expect(parseWhen('yesterday', 'UTC', NOW, true)).toBe(Date.parse('2026-12-06T00:00:00Z'));
  });

  it.each(['last tuesday', '2026-02-30', '2026-13-01', '7y', '2026-12', '20261301', '', 'T09:30', '2026-12-01 09:30'])(
    'refuses %j with the forms it accepts',
    (text) => {
      expect(() => parseWhen(text, 'UTC', NOW)).toThrow(new WindowError(replayMessages.badWhen(text)));
    },
  );
});

describe('time zones', () => {
  it('takes an IANA name in any case and refuses an unknown one', () => {
    expect(checkTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(checkTimeZone('UTC')).toBe('UTC');
    expect(() => checkTimeZone('Mars/Olympus_Mons')).toThrow(replayMessages.badTimeZone('Mars/Olympus_Mons'));
  });

  it('days end at local midnight, also at a 45-minute offset', () => {
    const kathmandu = new LocalCalendar('Asia/Kathmandu'); // UTC+05:45
    expect(kathmandu.day(Date.parse('2026-12-01T18:14:59Z'))).toBe('2026-12-01');
    expect(kathmandu.day(Date.parse('2026-12-01T18:15:00Z'))).toBe('2026-12-02');
    const utc = new LocalCalendar();
    expect(utc.day(Date.parse('2026-12-01T23:59:59.999Z'))).toBe('2026-12-01');
    expect(utc.day(Date.parse('2026-12-02T00:00:00Z'))).toBe('2026-12-02');
    const la = new LocalCalendar('America/Los_Angeles');
    expect(la.day(Date.parse('2026-12-02T07:59:00Z'))).toBe('2026-12-01');
    expect(la.wallClock(Date.parse('2026-12-02T07:59:00Z'))).toBe('2026-12-01 23:59');
  });

  it('weeks start on Monday in the zone, months on the 1st', () => {
    const utc = new LocalCalendar();
    expect(utc.week(Date.parse('2026-12-06T23:00:00Z'))).toBe('2026-11-30'); // a Sunday
    expect(utc.week(Date.parse('2026-12-07T00:00:00Z'))).toBe('2026-12-07'); // a Monday
    expect(utc.week(Date.parse('2027-01-02T12:00:00Z'))).toBe('2026-12-28'); // across the year
    expect(new LocalCalendar('Asia/Tokyo').week(Date.parse('2026-12-06T15:30:00Z'))).toBe('2026-12-07');
    expect(utc.month(Date.parse('2026-11-30T23:30:00Z'))).toBe('2026-11');
    expect(new LocalCalendar('Europe/Paris').month(Date.parse('2026-11-30T23:30:00Z'))).toBe('2026-12');
  });
});

describe("the calendar's cache", () => {
  // day() keeps each quarter hour's date and the last one asked, and week() and month() follow from it: over
  // a year of instants under an hour apart (midnights, Mondays, month ends and both DST changes), and back
  // and forth between far instants, they must give what Intl and date arithmetic give each time afresh.
  it.each(['America/New_York', 'UTC', 'Asia/Kathmandu'])('agrees with an uncached reckoning in %s', (zone) => {
    const calendar = new LocalCalendar(zone);
    const dayOf = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const start = Date.parse('2026-01-01T00:00:00Z');
    const instants: number[] = [];
    for (let t = start, i = 0; t < start + 370 * DAY; i++) {
      instants.push(t);
      if (i % 50 === 0) instants.push(start + ((i * 7919) % 370) * DAY + i * 60_000);
      t += 41 * 60_000 + ((i * 37) % 13) * 60_000;
    }
    const wrong: string[] = [];
    for (const t of instants) {
      const day = dayOf.format(t);
      const [y, m, d] = day.split('-').map(Number);
      const utc = Date.UTC(y, m - 1, d);
      const monday = new Date(utc - ((new Date(utc).getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);
      const got = `${calendar.day(t)} ${calendar.week(t)} ${calendar.month(t)}`;
      if (got !== `${day} ${monday} ${day.slice(0, 7)}`) wrong.push(`${new Date(t).toISOString()}: ${got}`);
    }
    expect(instants.length).toBeGreaterThan(10_000);
    expect(wrong).toEqual([]);
    expect(mondayOf('2026-03-08')).toBe('2026-03-02'); // the Sunday New York moved its clocks
    expect(mondayOf('2026-11-02')).toBe('2026-11-02');
  });
});

describe('project folders', () => {
  it('reads back the path Claude Code encoded in the folder name', () => {
    expect(decodeProject('-home-marco-projects-spotter')).toBe('/home/marco/projects/spotter');
    expect(decodeProject('C--src-app')).toBe('C:\\src\\app');
    expect(decodeProject('spotter')).toBe('spotter');
    expect(decodeProject('')).toBe('');
  });
});
