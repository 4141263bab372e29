// logs/ (layer 4), EDGE: recorded logs as a stream of lines, read synchronously in fixed-size chunks so memory
// never follows the file size (Claude Code transcripts reach hundreds of MB; one line can be 100 MB).
import { closeSync, openSync, readSync } from 'node:fs';
import type { LogLine } from './types.js';

const CHUNK_BYTES = 4 * 1024 * 1024;
/** Longer lines are skipped whole (reported by the caller through `onSkipped`) rather than decoded. */
export const MAX_LINE_BYTES = 128 * 1024 * 1024;

export interface ReadLinesOptions {
  /**
   * A cheap filter on the raw bytes of a line (before it is decoded to a string): lines it rejects are
   * never decoded or parsed. Readers use it to skip the bulk of a transcript (file snapshots, progress).
   */
  readonly wanted?: (bytes: Buffer, start: number, end: number) => boolean;
  /** Called for a line longer than MAX_LINE_BYTES, which is not decoded. */
  readonly onSkipped?: (line: number, bytes: number) => void;
  /** The file name lines carry (for messages); default the path. */
  readonly shownAs?: string;
}

/** Lines of `path` without their line ends (LF or CRLF), numbered from 1; empty lines are not yielded. */
export function* readLines(path: string, options: ReadLinesOptions = {}): Generator<LogLine> {
  const fd = openSync(path, 'r');
  try {
    yield* linesOf(fd, options.shownAs ?? path, options);
  } finally {
    closeSync(fd);
  }
}

function* linesOf(fd: number, path: string, options: ReadLinesOptions): Generator<LogLine> {
  const { wanted, onSkipped } = options;
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
    const read = readSync(fd, buffer, filled, buffer.length - filled, null);
    const end = filled + read;
    let start = 0;
    for (
      let newline = buffer.indexOf(10, filled);
      newline !== -1 && newline < end;
      newline = buffer.indexOf(10, start)
    ) {
      if (skipping) {
        onSkipped?.(lineNumber, skippedBytes + newline);
        skipping = false;
        skippedBytes = 0;
      } else {
        const line = emit(buffer, start, newline, lineNumber, path, wanted);
        if (line !== null) yield line;
      }
      lineNumber++;
      start = newline + 1;
    }
    if (read === 0) {
      // The last line may lack its newline (a truncated file): it is still a line.
      if (skipping) onSkipped?.(lineNumber, skippedBytes + end);
      else if (end > start) {
        const line = emit(buffer, start, end, lineNumber, path, wanted);
        if (line !== null) yield line;
      }
      return;
    }
    buffer.copy(buffer, 0, start, end);
    filled = end - start;
  }
}

function emit(
  buffer: Buffer,
  start: number,
  end: number,
  line: number,
  file: string,
  wanted: ReadLinesOptions['wanted'],
): LogLine | null {
  if (end > start && buffer[end - 1] === 13) end--;
  if (end === start) return null;
  if (wanted !== undefined && !wanted(buffer, start, end)) return null;
  return { file, line, text: buffer.toString('utf8', start, end) };
}
