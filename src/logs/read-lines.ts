// logs/ (layer 4), EDGE: recorded logs as a stream of lines, read synchronously in fixed-size chunks so memory
// never follows the file size (Claude Code transcripts reach hundreds of MB; one line can be 100 MB). A
// gzip file (found by its magic bytes, whatever its name) is inflated as it is read (gzip-source.ts).
import { closeSync, openSync, readSync } from 'node:fs';
import type { LogLine, RawLine } from './types.js';
import { GzipSource, type ByteSource } from './gzip-source.js';

const CHUNK_BYTES = 4 * 1024 * 1024;
/** Longer lines are skipped whole (reported by the caller through `onSkipped`) rather than decoded. */
export const MAX_LINE_BYTES = 128 * 1024 * 1024;

export interface ReadLinesOptions {
  /**
   * A cheap filter on the raw bytes of a line (before it is decoded to a string): lines it rejects are
   * never decoded or parsed. Readers use it to skip the bulk of a transcript (file snapshots, progress);
   * scanLines uses it to look at every line without decoding any.
   */
  readonly wanted?: (bytes: Buffer, start: number, end: number, line: number) => boolean;
  /** Called for a line longer than MAX_LINE_BYTES, which is not decoded. */
  readonly onSkipped?: (line: number, bytes: number) => void;
  /** The file name lines carry (for messages); default the path. */
  readonly shownAs?: string;
}

/** True when the file starts with gzip's magic bytes (1f 8b). */
export function isGzipFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/**
 * Lines of `path` without their line ends (LF or CRLF), numbered from 1; empty lines are not yielded.
 * A corrupt or truncated gzip file is an InputError naming the file and the line reached.
 */
export function* readLines(path: string, options: ReadLinesOptions = {}): Generator<LogLine> {
  const shown = options.shownAs ?? path;
  const source = openSource(path, shown);
  try {
    yield* linesOf(source, options, (buffer, start, end, line) =>
      options.wanted !== undefined && !options.wanted(buffer, start, end, line)
        ? null
        : { file: shown, line, text: buffer.toString('utf8', start, end) },
    );
  } finally {
    source.close();
  }
}

/**
 * The lines of `path` as readLines gives them (numbered from 1, line ends stripped, empty lines left out),
 * but undecoded: each is the one RawLine, updated in place, whose bytes stay valid only until the next
 * call. For a reader that parses most lines straight from their bytes (logs/csv-plain.ts) and decodes the
 * few it cannot; `text()` decodes the current line as readLines would.
 */
export class RawLines {
  private readonly lines: Generator<RawLine>;

  constructor(path: string, options: Omit<ReadLinesOptions, 'wanted'> = {}) {
    this.lines = rawLinesOf(path, options);
  }

  /** The next line, or null at the end of the file (which is then closed). */
  next(): RawLine | null {
    const result = this.lines.next();
    return result.done === true ? null : result.value;
  }

  /** Closes the file of a reader left part-read. */
  close(): void {
    this.lines.return(undefined);
  }
}

/** The decoded text of a raw line, as readLines yields it. */
export const rawText = (line: RawLine): string => line.bytes.toString('utf8', line.start, line.end);

function* rawLinesOf(path: string, options: Omit<ReadLinesOptions, 'wanted'>): Generator<RawLine> {
  const shown = options.shownAs ?? path;
  const source = openSource(path, shown);
  const raw: RawLine = { file: shown, line: 0, bytes: Buffer.alloc(0), start: 0, end: 0 };
  try {
    yield* linesOf(source, options, (buffer, start, end, line) => {
      raw.line = line;
      raw.bytes = buffer;
      raw.start = start;
      raw.end = end;
      return raw;
    });
  } finally {
    source.close();
  }
}

/**
 * Calls `visit` with the raw bytes of every line (no line is decoded to a string): the cheap pass that
 * find-logs.ts makes over a whole file for its time bounds.
 */
export function scanLines(
  path: string,
  visit: (bytes: Buffer, start: number, end: number, line: number) => void,
  options: Omit<ReadLinesOptions, 'wanted'> = {},
): void {
  const wanted = (bytes: Buffer, start: number, end: number, line: number): boolean => {
    visit(bytes, start, end, line);
    return false;
  };
  for (const line of readLines(path, { ...options, wanted })) void line;
}

function openSource(path: string, shown: string): ByteSource {
  const gzip = isGzipFile(path);
  const fd = openSync(path, 'r');
  if (!gzip)
    return { read: (buffer, offset, length) => readSync(fd, buffer, offset, length, null), close: () => closeSync(fd) };
  return new GzipSource(fd, shown);
}

/** Makes what a non-empty line yields (null: nothing), from its bytes without the line end. */
type LineOf<T> = (buffer: Buffer, start: number, end: number, line: number) => T | null;

function* linesOf<T>(source: ByteSource, options: Omit<ReadLinesOptions, 'wanted'>, make: LineOf<T>): Generator<T> {
  const { onSkipped } = options;
  const gzip = source instanceof GzipSource ? source : null;
  let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let filled = 0;
  let lineNumber = 1;
  // While a line is longer than the buffer can grow to, it is skipped up to its end.
  let skipping = false;
  let skippedBytes = 0;
  for (;;) {
    if (filled === buffer.length) {
      if (buffer.length < MAX_LINE_BYTES + 2) {
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_LINE_BYTES + 2));
        buffer.copy(grown, 0, 0, filled);
        buffer = grown;
      } else {
        skipping = true;
        skippedBytes += filled;
        filled = 0;
      }
    }
    if (gzip !== null) gzip.lineReached = lineNumber;
    const read = source.read(buffer, filled, buffer.length - filled);
    const end = filled + read;
    // Searched within what was read: a short read (gzip) must not scan the stale rest of the buffer.
    const view = end === buffer.length ? buffer : buffer.subarray(0, end);
    let start = 0;
    for (let newline = view.indexOf(10, filled); newline !== -1; newline = view.indexOf(10, start)) {
      if (skipping) {
        onSkipped?.(lineNumber, skippedBytes + newline);
        skipping = false;
        skippedBytes = 0;
      } else {
        const line = emit(buffer, start, newline, lineNumber, make);
        if (line !== null) yield line;
      }
      lineNumber++;
      start = newline + 1;
    }
    if (read === 0) {
      // The last line may lack its newline (a truncated file): it is still a line.
      if (skipping) onSkipped?.(lineNumber, skippedBytes + end);
      else if (end > start) {
        const line = emit(buffer, start, end, lineNumber, make);
        if (line !== null) yield line;
      }
      return;
    }
    buffer.copy(buffer, 0, start, end);
    filled = end - start;
  }
}

/** A line without its CR, unless it is empty. */
function emit<T>(buffer: Buffer, start: number, end: number, line: number, make: LineOf<T>): T | null {
  if (end > start && buffer[end - 1] === 13) end--;
  if (end === start) return null;
  return make(buffer, start, end, line);
}
