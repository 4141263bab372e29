// logs/ (layer 4): every user-facing text of the recorded-log readers and of finding the logs, as
// functions worded once (tests assert against the same functions, never against pasted strings).
import { MAX_TOKENS } from '../model/log-format.js';
import { CSV_FIELDS, SEGMENT_COLUMN_PREFIX } from './types.js';

/** Finding, reading and replaying log files (find-logs.ts, read-lines.ts, recorded-arrivals.ts). */
export const logMessages = {
  noSuchPath: () => 'no such file or folder',
  noLogsInFolder: () =>
    'no log files here (looked for .jsonl, .json, .csv, .log and .ndjson files, and the same gzipped as .gz)',
  noUsableLines: () => 'no usable lines in this file',
  noDefaultDirs: () =>
    'no logs given and no Claude Code projects folder found (looked in $CLAUDE_CONFIG_DIR/projects, ~/.claude/projects and ~/.config/claude/projects); name a file or folder',
  unreadable: (code: string) => `cannot read this file (${code})`,
  emptyFile: () => 'empty file',
  unknownFormat: () => 'not a log format ttlsim reads (Claude Code, Bedrock or Mooncake JSON lines, or CSV)',
  lineTooLong: (bytes: number) => `line of ${bytes.toLocaleString('en-US')} bytes is too long to read; skipped`,
  badGzip: (reason: string, line: number) =>
    `corrupt or truncated gzip data after ${(line - 1).toLocaleString('en-US')} whole line(s): ${reason}`,
  otherCompression: (kind: string) =>
    `compressed with ${kind}, which ttlsim does not read; skipped (decompress it, or recompress it with gzip)`,
  gzipChecksum: () => 'the checksum or length in its trailer does not match the data',
  lateRow: (rows: number) =>
    `earlier than rows already replayed, further back than the reorder buffer (${rows.toLocaleString('en-US')} rows) reaches; skipped (sort the file by time)`,
  outOfOrder: (count: number) =>
    `${count.toLocaleString('en-US')} request(s) were out of time order within their thread in the logs; replayed in time order`,
  noRequests: () => 'the logs hold no API requests with usage',
  backwards: () => 'starts before requests already replayed from other files; replayed at the current time',
  problemsSummary: (count: number, shown: number) =>
    count === 1
      ? '1 log line could not be used:'
      : `${count.toLocaleString('en-US')} log lines could not be used${count > shown ? ` (the first ${shown} shown)` : ''}:`,
  strict: () => '--strict: unusable log lines are errors',
} as const;

const listOf = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

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
  if (typeof got !== 'number') return `expected a token count, got ${JSON.stringify(got)}`;
  if (got < 0) return `negative token count ${got}`;
  if (got > MAX_TOKENS) return `implausible token count ${got} (more than ${MAX_TOKENS.toLocaleString('en-US')})`;
  return `expected a whole number of tokens, got ${got}`;
}

/** The Claude Code transcript reader (claude-code.ts). */
export const claudeCodeMessages = {
  notJson: () => 'not valid JSON (a truncated or corrupt line)',
  notObject: () => 'not a JSON object',
  badTimestamp: (got: unknown) => `expected an ISO-8601 time, got ${JSON.stringify(got ?? null)}`,
  missingModel: () => 'missing model',
  usageNotObject: () => 'expected an object',
  badCount: badTokenCount,
};

/** The generic CSV reader (csv.ts). */
export const csvMessages = {
  emptyFile: () => 'the file is empty: a CSV log needs a header line and one line per request',
  badHeader: () => 'the header line is not valid CSV',
  missingColumn: (name: string, header: readonly string[]) =>
    `missing column "${name}" (the header has ${listOf(header)})`,
  duplicateColumn: (name: string) => `column "${name}" appears more than once in the header`,
  unknownField: (field: string) => `unknown field "${field}" in the column mapping (known: ${listOf(CSV_FIELDS)})`,
  emptySegmentRole: (name: string) => `column "${name}" names no role (expected e.g. "${SEGMENT_COLUMN_PREFIX}system")`,
  fieldCount: (expected: number, got: number) => `expected ${expected} fields (as in the header), got ${got}`,
  unclosedQuote: () => 'a quoted field is not closed (a truncated line?)',
  strayQuote: () => 'a stray quote: quote a whole field, and double any quote inside it',
  badCsv: (code: string) => `not valid CSV (${code})`,
  badTimestamp: (got: string) => `expected an ISO-8601 time or integer epoch milliseconds, got "${got}"`,
  timestampBackwards: (got: string) => `timestamp goes backwards: "${got}" is earlier than the row before it`,
  beforeOrigin: (got: string) => `timestamp "${got}" is before the start of the replay`,
  emptyKey: () => 'empty key',
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
    `expected milliseconds since the trace start (a whole number ≥ 0), got ${JSON.stringify(got ?? null)}`,
  badCount: badTokenCount,
  badHashIds: () => 'expected a list of integer block hashes',
  noBlocks: (inputTokens: number) => `no hash blocks for ${inputTokens} input tokens`,
};

/** The Bedrock invocation log reader (bedrock.ts). */
export const bedrockMessages = {
  invalidJson: (reason: string) => `not valid JSON: ${reason}`,
  notInvocationLog: (schemaType: unknown) => `not a model invocation log record (schemaType is ${show(schemaType)})`,
  badTimestamp: (got: unknown) => `expected an ISO-8601 time with a zone like "2025-10-01T12:00:00Z", got ${show(got)}`,
  badModelId: (got: unknown) => `expected a model id, got ${show(got)}`,
  missingCount: () => 'missing token count',
  badCount: (got: unknown) => `expected a whole number of tokens ≥ 0, got ${show(got)}`,
  absurdCount: (got: number) => `${got} tokens is more than one call can bill (${MAX_TOKENS}): a corrupt count`,
  erroredInvocation: () => 'no output token count: the invocation failed, so it billed no usage the log records',
  notAList: (got: unknown) => `expected a list, got ${show(got)}`,
  badTtl: (got: unknown) => `expected a cache TTL "5m" or "1h", got ${show(got)}`,
  splitExceedsWrites: (split: number, writes: number) =>
    `the TTL split names ${split} written tokens but the call wrote only ${writes}`,
};
