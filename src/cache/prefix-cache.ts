// The shared cache protocol of docs/model.md for every policy: lookup with lookback, Anthropic's A/B/C
// billing, entry writes at breakpoints, refresh of the path, and expiry. Policies only supply tiers.
import type { Request } from '../model/request.js';
import type { Tier, TierResolver } from '../model/policy.js';
import type { Rng } from '../workload/rng.js';
import { NOT_READ, NO_NODE, NodeStore, READ_SLIDING } from './node-store.js';
import { ExpirySchedule } from './expiry-schedule.js';
import { DURATION_EDGES_MS, READS_EDGES, binOf, durationBinOf } from '../model/histogram-bins.js';
import { HOUR_MS } from '../model/time.js';

/** Live cached tokens of one model over time, for stored token-hours (storage-priced providers). */
export interface StorageMeter {
  readonly model: string;
  liveTokens: number;
  lastChangeMs: number;
  /**
   * Integral of live tokens over time in token-milliseconds: whole tokens × whole milliseconds, an exact
   * integer (below 2^53 up to ~2.5e6 token-years), so the shards of one run add up to exactly its total.
   */
  tokenMs: number;
}

export interface PrefixCacheOptions {
  /** Positions checked per breakpoint, the breakpoint itself counting as the first. */
  readonly lookback: number;
  readonly firstTokenDelayMs: number;
  /** Early-eviction hazard per ms of entry life; 0 = none. */
  readonly evictionRatePerMs: number;
  /** Stored token-hours accrue up to this time only (the end of the simulated period). */
  readonly horizonMs: number;
  readonly minCacheableTokens: (model: string) => number;
  readonly rng: Rng;
}

/** How one request was billed; reused across calls to keep the hot path allocation-free. */
export interface ServeOutcome {
  /** Hit point A: tokens read from the cache (0 on a miss). */
  readTokens: number;
  write1hTokens: number;
  write5mTokens: number;
  /** Uncached input: tokens after the deepest breakpoint, or everything without an eligible breakpoint. */
  inputTokens: number;
  /** Entries stored by this request. */
  entriesWritten: number;
  /** Of readTokens, those read from an entry written outside the logs (Request.warmSegments). */
  externalReadTokens: number;
}

export function emptyOutcome(): ServeOutcome {
  return {
    readTokens: 0,
    write1hTokens: 0,
    write5mTokens: 0,
    inputTokens: 0,
    entriesWritten: 0,
    externalReadTokens: 0,
  };
}

/** Ended nodes kept in the trie, beyond the number of live entries, before a sweep removes them. */
const PRUNE_SLACK = 65_536;
/** Lifetime bins (model/histogram-bins.ts DURATION_EDGES_MS, binned by durationBinOf's tables). */
const LIFETIME_BINS = DURATION_EDGES_MS.length + 1;
/** The read-count edges as a typed array: the shared one is frozen, and V8 loads a frozen array's elements through an IC call. */
const READ_EDGES = Float64Array.from(READS_EDGES);

export class PrefixCache {
  liveEntries = 0;
  liveTokens = 0;
  peakLiveEntries = 0;
  peakLiveTokens = 0;
  entriesWritten = 0;
  expirations = 0;
  /** Entries that ended without a single read. */
  wastedWrites = 0;
  /** Entries ended by the eviction hazard before their TTL. */
  evictions = 0;
  /** Lifetime of every ended entry would be too much to keep; its sum is enough for a mean. */
  endedLifetimeMs = 0;
  /** Ended entries per lifetime bin (model/histogram-bins.ts DURATION_EDGES_MS), and of those the unread. */
  readonly lifetimeEntries = new Float64Array(LIFETIME_BINS);
  readonly lifetimeWasted = new Float64Array(LIFETIME_BINS);
  /** Ended entries per read-count bin (model/histogram-bins.ts READS_EDGES). */
  readonly readsEntries = new Float64Array(READ_EDGES.length + 1);

  private readonly store = new NodeStore();
  private readonly roots = new Map<string, number>();
  private readonly meters: StorageMeter[] = [];
  private readonly meterByModel = new Map<string, number>();
  /** Ended nodes awaiting a sweep (see prune). */
  private readonly dead: number[] = [];
  private lastScope = '';
  private lastModel = '';
  private lastRoot = NO_NODE;
  /** The direct index of lastRoot's children (NodeStore.rootChild). */
  private lastDirect = 0;
  private minTokensModel = '';
  private minTokens = 0;
  // Per-request scratch, grown as needed: from room for 1,024 segments, so that a run whose prompts grow
  // past a few dozen segments does not grow it (and throw away the optimised `serve`) in its middle.
  private nodes = new Int32Array(1024);
  private cumTokens = new Float64Array(1024);
  private tiers: (Tier | null)[] = [];
  /** When each entry ends (expiry-schedule.ts): lanes per TTL, a heap for the rest (all, with an eviction hazard). */
  private readonly schedule: ExpirySchedule;

  constructor(private readonly options: PrefixCacheOptions) {
    this.schedule = new ExpirySchedule(this.store, !(options.evictionRatePerMs > 0));
  }

  /**
   * Serves one request at nowMs: finds the hit point, bills by the A/B/C rule, refreshes what it read
   * and writes entries at the breakpoints past the hit point.
   */
  serve(request: Request, tailTokens: number, nowMs: number, tierFor: TierResolver, out: ServeOutcome): void {
    const warm = request.warmSegments;
    if (request.segmentCount === 1 && (warm === undefined || !(warm > 0)))
      this.serveOneSegment(request, tailTokens, nowMs, tierFor, out);
    else this.servePrompt(request, tailTokens, nowMs, tierFor, out);
  }

  /** `serve` for any prompt. Protected, like serveOneSegment, only so that a test can compare the two. */
  protected servePrompt(
    request: Request,
    tailTokens: number,
    nowMs: number,
    tierFor: TierResolver,
    out: ServeOutcome,
  ): void {
    const { segments, segmentCount, scope, model } = request;
    const warm = request.warmSegments;
    out.readTokens = 0;
    out.externalReadTokens = 0;
    out.write1hTokens = 0;
    out.write5mTokens = 0;
    out.entriesWritten = 0;
    if (segmentCount > this.cumTokens.length) this.growScratch(segmentCount);
    const cumTokens = this.cumTokens;
    const tiers = this.tiers;
    if (model !== this.minTokensModel) {
      this.minTokensModel = model;
      this.minTokens = this.options.minCacheableTokens(model);
    }
    const minTokens = this.minTokens;

    // 1. Cumulative tokens and this request's breakpoints (explicit ones, plus the last segment),
    //    dropping those below the model's minimum cacheable length.
    let tokens = 0;
    let deepest = -1;
    const last = segmentCount - 1;
    for (let i = 0; i < segmentCount; i++) {
      const segment = segments[i];
      tokens += segment.tokens;
      cumTokens[i] = tokens;
      let tier: Tier | null = null;
      if ((segment.breakpoint || i === last) && tokens >= minTokens) tier = tierFor(segment.role);
      tiers[i] = tier;
      if (tier !== null) deepest = i;
    }
    if (deepest < 0) {
      out.inputTokens = tokens + tailTokens;
      return;
    }

    // 2. Walk the trie along the prompt as far as nodes exist.
    const store = this.store;
    const root = this.rootFor(scope, model);
    const nodes = this.nodes;
    let walked = 0;
    let node = root;
    while (walked <= deepest) {
      const child = store.child(node, segments[walked].key);
      if (child === NO_NODE) break;
      nodes[walked++] = child;
      node = child;
    }

    // 3. Hit point: the deepest readable entry within `lookback` positions of a breakpoint at or after it.
    const lookback = this.options.lookback;
    let hit = -1;
    let nearestBreakpoint = deepest;
    for (let i = deepest; i >= 0; i--) {
      if (tiers[i] !== null) nearestBreakpoint = i;
      if (i < walked && nearestBreakpoint - i < lookback && store.isReadableAt(nodes[i], nowMs)) {
        hit = i;
        break;
      }
    }

    // 3b. A recorded request whose log shows a read of a prefix written outside the logs: that entry is
    //     warm whatever this simulation did, so it is created (unbilled) and read.
    if (warm !== undefined && warm > 0 && hit < warm - 1 && warm - 1 <= deepest && tiers[warm - 1] !== null) {
      let parent = walked > 0 ? nodes[walked - 1] : root;
      for (let i = walked; i < warm; i++) {
        nodes[i] = store.create(parent, segments[i].key, cumTokens[i], store.meter(parent));
        parent = nodes[i];
      }
      if (walked < warm) walked = warm;
      hit = warm - 1;
      this.write(nodes[hit], tiers[hit]!, nowMs, true);
      out.externalReadTokens = cumTokens[hit];
    }

    // 4. Billing: A read, B−A 1h writes, C−B 5m writes, the rest uncached input.
    const readTokens = hit >= 0 ? cumTokens[hit] : 0;
    let b = readTokens;
    let c = readTokens;
    for (let i = hit + 1; i <= deepest; i++) {
      const tier = tiers[i];
      if (tier === null) continue;
      c = cumTokens[i];
      if (tier.billAs === '1h') b = c;
    }
    out.readTokens = readTokens;
    out.write1hTokens = b - readTokens;
    out.write5mTokens = c - b;
    out.inputTokens = tokens + tailTokens - c;

    // 5. Refresh: the hit entry and every readable entry on its path were used.
    for (let i = 0; i <= hit; i++) {
      const used = nodes[i];
      if (store.readAt(used, nowMs) === READ_SLIDING) this.schedule.refreshed(used);
    }

    // 6. Write an entry at every breakpoint past the hit point, creating trie nodes on the way.
    let parent = hit >= 0 ? nodes[hit] : root;
    for (let i = hit + 1; i <= deepest; i++) {
      let target: number;
      if (i < walked) {
        target = nodes[i];
      } else {
        target = store.create(parent, segments[i].key, cumTokens[i], store.meter(parent));
        nodes[i] = target;
      }
      const tier = tiers[i];
      if (tier !== null) {
        this.write(target, tier, nowMs);
        out.entriesWritten++;
      }
      parent = target;
    }
  }

  /**
   * `serve` for a prompt of one segment and no warm segments (every row of a CSV log, every renewal key):
   * the same steps with the loops unrolled, so the common request costs a child probe and a look at one
   * node's line. It must bill, refresh and write exactly as the general path does for such a prompt
   * (test/cache/one-segment.test.ts runs both on the same requests).
   */
  protected serveOneSegment(
    request: Request,
    tailTokens: number,
    nowMs: number,
    tierFor: TierResolver,
    out: ServeOutcome,
  ): void {
    const segment = request.segments[0];
    const model = request.model;
    const tokens = segment.tokens;
    out.externalReadTokens = 0;
    if (model !== this.minTokensModel) {
      this.minTokensModel = model;
      this.minTokens = this.options.minCacheableTokens(model);
    }
    // 1. The last segment carries a breakpoint, dropped below the model's minimum cacheable length.
    const tier = tokens >= this.minTokens ? tierFor(segment.role) : null;
    if (tier === null) {
      out.readTokens = 0;
      out.write1hTokens = 0;
      out.write5mTokens = 0;
      out.entriesWritten = 0;
      out.inputTokens = tokens + tailTokens;
      return;
    }
    // 2–3. The one child of the root, a hit when its entry is readable (within any lookback of itself).
    const store = this.store;
    const root = this.rootFor(request.scope, model);
    const node = store.rootChild(root, this.lastDirect, segment.key);
    // Past the hit point (here the whole segment) only the tail is uncached input, hit or miss.
    out.inputTokens = tailTokens;
    const read = node !== NO_NODE && this.options.lookback > 0 ? store.readAt(node, nowMs) : NOT_READ;
    if (read !== NOT_READ) {
      // 4–5. Billed as a read; the entry was used (counted, and a sliding one extended, by readAt).
      out.readTokens = tokens;
      out.write1hTokens = 0;
      out.write5mTokens = 0;
      out.entriesWritten = 0;
      if (read === READ_SLIDING) this.schedule.refreshed(node);
      return;
    }
    // 4. A miss: the whole segment is written at its tier.
    const written1h = tier.billAs === '1h' ? tokens : 0;
    out.readTokens = 0;
    out.write1hTokens = written1h;
    out.write5mTokens = tokens - written1h;
    // 6. Write the entry, creating the node when the key is new (or was pruned).
    const target = node !== NO_NODE ? node : store.create(root, segment.key, tokens, store.meter(root));
    this.write(target, tier, nowMs);
    out.entriesWritten = 1;
  }

  /** When the next expiry step is due (Infinity when none). Pure: the engine may ask any number of times. */
  nextExpiryMs(): number {
    return this.schedule.nextMs();
  }

  /** Takes the earliest expiry step at nowMs (= nextExpiryMs()): ends the entry due then, if any. */
  expireNext(nowMs: number): void {
    const node = this.schedule.popDue(nowMs);
    if (node !== NO_NODE) this.endEntry(node, nowMs);
  }

  private endEntry(node: number, nowMs: number): void {
    const store = this.store;
    store.end(node);
    this.expirations++;
    if (store.wasEvicted(node)) this.evictions++;
    const reads = store.reads(node);
    const lifetimeMs = nowMs - store.writtenAtMs(node);
    // By table, as the gap clock bins (model/histogram-bins.ts: equal to binOf over the edges, no search).
    const lifetimeBin = durationBinOf(lifetimeMs);
    this.lifetimeEntries[lifetimeBin]++;
    if (reads === 0) {
      this.wastedWrites++;
      this.lifetimeWasted[lifetimeBin]++;
    }
    this.readsEntries[binOf(READ_EDGES, reads)]++;
    this.endedLifetimeMs += lifetimeMs;
    this.changeLive(this.meters[store.meter(node)], -store.prefixTokens(node), nowMs);
    this.liveEntries--;
    this.prune(node);
  }

  /** Stored token-hours per model, accrued up to `untilMs` (capped at the horizon). */
  storageTokenHours(untilMs: number): Map<string, number> {
    const hours = new Map<string, number>();
    for (const meter of this.meters) {
      this.accrue(meter, untilMs);
      hours.set(meter.model, meter.tokenMs / HOUR_MS);
    }
    return hours;
  }

  /** Stores an entry at `node`; an `external` one (written outside the logs) is readable at once and not counted as a write. */
  private write(node: number, tier: Tier, nowMs: number, external = false): void {
    const store = this.store;
    if (!external) this.entriesWritten++;
    const rate = this.options.evictionRatePerMs;
    // Simulated time is whole milliseconds: an eviction inside a millisecond happens at its end.
    const evictAtMs = rate > 0 ? Math.ceil(nowMs - Math.log(1 - this.options.rng.next()) / rate) : Infinity;
    const sliding = tier.refresh === 'sliding';
    if (store.isLive(node)) {
      // A live entry not yet visible (a parallel cold request wrote it): this request pays the write
      // again, and the entry keeps whichever expiry is later.
      store.restore(node, tier.ttlMs, sliding, nowMs, evictAtMs);
    } else {
      store.store(
        node,
        tier.ttlMs,
        sliding,
        nowMs,
        external ? nowMs - 1 : nowMs + this.options.firstTokenDelayMs,
        evictAtMs,
      );
      this.liveEntries++;
      if (this.liveEntries > this.peakLiveEntries) this.peakLiveEntries = this.liveEntries;
      this.changeLive(this.meters[store.meter(node)], store.prefixTokens(node), nowMs);
    }
    this.schedule.scheduled(node, store.endMs(node), tier.ttlMs, nowMs);
  }

  private changeLive(meter: StorageMeter, deltaTokens: number, nowMs: number): void {
    this.accrue(meter, nowMs);
    meter.liveTokens += deltaTokens;
    this.liveTokens += deltaTokens;
    if (this.liveTokens > this.peakLiveTokens) this.peakLiveTokens = this.liveTokens;
  }

  private accrue(meter: StorageMeter, nowMs: number): void {
    const atMs = Math.min(nowMs, this.options.horizonMs);
    if (atMs > meter.lastChangeMs) {
      meter.tokenMs += meter.liveTokens * (atMs - meter.lastChangeMs);
      meter.lastChangeMs = atMs;
    }
  }

  /**
   * Queues an ended node for removal from the trie. Removal is batched: a key that comes back after its
   * entry ended (the common case) finds its node still in place, instead of paying a delete, a new node
   * and a re-insert. Dead nodes never outnumber live entries by more than a fixed slack, so memory still
   * follows live entries.
   */
  private prune(node: number): void {
    this.dead.push(node);
    if (this.dead.length > this.liveEntries + PRUNE_SLACK) this.sweep();
  }

  /** Removes queued nodes that still hold no entry and lead to none, walking up through their ancestors. */
  private sweep(): void {
    const store = this.store;
    for (const node of this.dead) {
      let current = node;
      // A node listed twice, or already removed (and perhaps re-used) is no longer its parent's child.
      // Most listed nodes hold an entry again (their key came back): the check of the node's own line goes
      // first, the probe of the child table (a slot elsewhere, and any colliding nodes' lines) last.
      while (
        current !== NO_NODE &&
        !store.isLive(current) &&
        !this.schedule.holds(current) &&
        !store.hasChildren(current) &&
        store.isChildOfParent(current)
      ) {
        const parent = store.parent(current);
        store.remove(current);
        current = parent;
      }
    }
    this.dead.length = 0;
  }

  private rootFor(scope: string, model: string): number {
    // Consecutive requests nearly always share scope and model: skip building the map key.
    if (scope === this.lastScope && model === this.lastModel && this.lastRoot !== NO_NODE) return this.lastRoot;
    const key = scope + '\u0000' + model;
    let root = this.roots.get(key);
    if (root === undefined) {
      let meter = this.meterByModel.get(model);
      if (meter === undefined) {
        meter = this.meters.length;
        this.meters.push({ model, liveTokens: 0, lastChangeMs: 0, tokenMs: 0 });
        this.meterByModel.set(model, meter);
      }
      root = this.store.createRoot(meter);
      this.roots.set(key, root);
    }
    this.lastScope = scope;
    this.lastModel = model;
    this.lastRoot = root;
    this.lastDirect = this.store.directOf(root);
    return root;
  }

  private growScratch(count: number): void {
    const size = Math.max(count, this.cumTokens.length * 2);
    this.cumTokens = new Float64Array(size);
    const nodes = new Int32Array(size);
    this.nodes = nodes;
  }
}
