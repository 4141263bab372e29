// logs/ (layer 4): Claude Code transcripts (`~/.claude/projects/<project>/<session>.jsonl`, subagent and
// compaction files beside them) → one RecordedCall per API request. Pure: the lines come from read-lines.ts.
// The format and its pitfalls are in docs/log-formats.md.
import type { ThreadKind } from '../model/request.js';
import type { LogLine, ProblemLog, RecordedCall, RecordedUsage } from './types.js';
import { MAX_TOKENS } from '../model/log-format.js';
import { claudeCodeMessages } from './messages.js';
import { pricingTags } from './pricing-tags.js';

/** Where a transcript file sits, from its path: its project folder and what kind of thread it holds. */
export interface ClaudeFileContext {
  /** The projects sub-folder (`-home-me-src-app`), '' for a loose file. */
  readonly project: string;
}

/** Parent chains are walked at most this far looking for the user line that sent a request. */
const MAX_ANCESTRY = 10_000;

interface LineNode {
  readonly parent: string | null;
  /** Epoch ms of a `user` line; NaN for other lines (they are walked through). */
  readonly userAtMs: number;
}

interface PendingCall {
  call: Mutable<RecordedCall>;
  usage: RecordedUsage;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A cheap byte-level filter for readLines: file-history snapshots (which can make a file hundreds of MB)
 * and queue operations never carry usage, so they are not decoded.
 */
export function isWantedClaudeLine(bytes: Buffer, start: number, end: number): boolean {
  const head = bytes.toString('latin1', start, Math.min(end, start + 48));
  return !head.includes('"file-history-snapshot"') && !head.includes('"queue-operation"');
}

/**
 * Parses one transcript file into calls sorted by start time. De-duplicates assistant lines by
 * (message.id, requestId), keeping the largest output_tokens (each content block repeats the usage with
 * a partial output count); a call's start is the timestamp of its nearest `user` ancestor.
 * `mainMessageIds` holds the message ids of main-thread calls seen so far, across files: a sidechain line
 * repeating one is a replay of a main message, not a request of its own.
 */
export function readClaudeCodeCalls(
  lines: Iterable<LogLine>,
  context: ClaudeFileContext,
  problems: ProblemLog,
  mainMessageIds: Set<string>,
): RecordedCall[] {
  const nodes = new Map<string, LineNode>();
  const pending = new Map<string, PendingCall>();
  const calls: PendingCall[] = [];
  /** Threads with a compaction boundary since their last call. */
  const compacted = new Set<string>();
  for (const { file, line, text } of lines) {
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      problems.add(file, line, '', claudeCodeMessages.notJson());
      continue;
    }
    if (!isObject(record)) {
      problems.add(file, line, '', claudeCodeMessages.notObject());
      continue;
    }
    const type = record.type;
    const uuid = typeof record.uuid === 'string' ? record.uuid : null;
    const parent = typeof record.parentUuid === 'string' ? record.parentUuid : null;
    if (type === 'system' && record.subtype === 'compact_boundary') {
      compacted.add(threadOf(record, context).threadId);
    }
    if (uuid !== null) {
      const userAtMs = type === 'user' ? Date.parse(String(record.timestamp)) : NaN;
      nodes.set(uuid, { parent, userAtMs });
    }
    const message = record.message;
    // Assistant lines carry usage; ccusage's minimal lines have no `type` at all.
    if (!(type === 'assistant' || type === undefined) || !isObject(message) || message.usage === undefined) continue;
    if (record.isApiErrorMessage === true || message.model === '<synthetic>') continue;
    const messageId = typeof message.id === 'string' ? message.id : '';
    const requestId = typeof record.requestId === 'string' ? record.requestId : '';
    const key = messageId === '' && requestId === '' ? `${file}:${line}` : `${messageId}\u0000${requestId}`;
    const usage = readUsage(message.usage, file, line, problems);
    if (usage === null) continue;
    const seen = pending.get(key);
    if (seen !== undefined) {
      if (usage.output > seen.usage.output) seen.usage.output = usage.output;
      continue;
    }
    const sidechain = record.isSidechain === true;
    if (sidechain && messageId !== '' && mainMessageIds.has(messageId)) continue;
    if (!sidechain && messageId !== '') mainMessageIds.add(messageId);
    const lineAtMs = Date.parse(String(record.timestamp));
    if (!Number.isFinite(lineAtMs)) {
      problems.add(file, line, 'timestamp', claudeCodeMessages.badTimestamp(record.timestamp));
      continue;
    }
    if (typeof message.model !== 'string' || message.model === '') {
      problems.add(file, line, 'message.model', claudeCodeMessages.missingModel());
      continue;
    }
    const startMs = sendTime(parent, nodes, lineAtMs);
    const thread = threadOf(record, context);
    const call: Mutable<RecordedCall> = {
      startMs,
      model: message.model,
      usage,
      ttl: usage.cacheWrite1h > 0 && usage.cacheWrite1h >= usage.cacheWrite5m ? '1h' : '5m',
      threadId: thread.threadId,
      threadKind: thread.kind,
      sessionId: thread.sessionId,
      project: context.project,
      version: typeof record.version === 'string' ? record.version : '',
      afterCompaction: compacted.delete(thread.threadId),
      parentThreadId: thread.kind === 'compaction' ? thread.parentThreadId : '',
      file,
      line,
      ...pricingTags(message.usage),
    };
    const entry = { call, usage };
    pending.set(key, entry);
    calls.push(entry);
  }
  // Stable: calls starting in the same ms keep file order.
  return calls.map((entry) => entry.call).sort((a, b) => a.startMs - b.startMs);
}

/** A request is sent when its triggering `user` line (prompt or tool result) is written. */
function sendTime(parent: string | null, nodes: Map<string, LineNode>, fallbackMs: number): number {
  let current = parent;
  for (let steps = 0; current !== null && steps < MAX_ANCESTRY; steps++) {
    const node = nodes.get(current);
    if (node === undefined) break;
    if (!Number.isNaN(node.userAtMs)) return node.userAtMs <= fallbackMs ? node.userAtMs : fallbackMs;
    current = node.parent;
  }
  return fallbackMs;
}

interface ThreadIdentity {
  readonly threadId: string;
  readonly sessionId: string;
  readonly kind: ThreadKind;
  readonly parentThreadId: string;
}

/** Main conversation, subagent (`agentId`) or compaction call (`agentId` `acompact-…`), per session. */
function threadOf(record: Record<string, unknown>, context: ClaudeFileContext): ThreadIdentity {
  const session =
    typeof record.sessionId === 'string' && record.sessionId !== '' ? record.sessionId : 'unknown-session';
  const sessionId = context.project === '' ? session : `${context.project}/${session}`;
  const agentId = typeof record.agentId === 'string' ? record.agentId : '';
  if (agentId === '' || record.isSidechain !== true)
    return { threadId: sessionId, sessionId, kind: 'main', parentThreadId: '' };
  const kind: ThreadKind = agentId.startsWith('acompact') ? 'compaction' : 'subagent';
  return { threadId: `${sessionId}/agent-${agentId}`, sessionId, kind, parentThreadId: sessionId };
}

const USAGE_FIELDS = [
  'input_tokens',
  'cache_creation_input_tokens',
  'cache_read_input_tokens',
  'output_tokens',
] as const;

/** The billed token counts of one line, or null (with a problem) when they are missing or not believable. */
function readUsage(raw: unknown, file: string, line: number, problems: ProblemLog): RecordedUsage | null {
  if (!isObject(raw)) {
    problems.add(file, line, 'message.usage', claudeCodeMessages.usageNotObject());
    return null;
  }
  const counts: number[] = [];
  for (const field of USAGE_FIELDS) {
    const value = raw[field] ?? (field.startsWith('cache_') ? 0 : undefined);
    if (!isTokenCount(value)) {
      problems.add(file, line, `message.usage.${field}`, claudeCodeMessages.badCount(value));
      return null;
    }
    counts.push(value);
  }
  const [input, written, read, output] = counts;
  let write1h = 0;
  const split = raw.cache_creation;
  if (isObject(split)) {
    const oneHour = split.ephemeral_1h_input_tokens ?? 0;
    if (!isTokenCount(oneHour)) {
      problems.add(
        file,
        line,
        'message.usage.cache_creation.ephemeral_1h_input_tokens',
        claudeCodeMessages.badCount(oneHour),
      );
      return null;
    }
    // A split that covers only part of the total leaves the remainder at 5m (docs/log-formats.md).
    write1h = Math.min(oneHour, written);
  }
  return { input, cacheWrite5m: written - write1h, cacheWrite1h: write1h, cacheRead: read, output };
}

function isTokenCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_TOKENS;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
