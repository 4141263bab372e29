// replay/ (layer 9): the --since/--until window and the --timezone calendar of `replay`, `tune` and `fit`
// (docs/commands.md#dates-and-windows). Dates are read as a Claude Code user writes them (`2026-12-01`,
// `20261201`, an ISO time, `7d` back from now), and day, week and month boundaries fall at midnight in
// one IANA time zone (UTC by default, so the same logs give the same tables on every machine). Pure: the
// caller passes the clock (`nowMs`).
import { parseTimestampMs } from '../logs/iso-time.js';
import { replayMessages as windowMessages } from './messages.js';

export const DEFAULT_TIME_ZONE = 'UTC';
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Every zone offset in use is a whole multiple of 15 minutes, so a quarter hour has one local date. */
const QUARTER_MS = 15 * MINUTE_MS;
const RELATIVE_MS: Readonly<Record<string, number>> = { m: MINUTE_MS, h: 60 * MINUTE_MS, d: DAY_MS, w: 7 * DAY_MS };

/** A flag's value that is not a date, or a zone Intl does not know: the reason, for the caller to name the flag. */
export class WindowError extends Error {}

/** The IANA zone as Intl spells it (`europe/paris` → `Europe/Paris`); a WindowError for an unknown one. */
export function checkTimeZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new WindowError(windowMessages.badTimeZone(zone));
  }
}

/**
 * Epoch ms of `text`: `YYYY-MM-DD` or `YYYYMMDD` (midnight in `zone`; with `endOfDay`, the next midnight,
 * so `--until 2026-12-01` keeps that whole day as ccusage does), an ISO time (its own zone, else `zone`),
 * `today`/`yesterday`, or a span back from `nowMs` (`30m`, `12h`, `7d`, `2w`).
 */
export function parseWhen(text: string, zone: string, nowMs: number, endOfDay = false): number {
  const value = text.trim();
  const relative = /^(\d{1,6})([mhdw])$/i.exec(value);
  if (relative) return nowMs - Number(relative[1]) * RELATIVE_MS[relative[2].toLowerCase()];
  const calendar = new LocalCalendar(zone);
  const named = value.toLowerCase();
  if (named === 'today' || named === 'yesterday') {
    const [y, m, d] = calendar.day(nowMs).split('-').map(Number);
    const back = named === 'yesterday' ? 1 : 0;
    return calendar.midnight(y, m, d - back + (endOfDay ? 1 : 0));
  }
  const date = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value);
  if (date) {
    const [y, m, d] = date.slice(1).map(Number);
    if (!validDate(y, m, d)) throw new WindowError(windowMessages.badWhen(text));
    return calendar.midnight(y, m, d + (endOfDay ? 1 : 0));
  }
  // An ISO time with a zone (`Z`, `+02:00`) is absolute; without one it is a wall-clock time in `zone`.
  const zoned = /(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(value) && value.includes('T');
  const ms = parseTimestampMs(zoned ? value : `${value}Z`);
  if (!Number.isFinite(ms) || !value.includes('T')) throw new WindowError(windowMessages.badWhen(text));
  return zoned ? ms : calendar.fromWallClock(ms);
}

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Local dates of instants in one zone, cached by quarter hour (a year of logs: 35,000 entries at most). */
export class LocalCalendar {
  readonly zone: string;
  private readonly format: Intl.DateTimeFormat;
  private readonly days = new Map<number, string>();
  /** The quarter hour asked last and its date: consecutive requests mostly fall in one quarter hour. */
  private lastQuarter = NaN;
  private lastDay = '';

  constructor(zone: string = DEFAULT_TIME_ZONE) {
    this.zone = checkTimeZone(zone);
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: this.zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  /** `YYYY-MM-DD`, the local date of `epochMs`. */
  day(epochMs: number): string {
    const quarter = Math.floor(epochMs / QUARTER_MS);
    if (quarter === this.lastQuarter) return this.lastDay;
    let key = this.days.get(quarter);
    if (key === undefined) {
      const p = this.parts(quarter * QUARTER_MS);
      key = `${String(p.year).padStart(4, '0')}-${pad(p.month)}-${pad(p.day)}`;
      this.days.set(quarter, key);
    }
    this.lastQuarter = quarter;
    this.lastDay = key;
    return key;
  }

  /** The Monday starting the ISO week of `epochMs`'s local date, `YYYY-MM-DD`. */
  week(epochMs: number): string {
    return mondayOf(this.day(epochMs));
  }

  /** `YYYY-MM-DD HH:MM`, the local wall-clock time of `epochMs`. */
  wallClock(epochMs: number): string {
    const p = this.parts(epochMs);
    return `${String(p.year).padStart(4, '0')}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
  }

  /** `YYYY-MM`. */
  month(epochMs: number): string {
    return this.day(epochMs).slice(0, 7);
  }

  /** Epoch ms of local midnight starting y-m-d (a day past the month's end rolls over, as Date.UTC does). */
  midnight(y: number, m: number, d: number): number {
    return this.fromWallClock(Date.UTC(y, m - 1, d));
  }

  /** Epoch ms of the wall-clock time `wallMs` (written as if UTC) in this zone; a time skipped by DST moves on. */
  fromWallClock(wallMs: number): number {
    const guess = wallMs - this.offsetMs(wallMs);
    return wallMs - this.offsetMs(guess);
  }

  /** Local time minus UTC at `epochMs`. */
  offsetMs(epochMs: number): number {
    const p = this.parts(epochMs);
    const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    return local - (epochMs - (((epochMs % 1000) + 1000) % 1000));
  }

  private parts(epochMs: number): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
    const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const part of this.format.formatToParts(epochMs))
      if (part.type in out) out[part.type as keyof typeof out] = Number(part.value);
    return out;
  }
}

/** The Monday starting the ISO week of the date `day` (`YYYY-MM-DD`), `YYYY-MM-DD`: calendar arithmetic, no zone. */
export function mondayOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const utc = Date.UTC(y, m - 1, d);
  const sinceMonday = (new Date(utc).getUTCDay() + 6) % 7;
  return new Date(utc - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

const pad = (n: number): string => String(n).padStart(2, '0');
