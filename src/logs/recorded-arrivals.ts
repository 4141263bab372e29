// logs/ (layer 4), EDGE: recorded logs as one Request stream in time order. Files open when the replay clock
// reaches their earliest timestamp and drop when exhausted, so memory follows the sessions active at once;
// usage logs are rebuilt into prompts by usage-chain.ts, each file's calls sorted by start (several sessions
// in one file are several threads); structure logs (CSV, Mooncake) stream row by row through a bounded
// reorder buffer (reorder-buffer.ts). Whatever the order of lines in files, requests come out in time order.
import type { Request } from '../model/request.js';
import type { SegmentKeys } from '../workload/segment-keys.js';
import type { LogLine, ProblemLog, RecordedCall } from './types.js';
import type { LogFormat } from '../model/log-format.js';
import { agentsWithOwnFile, isWantedClaudeLine, readClaudeCodeCalls } from './claude-code.js';
import { SeenRequests } from './seen-requests.js';
import { UsageChains, stableBreakpoints } from './usage-chain.js';
import { readBedrockCalls } from './bedrock.js';
import { CsvArrivals } from './csv.js';
import { MooncakeArrivals } from './mooncake.js';
import { RawLines, rawText, readLines } from './read-lines.js';
import type { LogFile } from './find-logs.js';
import { logMessages } from './messages.js';
import { ReorderBuffer, REORDER_ROWS } from './reorder-buffer.js';
import { openingsOf, runLinesOf, type Opening } from './openings.js';

export interface RecordedArrivalsOptions {
  readonly files: readonly LogFile[];
  /** Epoch ms that becomes simulated time 0. */
  readonly originMs: number;
  readonly scope: string;
  /** Model for formats whose lines name none (CSV without a model column, Mooncake). */
  readonly defaultModel: string;
  /** CSV: our column name → the file's header name. */
  readonly csvColumns?: Readonly<Record<string, string>>;
  readonly keys: SegmentKeys;
  readonly problems: ProblemLog;
  /** Called as each file is opened (progress). */
  readonly onFile?: (file: LogFile, index: number, count: number) => void;
}

/** Parses one usage-log file into calls sorted by start. */
type UsageReader = (
  lines: Iterable<LogLine>,
  file: LogFile,
  problems: ProblemLog,
  seen: SeenRequests,
  ownAgents: ReadonlySet<string>,
) => RecordedCall[];
/** Streams one structure-log file as Requests (atMs relative to the origin), in file order. */
type StreamReader = (
  lines: Iterator<LogLine> | RawLines,
  file: LogFile,
  options: RecordedArrivalsOptions,
) => Iterator<Request> & { readonly line: number };

const usageReaders: Partial<Record<LogFormat, UsageReader>> = {
  'claude-code': (lines, file, problems, seen, agents) =>
    readClaudeCodeCalls(lines, { project: file.project, agentsWithOwnFile: agents }, problems, seen.mainMessageIds),
  bedrock: (lines, file, problems) => readBedrockCalls(lines, problems, {}),
};
const streamReaders: Partial<Record<LogFormat, StreamReader>> = {
  csv: (lines, file, o) =>
    new CsvArrivals(
      lines,
      {
        columns: o.csvColumns,
        model: o.defaultModel,
        scope: o.scope,
        originMs: o.originMs,
        file: file.shown,
        unordered: true,
        prefetchPrompts: true,
      },
      o.keys,
      o.problems,
    ),
  mooncake: (lines, _file, o) =>
    new MooncakeArrivals(textLines(lines), { model: o.defaultModel, scope: o.scope }, o.keys, o.problems),
};

/** Lines as text, decoding undecoded ones (only a CSV reader takes them undecoded). */
function* textLines(lines: Iterator<LogLine> | RawLines): Generator<LogLine> {
  if (!(lines instanceof RawLines)) {
    for (let next = lines.next(); next.done !== true; next = lines.next()) yield next.value;
    return;
  }
  for (let raw = lines.next(); raw !== null; raw = lines.next())
    yield { file: raw.file, line: raw.line, text: rawText(raw) };
}

/** A CSV file's lines undecoded, for the reader's plain-row path (csv-plain.ts); over-long lines reported. */
function rawLinesOf(file: LogFile, problems: ProblemLog): RawLines {
  return new RawLines(file.path, {
    shownAs: file.shown,
    onSkipped: (line, bytes) => problems.add(file.shown, line, '', logMessages.lineTooLong(bytes)),
  });
}

/** Lines of a file, with over-long lines reported rather than decoded. */
function linesOf(file: LogFile, problems: ProblemLog): Generator<LogLine> {
  return readLines(file.path, {
    shownAs: file.shown,
    wanted: file.format === 'claude-code' ? isWantedClaudeLine : undefined,
    onSkipped: (line, bytes) => problems.add(file.shown, line, '', logMessages.lineTooLong(bytes)),
  });
}

interface QueuedCall {
  readonly call: RecordedCall;
  readonly seq: number;
  readonly source: UsageSource;
}

interface UsageSource {
  remaining: number;
  readonly threads: Map<string, Set<string>>;
}

interface StreamSource {
  readonly iterator: ReorderBuffer;
  head: Request | null;
  readonly opening: Opening;
}

export class RecordedArrivals implements Iterator<Request> {
  private readonly chains: UsageChains;
  /** Requests read so far, across files: a copy of one is dropped (seen-requests.ts). */
  private readonly seen = new SeenRequests();
  /** Open files holding calls of each thread: a thread also in a copy's file ends with the last of them. */
  private readonly openSources = new Map<string, number>();
  /** Subagents whose own file is replayed: never read again from their parent's progress lines. */
  private readonly ownAgents: ReadonlySet<string>;
  /** Calls of the open usage files, a binary min-heap by (startMs, seq). */
  private readonly heap: QueuedCall[] = [];
  private readonly streams: StreamSource[] = [];
  private readonly openings: Opening[];
  private nextOpening = 0;
  private readonly opened = new Set<LogFile>();
  /** Files read in several runs: per file and thread, the latest run a request came from. */
  private readonly runOfThread = new Map<string, number>();
  private seq = 0;
  private lastAtMs = 0;
  /** Requests moved later to keep the stream in order (one earlier than its file's earliest timestamp). */
  reordered = 0;
  /** Requests out of time order within their thread in a file (usage logs) or within a file (CSV, Mooncake), replayed in order. */
  outOfOrder = 0;
  /** CSV and Mooncake rows further back in time than the reorder buffer reaches: reported and skipped. */
  late = 0;

  constructor(private readonly options: RecordedArrivalsOptions) {
    this.chains = new UsageChains(options.keys, options.scope, options.originMs);
    this.ownAgents = agentsWithOwnFile(options.files.filter((f) => f.format === 'claude-code').map((f) => f.path));
    this.openings = openingsOf(options.files, (file, ms) => this.relative(file, ms));
  }

  /** Requests dropped because another file (or an earlier record) already held them. */
  get duplicates(): number {
    return this.seen.duplicates;
  }

  next(): IteratorResult<Request> {
    for (;;) {
      const best = this.earliestMs();
      const opening = this.openings[this.nextOpening];
      // Open every file (or run of one) that starts no later than the earliest pending request.
      if (
        opening !== undefined &&
        (Number.isNaN(opening.firstMs) || this.relative(opening.file, opening.firstMs) <= best)
      ) {
        this.nextOpening++;
        this.open(opening);
        continue;
      }
      if (best === Infinity) return { done: true, value: undefined };
      const request = this.take(best);
      if (request.atMs < this.lastAtMs) {
        this.reordered++;
        (request as { atMs: number }).atMs = this.lastAtMs;
      }
      this.lastAtMs = request.atMs;
      return { done: false, value: request };
    }
  }

  private relative(file: LogFile, ms: number): number {
    return file.format === 'mooncake' ? ms : ms - this.options.originMs;
  }

  private earliestMs(): number {
    let best = this.heap.length > 0 ? this.heap[0].call.startMs - this.options.originMs : Infinity;
    for (const stream of this.streams) if (stream.head !== null && stream.head.atMs < best) best = stream.head.atMs;
    return best;
  }

  private take(atMs: number): Request {
    // Usage calls first at equal times: they were opened earlier (files sort by first timestamp).
    if (this.heap.length > 0 && this.heap[0].call.startMs - this.options.originMs === atMs) {
      const { call, source } = this.popCall();
      this.seen.replayed(call);
      const request = this.chains.toRequest(call);
      if (--source.remaining === 0)
        for (const [thread, models] of source.threads)
          if (this.release(thread) === 0) this.chains.endThread(thread, models);
      return request;
    }
    // A loop, not findIndex: its closure would be one more object per request.
    let index = 0;
    while (this.streams[index].head?.atMs !== atMs) index++;
    const stream = this.streams[index];
    const request = stream.head!;
    const next = stream.iterator.next();
    stream.head = next.done === true ? null : next.value;
    if (stream.head === null) {
      this.outOfOrder += stream.iterator.reordered;
      this.streams.splice(index, 1);
    }
    if (stream.opening.run >= 0) this.checkRunOrder(stream.opening, request);
    return request;
  }

  /** A request of a thread from an earlier run than one already replayed was written after it: out of order. */
  private checkRunOrder(opening: Opening, request: Request): void {
    const key = `${opening.file.path}\u0000${request.threadId}`;
    const latest = this.runOfThread.get(key) ?? -1;
    if (opening.run < latest) this.outOfOrder++;
    else this.runOfThread.set(key, opening.run);
  }

  private open(opening: Opening): void {
    const { options } = this;
    const file = opening.file;
    if (!this.opened.has(file)) {
      options.onFile?.(file, this.opened.size, options.files.length);
      this.opened.add(file);
    }
    const usage = usageReaders[file.format];
    if (usage !== undefined) {
      const read = usage(linesOf(file, options.problems), file, options.problems, this.seen, this.ownAgents);
      const calls = this.seen.firstCopies(read);
      // Copies add no breakpoint (their own file proved it) but give the calls after them their context.
      const kept = new Set(calls);
      this.chains.addBreakpoints(stableBreakpoints(read, (call) => kept.has(call)));
      if (calls.length === 0) return;
      this.outOfOrder += outOfOrderCalls(calls);
      const source: UsageSource = { remaining: calls.length, threads: new Map() };
      for (const call of calls) {
        let models = source.threads.get(call.threadId);
        if (models === undefined) {
          source.threads.set(call.threadId, (models = new Set()));
          this.openSources.set(call.threadId, (this.openSources.get(call.threadId) ?? 0) + 1);
        }
        models.add(call.model);
        this.pushCall({ call, seq: this.seq++, source });
      }
      return;
    }
    const stream = streamReaders[file.format];
    if (stream === undefined) throw new Error(`no reader for format ${file.format}`);
    const lines =
      opening.run >= 0
        ? runLinesOf(opening, options.problems)
        : file.format === 'csv'
          ? rawLinesOf(file, options.problems)
          : linesOf(file, options.problems);
    const reader = stream(lines, file, options);
    const iterator = new ReorderBuffer(
      reader,
      (line) => {
        this.late++;
        options.problems.add(file.shown, line, 'timestamp', logMessages.lateRow(REORDER_ROWS));
      },
      // A file its dating found in order passes rows straight through: holding 10,000 requests would age
      // them into V8's old generation (a 1M-row replay peaked 100 MB higher).
      file.sorted === true ? 1 : REORDER_ROWS,
    );
    const first = iterator.next();
    if (first.done !== true) this.streams.push({ iterator, head: first.value, opening });
    else this.outOfOrder += iterator.reordered;
  }

  /** One open file fewer holds the thread's calls; returns how many still do. */
  private release(thread: string): number {
    const left = (this.openSources.get(thread) ?? 1) - 1;
    if (left === 0) this.openSources.delete(thread);
    else this.openSources.set(thread, left);
    return left;
  }

  private pushCall(item: QueuedCall): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = item;
  }

  private popCall(): QueuedCall {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= heap.length) break;
        if (child + 1 < heap.length && before(heap[child + 1], heap[child])) child++;
        if (!before(heap[child], last)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}

/**
 * Calls of one file that its lines give out of time order within their thread: `calls` are sorted by
 * start (stably), so a call whose first line comes before that of an earlier-starting call of its thread
 * was written after it.
 */
function outOfOrderCalls(calls: readonly RecordedCall[]): number {
  const lastLine = new Map<string, number>();
  let count = 0;
  for (const call of calls) {
    const previous = lastLine.get(call.threadId) ?? 0;
    if (call.line < previous) count++;
    else lastLine.set(call.threadId, call.line);
  }
  return count;
}

function before(a: QueuedCall, b: QueuedCall): boolean {
  return a.call.startMs < b.call.startMs || (a.call.startMs === b.call.startMs && a.seq < b.seq);
}
