// One conversation thread of a `sessions` workload (a session's main loop or one of its subagents): its
// growing prompt, and what it sends next. Threads append to one segment array and hand it to every
// request with a segment count, so a long conversation costs O(1) per request, not a copy.
import type { Request, Segment, ThreadKind } from '../model/request.js';
import type { SegmentKeys } from './segment-keys.js';

export class Thread {
  nextAtMs: number;
  /** Segments of the conversation so far (only ever appended to; compaction starts a new array). */
  segments: Segment[];
  /** Sum of the tokens in `segments`. */
  contextTokens: number;
  /** Requests sent so far. */
  sent = 0;
  /** Tokens of the last history segment appended (carried over a compaction). */
  lastAppendedTokens = 0;
  private historyCount = 0;

  constructor(
    readonly order: number,
    readonly threadId: string,
    readonly threadKind: ThreadKind,
    readonly sessionId: string,
    readonly baseSegments: readonly Segment[],
    startAtMs: number,
    private readonly keys: SegmentKeys,
  ) {
    this.nextAtMs = startAtMs;
    this.segments = [...baseSegments];
    this.contextTokens = sum(baseSegments);
  }

  /** Appends one history segment (no breakpoint of its own: the last segment of a request always has one). */
  appendHistory(tokens: number, role = 'history'): void {
    this.segments.push({
      id: `${this.threadId}/h${this.historyCount++}`,
      key: this.keys.fresh(),
      tokens,
      role,
      breakpoint: false,
    });
    this.contextTokens += tokens;
    this.lastAppendedTokens = tokens;
  }

  /** Replaces the history by a summary: a new array, so earlier requests keep their view. */
  compact(summaryTokens: number, compactionIndex: number): void {
    this.segments = [
      ...this.baseSegments,
      {
        id: `${this.threadId}/summary${compactionIndex}`,
        key: this.keys.fresh(),
        tokens: summaryTokens,
        role: 'history',
        breakpoint: false,
      },
    ];
    this.contextTokens = sum(this.segments);
  }

  request(
    atMs: number,
    scope: string,
    model: string,
    tailTokens: number,
    outputTokens: number,
    threadId = this.threadId,
    threadKind = this.threadKind,
  ): Request {
    return {
      atMs,
      scope,
      model,
      segments: this.segments,
      segmentCount: this.segments.length,
      tailTokens,
      outputTokens,
      threadId,
      threadKind,
      sessionId: this.sessionId,
    };
  }
}

function sum(segments: readonly Segment[]): number {
  let tokens = 0;
  for (const segment of segments) tokens += segment.tokens;
  return tokens;
}
