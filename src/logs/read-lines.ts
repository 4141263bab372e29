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
  /** Tests only: the buffer's first size (default CHUNK_BYTES) and the longest line read (MAX_LINE_BYTES). */
  readonly chunkBytes?: number;
  readonly maxLineBytes?: number;
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
  const lines = new LineCutter(openSource(path, shown), options);
  const wanted = options.wanted;
  try {
    while (lines.next())
      if (wanted === undefined || wanted(lines.bytes, lines.start, lines.end, lines.line))
        yield { file: shown, line: lines.line, text: lines.bytes.toString('utf8', lines.start, lines.end) };
  } finally {
    lines.close();
  }
}

/**
 * The lines of `path` as readLines gives them (numbered from 1, line ends stripped, empty lines left out),
 * but undecoded: each is the one RawLine, updated in place, whose bytes stay valid only until the next
 * call. For a reader that parses most lines straight from their bytes (logs/csv-plain.ts) and decodes the
 * few it cannot (rawText). No generator between the reader and the bytes: a generator's resumption and
 * result object per line were a fifth of the CSV reader's time.
 */
export class RawLines {
  private lines: LineCutter | null = null;
  private closed = false;
  private readonly raw: RawLine;

  constructor(
    private readonly path: string,
    private readonly options: Omit<ReadLinesOptions, 'wanted'> = {},
  ) {
    this.raw = {
      file: options.shownAs ?? path,
      line: 0,
      bytes: Buffer.alloc(0),
      start: 0,
      end: 0,
      readEnd: 0,
      fill: 0,
    };
  }

  /** The next line, or null at the end of the file (which is then closed). The file opens at the first call. */
  next(): RawLine | null {
    let lines = this.lines;
    if (lines === null) {
      if (this.closed) return null;
      lines = this.lines = new LineCutter(openSource(this.path, this.raw.file), this.options);
    }
    if (!lines.next()) {
      this.close();
      return null;
    }
    const raw = this.raw;
    raw.line = lines.line;
    raw.bytes = lines.bytes;
    raw.start = lines.start;
    raw.end = lines.end;
    raw.readEnd = lines.readEnd;
    raw.fill = lines.fills;
    return raw;
  }

  /** Closes the file of a reader left part-read. */
  close(): void {
    this.closed = true;
    this.lines?.close();
    this.lines = null;
  }
}

/** The decoded text of a raw line, as readLines yields it. */
export const rawText = (line: RawLine): string => line.bytes.toString('utf8', line.start, line.end);

/**
 * Calls `visit` with the raw bytes of every line (no line is decoded to a string): the cheap pass that
 * find-logs.ts makes over a whole file for its time bounds. `fill` counts the reads into the buffer: while
 * it stays the same, the buffer's bytes do not change, so what a visitor found searching ahead of a line
 * (the next quote) still holds for the lines after it.
 */
export function scanLines(
  path: string,
  visit: (bytes: Buffer, start: number, end: number, line: number, fill: number) => void,
  options: Omit<ReadLinesOptions, 'wanted'> = {},
): void {
  const lines = new LineCutter(openSource(path, options.shownAs ?? path), options);
  try {
    while (lines.next()) visit(lines.bytes, lines.start, lines.end, lines.line, lines.fills);
  } finally {
    lines.close();
  }
}

function openSource(path: string, shown: string): ByteSource {
  const gzip = isGzipFile(path);
  const fd = openSync(path, 'r');
  if (!gzip)
    return { read: (buffer, offset, length) => readSync(fd, buffer, offset, length, null), close: () => closeSync(fd) };
  return new GzipSource(fd, shown);
}

/**
 * Cuts a byte source into its non-empty lines, one per next(): the current line is [start, end) of `bytes`
 * (line end and CR excluded), valid until the next call. The buffer holds CHUNK_BYTES; a line that does not
 * fit makes it grow, up to MAX_LINE_BYTES, beyond which the line is skipped up to its end (`onSkipped`).
 */
class LineCutter {
  bytes: Buffer;
  start = 0;
  end = 0;
  /** The current line's number (from 1). */
  line = 0;
  /** Reads into the buffer so far (its bytes change only with a read). */
  fills = 0;
  /** The end of the bytes read so far, for a reader that looks at the lines after the current one. */
  get readEnd(): number {
    return this.filled;
  }
  /** The bytes read so far: [0, filled) of `bytes`, which indexOf searches through. */
  private view: Buffer;
  private filled = 0;
  /** Where the next line starts, and where to look for its newline (the bytes before hold none). */
  private nextStart = 0;
  private searchFrom = 0;
  private lineNumber = 1;
  /** The source has no more bytes. */
  private drained = false;
  private done = false;
  /** While a line is longer than the buffer can grow to, it is skipped up to its end. */
  private skipping = false;
  private skippedBytes = 0;
  private readonly gzip: GzipSource | null;
  private readonly maxLineBytes: number;

  constructor(
    private readonly source: ByteSource,
    private readonly options: Omit<ReadLinesOptions, 'wanted'>,
  ) {
    this.bytes = Buffer.allocUnsafe(options.chunkBytes ?? CHUNK_BYTES);
    this.view = this.bytes.subarray(0, 0);
    this.gzip = source instanceof GzipSource ? source : null;
    this.maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
  }

  /** Moves to the next non-empty line; false at the end of the source. */
  next(): boolean {
    for (;;) {
      const newline = this.view.indexOf(10, this.searchFrom);
      if (newline !== -1) {
        const start = this.nextStart;
        const line = this.lineNumber++;
        this.nextStart = this.searchFrom = newline + 1;
        if (this.skipping) {
          this.options.onSkipped?.(line, this.skippedBytes + newline);
          this.skipping = false;
          this.skippedBytes = 0;
        } else if (this.cut(start, newline, line)) return true;
        continue;
      }
      if (this.done) return false;
      if (this.drained) {
        // The last line may lack its newline (a truncated file): it is still a line.
        this.done = true;
        const start = this.nextStart;
        if (this.skipping) this.options.onSkipped?.(this.lineNumber, this.skippedBytes + this.filled);
        else if (this.filled > start) return this.cut(start, this.filled, this.lineNumber);
        return false;
      }
      this.fill();
    }
  }

  close(): void {
    this.source.close();
  }

  /** Makes [start, end) without its CR the current line, unless it is empty. */
  private cut(start: number, end: number, line: number): boolean {
    if (end > start && this.bytes[end - 1] === 13) end--;
    if (end === start) return false;
    this.start = start;
    this.end = end;
    this.line = line;
    return true;
  }

  /** Keeps the part of a line read so far at the front of the buffer, and reads on after it. */
  private fill(): void {
    let buffer = this.bytes;
    const kept = this.filled - this.nextStart;
    buffer.copy(buffer, 0, this.nextStart, this.filled);
    this.filled = kept;
    this.nextStart = 0;
    if (kept === buffer.length) {
      if (buffer.length < this.maxLineBytes + 2) {
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, this.maxLineBytes + 2));
        buffer.copy(grown, 0, 0, kept);
        this.bytes = buffer = grown;
      } else {
        this.skipping = true;
        this.skippedBytes += kept;
        this.filled = 0;
      }
    }
    this.fills++;
    if (this.gzip !== null) this.gzip.lineReached = this.lineNumber;
    this.searchFrom = this.filled;
    const read = this.source.read(buffer, this.filled, buffer.length - this.filled);
    if (read === 0) this.drained = true;
    this.filled += read;
    // Searched within what was read: a short read (gzip) must not scan the stale rest of the buffer.
    this.view = this.filled === buffer.length ? buffer : buffer.subarray(0, this.filled);
  }
}
