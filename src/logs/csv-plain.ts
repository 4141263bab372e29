// logs/ (layer 4): the fast path of the CSV reader. Most rows of a generic CSV log are plain: printable
// ASCII without quotes or blanks, the header's number of cells, integer timestamps and counts. Such a row
// is read here straight from the reader's buffer (no decoding, no csv-parse, no per-cell strings: the
// request object is the row's one allocation). Anything else, down to a count above the limit or a
// timestamp out of order, is not plain: csv.ts hands that line to csv-parse, whose path names the
// problem, so both paths give the same requests and the same problems (test/logs/csv-plain.test.ts).
import type { Request } from '../model/request.js';
import type { RawLine } from './types.js';
import type { Layout } from './csv-layout.js';
import { keyHash, TOUCH_ROWS, type CsvKeys } from './csv-keys.js';
import type { CsvScopes } from './csv-scopes.js';
import { MAX_EPOCH_MS, parseTimestampMs, smallInteger } from './iso-time.js';
import { MAX_TOKENS } from '../model/log-format.js';

const COMMA = 44;
const QUOTE = 34;
/** Bytes from here up are not printable ASCII (DEL and every byte of a multi-byte UTF-8 character). */
const DEL = 127;
/** Bytes up to here are blanks or control characters (a space, a tab, a CR inside the line). */
const SPACE = 32;
const MAX_DIGITS = 16;
const NEWLINE = 10;
const CR = 13;

/** What a plain row needs of the reader's options. */
export interface PlainRowOptions {
  readonly model: string;
  readonly scope: string;
  readonly originMs: number;
  readonly unordered?: boolean;
  /** Look-ahead loads each row's prompt segment too (CsvKeys.touch): for a reader whose requests are simulated. */
  readonly prefetchPrompts?: boolean;
}

export class PlainRows {
  /** [start, end) of each cell of the last row scanned, in the buffer. */
  private readonly cellStart: Int32Array;
  private readonly cellEnd: Int32Array;
  /** The model cell's bytes and text of the last row that had one, so a repeated model is not decoded again. */
  private modelBytes = Buffer.alloc(0);
  private modelText = '';
  /** The rows touchAhead last looked at: up to aheadEnd in the buffer as it was after read number aheadFill. */
  private aheadEnd = 0;
  private aheadFill = -1;
  private readonly aheadHashes = new Int32Array(TOUCH_ROWS);

  constructor(
    private readonly layout: Layout,
    private readonly options: PlainRowOptions,
    private readonly keys: CsvKeys,
    private readonly scopes: CsvScopes,
    /** Epoch ms of the last row read by either path (csv.ts), for the order check; set here on each plain row. */
    private readonly previousEpochMs: Float64Array,
  ) {
    this.cellStart = new Int32Array(layout.fieldCount);
    this.cellEnd = new Int32Array(layout.fieldCount);
  }

  /** Whether the layout can be read here: one prefix column (segment columns build several segments per row). */
  static handles(layout: Layout): boolean {
    return layout.prefixTokens >= 0;
  }

  /**
   * The request of a plain, usable row not earlier than the last row read (unless unordered), or null when the
   * row is not plain or not usable: the caller then reads it with csv-parse.
   */
  request(line: RawLine): Request | null {
    const bytes = line.bytes;
    if ((line.start >= this.aheadEnd || line.fill !== this.aheadFill) && this.keys.touchPays) this.touchAhead(line);
    if (!this.scan(bytes, line.start, line.end)) return null;
    const layout = this.layout;
    const { cellStart, cellEnd } = this;
    const options = this.options;
    const timestampStart = cellStart[layout.timestamp];
    const timestampEnd = cellEnd[layout.timestamp];
    let epochMs = digitsAt(bytes, timestampStart, timestampEnd);
    if (epochMs < 0) {
      // An ISO time: decoded (it is ASCII) and read as csv-parse's path reads it.
      epochMs = parseTimestampMs(bytes.toString('latin1', timestampStart, timestampEnd));
      if (Number.isNaN(epochMs)) return null;
    } else if (epochMs >= MAX_EPOCH_MS) return null;
    if (epochMs < this.previousEpochMs[0] && options.unordered !== true) return null;
    const atMs = smallInteger(epochMs - options.originMs);
    if (atMs < 0) return null;
    const keyStart = cellStart[layout.key];
    const keyEnd = cellEnd[layout.key];
    if (keyEnd === keyStart) return null;
    const tailTokens = countAt(bytes, cellStart[layout.suffixTokens], cellEnd[layout.suffixTokens]);
    if (tailTokens < 0) return null;
    const outputTokens = countAt(bytes, cellStart[layout.outputTokens], cellEnd[layout.outputTokens]);
    if (outputTokens < 0) return null;
    const prefixTokens = countAt(bytes, cellStart[layout.prefixTokens], cellEnd[layout.prefixTokens]);
    if (prefixTokens < 0) return null;
    let keys = this.keys;
    let scope = options.scope;
    if (layout.scope >= 0) {
      const scopeStart = cellStart[layout.scope];
      const scopeEnd = cellEnd[layout.scope];
      if (scopeEnd === scopeStart) return null;
      keys = this.scopes.ofBytes(bytes, scopeStart, scopeEnd);
      scope = this.scopes.lastText;
    }
    const model =
      layout.model >= 0 ? this.modelOf(bytes, cellStart[layout.model], cellEnd[layout.model]) : options.model;
    this.previousEpochMs[0] = epochMs;
    const slot = keys.slotOfBytes(bytes, keyStart, keyEnd);
    return keys.prefixRequest(slot, prefixTokens, atMs, scope, model, tailTokens, outputTokens);
  }

  /**
   * Hashes the key cell of this line and of the lines after it already in the buffer (TOUCH_ROWS in all at
   * most), and has the key table load their entries together (CsvKeys.touch): with 100,000 keys, a row's
   * two cache misses were most of the reader's time in a replay, one after the other and row after row.
   * A hint only: it changes nothing, so a line that is not plain costs a wasted load. Not with a scope
   * column, whose rows find their keys in their scope's table, nor while the table fits in the caches.
   */
  private touchAhead(line: RawLine): void {
    const bytes = line.bytes;
    const readEnd = line.readEnd;
    const keyCell = this.layout.key;
    const hashes = this.aheadHashes;
    let i = line.start;
    let rows = 0;
    if (this.layout.scope < 0)
      for (; rows < TOUCH_ROWS && i < readEnd; rows++) {
        for (let cell = 0; cell < keyCell && i < readEnd && bytes[i] !== NEWLINE; i++) if (bytes[i] === COMMA) cell++;
        const keyStart = i;
        while (i < readEnd && bytes[i] !== COMMA && bytes[i] !== NEWLINE && bytes[i] !== CR) i++;
        hashes[rows] = keyHash(bytes, keyStart, i);
        while (i < readEnd && bytes[i] !== NEWLINE) i++;
        i++;
      }
    else i = readEnd;
    this.keys.touch(hashes, rows, this.options.prefetchPrompts === true);
    this.aheadEnd = i;
    this.aheadFill = line.fill;
  }

  /**
   * Splits [start, end) at its commas into the cells; false unless every byte is printable ASCII other than
   * a quote (no blanks, which csv-parse's path trims) and there are exactly as many cells as in the header.
   */
  private scan(bytes: Buffer, start: number, end: number): boolean {
    const { cellStart, cellEnd } = this;
    const cells = cellStart.length;
    let cell = 0;
    cellStart[0] = start;
    for (let i = start; i < end; i++) {
      const byte = bytes[i];
      if (byte === COMMA) {
        cellEnd[cell] = i;
        if (++cell === cells) return false;
        cellStart[cell] = i + 1;
      } else if (byte <= SPACE || byte >= DEL || byte === QUOTE) return false;
    }
    cellEnd[cell] = end;
    return cell === cells - 1;
  }

  private modelOf(bytes: Buffer, start: number, end: number): string {
    if (end === start) return this.options.model;
    const known = this.modelBytes;
    if (known.length !== end - start || bytes.compare(known, 0, known.length, start, end) !== 0) {
      this.modelBytes = Buffer.from(bytes.subarray(start, end));
      this.modelText = bytes.toString('latin1', start, end);
    }
    return this.modelText;
  }
}

/** The value of the decimal digits [start, end), or -1 for anything else (as parseDigits reads text). */
function digitsAt(bytes: Buffer, start: number, end: number): number {
  const length = end - start;
  if (length === 0 || length > MAX_DIGITS) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = bytes[i] - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** A token count within the limit, or -1 (the other path then names the fault). */
function countAt(bytes: Buffer, start: number, end: number): number {
  const tokens = digitsAt(bytes, start, end);
  return tokens <= MAX_TOKENS ? tokens : -1;
}
