// logs/ (layer 4): every user-facing text of the recorded-log readers and of finding the logs, as
// functions worded once (tests assert against the same functions, never against pasted strings).
import { MAX_TOKENS } from '../model/log-format.js';
import { CSV_FIELDS, SEGMENT_COLUMN_PREFIX } from './types.js';
import { MAX_LINE_BYTES } from './read-lines.js';

const listOf = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');
const count = (n: number) => n.toLocaleString('en-US');

/** Finding, reading and replaying log files (find-logs.ts, read-lines.ts, recorded-arrivals.ts). */
export const logMessages = {
  noSuchPath: () => 'no such file or folder',
  specialFile: (kind: string) => `is a ${kind}, not a log file or folder (only regular files are read)`,
  noLogsInFolder: () =>
    'no log files here (looked for .jsonl, .json, .csv, .log and .ndjson files, and the same gzipped as .gz)',
  /** A file given by name that cannot be replayed at all, and why (its one problem). */
  unusableFile: (reason: string) => `nothing to replay in this file: ${reason}`,
  noDefaultDirs: () =>
    'no logs given and no Claude Code projects folder found (looked in $CLAUDE_CONFIG_DIR/projects, ~/.claude/projects and ~/.config/claude/projects); name a file or folder',
  unreadable: (code: string) => `cannot read this file (${code}); check that you may read it`,
  emptyFile: () => 'the file is empty',
  unknownFormat: () =>
    'not a log format ttlsim reads (Claude Code, Bedrock or Mooncake JSON lines, or CSV); if it is one, say which with --format',
  lineTooLong: (bytes: number) =>
    `line of ${count(bytes)} bytes is longer than the ${MAX_LINE_BYTES / 1024 / 1024} MB a line may have; skipped`,
  /**
   * No request survived the reading. With unusable lines, they are why (the caller lists the first ones
   * after this line); without any, the logs hold nothing that records a request.
   */
  noRequests: (unusable: number, listed: number) =>
    unusable === 0
      ? 'no request in the logs: no line records one (in Claude Code transcripts, an assistant line with usage; in a CSV, a row under the header)'
      : `no usable request in the logs: ${unusable === 1 ? '1 log line' : `${count(unusable)} log lines`} could not be used${
          unusable > listed ? ` (${listed} of them below)` : ''
        }:`,
  /** Requests were read, but none starts inside the --since/--until window. */
  noRequestsInWindow: (read: number, firstIso: string, lastIso: string) =>
    `no request between --since and --until: ${
      read === 1
        ? `the logs' one request starts at ${firstIso}`
        : `the logs' ${count(read)} requests start from ${firstIso} to ${lastIso}`
    }`,
  badGzip: (reason: string, line: number) =>
    `corrupt or truncated gzip data after ${count(line - 1)} whole line(s): ${reason}; recompress or re-download the file`,
  otherCompression: (kind: string) =>
    `compressed with ${kind}, which ttlsim does not read; skipped (decompress it, or recompress it with gzip)`,
  gzipChecksum: () => 'the checksum or length in its trailer does not match the data',
  lateRow: (rows: number) =>
    `earlier than rows already replayed, further back than the reorder buffer (${count(rows)} rows) reaches; skipped (sort the file by time)`,
  outOfOrder: (requests: number) =>
    `${count(requests)} request(s) were out of time order within their thread in the logs; replayed in time order`,
  backwards: () => 'starts before requests already replayed from other files; replayed at the current time',
  duplicatesDropped: (count: number) =>
    `${count.toLocaleString('en-US')} duplicate request(s) dropped: logged more than once (a copied or overlapping log), billed once`,
  problemsSummary: (count: number, shown: number) =>
    count === 1
      ? '1 log line could not be used:'
      : `${count.toLocaleString('en-US')} log lines could not be used${count > shown ? ` (the first ${shown} shown)` : ''}:`,
  strict: () => '--strict: unusable log lines are errors',
} as const;

/** A value as the log has it: scalars quoted, containers named. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}

/** A token count that is missing, not a number, negative, implausibly large or fractional. */
function badTokenCount(got: unknown): string {
  if (got === undefined || got === null) return 'missing token count';
  if (typeof got !== 'number') return `expected a token count, got ${show(got)}`;
  if (got < 0) return `negative token count ${got}`;
  if (got > MAX_TOKENS) return `implausible token count ${got} (more than ${MAX_TOKENS.toLocaleString('en-US')})`;
  return `expected a whole number of tokens, got ${got}`;
}

/** The Claude Code transcript reader (claude-code.ts). */
export const claudeCodeMessages = {
  notJson: () => 'not valid JSON (a truncated or corrupt line)',
  notObject: () => 'not a JSON object',
  badTimestamp: (got: unknown) => `expected an ISO-8601 time in the years 0000–9999, got ${show(got)}`,
  missingModel: () => 'the line names no model, so its request cannot be priced',
  usageNotObject: () => 'expected an object of token counts',
  badCount: badTokenCount,
};

/** The generic CSV reader (csv.ts). */
export const csvMessages = {
  emptyFile: () => 'the file is empty: a CSV log needs a header line and one line per request',
  badHeader: () => 'the header line is not valid CSV: the first line must name the columns',
  /**
   * A required column the header lacks. `field` is ttlsim's name, `name` the header name looked for (the
   * same unless mapped); `likely` a header name close to it, which is probably the column meant.
   */
  missingColumn: (field: string, name: string, header: readonly string[], likely?: string) =>
    `missing column "${name}"${name === field ? '' : ` (mapped from ${field} by --columns)`}; the header has ${listOf(header)}; ${
      likely === undefined
        ? `add the column, or name yours with --columns ${field}=<your column>`
        : `is it "${likely}"? then add --columns ${field}=${likely}`
    }`,
  duplicateColumn: (name: string) =>
    `column "${name}" appears more than once in the header; rename one, or map the one to read with --columns`,
  /** A field of the column mapping (`--columns`, or a replay workload's `columns:`) ttlsim does not know. */
  unknownField: (field: string, suggestion?: string) =>
    `unknown field "${field}" (the fields are ${CSV_FIELDS.join(', ')}; each is written ours=yours)${
      suggestion === undefined ? '' : `; did you mean ${suggestion}?`
    }`,
  fieldMappedTwice: (field: string) => `field "${field}" is mapped more than once; map it to one column`,
  emptySegmentRole: (name: string) => `column "${name}" names no role (expected e.g. "${SEGMENT_COLUMN_PREFIX}system")`,
  fieldCount: (expected: number, got: number) => `expected ${expected} fields (as in the header), got ${got}`,
  unclosedQuote: () => 'a quoted field is not closed (a truncated line?)',
  strayQuote: () => 'a stray quote: quote a whole field, and double any quote inside it',
  badCsv: (code: string) => `not valid CSV (${code})`,
  badTimestamp: (got: string) => `expected an ISO-8601 time or integer epoch milliseconds, got "${got}"`,
  timestampBackwards: (got: string) =>
    `timestamp goes backwards: "${got}" is earlier than the row before it; rows must be in time order (sort the file by timestamp)`,
  beforeOrigin: (got: string) => `timestamp "${got}" is before the start of the replay`,
  emptyKey: () => 'empty key: every row needs the key of its thread',
  emptyScope: () => 'empty scope: with a scope column, every row needs the cache scope it belongs to',
  missingCount: () => 'missing token count',
  negativeCount: (got: string) => `negative token count ${got}`,
  fractionalCount: (got: string) => `expected a whole number of tokens, got ${got}`,
  implausibleCount: (got: string) => `implausible token count ${got} (more than ${MAX_TOKENS.toLocaleString('en-US')})`,
  notCount: (got: string) => `expected a token count, got "${got}"`,
};

/** The Mooncake trace reader (mooncake.ts). */
export const mooncakeMessages = {
  notJson: () => 'not valid JSON (a truncated or corrupt line)',
  notObject: () => 'not a JSON object',
  badTimestamp: (got: unknown) =>
    `expected milliseconds since the trace start (a whole number from 0 to 253402300799999), got ${show(got)}`,
  badCount: badTokenCount,
  badHashIds: () => 'expected a list of integer block hashes',
  noBlocks: (inputTokens: number) => `no hash blocks for ${inputTokens} input tokens`,
};

/** The Bedrock invocation log reader (bedrock.ts). */
export const bedrockMessages = {
  invalidJson: (reason: string) => `not valid JSON (a truncated or corrupt line): ${reason}`,
  notInvocationLog: (schemaType: unknown) =>
    `not a model invocation log record: schemaType is ${show(schemaType)}, expected "ModelInvocationLog"`,
  badTimestamp: (got: unknown) => `expected an ISO-8601 time with a zone like "2025-10-01T12:00:00Z", got ${show(got)}`,
  badModelId: (got: unknown) => `expected a model id, got ${show(got)}`,
  missingCount: () => 'missing token count',
  badCount: (got: unknown) => `expected a whole number of tokens ≥ 0, got ${show(got)}`,
  absurdCount: (got: number) => `${got} tokens is more than one call can bill (${MAX_TOKENS}): a corrupt count`,
  erroredInvocation: () => 'no output token count: the invocation failed, so it billed no usage the log records',
  notAList: (got: unknown) => `expected a list, got ${show(got)}`,
  badTtl: (got: unknown) => `expected a cache TTL "5m" or "1h", got ${show(got)}`,
  splitExceedsWrites: (split: number, writes: number) =>
    `the TTL split names ${split} written tokens but the call wrote only ${writes}; which is right cannot be told, so the record is skipped`,
};
