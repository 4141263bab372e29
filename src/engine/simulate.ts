// The discrete-event loop: one policy over one arrival stream. Everything time-ordered happens here;
// what a request costs is cache/'s business, what the totals mean is metrics/'.
import { billedAs, type Request } from '../model/request.js';
import type { EngineOptions } from '../model/scenario.js';
import { type KeepAliveSpec, type PolicySpec, type TierResolver } from '../model/policy.js';
import type { PriceProfile } from '../pricing/profile.js';
import type { Rng } from '../workload/rng.js';
import { LedgerBook, addCounts } from '../pricing/ledger.js';
import { EventQueue, Phase, eventKey } from './event-queue.js';
import { PrefixCache, emptyOutcome, type ServeOutcome } from '../cache/prefix-cache.js';
import { policyTiers, type PolicyTiers } from '../cache/policy.js';
import { TimeSeriesRecorder, type Bucket } from './timeseries.js';
import {
  entryLifetimeHistogram,
  readsHistogram,
  type EntryLifetimeHistogram,
  type ReadsHistogram,
} from '../model/histogram-bins.js';

/** Everything a run needs except its arrivals. */
export interface SimSetup {
  readonly policy: PolicySpec;
  /** Resolves a model to its (override-applied) price profile; throws for unknown models. */
  readonly priceOf: (model: string) => PriceProfile;
  readonly engine: EngineOptions;
  readonly horizonMs: number;
  /** Stream for the eviction hazard (unused when it is 0). */
  readonly rng: Rng;
  /** Called after every request is served (tests, replay reconciliation). Must not keep `outcome`. */
  readonly onRequest?: (request: Request, outcome: ServeOutcome) => void;
  /**
   * Called after every keep-alive ping is billed, with the request it repeats (whose atMs is that request's)
   * and the ping's own time. Must not keep `outcome`.
   */
  readonly onPing?: (request: Request, outcome: ServeOutcome, atMs: number) => void;
}

export interface SimInput extends SimSetup {
  /** Requests in non-decreasing atMs order, pulled one at a time. */
  readonly arrivals: Iterator<Request>;
}

/** Raw counters of one run; metrics/summarise.ts prices and derives rates. */
export interface SimResult {
  readonly policy: string;
  readonly requests: number;
  /** Requests that read at least one cached token. */
  readonly hits: number;
  /** Hits that also wrote (a stable prefix read, a lapsed tail rewritten). */
  readonly partialHits: number;
  readonly keepalivePings: number;
  /** Everything billed: requests and pings, per model, with stored token-hours. */
  readonly ledger: LedgerBook;
  /** The same arrivals with caching off: every prompt token as input, plus output. */
  readonly noCacheLedger: LedgerBook;
  readonly entriesWritten: number;
  readonly expirations: number;
  readonly wastedWrites: number;
  readonly evictions: number;
  readonly peakLiveEntries: number;
  readonly peakLiveTokens: number;
  readonly meanEntryLifetimeMs: number;
  /** Sum of the ended entries' lifetimes (whole ms): what a merge of shards adds up (src/shard/). */
  readonly endedLifetimeMs: number;
  /** Lifetimes of the ended entries (all of them: the run drains every expiry), and the wasted among them. */
  readonly entryLifetimes: EntryLifetimeHistogram;
  /** Read counts of the ended entries. */
  readonly readsPerEntry: ReadsHistogram;
  readonly buckets: readonly Bucket[];
  readonly bucketMs: number;
  /** Events processed, for the benchmark's events/s. */
  readonly events: number;
}

/**
 * One keep-alive thread. Like expiry, pings are rescheduled lazily: the queue holds at most one PING per
 * thread, and an arrival only moves `nextPingMs`; a queued ping that pops before it is re-queued there.
 */
interface PingState {
  /** A copy of the thread's latest request, updated in place (keeping the request itself would promote every one to the old generation). */
  readonly request: Request;
  lastArrivalMs: number;
  nextPingMs: number;
  queued: boolean;
}

/**
 * Runs one policy over one arrival stream (pulled one request at a time).
 *
 *   arrivals ──pull one──► ARRIVAL ──► cache.serve ──► bucket ledger
 *       ▲                     │ └─────► PING (keep-alive, every `every` while idle < maxIdle)
 *       └──── next request ◄──┘
 *   cache writes ──► expiry schedule (cache/expiry-schedule.ts) ──► cache.expireNext at each expiry
 *   every request, ping and expiry ──► its time-series bucket (opened at its first event; live state after it)
 *
 * Events pop in (timeMs, phase, seq) order (engine/event-queue.ts), so expiry precedes a same-ms arrival.
 */
export function simulate(input: SimInput): SimResult {
  const simulation = new Simulation(input);
  for (let next = input.arrivals.next(); next.done !== true; next = input.arrivals.next()) simulation.offer(next.value);
  return simulation.finish();
}

/**
 * The same loop driven from outside: `offer` each request in time order, then `finish`. A replay of
 * recorded logs parses each request once and offers it to one Simulation per policy.
 */
export class Simulation {
  private readonly queue = new EventQueue<unknown>();
  private readonly cache: PrefixCache;
  /** Which tier each request's (or ping's) breakpoints get: cache/policy.ts. */
  private readonly tiers: PolicyTiers;
  private readonly caching: boolean;
  private readonly keepalive: KeepAliveSpec | null;
  /**
   * The keep-alive threads, by Request.threadIndex where the reader numbered them (an array load: a CSV
   * replay's 100,000 keys), else by thread id. A thread id comes with its number every time or never, so
   * each thread has one place.
   */
  private readonly pingStatesByIndex: (PingState | undefined)[] = [];
  private readonly pingStatesById = new Map<string, PingState>();
  private readonly series: TimeSeriesRecorder;
  private readonly noCacheLedger = new LedgerBook();
  private readonly outcome = emptyOutcome();
  private requests = 0;
  private hits = 0;
  private partialHits = 0;
  private pings = 0;
  private events = 0;
  private nowMs = 0;
  private finished = false;

  constructor(private readonly setup: SimSetup) {
    const { policy, priceOf, engine, horizonMs } = setup;
    const minTokensByModel = new Map<string, number>();
    this.cache = new PrefixCache({
      lookback: engine.lookback,
      firstTokenDelayMs: engine.firstTokenDelayMs,
      evictionRatePerMs: engine.evictionRatePerMs,
      horizonMs,
      rng: setup.rng,
      minCacheableTokens: (model) => {
        let tokens = minTokensByModel.get(model);
        if (tokens === undefined) {
          tokens = priceOf(model).minCacheableTokens;
          minTokensByModel.set(model, tokens);
        }
        return tokens;
      },
    });
    this.tiers = policyTiers(policy, priceOf);
    this.caching = policy.kind !== 'none';
    this.keepalive = policy.kind === 'keepalive' ? policy.keepalive : null;
    // 1. The time series opens a bucket at the first event in it (engine/timeseries.ts): no ticks.
    this.series = new TimeSeriesRecorder(engine.bucketMs, horizonMs);
  }

  /**
   * 2. One arrival: first every queued event that sorts before it (expiry before a same-ms arrival,
   *    engine/event-queue.ts), then the request itself. The arrival is compared by the same ordering
   *    key as if it were queued, without entering the queue: it is the most frequent event.
   */
  offer(request: Request): void {
    const atMs = request.atMs;
    if (atMs < this.nowMs) throw new Error(`arrivals out of order: ${atMs} ms after ${this.nowMs} ms`);
    this.runUntil(atMs, Phase.ARRIVAL);
    this.nowMs = atMs;
    this.events++;
    this.arrive(request);
  }

  /** 3. Takes the remaining events (entries written near the end still expire, so every write's fate is known) and totals. */
  finish(): SimResult {
    if (this.finished) throw new Error('simulation already finished');
    this.finished = true;
    this.runUntil(Infinity, Phase.ARRIVAL);
    const { cache, series, setup } = this;
    // The run's ledger is the sum of its buckets' (every billed token lands in exactly one bucket), plus
    // the stored token-hours per model; dollars are computed later, once.
    const ledger = new LedgerBook();
    for (const bucket of series.buckets)
      for (const counts of bucket.tokens.ledgers()) addCounts(ledger.for(counts.model), counts);
    for (const [model, tokenHours] of cache.storageTokenHours(setup.horizonMs))
      ledger.for(model).storageTokenHours = tokenHours;
    return {
      policy: setup.policy.name,
      requests: this.requests,
      hits: this.hits,
      partialHits: this.partialHits,
      keepalivePings: this.pings,
      ledger,
      noCacheLedger: this.noCacheLedger,
      entriesWritten: cache.entriesWritten,
      expirations: cache.expirations,
      wastedWrites: cache.wastedWrites,
      evictions: cache.evictions,
      peakLiveEntries: cache.peakLiveEntries,
      peakLiveTokens: cache.peakLiveTokens,
      meanEntryLifetimeMs: cache.expirations === 0 ? 0 : cache.endedLifetimeMs / cache.expirations,
      endedLifetimeMs: cache.endedLifetimeMs,
      entryLifetimes: entryLifetimeHistogram(cache.lifetimeEntries, cache.lifetimeWasted),
      readsPerEntry: readsHistogram(cache.readsEntries),
      buckets: series.buckets,
      bucketMs: series.bucketMs,
      events: this.events,
    };
  }

  /** Pops queued events whose key sorts before (timeMs, phase): events at an earlier ms, or earlier phases at it. */
  private runUntil(timeMs: number, phase: Phase): void {
    const queue = this.queue;
    const cache = this.cache;
    const key = eventKey(timeMs, phase);
    for (;;) {
      // Expiries are not in the queue: the cache schedules them (cache/expiry-schedule.ts), and they sort
      // by the same key, so one before a same-ms arrival or ping. Each step is one event.
      const expiryMs = cache.nextExpiryMs();
      const expiryKey = expiryMs === Infinity ? Infinity : eventKey(expiryMs, Phase.EXPIRY);
      const queueKey = queue.peekKey();
      if (expiryKey < queueKey) {
        if (expiryKey >= key) return;
        this.nowMs = expiryMs;
        this.events++;
        cache.expireNext(expiryMs);
        this.series.live(expiryMs, cache.liveEntries, cache.liveTokens);
        continue;
      }
      if (queueKey >= key) return;
      this.nowMs = queue.peekTimeMs();
      const queuedPhase = queue.peekPhase();
      this.events++;
      switch (queuedPhase) {
        case Phase.PING:
          // Still queued: the ping takes itself off, or re-queues itself in one step (EventQueue.requeueTop).
          this.ping(queue.peekPayload() as PingState);
          break;
        default:
          throw new Error(`unexpected queued phase ${queuedPhase}`);
      }
    }
  }

  private arrive(request: Request): void {
    this.requests++;
    const bucket = this.series.at(request.atMs);
    bucket.requests++;
    const outcome = this.outcome;
    // The adaptive policy observes the arrival (its gap) here, once, before the request is served.
    const tierFor = this.tiers.forRequest(request);
    const promptTokens = this.serveRequest(request, tierFor, request.tailTokens, request.outputTokens, bucket);
    const base = this.noCacheLedger.for(billedAs(request));
    base.input += promptTokens;
    base.output += request.outputTokens;
    if (outcome.readTokens > 0) {
      this.hits++;
      bucket.hits++;
      if (outcome.entriesWritten > 0) this.partialHits++;
    }
    this.series.liveIn(bucket, request.atMs, this.cache.liveEntries, this.cache.liveTokens);
    this.setup.onRequest?.(request, outcome);
    if (this.keepalive !== null) this.schedulePing(request);
  }

  /** The queue's next event, a ping of `state`'s thread: sends it and re-queues it, or takes it off the queue. */
  private ping(state: PingState): void {
    const keepalive = this.keepalive!;
    // The thread sent a request since this ping was queued: ping `every` after that one instead.
    if (this.nowMs < state.nextPingMs) {
      this.queue.requeueTop(state.nextPingMs);
      return;
    }
    if (this.nowMs >= this.setup.horizonMs) {
      this.queue.pop();
      state.queued = false;
      return;
    }
    const request = state.request;
    this.pings++;
    const bucket = this.series.at(this.nowMs);
    bucket.pings++;
    this.serveRequest(request, this.tiers.forPing(request), keepalive.tailTokens, keepalive.outputTokens, bucket);
    this.series.live(this.nowMs, this.cache.liveEntries, this.cache.liveTokens);
    this.setup.onPing?.(request, this.outcome, this.nowMs);
    const nextMs = this.nowMs + keepalive.everyMs;
    if (nextMs - state.lastArrivalMs <= keepalive.maxIdleMs) {
      state.nextPingMs = nextMs;
      this.queue.requeueTop(nextMs);
    } else {
      this.queue.pop();
      state.queued = false;
      // The thread's next request starts a fresh copy (pingCopy), not one updated over this one.
      const index = request.threadIndex;
      if (index === undefined) this.pingStatesById.delete(request.threadId);
      else this.pingStatesByIndex[index] = undefined;
    }
  }

  /** Bills one request (or ping) into its bucket's ledger; returns its prompt tokens. */
  private serveRequest(
    request: Request,
    tierFor: TierResolver,
    tailTokens: number,
    outputTokens: number,
    bucket: Bucket,
  ): number {
    const outcome = this.outcome;
    if (this.caching) {
      this.cache.serve(request, tailTokens, this.nowMs, tierFor, outcome);
    } else {
      let tokens = tailTokens;
      for (let i = 0; i < request.segmentCount; i++) tokens += request.segments[i].tokens;
      outcome.readTokens = 0;
      outcome.write1hTokens = 0;
      outcome.write5mTokens = 0;
      outcome.entriesWritten = 0;
      outcome.externalReadTokens = 0;
      outcome.inputTokens = tokens;
    }
    const inBucket = bucket.tokens.for(billedAs(request));
    inBucket.input += outcome.inputTokens;
    inBucket.cacheWrite5m += outcome.write5mTokens;
    inBucket.cacheWrite1h += outcome.write1hTokens;
    inBucket.cacheRead += outcome.readTokens;
    inBucket.output += outputTokens;
    return outcome.inputTokens + outcome.write5mTokens + outcome.write1hTokens + outcome.readTokens;
  }

  private schedulePing(request: Request): void {
    const keepalive = this.keepalive!;
    // A ping interval longer than the idle horizon never pings: keep no state for it.
    if (keepalive.everyMs > keepalive.maxIdleMs) return;
    const index = request.threadIndex;
    const byIndex = this.pingStatesByIndex;
    let state = index === undefined ? this.pingStatesById.get(request.threadId) : byIndex[index];
    if (state === undefined) {
      state = { request: pingCopy(request), lastArrivalMs: this.nowMs, nextPingMs: 0, queued: false };
      if (index === undefined) this.pingStatesById.set(request.threadId, state);
      else {
        // Grown by pushes, never written past its end: a far write would turn it into a dictionary (slow elements).
        while (byIndex.length <= index) byIndex.push(undefined);
        byIndex[index] = state;
      }
    } else Object.assign(state.request, request);
    state.lastArrivalMs = this.nowMs;
    state.nextPingMs = this.nowMs + keepalive.everyMs;
    if (!state.queued) {
      state.queued = true;
      this.queue.push(state.nextPingMs, Phase.PING, state);
    }
  }
}

/**
 * A copy of `request` for its thread's pings: every field of it, the ones every request has first, in the
 * order the workload generators write them (workload/renewal.ts, periodic.ts, session-thread.ts). A spread
 * copy had a hidden class of its own, so the first ping of a run made `serve` and `serveRequest` meet a
 * second shape of request, and V8 threw their optimised code away; this copy has the generators' shape.
 */
function pingCopy(request: Request): Request {
  const copy: Request = {
    atMs: request.atMs,
    scope: request.scope,
    model: request.model,
    segments: request.segments,
    segmentCount: request.segmentCount,
    tailTokens: request.tailTokens,
    outputTokens: request.outputTokens,
    threadId: request.threadId,
    threadKind: request.threadKind,
    sessionId: request.sessionId,
  };
  // The optional fields a recorded request may carry (Request.threadIndex, warmSegments, …), as a spread would.
  return Object.assign(copy, request);
}
