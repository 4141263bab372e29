// logs/ (layer 4): Claude Code transcripts (`~/.claude/projects/<project>/<session>.jsonl`, subagent and
// compaction files beside them) → one RecordedCall per API request. Pure: the lines come from read-lines.ts.
// The format and its pitfalls are in docs/log-formats.md.
import type { ThreadKind } from '../model/request.js';
import type { LogLine, ProblemLog, RecordedCall, RecordedUsage } from './types.js';
import { MAX_TOKENS } from '../model/log-format.js';
import { claudeCodeMessages } from './messages.js';
import { pricingTags } from './pricing-tags.js';
import { jsonTimestampMs } from './iso-time.js';

/** Where a transcript file sits, from its path: its project folder and what kind of thread it holds. */
export interface ClaudeFileContext {
  /** The projects sub-folder (`-home-me-src-app`), '' for a loose file. */
  readonly project: string;
  /**
   * Subagents whose own transcript is among the files replayed (see agentsWithOwnFile): their requests are
   * read from that file, never from the parent's progress lines, whichever file is read first.
   */
  readonly agentsWithOwnFile?: ReadonlySet<string>;
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

/** An assistant message with usage: a line of its own, or carried by a parent's `agent_progress` line. */
interface UsageLine {
  readonly message: Record<string, unknown>;
  readonly requestId: unknown;
  readonly timestamp: unknown;
  readonly sidechain: boolean;
  readonly thread: ThreadIdentity;
  /** Where the message sits in the line ('' or `data.message.`), for the fields problems name. */
  readonly at: string;
  /** When the request was sent, given the time its line was written. */
  readonly sendTimeMs: (lineAtMs: number) => number;
}

/**
 * A cheap byte-level filter for readLines: file-history snapshots (which can make a file hundreds of MB)
 * and queue operations never carry usage, so they are not decoded.
 */
export function isWantedClaudeLine(bytes: Buffer, start: number, end: number): boolean {
  const head = bytes.toString('latin1', start, Math.min(end, start + 48));
  return !head.includes('"file-history-snapshot"') && !head.includes('"queue-operation"');
}

/** `agent-<id>.jsonl` as Claude Code names it, or renamed with a prefix (`4d5611e5__agent-<id>.jsonl`); maybe gzipped. */
const AGENT_FILE = /(^|[^A-Za-z0-9])agent-([A-Za-z0-9_-]+)\.jsonl(?:\.gz)?$/;
/** `<session>/subagents/<file>`: the session folder above a subagent file. */
const SESSION_DIR = /([^/\\]+)[/\\]subagents[/\\][^/\\]+$/;

/**
 * The subagents that have a transcript of their own among `paths`: `<session>/<agentId>` for a file Claude
 * Code named and placed (`<session>/subagents/agent-<id>.jsonl`), the bare agent id for a renamed one.
 * Known from the file list before any file is read, so progress lines are skipped for them whether the
 * parent is read before or after.
 */
export function agentsWithOwnFile(paths: Iterable<string>): Set<string> {
  const agents = new Set<string>();
  for (const path of paths) {
    const match = AGENT_FILE.exec(path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1));
    if (match === null) continue;
    const session = match[1] === '' ? SESSION_DIR.exec(path)?.[1] : undefined;
    agents.add(session === undefined ? match[2] : `${session}/${match[2]}`);
  }
  return agents;
}

/**
 * Parses one transcript file into calls sorted by start time. De-duplicates assistant lines by
 * (message.id, requestId), keeping the largest output_tokens (each content block repeats the usage with
 * a partial output count); a call's start is the timestamp of its nearest `user` ancestor.
 * `mainMessageIds` holds the message ids of main-thread calls seen so far, across files: a sidechain line
 * repeating one is a replay of a main message, not a request of its own.
 * A subagent's requests that older Claude Code versions record only in the parent's `agent_progress`
 * lines are calls of the subagent's thread, unless `context.agentsWithOwnFile` says its file is read too.
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
  /** Progress-line subagents: the time of each one's latest `user` message not yet followed by a request. */
  const progressUserAtMs = new Map<string, number>();
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
      const userAtMs = type === 'user' ? jsonTimestampMs(record.timestamp) : NaN;
      nodes.set(uuid, { parent, userAtMs });
    }
    const found =
      type === 'progress'
        ? progressUsage(record, context, progressUserAtMs)
        : assistantUsage(record, type, context, (ms) => sendTime(parent, nodes, ms));
    if (found === null) continue;
    const { message, thread, at } = found;
    if (message.model === '<synthetic>') continue;
    const messageId = typeof message.id === 'string' ? message.id : '';
    const requestId = typeof found.requestId === 'string' ? found.requestId : '';
    const requestKey = messageId === '' && requestId === '' ? '' : `${messageId}\u0000${requestId}`;
    const key = requestKey === '' ? `${file}:${line}` : requestKey;
    const usage = readUsage(message.usage, `${at}message.usage`, file, line, problems);
    if (usage === null) continue;
    const seen = pending.get(key);
    if (seen !== undefined) {
      if (usage.output > seen.usage.output) seen.usage.output = usage.output;
      continue;
    }
    if (found.sidechain && messageId !== '' && mainMessageIds.has(messageId)) continue;
    if (!found.sidechain && messageId !== '') mainMessageIds.add(messageId);
    const lineAtMs = jsonTimestampMs(found.timestamp);
    if (!Number.isFinite(lineAtMs)) {
      problems.add(file, line, `${at}timestamp`, claudeCodeMessages.badTimestamp(found.timestamp));
      continue;
    }
    if (typeof message.model !== 'string' || message.model === '') {
      problems.add(file, line, `${at}message.model`, claudeCodeMessages.missingModel());
      continue;
    }
    const call: Mutable<RecordedCall> = {
      startMs: found.sendTimeMs(lineAtMs),
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
      requestKey,
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

/** An assistant line's message (ccusage's minimal lines have no `type` at all); null for other lines. */
function assistantUsage(
  record: Record<string, unknown>,
  type: unknown,
  context: ClaudeFileContext,
  sendTimeMs: (lineAtMs: number) => number,
): UsageLine | null {
  const message = record.message;
  if (!(type === 'assistant' || type === undefined) || !isObject(message) || message.usage === undefined) return null;
  if (record.isApiErrorMessage === true) return null;
  return {
    message,
    requestId: record.requestId,
    timestamp: record.timestamp,
    sidechain: record.isSidechain === true,
    thread: threadOf(record, context),
    at: '',
    sendTimeMs,
  };
}

/**
 * The subagent message an `agent_progress` line carries (`data.message`, with `data.agentId`), as a call
 * of the subagent's thread. Its inner `user` messages (the prompt, tool results) give the send time of the
 * next request, as `user` lines do in the subagent's own file; the inner messages name no parent, so the
 * latest one stands for it. Null for other progress lines and for subagents read from their own file.
 */
function progressUsage(
  record: Record<string, unknown>,
  context: ClaudeFileContext,
  userAtMs: Map<string, number>,
): UsageLine | null {
  const data = record.data;
  if (!isObject(data) || data.type !== 'agent_progress' || !isObject(data.message)) return null;
  const agentId = data.agentId;
  if (typeof agentId !== 'string' || agentId === '') return null;
  const session = typeof record.sessionId === 'string' ? record.sessionId : '';
  const own = context.agentsWithOwnFile;
  if (own !== undefined && (own.has(`${session}/${agentId}`) || own.has(agentId))) return null;
  const inner = data.message;
  const thread = threadOf({ sessionId: record.sessionId, agentId, isSidechain: true }, context);
  const timestamp = inner.timestamp ?? record.timestamp;
  if (inner.type === 'user') {
    const atMs = jsonTimestampMs(timestamp);
    if (Number.isFinite(atMs)) userAtMs.set(thread.threadId, atMs);
    return null;
  }
  const message = inner.message;
  if (inner.type !== 'assistant' || !isObject(message) || message.usage === undefined) return null;
  if (inner.isApiErrorMessage === true) return null;
  return {
    message,
    requestId: inner.requestId,
    timestamp,
    sidechain: true,
    thread,
    at: 'data.message.',
    sendTimeMs: (lineAtMs) => {
      const sentMs = userAtMs.get(thread.threadId);
      userAtMs.delete(thread.threadId);
      return sentMs !== undefined && sentMs <= lineAtMs ? sentMs : lineAtMs;
    },
  };
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
function readUsage(raw: unknown, path: string, file: string, line: number, problems: ProblemLog): RecordedUsage | null {
  if (!isObject(raw)) {
    problems.add(file, line, path, claudeCodeMessages.usageNotObject());
    return null;
  }
  const counts: number[] = [];
  for (const field of USAGE_FIELDS) {
    const value = raw[field] ?? (field.startsWith('cache_') ? 0 : undefined);
    if (!isTokenCount(value)) {
      problems.add(file, line, `${path}.${field}`, claudeCodeMessages.badCount(value));
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
        `${path}.cache_creation.ephemeral_1h_input_tokens`,
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
