// logs/ (layer 4), EDGE: a gzip file as a synchronous stream of inflated bytes, for read-lines.ts. fflate's
// streaming Gunzip (pure JavaScript, a synchronous push API): Node's own zlib streams are asynchronous, and
// the replay is one synchronous pass; a whole-file gunzipSync would hold the whole file in memory.
import { closeSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as zlib from 'node:zlib';
import type * as Fflate from 'fflate';
import { inputError } from '../model/errors.js';
import { logMessages } from './messages.js';

/** Compressed bytes read per inflation step; the inflated output of one step is handed on before the next. */
const GZIP_CHUNK_BYTES = 64 * 1024;
/** Node's CRC-32 (zlib.crc32, Node 20.15 and later); without it only the length of a gzip member is checked. */
const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/**
 * fflate, loaded when the first gzip file is read: its module takes longer to load than many commands take
 * to run, and only gzip input needs it. Required (its CommonJS build), since reading is synchronous.
 */
let fflate: typeof Fflate | null = null;
const loadFflate = (): typeof Fflate => (fflate ??= createRequire(import.meta.url)('fflate') as typeof Fflate);

/** Where a file's bytes come from: the file itself, or its gzip stream inflated. */
export interface ByteSource {
  /** Writes up to `length` bytes at `buffer[offset]` and returns how many (fewer is not the end); 0 only at the end. */
  read(buffer: Buffer, offset: number, length: number): number;
  close(): void;
}

/**
 * A gzip file inflated on demand: compressed chunks are pushed into fflate only when its output runs dry.
 * fflate does not check the trailer, so a file of one member (the usual case) is checked here: the CRC-32
 * and length of what was inflated must match the last 8 bytes, or the file is corrupt. Whatever was
 * inflated before a fault is handed out first, so the message names the line the fault is in.
 */
export class GzipSource implements ByteSource {
  private readonly inflater = new (loadFflate().Gunzip)((data) => this.inflated(data));
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
