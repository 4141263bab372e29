// logs/ (layer 4), EDGE: the earliest and latest timestamp of a whole log file, found by one pass over its
// raw bytes (no line is decoded or parsed), so that a replay's origin, horizon and file opening order hold
// when lines are not in time order (several sessions concatenated, an export, a shuffled copy).
import { parse } from 'csv-parse/sync';
import type { LogFormat } from '../model/log-format.js';
import { isWantedClaudeLine } from './claude-code.js';
import { MAX_EPOCH_MS, parseTimestampMs } from './iso-time.js';
import { scanLines } from './read-lines.js';
import { RunSplitter, type StreamRun } from './stream-runs.js';

export interface TimeBounds {
  /** Earliest and latest timestamp (epoch ms; relative ms for Mooncake); NaN when the file has none. */
  readonly firstMs: number;
  readonly lastMs: number;
  /** CSV and Mooncake: the runs to read as separate streams, when the reorder buffer cannot order the file. */
  readonly runs?: readonly StreamRun[];
  /** CSV and Mooncake: every row is in time order (no reorder buffer needed). */
  readonly sorted?: boolean;
}

export interface TimeBoundsOptions {
  /** CSV: the header name of the timestamp column (default `timestamp`). */
  readonly csvTimestampColumn?: string;
  /** The file name for messages (a corrupt gzip file). */
  readonly shownAs?: string;
}

const KEY = Buffer.from('"timestamp"');
const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
/** An ISO-8601 time with a zone and nanoseconds is 35 characters; anything longer is not a timestamp. */
const MAX_VALUE_BYTES = 40;
/** The most digits parseTimestampMs reads as epoch ms (iso-time.ts parseDigits). */
const MAX_DIGITS = 16;

/**
 * Every line's timestamp, min and max. JSON lines: the top-level `"timestamp"` (a line holding several,
 * such as a Claude Code progress line that embeds a subagent's message, is walked to find the one at depth
 * 1); CSV: the timestamp column. A line without a readable timestamp is skipped: the readers report it.
 */
export function timeBounds(path: string, format: LogFormat, options: TimeBoundsOptions = {}): TimeBounds {
  let firstMs = Infinity;
  let lastMs = -Infinity;
  const add = (ms: number): void => {
    if (ms < firstMs) firstMs = ms;
    if (ms > lastMs) lastMs = ms;
  };
  let visit: (bytes: Buffer, start: number, end: number, line: number, fill: number) => void;
  const runs = format === 'csv' || format === 'mooncake' ? new RunSplitter() : undefined;
  if (format === 'csv') {
    let column = -1;
    // The next quote in the buffer at or after the current line (Infinity: none), found by one search for
    // many lines: a line before it has none, and is cut at its commas without looking at each byte for one.
    let nextQuote = 0;
    let quoteFill = -1;
    visit = (bytes, start, end, line, fill) => {
      if (column === -1) {
        column = headerColumn(bytes.toString('utf8', start, end), options.csvTimestampColumn ?? 'timestamp');
        return;
      }
      if (fill !== quoteFill || nextQuote < start) {
        const at = bytes.indexOf(QUOTE, start);
        nextQuote = at === -1 ? Infinity : at;
        quoteFill = fill;
      }
      const ms =
        nextQuote < end ? slowCsvTimestampMs(bytes, start, end, column) : csvTimestampMs(bytes, start, end, column);
      if (Number.isFinite(ms)) {
        add(ms);
        runs?.add(ms, line);
      }
    };
  } else {
    const claude = format === 'claude-code';
    visit = (bytes, start, end, line) => {
      if (claude && !isWantedClaudeLine(bytes, start, end)) return;
      const ms = jsonTimestamp(bytes.subarray(start, end));
      if (Number.isFinite(ms)) {
        add(ms);
        runs?.add(ms, line);
      }
    };
  }
  scanLines(path, visit, { shownAs: options.shownAs });
  if (firstMs === Infinity) return { firstMs: NaN, lastMs: NaN };
  if (runs === undefined) return { firstMs, lastMs };
  const split = runs.result();
  return { firstMs, lastMs, sorted: runs.sorted, ...(split && { runs: split }) };
}

/** The line's top-level timestamp: ISO-8601 text or a whole number (Mooncake's relative ms). */
function jsonTimestamp(line: Buffer): number {
  let at = line.indexOf(KEY);
  if (at === -1) return NaN;
  if (line.indexOf(KEY, at + KEY.length) !== -1) at = topLevelKey(line);
  return at === -1 ? NaN : valueAfter(line, at + KEY.length);
}

/** Where `"timestamp":` opens a member of the outermost object, -1 if nowhere. */
function topLevelKey(line: Buffer): number {
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === QUOTE) {
      if (depth === 1 && line.compare(KEY, 0, KEY.length, i, i + KEY.length) === 0 && colonAfter(line, i + KEY.length))
        return i;
      for (i++; i < line.length && line[i] !== QUOTE; i++) if (line[i] === BACKSLASH) i++;
    } else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) depth--;
  }
  return -1;
}

function colonAfter(line: Buffer, from: number): boolean {
  let i = from;
  while (line[i] === 32) i++;
  return line[i] === COLON;
}

/** The value after `"timestamp"`: skips `:` and blanks, reads a string or a number. */
function valueAfter(line: Buffer, from: number): number {
  let i = from;
  while (line[i] === 32) i++;
  if (line[i++] !== COLON) return NaN;
  while (line[i] === 32) i++;
  if (line[i] === QUOTE) {
    const close = line.indexOf(QUOTE, i + 1);
    if (close === -1 || close - i > MAX_VALUE_BYTES) return NaN;
    return parseTimestampMs(line.toString('latin1', i + 1, close));
  }
  let end = i;
  while (end < line.length && line[end] >= 48 && line[end] <= 57) end++;
  if (end === i || end - i > 16) return NaN;
  // Within the span a timestamp may take (iso-time.ts), as the readers require.
  const ms = Number(line.toString('latin1', i, end));
  return ms < MAX_EPOCH_MS ? ms : NaN;
}

function headerColumn(header: string, name: string): number {
  const cells = csvCells(header.replace(/^\uFEFF/, ''));
  return Math.max(0, cells.indexOf(name));
}

/**
 * The timestamp in cell `column` of the line [start, end), which holds no quote: read from the bytes when the
 * cell is plain digits (epoch ms, the common CSV log; a 1,000,000-row file is dated in a tenth of the time
 * it took to cut and decode each line), else as csvCell and parseTimestampMs read it.
 */
function csvTimestampMs(bytes: Buffer, start: number, end: number, column: number): number {
  let from = start;
  let cell = 0;
  let to = start;
  for (; to < end; to++) {
    if (bytes[to] === COMMA) {
      if (cell === column) break;
      cell++;
      from = to + 1;
    }
  }
  if (cell !== column) return NaN;
  if (to === from || to - from > MAX_DIGITS) return slowCsvTimestampMs(bytes, start, end, column);
  let ms = 0;
  for (let at = from; at < to; at++) {
    const digit = bytes[at] - 48;
    if (digit < 0 || digit > 9) return slowCsvTimestampMs(bytes, start, end, column);
    ms = ms * 10 + digit;
  }
  return ms < MAX_EPOCH_MS ? ms : NaN;
}

function slowCsvTimestampMs(bytes: Buffer, start: number, end: number, column: number): number {
  return parseTimestampMs(csvCell(bytes.subarray(start, end), column));
}

/** One cell of a CSV line: by commas when the line has no quote (the common case), else parsed. */
function csvCell(line: Buffer, column: number): string {
  if (line.indexOf(QUOTE) !== -1) return csvCells(line.toString('utf8'))[column] ?? '';
  let from = 0;
  for (let c = 0; c < column; c++) {
    const comma = line.indexOf(COMMA, from);
    if (comma === -1) return '';
    from = comma + 1;
  }
  const comma = line.indexOf(COMMA, from);
  return line.toString('latin1', from, comma === -1 ? line.length : comma).trim();
}

function csvCells(text: string): string[] {
  try {
    const records: string[][] = parse(text, { relax_column_count: true, relax_quotes: true });
    return (records[0] ?? []).map((cell) => cell.trim());
  } catch {
    return [];
  }
}
