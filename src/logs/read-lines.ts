// logs/ (layer 4), EDGE: recorded logs as a stream of lines, read synchronously in fixed-size chunks so memory
// never follows the file size (Claude Code transcripts reach hundreds of MB; one line can be 100 MB). A
// gzip file (found by its magic bytes, whatever its name) is inflated as it is read, chunk by chunk, with
// fflate's streaming Gunzip: Node's own zlib streams are asynchronous, and the replay is one synchronous pass.
import { closeSync, openSync, readSync } from 'node:fs';
import * as zlib from 'node:zlib';
import { Gunzip } from 'fflate';
import { inputError } from '../model/errors.js';
import type { LogLine } from './types.js';
import { logMessages } from './messages.js';

const CHUNK_BYTES = 4 * 1024 * 1024;
/** Compressed bytes read per inflation step; the inflated output of one step is handed on before the next. */
const GZIP_CHUNK_BYTES = 64 * 1024;
/** Node's CRC-32 (zlib.crc32, Node 20.15 and later); without it only the length of a gzip member is checked. */
const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
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

/** Where a file's bytes come from: the file itself, or its gzip stream inflated. */
interface ByteSource {
  /** Fills `buffer[offset, offset + length)` as far as it can; 0 only at the end. */
  read(buffer: Buffer, offset: number, length: number): number;
  close(): void;
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
    yield* linesOf(source, shown, options);
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

/**
 * A gzip file inflated on demand: compressed chunks are pushed into fflate only when its output runs dry.
 * fflate does not check the trailer, so a file of one member (the usual case) is checked here: the CRC-32
 * and length of what was inflated must match the last 8 bytes, or the file is corrupt. Whatever was
 * inflated before a fault is handed out first, so the message names the line the fault is in.
 */
class GzipSource implements ByteSource {
  private readonly inflater = new Gunzip((data) => this.inflated(data));
  private readonly pending: Uint8Array[] = [];
  /** How far into pending[0] has been handed out. */
  private offset = 0;
  private readonly compressed = Buffer.allocUnsafe(GZIP_CHUNK_BYTES);
  private ended = false;
  private fault = '';
  private members = 1;
  private crc = 0;
  private length = 0;
  /** The last 8 compressed bytes read: the trailer of the last member (CRC-32, length mod 2^32). */
  private readonly trailer = Buffer.alloc(8);
  private compressedBytes = 0;
  /** Lines handed out so far end before this one (for the message when the stream is corrupt). */
  lineReached = 1;

  constructor(
    private readonly fd: number,
    private readonly shown: string,
  ) {
    this.inflater.onmember = () => this.members++;
  }

  read(buffer: Buffer, at: number, length: number): number {
    let copied = 0;
    while (copied < length) {
      const head = this.pending[0];
      if (head === undefined) {
        if (this.ended) break;
        this.inflate();
        continue;
      }
      const count = Math.min(length - copied, head.length - this.offset);
      buffer.set(head.subarray(this.offset, this.offset + count), at + copied);
      copied += count;
      this.offset += count;
      if (this.offset === head.length) {
        this.pending.shift();
        this.offset = 0;
      }
      // Hand over what one compressed chunk gave rather than inflate on: a sniff reads only the first lines.
      if (this.pending.length === 0) break;
    }
    if (copied === 0 && this.fault !== '')
      throw inputError(this.shown, '', logMessages.badGzip(this.fault, this.lineReached), this.lineReached);
    return copied;
  }

  private inflated(data: Uint8Array): void {
    this.pending.push(data);
    if (crc32 !== undefined) this.crc = crc32(data, this.crc);
    this.length = (this.length + data.length) % 2 ** 32;
  }

  /** Pushes the next compressed chunk; at the end of the file, checks the trailer. */
  private inflate(): void {
    const count = readSync(this.fd, this.compressed, 0, GZIP_CHUNK_BYTES, null);
    this.keepTrailer(count);
    try {
      // fflate keeps no reference to a pushed chunk beyond the call, so the read buffer is reused.
      this.inflater.push(this.compressed.subarray(0, count), count === 0);
    } catch (error) {
      this.fault = error instanceof Error ? error.message : String(error);
      this.ended = true;
      return;
    }
    if (count > 0) return;
    this.ended = true;
    if (this.members === 1 && this.compressedBytes >= 8) {
      const crcOk = crc32 === undefined || this.trailer.readUInt32LE(0) === this.crc;
      if (!crcOk || this.trailer.readUInt32LE(4) !== this.length) this.fault = logMessages.gzipChecksum();
    }
  }

  private keepTrailer(count: number): void {
    this.compressedBytes += count;
    if (count >= 8) this.compressed.copy(this.trailer, 0, count - 8, count);
    else if (count > 0) {
      this.trailer.copy(this.trailer, 0, count, 8);
      this.compressed.copy(this.trailer, 8 - count, 0, count);
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}

function* linesOf(source: ByteSource, path: string, options: ReadLinesOptions): Generator<LogLine> {
  const { wanted, onSkipped } = options;
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
  if (wanted !== undefined && !wanted(buffer, start, end, line)) return null;
  return { file, line, text: buffer.toString('utf8', start, end) };
}
