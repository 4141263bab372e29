// model/ (layer 0): the unit every workload and log reader produces and the engine consumes: one API
// request, its prompt as an ordered list of segments (the prefix model of docs/model.md), and its identity.

/** One block of a prompt. Same `id` = same bytes: requests that share a path of ids share cache entries. */
export interface Segment {
  /** Content identity. Two segments with the same id at the same position are byte-identical. */
  readonly id: string;
  /**
   * The id as a number, from the run's SegmentKeys (equal ids ⇔ equal keys within a run). The cache
   * looks segments up by key: an integer hashes without touching the id string.
   */
  readonly key: number;
  /** Token count of this segment alone (not cumulative). Non-negative integer. */
  readonly tokens: number;
  /** Role for TTL policies: `tools`, `system`, `project`, `history`, `context`, `summary`, … */
  readonly role: string;
  /**
   * True where a breakpoint stays at the end of this segment on every request that contains it (tools,
   * system, project context). The last segment of a request always carries a breakpoint as well (the
   * moving last-message marker of Claude Code and of automatic caching), so a growing history needs no
   * per-request copies of its segments.
   */
  readonly breakpoint: boolean;
}

/** What kind of conversation thread a request belongs to (for breakdowns and per-thread policies). */
export type ThreadKind = 'main' | 'subagent' | 'compaction' | 'key' | 'batch';

export interface Request {
  /** Start (arrival) time in integer ms from the scenario start. The TTL clock starts here. */
  readonly atMs: number;
  /** Cache isolation scope (organization / workspace). Entries are never shared across scopes. */
  readonly scope: string;
  /** Model id; each model has its own cache and its own prices. */
  readonly model: string;
  /**
   * Prompt segments in order. Only the first `segmentCount` belong to this request, so a generator can
   * share one growing array across a conversation without copying it for every request.
   */
  readonly segments: readonly Segment[];
  readonly segmentCount: number;
  /** Uncached input tokens after the last segment (the new user message or tool result tail). */
  readonly tailTokens: number;
  /** Output tokens billed at the output price. */
  readonly outputTokens: number;
  /** Conversation thread the request belongs to (a key, a session's main loop, a subagent, …). */
  readonly threadId: string;
  readonly threadKind: ThreadKind;
  /** Session the thread belongs to (for bootstrap and breakdowns); equals threadId for renewal keys. */
  readonly sessionId: string;
  /**
   * A dense number for `threadId` (and `sessionId`, which equals it then) when the reader gives one: CSV
   * keys, numbered once per run (logs/csv-keys.ts): equal indexes ⇔ equal ids within a run. Per-request tallies (gap
   * clocks, per-session costs, keep-alive ping states; util/id-columns.ts, engine/simulate.ts) then find a
   * thread by an array load, not a Map lookup.
   */
  readonly threadIndex?: number;
  /**
   * Recorded requests only: the leading segments that the log shows read from an entry written outside
   * the logs (another session's shared tools + system prompt). The cache treats them as warm on arrival.
   */
  readonly warmSegments?: number;
  /** Recorded requests only: the TTL the request's cache writes used (for the as-recorded policy). */
  readonly recordedTtl?: '5m' | '1h';
  /**
   * What the request is billed at, when more than its model decides it (long context, fast mode, a
   * service tier; pricing/price-key.ts): ledgers are kept per price key. Absent: the model's own price.
   */
  readonly priceKey?: string;
}

/** The key a request's tokens are billed under: its price key, else its model. */
export function billedAs(request: Request): string {
  return request.priceKey ?? request.model;
}

/** Total prompt tokens of a request: every segment plus the uncached tail. */
export function promptTokens(request: Request): number {
  let tokens = request.tailTokens;
  for (let i = 0; i < request.segmentCount; i++) tokens += request.segments[i].tokens;
  return tokens;
}
