// logs/ (layer 4): what the recorded-log readers share: located lines in, located problems out. Readers are
// pure: the lines come from read-lines.ts (the edge that touches the disk), problems go back to the caller.
import type { TokenCounts } from '../pricing/ledger.js';

/** One line of a log file, numbered from 1. */
export interface LogLine {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** A line as its bytes in the reader's buffer, [start, end) without the line end (read-lines.ts, RawLines). */
export interface RawLine {
  readonly file: string;
  line: number;
  bytes: Buffer;
  start: number;
  end: number;
  /**
   * The end of the bytes read so far: [end, readEnd) holds the lines after this one (the last perhaps cut
   * short), unchanged until the buffer is next refilled, which `fill` counts.
   */
  readEnd: number;
  fill: number;
}

/** A line that could not be used, and why. */
export interface LogProblem {
  readonly file: string;
  readonly line: number;
  /** The field at fault ('' when the whole line is). */
  readonly field: string;
  readonly reason: string;
}

/** What a log says one API request was billed: the fact a replay reconciles against. */
export type RecordedUsage = TokenCounts;

/** Collects unusable lines: every one is counted, the first few are kept to show. */
export class ProblemLog {
  readonly shown: LogProblem[] = [];
  count = 0;

  constructor(private readonly keep = 20) {}

  add(file: string, line: number, field: string, reason: string): void {
    this.count++;
    if (this.shown.length < this.keep) this.shown.push({ file, line, field, reason });
  }
}

/**
 * One API call as a usage log records it (Claude Code transcripts, Bedrock invocation logs): when it
 * started and what it was billed, but not its prompt. usage-chain.ts rebuilds a prompt
 * of segments from a thread's sequence of calls.
 */
export interface RecordedCall {
  /** Request start (send time), epoch ms. The TTL clock starts here. */
  readonly startMs: number;
  /** Model id as logged (canonicalised later by the price lookup). */
  readonly model: string;
  readonly usage: RecordedUsage;
  /** TTL of the call's cache writes: `1h` when the log says most written tokens were 1h, else `5m`. */
  readonly ttl: '5m' | '1h';
  /** The conversation thread (main session, a subagent, a compaction call, a Bedrock caller + model). */
  readonly threadId: string;
  readonly threadKind: ThreadKind;
  readonly sessionId: string;
  /** Project (Claude Code: the projects folder name) or account; '' when unknown. */
  readonly project: string;
  /** Client version (Claude Code `version`); a change is a cache hard reset. '' when unknown. */
  readonly version: string;
  /** True when a compaction boundary (the prefix replaced by a summary) came before this call in its thread. */
  readonly afterCompaction: boolean;
  /** For a thread that starts from another thread's prefix (a compaction call): that thread's id, else ''. */
  readonly parentThreadId: string;
  /**
   * The API request across files, for de-duplication (seen-requests.ts): Claude Code `message.id` +
   * `requestId`, Bedrock `requestId`; '' or absent when the log names none.
   */
  readonly requestKey?: string;
  /** Where the call's first line is, for messages. */
  readonly file: string;
  readonly line: number;
  /** Fast mode (`usage.speed: "fast"`): its own price and its own cache. Absent: standard. */
  readonly fast?: boolean;
  /** `usage.service_tier` as logged (`batch`, `priority`, …); absent or '' when the log names none. */
  readonly serviceTier?: string;
}

import type { ThreadKind } from '../model/request.js';

/** The columns the reader knows, by the name the header uses unless `columns` maps them. */
export const CSV_FIELDS = [
  'timestamp',
  'key',
  'prefixTokens',
  'suffixTokens',
  'outputTokens',
  'model',
  'scope',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** Header names of this form are prompt segments, in column order: `segment:system,segment:history`. */
export const SEGMENT_COLUMN_PREFIX = 'segment:';
