// logs/ (layer 4): prompts rebuilt from usage logs (docs/replay.md): a log records what each call read,
// wrote and sent uncached, never the prompt. Per thread and model, the prompt is a chain of segments: a
// shared tools + system prefix, the stable breakpoints the log proves exist, and history growing call by call.
import type { Request, Segment } from '../model/request.js';
import type { SegmentKeys } from '../workload/segment-keys.js';
import type { RecordedCall, RecordedUsage } from './types.js';
import { canonicalModel } from '../pricing/lookup.js';

/**
 * Why a call could not read everything its thread had cached before it, as far as the prompt goes
 * (the TTL is the simulation's business): `none` = the prompt only grew.
 */
export type PromptChange =
  'none' | 'first-request' | 'model-change' | 'version-change' | 'compaction' | 'content-change';

/** A Request rebuilt from a log, with what the log says it was billed. */
export interface RecordedRequest extends Request {
  readonly recorded: RecordedUsage;
  readonly startEpochMs: number;
  readonly project: string;
  readonly change: PromptChange;
  /** Time since the previous call of the same thread and model; -1 for the first. */
  readonly gapMs: number;
  /** What the thread (same model) had cached after its previous call; 0 for the first. */
  readonly previousCachedTokens: number;
  readonly file: string;
  readonly line: number;
  /** Fast mode (`speed: "fast"`); absent for standard. */
  readonly fast?: boolean;
  /** `service_tier` as logged; absent or '' when the log names none. */
  readonly serviceTier?: string;
  /** Client version as logged (Claude Code `version`), for what ran per version (replay/ttl-mix.ts); '' when unknown. */
  readonly version?: string;
}

/** A request rebuilt from a usage log (as opposed to a synthetic or CSV/Mooncake one, which records no usage). */
export function isRecorded(request: Request): request is RecordedRequest {
  return (request as RecordedRequest).recorded !== undefined;
}

const TTL_MS = { '5m': 300_000, '1h': 3_600_000 } as const;

interface Chain {
  segments: Segment[];
  /** Cumulative tokens at the end of each segment. */
  ends: number[];
  lastStartMs: number;
  lastTtl: '5m' | '1h';
  version: string;
}

/**
 * Positions where the log proves a stable breakpoint: every read that stopped short of the thread's
 * previous cached prefix (a compaction, a changed tail, a lapsed tail over a warm system prompt) read
 * up to an entry, so an entry ended there. Computed per thread and model over a whole file of calls,
 * so the chain can already split there when it first writes past it. Only the calls `proves` accepts
 * add a position; the others still tell what the thread had cached before (a copy of a request read
 * from another file, whose positions that file already proved).
 */
export function stableBreakpoints(
  calls: readonly RecordedCall[],
  proves: (call: RecordedCall) => boolean = () => true,
): Map<string, number[]> {
  const previousEnd = new Map<string, number>();
  const levels = new Map<string, Set<number>>();
  for (const call of calls) {
    const key = chainKey(call);
    const end = call.usage.cacheRead + call.usage.cacheWrite5m + call.usage.cacheWrite1h;
    const before = previousEnd.get(key);
    const read = call.usage.cacheRead;
    if (read > 0 && (before === undefined || read < before) && proves(call)) {
      let set = levels.get(key);
      if (set === undefined) levels.set(key, (set = new Set()));
      set.add(read);
    }
    previousEnd.set(key, end);
  }
  const sorted = new Map<string, number[]>();
  for (const [key, set] of levels)
    sorted.set(
      key,
      [...set].sort((a, b) => a - b),
    );
  return sorted;
}

/**
 * The cache a call reads and writes, beside its thread: its model as one canonical id (dated and undated
 * ids, Bedrock and Vertex spellings of one model share one cache), and fast mode, which is part of the
 * provider's cache key (a fast request cannot read what a standard one wrote).
 */
function cacheModel(model: string, fast: boolean | undefined): string {
  const canonical = canonicalModel(model);
  return fast === true ? `${canonical}\u0000fast` : canonical;
}

function chainKey(call: RecordedCall): string {
  return `${call.threadId}\u0000${cacheModel(call.model, call.fast)}`;
}

/** Turns calls (in start order, across all files) into Requests on one run's SegmentKeys. */
export class UsageChains {
  private readonly chains = new Map<string, Chain>();
  private readonly levels = new Map<string, number[]>();
  /** Threads seen, for telling a model change from a thread's first call. */
  private readonly threads = new Set<string>();

  constructor(
    private readonly keys: SegmentKeys,
    private readonly scope: string,
    private readonly originMs: number,
  ) {}

  /** Adds stable breakpoints found in a file (see stableBreakpoints). */
  addBreakpoints(found: Map<string, number[]>): void {
    for (const [key, positions] of found) {
      const known = this.levels.get(key);
      this.levels.set(
        key,
        known === undefined ? positions : [...new Set([...known, ...positions])].sort((a, b) => a - b),
      );
    }
  }

  /** Forgets a finished thread's chains (memory follows open threads). */
  endThread(threadId: string, models: Iterable<string>): void {
    for (const model of models)
      for (const fast of [false, true]) this.chains.delete(`${threadId}\u0000${cacheModel(model, fast)}`);
  }

  toRequest(call: RecordedCall): RecordedRequest {
    const key = chainKey(call);
    const usage = call.usage;
    const cachedEnd = usage.cacheRead + usage.cacheWrite5m + usage.cacheWrite1h;
    const read = usage.cacheRead;
    let chain = this.chains.get(key);
    let change: PromptChange = 'none';
    let warmSegments = 0;
    let gapMs = -1;
    let previousCachedTokens = 0;
    if (chain !== undefined && chain.version !== call.version) {
      change = 'version-change';
      chain = undefined;
    }
    if (chain === undefined) {
      if (change === 'none')
        change = this.threads.has(call.threadId)
          ? 'model-change'
          : call.threadKind === 'compaction'
            ? 'compaction'
            : 'first-request';
      chain = this.startChain(call);
      this.chains.set(key, chain);
      // A first call that reads proves an entry written outside this thread; the parent's chain (a
      // compaction call) or a shared prefix segment stands for it.
      if (chain.ends.length > 0 && call.parentThreadId === '') warmSegments = chain.ends.length;
    } else {
      gapMs = call.startMs - chain.lastStartMs;
      const previousEnd = chain.ends.length === 0 ? 0 : chain.ends[chain.ends.length - 1];
      previousCachedTokens = previousEnd;
      if (read < previousEnd) {
        const lapsed = gapMs >= TTL_MS[chain.lastTtl] && cachedEnd >= previousEnd;
        if (!lapsed) {
          change = call.afterCompaction ? 'compaction' : 'content-change';
          this.truncate(chain, read);
        }
      }
    }
    this.threads.add(call.threadId);
    const from = chain.ends.length === 0 ? 0 : chain.ends[chain.ends.length - 1];
    this.append(chain, key, from, cachedEnd);
    chain.lastStartMs = call.startMs;
    chain.lastTtl = call.ttl;
    return {
      atMs: call.startMs - this.originMs,
      // Fast mode has a cache of its own: a scope of its own keeps it apart in the simulated cache too.
      scope: call.fast === true ? `${this.scope}\u0000fast` : this.scope,
      model: canonicalModel(call.model),
      segments: chain.segments,
      segmentCount: chain.segments.length,
      tailTokens: usage.input,
      outputTokens: usage.output,
      threadId: call.threadId,
      threadKind: call.threadKind,
      sessionId: call.sessionId,
      warmSegments,
      recordedTtl: call.ttl,
      recorded: usage,
      startEpochMs: call.startMs,
      project: call.project,
      change,
      gapMs,
      previousCachedTokens,
      file: call.file,
      line: call.line,
      fast: call.fast === true,
      serviceTier: call.serviceTier ?? '',
      version: call.version,
    };
  }

  /** A new chain: the parent's prefix for a compaction call, else a shared prefix when the first call reads one. */
  private startChain(call: RecordedCall): Chain {
    const chain: Chain = {
      segments: [],
      ends: [],
      lastStartMs: call.startMs,
      lastTtl: call.ttl,
      version: call.version,
    };
    const read = call.usage.cacheRead;
    if (read === 0) return chain;
    const parent =
      call.parentThreadId === ''
        ? undefined
        : this.chains.get(`${call.parentThreadId}\u0000${cacheModel(call.model, call.fast)}`);
    if (parent !== undefined && parent.version === call.version) {
      // The compaction call sends the parent's conversation: as much of its chain as this call covers.
      for (let i = 0; i < parent.ends.length && parent.ends[i] <= read; i++) {
        chain.segments.push(parent.segments[i]);
        chain.ends.push(parent.ends[i]);
      }
      if (chain.ends.length > 0) return chain;
    }
    // The tools + system prompt other sessions of this scope, model and client version also send.
    const id = `shared-prefix/${canonicalModel(call.model)}/${call.version}/${read}`;
    chain.segments.push({
      id,
      key: this.keys.of(`${this.scope}\u0000${id}`),
      tokens: read,
      role: 'system',
      breakpoint: true,
    });
    chain.ends.push(read);
    return chain;
  }

  /** Keeps the segments ending at or before `tokens` (the prompt changed after them); the array is new so earlier Requests keep theirs. */
  private truncate(chain: Chain, tokens: number): void {
    let keep = 0;
    while (keep < chain.ends.length && chain.ends[keep] <= tokens) keep++;
    chain.segments = chain.segments.slice(0, keep);
    chain.ends = chain.ends.slice(0, keep);
  }

  /** Appends new content (from, to], split at the thread's stable breakpoints. */
  private append(chain: Chain, key: string, from: number, to: number): void {
    if (to <= from) return;
    const levels = this.levels.get(key) ?? [];
    let start = from;
    for (const level of levels) {
      if (level <= start) continue;
      if (level >= to) break;
      this.push(chain, level - start, 'project', true, level);
      start = level;
    }
    this.push(chain, to - start, 'history', false, to);
  }

  private push(chain: Chain, tokens: number, role: string, breakpoint: boolean, end: number): void {
    const key = this.keys.fresh();
    chain.segments.push({ id: `#${key}`, key, tokens, role, breakpoint });
    chain.ends.push(end);
  }
}
