// logs/ (layer 4): timestamps of recorded logs, read field by field: integer epoch ms or ISO-8601 (csv.ts
// uses it for every row, so it avoids Date.parse's leniency and the cost of a regular expression).

/** Timestamps span the years an ISO time can write (0000–9999), epoch ms included: 0000-01-01T00:00Z… */
export const MIN_EPOCH_MS = -62_167_219_200_000;
/** …to 10000-01-01T00:00Z, exclusive. Within this span, epoch ms minus MIN_EPOCH_MS is still exact. */
export const MAX_EPOCH_MS = 253_402_300_800_000;

/**
 * Epoch ms of a timestamp in a JSON log line (Claude Code's `timestamp`): ISO-8601 text read by
 * parseTimestampMs, so within the years 0000–9999 and in UTC whatever the machine's zone (Date.parse
 * takes `+275760-09-13T00:00:00Z`, which no chart can draw, and reads zone-less times in local time);
 * NaN for anything else.
 */
export function jsonTimestampMs(value: unknown): number {
  return typeof value === 'string' ? parseTimestampMs(value) : NaN;
}

/** Below this, an integer is a small integer (Smi) for V8 even in a pointer-compressed build (31 bits). */
const SMALL_INTEGER_LIMIT = 2 ** 30;

/**
 * `ms` (an integer) as V8 keeps small integers rather than as a double: a difference of two epoch times is
 * computed as a double, and stored in a request as a 16-byte heap number per request unless it is turned
 * back into an int32 here. Same value either way; larger values are returned as they are.
 */
export function smallInteger(ms: number): number {
  return ms >= 0 && ms < SMALL_INTEGER_LIMIT ? ms | 0 : ms;
}

/** The value of a string of decimal digits, or -1 for anything else (including the empty string). */
export function parseDigits(text: string): number {
  const length = text.length;
  if (length === 0 || length > 16) return -1;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const DAYS_IN_400_YEARS = 146_097;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Epoch ms of an integer-ms or ISO-8601 timestamp, NaN when it is neither. Accepts
 * `YYYY-MM-DD[(T| )HH:MM[:SS[(.|,)fraction]]][Z|±HH[[:]MM]]`; fractions below a millisecond are dropped.
 * Read field by field rather than by Date.parse, which also takes forms like "March 7" and reads
 * offset-less times in local time; and without a regular expression, which cost a sixth of a row.
 */
export function parseTimestampMs(text: string): number {
  const digits = parseDigits(text);
  if (digits >= 0) return digits < MAX_EPOCH_MS ? digits : NaN;
  const length = text.length;
  if (length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let at = 10;
  const separator = text.charCodeAt(at);
  if (separator === 84 || separator === 116 || separator === 32) {
    // T, t or a space, then HH:MM
    if (text.charCodeAt(at + 3) !== 58) return NaN;
    hour = digitsAt(text, at + 1, 2);
    minute = digitsAt(text, at + 4, 2);
    at += 6;
    if (text.charCodeAt(at) === 58) {
      second = digitsAt(text, at + 1, 2);
      at += 3;
      const mark = text.charCodeAt(at);
      if (mark === 46 || mark === 44) {
        // . or , then at least one digit; only the first three count.
        let end = at + 1;
        while (end < length && isDigit(text.charCodeAt(end))) end++;
        if (end === at + 1) return NaN;
        for (let i = at + 1; i < at + 4; i++) ms = ms * 10 + (i < end ? text.charCodeAt(i) - 48 : 0);
        at = end;
      }
    }
  }
  let offsetMinutes = 0;
  if (at < length) {
    const zone = text.charCodeAt(at);
    if (zone === 90 || zone === 122) {
      at++;
    } else if (zone === 43 || zone === 45) {
      const offsetHours = digitsAt(text, at + 1, 2);
      at += 3;
      let offsetRest = 0;
      if (at < length) {
        if (text.charCodeAt(at) === 58) at++;
        offsetRest = digitsAt(text, at, 2);
        at += 2;
      }
      if (offsetHours > 23 || offsetRest > 59) return NaN;
      offsetMinutes = (zone === 45 ? -1 : 1) * (offsetHours * 60 + offsetRest);
    }
  }
  // A failed digitsAt is NaN, and every comparison with NaN is false: hence the negated ranges.
  if (at !== length || !(year >= 0) || !(month >= 1 && month <= 12) || !(day >= 1 && day <= DAYS_IN_MONTH[month - 1]))
    return NaN;
  if (!(hour <= 23 && minute <= 59 && second <= 59)) return NaN;
  if (month === 2 && day === 29 && !isLeapYear(year)) return NaN;
  // Date.UTC reads years 0–99 as 1900–1999; 400 Gregorian years are exactly 146,097 days.
  const cycles = year < 100 ? 1 : 0;
  return (
    Date.UTC(year + 400 * cycles, month - 1, day, hour, minute, second, ms) -
    cycles * DAYS_IN_400_YEARS * 86_400_000 -
    offsetMinutes * 60_000
  );
}

/** The value of `count` decimal digits at `at`, NaN when any is missing or not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return NaN;
    value = value * 10 + code - 48;
  }
  return value;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
