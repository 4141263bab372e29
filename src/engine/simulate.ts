// The discrete-event loop: one policy over one arrival stream. Everything time-ordered happens here;
// what a request costs is cache/'s business, what the totals mean is metrics/'.
import type { Request } from '../workload/request.js';
import type { EngineOptions, PolicySpec } from '../scenario/types.js';
import type { PriceProfile } from '../pricing/profile.js';
import type { Rng } from '../workload/rng.js';
import { LedgerBook, addCounts } from '../pricing/ledger.js';
import { EventQueue, Phase, eventKey } from './event-queue.js';
import { PrefixCache, emptyOutcome, type ServeOutcome } from '../cache/prefix-cache.js';
import { tierResolver } from '../cache/policy.js';
import { TimeSeriesRecorder, type Bucket } from '../metrics/timeseries.js';

export interface SimInput {
  /** Requests in non-decreasing atMs order, pulled one at a time. */
  readonly arrivals: Iterator<Request>;
  readonly policy: PolicySpec;
  /** Resolves a model to its (override-applied) price profile; throws for unknown models. */
  readonly priceOf: (model: string) => PriceProfile;
  readonly engine: EngineOptions;
  readonly horizonMs: number;
  /** Stream for the eviction hazard (unused when it is 0). */
  readonly rng: Rng;
  /** Called after every request is served (tests, replay reconciliation). Must not keep `outcome`. */
  readonly onRequest?: (request: Request, outcome: ServeOutcome) => void;
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
  readonly buckets: readonly Bucket[];
  readonly bucketMs: number;
  /** Events processed, for the benchmark's events/s. */
  readonly events: number;
}

interface PingState {
  request: Request;
  lastArrivalMs: number;
  /** Bumped on every arrival so that pings scheduled before it are recognised as stale. */
  version: number;
}

interface PingEvent {
  readonly state: PingState;
  readonly version: number;
}

/**
 * Runs one policy over one arrival stream.
 *
 *   arrivals ──pull one──► ARRIVAL ──► cache.serve ──► bucket ledger
 *       ▲                     │ └─────► PING (keep-alive, every `every` while idle < maxIdle)
 *       └──── next request ◄──┘
 *   cache writes ──► EXPIRY ──► still extended? re-queue at the new expiry : end the entry
 *   TICK every bucketMs ──► close the time-series bucket
 *
 * Events pop in (timeMs, phase, seq) order (engine/event-queue.ts), so expiry precedes a same-ms arrival.
 */
export function simulate(input: SimInput): SimResult {
  const { policy, priceOf, engine, horizonMs } = input;
  const queue = new EventQueue<unknown>();
  const minTokensByModel = new Map<string, number>();
  const cache = new PrefixCache({
    lookback: engine.lookback,
    firstTokenDelayMs: engine.firstTokenDelayMs,
    evictionRatePerMs: engine.evictionRatePerMs,
    horizonMs,
    rng: input.rng,
    minCacheableTokens: (model) => {
      let tokens = minTokensByModel.get(model);
      if (tokens === undefined) {
        tokens = priceOf(model).minCacheableTokens;
        minTokensByModel.set(model, tokens);
      }
      return tokens;
    },
    scheduleExpiry: (node, atMs) => queue.push(atMs, Phase.EXPIRY, node),
  });
  const tierFor = tierResolver(policy);
  const caching = policy.cache;
  const keepalive = caching ? policy.keepalive : null;
  const pingStates = new Map<string, PingState>();
  const series = new TimeSeriesRecorder(engine.bucketMs, horizonMs);
  const noCacheLedger = new LedgerBook();
  const outcome = emptyOutcome();
  let requests = 0;
  let hits = 0;
  let partialHits = 0;
  let pings = 0;
  let events = 0;
  let nowMs = 0;

  // 1. Seed: the first arrival and the first bucket boundary. The next arrival waits beside the queue
  //    rather than in it (there is only ever one, and it is the most frequent event), compared by the
  //    same ordering key (engine/event-queue.ts) as if it were queued.
  let pending: Request | null = null;
  let pendingKey = Infinity;
  const pullNext = (): void => {
    const next = input.arrivals.next();
    if (next.done === true) {
      pending = null;
      pendingKey = Infinity;
      return;
    }
    if (next.value.atMs < nowMs) throw new Error(`arrivals out of order: ${next.value.atMs} ms after ${nowMs} ms`);
    pending = next.value;
    pendingKey = eventKey(next.value.atMs, Phase.ARRIVAL);
  };
  pullNext();
  queue.push(Math.min(engine.bucketMs, horizonMs), Phase.TICK, null);

  // 2. Take events in order until nothing is left (entries written near the end still expire, so every
  //    write's fate — read or wasted — is known).
  while (pending !== null || queue.size > 0) {
    let phase: Phase;
    let payload: unknown;
    // Queued events with a smaller key go first; an equal key cannot happen (phases differ).
    if (pending !== null && pendingKey < queue.peekKey()) {
      phase = Phase.ARRIVAL;
      payload = pending;
      nowMs = (pending as Request).atMs;
    } else {
      nowMs = queue.peekTimeMs();
      phase = queue.peekPhase();
      payload = queue.peekPayload();
      queue.pop();
    }
    events++;
    switch (phase) {
      case Phase.EXPIRY: {
        const requeueAtMs = cache.expire(payload as number, nowMs);
        if (requeueAtMs >= 0) queue.push(requeueAtMs, Phase.EXPIRY, payload);
        break;
      }
      case Phase.TICK: {
        const nextMs = series.close(cache.liveEntries, cache.liveTokens);
        if (nextMs >= 0) queue.push(Math.min(nextMs, horizonMs), Phase.TICK, null);
        break;
      }
      case Phase.ARRIVAL: {
        const request = payload as Request;
        pullNext();
        requests++;
        const bucket = series.current;
        bucket.requests++;
        const promptTokens = serveRequest(request, request.tailTokens, request.outputTokens, bucket);
        const base = noCacheLedger.for(request.model);
        base.input += promptTokens;
        base.output += request.outputTokens;
        if (outcome.readTokens > 0) {
          hits++;
          bucket.hits++;
          if (outcome.entriesWritten > 0) partialHits++;
        }
        input.onRequest?.(request, outcome);
        if (keepalive !== null) schedulePing(request);
        break;
      }
      case Phase.PING: {
        const { state, version } = payload as PingEvent;
        if (version !== state.version || nowMs >= horizonMs) break;
        const ping = state.request;
        pings++;
        const bucket = series.current;
        bucket.pings++;
        serveRequest(ping, keepalive!.tailTokens, keepalive!.outputTokens, bucket);
        const nextMs = nowMs + keepalive!.everyMs;
        if (nextMs - state.lastArrivalMs <= keepalive!.maxIdleMs) queue.push(nextMs, Phase.PING, { state, version });
        else pingStates.delete(ping.threadId);
        break;
      }
    }
  }

  // 3. The run's ledger is the sum of its buckets' (every billed token lands in exactly one bucket), plus
  //    the stored token-hours per model; dollars are computed later, once.
  const ledger = new LedgerBook();
  for (const bucket of series.buckets) for (const counts of bucket.tokens.ledgers()) addCounts(ledger.for(counts.model), counts);
  for (const [model, tokenHours] of cache.storageTokenHours(horizonMs)) ledger.for(model).storageTokenHours = tokenHours;

  return {
    policy: policy.name,
    requests,
    hits,
    partialHits,
    keepalivePings: pings,
    ledger,
    noCacheLedger,
    entriesWritten: cache.entriesWritten,
    expirations: cache.expirations,
    wastedWrites: cache.wastedWrites,
    evictions: cache.evictions,
    peakLiveEntries: cache.peakLiveEntries,
    peakLiveTokens: cache.peakLiveTokens,
    meanEntryLifetimeMs: cache.expirations === 0 ? 0 : cache.endedLifetimeMs / cache.expirations,
    buckets: series.buckets,
    bucketMs: series.bucketMs,
    events,
  };

  /** Bills one request (or ping) into its bucket's ledger; returns its prompt tokens. */
  function serveRequest(request: Request, tailTokens: number, outputTokens: number, bucket: Bucket): number {
    if (caching) {
      cache.serve(request.segments, request.segmentCount, request.scope, request.model, tailTokens, nowMs, tierFor, outcome);
    } else {
      let tokens = tailTokens;
      for (let i = 0; i < request.segmentCount; i++) tokens += request.segments[i].tokens;
      outcome.readTokens = 0;
      outcome.write1hTokens = 0;
      outcome.write5mTokens = 0;
      outcome.entriesWritten = 0;
      outcome.inputTokens = tokens;
    }
    const inBucket = bucket.tokens.for(request.model);
    inBucket.input += outcome.inputTokens;
    inBucket.cacheWrite5m += outcome.write5mTokens;
    inBucket.cacheWrite1h += outcome.write1hTokens;
    inBucket.cacheRead += outcome.readTokens;
    inBucket.output += outputTokens;
    return outcome.inputTokens + outcome.write5mTokens + outcome.write1hTokens + outcome.readTokens;
  }

  function schedulePing(request: Request): void {
    // A ping interval longer than the idle horizon never pings: keep no state for it.
    if (keepalive!.everyMs > keepalive!.maxIdleMs) return;
    let state = pingStates.get(request.threadId);
    if (state === undefined) {
      state = { request, lastArrivalMs: nowMs, version: 0 };
      pingStates.set(request.threadId, state);
    }
    state.request = request;
    state.lastArrivalMs = nowMs;
    state.version++;
    queue.push(nowMs + keepalive!.everyMs, Phase.PING, { state, version: state.version });
  }
}
