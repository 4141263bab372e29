// logs/ (layer 4): the generic CSV log (docs/log-formats.md) → the engine's Request stream, one request per
// row. Pure and streaming: csv-parse is the parser of record and reads lines in batches, so memory holds one
// batch, never the file. Given undecoded lines (RawLines), plain rows are read straight from their bytes
// (csv-plain.ts) and a batch goes to csv-parse from the first line that is not plain (a quote, a blank, a
// fault). Unusable rows go to the ProblemLog with their line and field; nothing here throws on bad input.
import { CsvError, parse } from 'csv-parse/sync';
import type { Request, Segment } from '../model/request.js';
import { SegmentKeys } from '../workload/segment-keys.js';
import { ProblemLog, type LogLine } from './types.js';
import { MIN_EPOCH_MS, parseDigits, parseTimestampMs, smallInteger } from './iso-time.js';
import { MAX_TOKENS } from '../model/log-format.js';
import { csvMessages } from './messages.js';
import { layoutOf, type Layout } from './csv-layout.js';
import { csvKeysOf, type CsvKeys } from './csv-keys.js';
import { CsvScopes } from './csv-scopes.js';
import { PlainRows } from './csv-plain.js';
import { RawLines, rawText } from './read-lines.js';

export { csvMappingProblems, type CsvMappingProblem } from './csv-layout.js';

export interface CsvReadOptions {
  /** Our field name → the file's header name, for files with other headers (`{ timestamp: 'ts' }`). */
  readonly columns?: Readonly<Record<string, string>>;
  /** Model of rows without a model column (or with an empty cell there). */
  readonly model: string;
  /** Cache isolation scope of every request. */
  readonly scope: string;
  /** Epoch ms that becomes simulated time 0; earlier rows are reported and skipped. */
  readonly originMs: number;
  /** Names the file for the one problem that has no line to take it from: an empty file. */
  readonly file?: string;
  /** Rows may go back in time: the caller puts them back in order (logs/reorder-buffer.ts). */
  readonly unordered?: boolean;
  /**
   * The plain path's look-ahead also loads each row's prompt segment, which a simulation reads for every
   * request: a replayed log ran faster, the reader alone (its requests unread) slower (docs/performance.md).
   */
  readonly prefetchPrompts?: boolean;
}

/**
 * Lines per csv-parse call: enough to amortise the call, few enough that a batch's parsed rows die young
 * (4,096 let part of every batch survive into V8's old generation: a 1M-row replay peaked at 300–500 MB
 * of RSS for a 150 MB live set; 256 keeps it under 300 MB at the same speed).
 */
const BATCH_LINES = 256;
/** A quoted field may carry a batch this many lines past BATCH_LINES before the batch is cut anyway. */
const MAX_EXTENSION_LINES = 4096;

/**
 * Requests from a generic CSV log, one per usable row, in file order.
 *
 * Prompt: without segment columns, one `context` segment of `prefixTokens` with a breakpoint, id
 * `csv/<key>/<prefixTokens>` (a key whose prefix length changes sends a different prefix). With
 * `segment:<role>` columns, one segment per non-zero cell in column order, each with a breakpoint, id
 * `csv/<key>/<role>/<prompt tokens up to the end of this segment>`; a `prefixTokens` column is then not
 * read. A zero cell means the row has no such segment. Ids are per key: keys never share cache entries.
 * With a `scope` column, a row's scope is its cell and its thread `csv@<scope>/<key>` (csv-scopes.ts):
 * the same key in two scopes shares nothing.
 *
 * Timestamps: integer epoch ms, or ISO-8601 (`2025-01-01T10:00:00.250Z`, a space for `T`, an offset like
 * `+02:00`); an ISO time without an offset is UTC, so a replay never depends on the machine's time zone.
 * Cells may carry spaces around them. Empty lines are ignored (logs/ does not yield them), so a quoted
 * field cannot hold an empty line.
 */
export class CsvArrivals implements Iterator<Request> {
  private layout: Layout | null = null;
  private started = false;
  private exhausted = false;
  private records: string[][] = [];
  /** File line where each of `records` starts. */
  private recordLines: number[] = [];
  /**
   * Why each of `records` is unusable ('' when it is not): filled only when a batch was read line by
   * line, so that its problems are reported in file order with the rows around them.
   */
  private recordFaults: string[] = [];
  private index = 0;
  private file: string;
  /**
   * Epoch ms of the last row read (the order check), shared with the plain path: in a typed array, so that
   * neither path boxes the double per row (passing or returning one allocates a heap number).
   */
  private readonly previousEpochMs = new Float64Array([MIN_EPOCH_MS]);
  /** File line of the request last returned (for the caller's reorder buffer). */
  line = 0;
  /** Rows read by the plain path (csv-plain.ts), the others by csv-parse: for tests and diagnostics. */
  plainRows = 0;
  private readonly keyStates: CsvKeys;
  /** The keys of each scope, for a file with a scope column. */
  private readonly scopes: CsvScopes;
  private readonly batchTexts: string[] = [];
  private readonly batchLines: number[] = [];
  /** The plain-row path, when the lines come undecoded and the layout has one prefix column. */
  private plain: PlainRows | null = null;
  /** A line the plain path could not read, decoded: the first line of the next csv-parse batch. */
  private carried: [string, number] | null = null;
  /**
   * Lines of the current batch the plain path has read. Batches end where they would if csv-parse read
   * every line (every BATCH_LINES lines, or later to close a quote): a malformed quote is recovered from
   * within its batch (parseLineByLine), so the same batch bounds give the same problems.
   */
  private plainInBatch = 0;

  /** Lines as text (every row through csv-parse), or undecoded (plain rows read from their bytes). */
  constructor(
    private readonly lines: Iterator<LogLine> | RawLines,
    private readonly options: CsvReadOptions,
    private readonly keys: SegmentKeys,
    private readonly problems: ProblemLog,
  ) {
    this.file = options.file ?? '';
    this.keyStates = csvKeysOf(keys);
    this.scopes = new CsvScopes(keys);
  }

  next(): IteratorResult<Request> {
    if (!this.started) {
      this.started = true;
      this.layout = this.readHeader();
      if (this.layout !== null && this.lines instanceof RawLines && PlainRows.handles(this.layout))
        this.plain = new PlainRows(this.layout, this.options, this.keyStates, this.scopes, this.previousEpochMs);
    }
    const layout = this.layout;
    if (layout === null) return { done: true, value: undefined };
    for (;;) {
      while (this.index < this.records.length) {
        const i = this.index++;
        if (this.recordFaults.length > 0 && this.recordFaults[i] !== '') {
          this.problems.add(this.file, this.recordLines[i], '', this.recordFaults[i]);
          continue;
        }
        const request = this.requestOf(this.records[i], this.recordLines[i], layout);
        if (request !== null) {
          this.line = this.recordLines[i];
          return { done: false, value: request };
        }
      }
      if (this.plain !== null && !this.exhausted) {
        // Plain rows until one is not: that line starts a csv-parse batch, then plain rows again.
        const raw = (this.lines as RawLines).next();
        if (raw === null) {
          this.exhausted = true;
          return { done: true, value: undefined };
        }
        this.file = raw.file;
        const request = this.plain.request(raw);
        if (request !== null) {
          // A plain line has no quote: the batch it belongs to ends after BATCH_LINES lines.
          if (++this.plainInBatch === BATCH_LINES) this.plainInBatch = 0;
          this.plainRows++;
          this.line = raw.line;
          return { done: false, value: request };
        }
        this.carried = [rawText(raw), raw.line];
      }
      if (!this.fillBatch()) return { done: true, value: undefined };
    }
  }

  /**
   * The timestamp of the first row that has one (epoch ms), or null: the header is read and checked as
   * next() does, then only the timestamp cells, so faults in other cells do not hide it.
   */
  firstTimestampMs(): number | null {
    if (this.started) throw new Error('firstTimestampMs reads from the start of the file');
    this.started = true;
    this.layout = this.readHeader();
    const layout = this.layout;
    if (layout === null) return null;
    for (;;) {
      while (this.index < this.records.length) {
        const i = this.index++;
        const record = this.records[i];
        if ((this.recordFaults.length > 0 && this.recordFaults[i] !== '') || record.length !== layout.fieldCount)
          continue;
        const epochMs = parseTimestampMs(cell(record[layout.timestamp]));
        if (!Number.isNaN(epochMs)) return epochMs;
      }
      if (!this.fillBatch()) return null;
    }
  }

  /** Reads and checks the header line; null (after reporting why) when no row can be read. */
  private readHeader(): Layout | null {
    const first = this.nextText();
    if (first === null) {
      this.problems.add(this.file, 0, '', csvMessages.emptyFile());
      return null;
    }
    const [text, line] = first;
    const { record } = parseOne(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    if (record === null) {
      this.problems.add(this.file, line, '', csvMessages.badHeader());
      return null;
    }
    return layoutOf(
      record.map((name) => name.trim()),
      this.options.columns ?? {},
      (field, reason) => this.problems.add(this.file, line, field, reason),
    );
  }

  /** The next non-empty line without a trailing CR, and its number; null at the end of the input. */
  private nextText(): [string, number] | null {
    if (this.carried !== null) {
      const carried = this.carried;
      this.carried = null;
      return carried;
    }
    for (;;) {
      let file: string;
      let line: number;
      let text: string;
      if (this.lines instanceof RawLines) {
        const raw = this.lines.next();
        if (raw === null) return null;
        ({ file, line } = raw);
        text = rawText(raw);
      } else {
        const result = this.lines.next();
        if (result.done === true) return null;
        ({ file, line, text } = result.value);
      }
      if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
      if (text === '') continue;
      this.file = file;
      return [text, line];
    }
  }

  /**
   * Parses the next batch of lines into `records`. A batch ends between records: a line with an odd
   * number of quotes opens (or closes) a quoted field that runs on to the next line, and the batch is
   * extended to close it. With a plain path, the batch is the rest of the one the plain path was reading
   * (plainInBatch lines in). Returns false at the end of the input.
   */
  private fillBatch(): boolean {
    const texts = this.batchTexts;
    const lineNumbers = this.batchLines;
    texts.length = 0;
    lineNumbers.length = 0;
    const starts: number[] = [];
    let insideQuote = false;
    const before = this.plainInBatch;
    this.plainInBatch = 0;
    while (
      !this.exhausted &&
      (insideQuote ? before + texts.length < BATCH_LINES + MAX_EXTENSION_LINES : before + texts.length < BATCH_LINES)
    ) {
      const next = this.nextText();
      if (next === null) {
        this.exhausted = true;
        break;
      }
      const [text, line] = next;
      if (!insideQuote) starts.push(line);
      if (hasOddQuotes(text)) insideQuote = !insideQuote;
      texts.push(text);
      lineNumbers.push(line);
    }
    this.index = 0;
    if (texts.length === 0) {
      this.records = [];
      this.recordLines = [];
      this.recordFaults = [];
      return false;
    }
    let records: string[][] | null = null;
    try {
      records = parse(texts.join('\n'), PARSE_OPTIONS);
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
    }
    // Quote parity predicts where records start; if csv-parse disagrees (or failed), the batch holds a
    // malformed line, and a line-by-line pass finds it without losing the good rows around it.
    if (records !== null && records.length === starts.length) {
      this.records = records;
      this.recordLines = starts;
      this.recordFaults = [];
    } else {
      this.parseLineByLine(texts, lineNumbers);
    }
    return true;
  }

  /** The slow path for a batch csv-parse rejected: each record alone, a bad one reported and skipped. */
  private parseLineByLine(texts: readonly string[], lineNumbers: readonly number[]): void {
    const records: string[][] = [];
    const recordLines: number[] = [];
    const recordFaults: string[] = [];
    let i = 0;
    while (i < texts.length) {
      // A record is one line, or the lines up to the one that closes a quoted field.
      let end = i;
      if (hasOddQuotes(texts[i])) {
        end = i + 1;
        while (end < texts.length && !hasOddQuotes(texts[end])) end++;
      }
      const text = end < texts.length ? texts.slice(i, end + 1).join('\n') : texts[i];
      const { record, reason } = parseOne(text);
      records.push(record ?? []);
      recordLines.push(lineNumbers[i]);
      recordFaults.push(reason);
      i = record !== null && end < texts.length ? end + 1 : i + 1;
    }
    this.records = records;
    this.recordLines = recordLines;
    this.recordFaults = recordFaults;
  }

  /** One row as a request, or null after reporting its first fault. */
  private requestOf(record: string[], line: number, layout: Layout): Request | null {
    const problems = this.problems;
    if (record.length !== layout.fieldCount) {
      problems.add(this.file, line, '', csvMessages.fieldCount(layout.fieldCount, record.length));
      return null;
    }
    const timestampText = cell(record[layout.timestamp]);
    const epochMs = parseTimestampMs(timestampText);
    if (Number.isNaN(epochMs))
      return this.reject(line, layout, layout.timestamp, csvMessages.badTimestamp(timestampText));
    if (epochMs < this.previousEpochMs[0] && this.options.unordered !== true)
      return this.reject(line, layout, layout.timestamp, csvMessages.timestampBackwards(timestampText));
    const atMs = smallInteger(epochMs - this.options.originMs);
    if (atMs < 0) return this.reject(line, layout, layout.timestamp, csvMessages.beforeOrigin(timestampText));
    const keyText = cell(record[layout.key]);
    if (keyText === '') return this.reject(line, layout, layout.key, csvMessages.emptyKey());
    let scope = this.options.scope;
    let keyStates = this.keyStates;
    if (layout.scope >= 0) {
      // An empty scope is refused like an empty key: guessing one would share entries the provider keeps apart.
      scope = cell(record[layout.scope]);
      if (scope === '') return this.reject(line, layout, layout.scope, csvMessages.emptyScope());
      keyStates = this.scopes.of(scope);
    }
    const tailTokens = this.countAt(record, layout, layout.suffixTokens, line);
    if (tailTokens < 0) return null;
    const outputTokens = this.countAt(record, layout, layout.outputTokens, line);
    if (outputTokens < 0) return null;

    let model = this.options.model;
    if (layout.model >= 0) {
      const modelText = cell(record[layout.model]);
      if (modelText !== '') model = modelText;
    }
    if (layout.prefixTokens >= 0) {
      const prefixTokens = this.countAt(record, layout, layout.prefixTokens, line);
      if (prefixTokens < 0) return null;
      this.previousEpochMs[0] = epochMs;
      const slot = keyStates.slotOfText(keyText);
      return keyStates.prefixRequest(slot, prefixTokens, atMs, scope, model, tailTokens, outputTokens);
    }
    const slot = keyStates.slotOfText(keyText);
    const segments = this.segmentsOf(record, layout, keyStates.threadIdOf(slot), line);
    if (segments === null) return null;
    this.previousEpochMs[0] = epochMs;
    return keyStates.segmentsRequest(slot, atMs, scope, model, segments, tailTokens, outputTokens);
  }

  /** The row's segments, whose ids start with its thread's (`csv/<key>`, or `csv@<scope>/<key>`). */
  private segmentsOf(record: string[], layout: Layout, threadId: string, line: number): Segment[] | null {
    const segments: Segment[] = [];
    let promptTokens = 0;
    for (let s = 0; s < layout.segmentColumns.length; s++) {
      const tokens = this.countAt(record, layout, layout.segmentColumns[s], line);
      if (tokens < 0) return null;
      if (tokens === 0) continue;
      promptTokens += tokens;
      const role = layout.segmentRoles[s];
      const id = `${threadId}/${role}/${promptTokens}`;
      segments.push({ id, key: this.keys.of(id), tokens, role, breakpoint: true });
    }
    return segments;
  }

  /** The token count in `column`, or -1 after reporting why it is unusable. */
  private countAt(record: string[], layout: Layout, column: number, line: number): number {
    const text = cell(record[column]);
    const tokens = parseDigits(text);
    if (tokens >= 0 && tokens <= MAX_TOKENS) return tokens;
    this.reject(line, layout, column, describeBadCount(text));
    return -1;
  }

  /** Reports a row's fault under the header name of its column (what the user sees in the file). */
  private reject(line: number, layout: Layout, column: number, reason: string): null {
    this.problems.add(this.file, line, layout.header[column], reason);
    return null;
  }
}

const PARSE_OPTIONS = { relax_column_count: true, record_delimiter: '\n' } as const;

/**
 * The first row's timestamp in epoch ms (the caller's head scan, to choose `originMs`), or null when no
 * row has one. Only the timestamp cell is read: a row with a bad token count still starts the replay, so
 * its own fault is what is reported, not a timestamp "before the start" set by a later row. Reads only as
 * far as that row; problems are left for the full read to report.
 */
export function csvFirstTimestampMs(
  lines: Iterable<LogLine>,
  options: Omit<CsvReadOptions, 'originMs'>,
): number | null {
  const iterator = lines[Symbol.iterator]();
  try {
    const arrivals = new CsvArrivals(
      iterator,
      { ...options, originMs: MIN_EPOCH_MS },
      new SegmentKeys(),
      new ProblemLog(0),
    );
    return arrivals.firstTimestampMs();
  } finally {
    // Closes the file behind a generator of lines (readLines) that was left part-read.
    iterator.return?.();
  }
}

function parseOne(text: string): { record: string[] | null; reason: string } {
  try {
    const records = parse(text, PARSE_OPTIONS);
    if (records.length === 1) return { record: records[0], reason: '' };
    return { record: null, reason: csvMessages.badCsv('not one record') };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') return { record: null, reason: csvMessages.unclosedQuote() };
    if (error.code === 'INVALID_OPENING_QUOTE' || error.code === 'CSV_INVALID_CLOSING_QUOTE')
      return { record: null, reason: csvMessages.strayQuote() };
    return { record: null, reason: csvMessages.badCsv(error.code) };
  }
}

function hasOddQuotes(text: string): boolean {
  let odd = false;
  for (let at = text.indexOf('"'); at !== -1; at = text.indexOf('"', at + 1)) odd = !odd;
  return odd;
}

/** A cell without surrounding blanks; the common unpadded cell is returned as it is, without a copy. */
function cell(text: string): string {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first === 32 || first === 9 || last === 32 || last === 9 ? text.trim() : text;
}

function describeBadCount(text: string): string {
  if (text === '') return csvMessages.missingCount();
  if (/^\d+$/.test(text)) return csvMessages.implausibleCount(text);
  if (/^-\d+(\.\d*)?$/.test(text)) return csvMessages.negativeCount(text);
  if (/^\d*\.\d+$|^\d+\.\d*$/.test(text)) return csvMessages.fractionalCount(text);
  return csvMessages.notCount(text);
}
