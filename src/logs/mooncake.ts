// logs/ (layer 4): Mooncake traces (kvcache-ai/Mooncake FAST'25 release: one JSON object per line with
// `hash_ids`, one id per 512-token prefix block) → the engine's Request stream, one request per line. Pure:
// the lines come from read-lines.ts; unusable lines go to the ProblemLog with their line and field.
import type { Request, Segment } from '../model/request.js';
import type { SegmentKeys } from '../workload/segment-keys.js';
import type { LogLine, ProblemLog } from './types.js';
import { MAX_TOKENS } from '../model/log-format.js';
import { MAX_EPOCH_MS } from './iso-time.js';
import { mooncakeMessages } from './messages.js';

/** Tokens per hash block in the Mooncake traces. */
export const MOONCAKE_BLOCK_TOKENS = 512;
export interface MooncakeReadOptions {
  /** The traces name no model; every request gets this one. */
  readonly model: string;
  readonly scope: string;
}

/**
 * Requests from a Mooncake trace, one per usable line, in file order (a line going back in time is for the
 * caller's reorder buffer to place: logs/reorder-buffer.ts).
 *
 * Prompt: one segment per hash block, id `mc/<hash>` (the ids are prefix-aware, so equal ids at equal
 * positions are a shared prefix). Block 0 is the system prompt every request shares: role `system`; the
 * rest are role `history`. Every block carries a breakpoint: the trace records prefix reuse at block
 * granularity (a KV-block cache), so any shared run of blocks must be findable, however far a new turn
 * moved the end of the prompt past the 20-block lookback.
 * Every block is 512 tokens except the last, which takes what `input_length` leaves: at least 1 token
 * when `input_length` is short of the blocks before it, and any excess over 512 when it is longer, so
 * the prompt totals `input_length` whenever `512·(n−1) < input_length`.
 *
 * Thread: the trace has no conversation id. A conversation's turns share their leading blocks, and block 0
 * is everyone's, so the thread is `mc/<hash of block 1>` (block 0's hash for a one-block request).
 */
export class MooncakeArrivals implements Iterator<Request> {
  /** File line of the request last returned (for the caller's reorder buffer). */
  line = 0;

  constructor(
    private readonly lines: Iterator<LogLine>,
    private readonly options: MooncakeReadOptions,
    private readonly keys: SegmentKeys,
    private readonly problems: ProblemLog,
  ) {}

  next(): IteratorResult<Request> {
    for (;;) {
      const result = this.lines.next();
      if (result.done) return { done: true, value: undefined };
      const request = this.requestOf(result.value);
      if (request !== null) {
        this.line = result.value.line;
        return { done: false, value: request };
      }
    }
  }

  /** One line as a request, or null after reporting its first fault. */
  private requestOf({ file, line, text }: LogLine): Request | null {
    const problems = this.problems;
    if (text.trim() === '') return null;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      problems.add(file, line, '', mooncakeMessages.notJson());
      return null;
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      problems.add(file, line, '', mooncakeMessages.notObject());
      return null;
    }
    const {
      timestamp,
      input_length: inputTokens,
      output_length: outputTokens,
      hash_ids: hashIds,
    } = record as Record<string, unknown>;
    // Charted as time since 1970 (replay/replay-logs.ts), so within the dates a chart can draw.
    if (!isWholeNumber(timestamp) || timestamp >= MAX_EPOCH_MS) {
      problems.add(file, line, 'timestamp', mooncakeMessages.badTimestamp(timestamp));
      return null;
    }
    if (!isTokenCount(inputTokens)) {
      problems.add(file, line, 'input_length', mooncakeMessages.badCount(inputTokens));
      return null;
    }
    if (!isTokenCount(outputTokens)) {
      problems.add(file, line, 'output_length', mooncakeMessages.badCount(outputTokens));
      return null;
    }
    if (!Array.isArray(hashIds) || !hashIds.every(Number.isSafeInteger)) {
      problems.add(file, line, 'hash_ids', mooncakeMessages.badHashIds());
      return null;
    }
    const blocks = hashIds as number[];
    if (blocks.length === 0 && inputTokens > 0) {
      problems.add(file, line, 'hash_ids', mooncakeMessages.noBlocks(inputTokens));
      return null;
    }

    const segments: Segment[] = new Array<Segment>(blocks.length);
    const last = blocks.length - 1;
    const lastTokens = Math.max(1, inputTokens - MOONCAKE_BLOCK_TOKENS * last);
    for (let i = 0; i <= last; i++) {
      const id = `mc/${blocks[i]}`;
      const tokens = i === last ? lastTokens : MOONCAKE_BLOCK_TOKENS;
      segments[i] = { id, key: this.keys.of(id), tokens, role: i === 0 ? 'system' : 'history', breakpoint: true };
    }
    const threadId = blocks.length === 0 ? 'mc/' : `mc/${blocks.length > 1 ? blocks[1] : blocks[0]}`;
    return {
      atMs: timestamp,
      scope: this.options.scope,
      model: this.options.model,
      segments,
      segmentCount: segments.length,
      tailTokens: 0,
      outputTokens,
      threadId,
      threadKind: 'key',
      sessionId: threadId,
    };
  }
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isTokenCount(value: unknown): value is number {
  return isWholeNumber(value) && value <= MAX_TOKENS;
}
