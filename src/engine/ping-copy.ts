// The copy of a thread's latest request that its keep-alive pings repeat (engine/simulate.ts). The engine keeps
// a copy, not the request: keeping each thread's latest request would promote every one to the old generation.
import type { Request } from '../model/request.js';

/** A request the engine may update in place: its threads' ping copies. */
export type PingCopy = { -readonly [K in keyof Request]: Request[K] };

/**
 * A copy of `request` for its thread's pings: every field of it, the ones every request has first, in the
 * order the workload generators write them (workload/renewal.ts, periodic.ts, session-thread.ts). A spread
 * copy had a hidden class of its own, so the first ping of a run made `serve` and `serveRequest` meet a
 * second shape of request, and V8 threw their optimised code away; this copy has the generators' shape.
 */
export function pingCopy(request: Request): PingCopy {
  const copy: PingCopy = {
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

/**
 * Makes `copy` what `Object.assign(copy, request)` makes it, for a request with no fields beyond Request's
 * (a numbered one: Request.threadIndex; a recorded request carries more, and keeps Object.assign): each
 * field stored by name, where Object.assign walks the request's properties one by one. An optional field
 * the request has, even as undefined, is copied; one it lacks keeps the copy's earlier value, as
 * Object.assign leaves it.
 */
export function updatePingCopy(copy: PingCopy, request: Request): void {
  copy.atMs = request.atMs;
  copy.scope = request.scope;
  copy.model = request.model;
  copy.segments = request.segments;
  copy.segmentCount = request.segmentCount;
  copy.tailTokens = request.tailTokens;
  copy.outputTokens = request.outputTokens;
  copy.threadId = request.threadId;
  copy.threadKind = request.threadKind;
  copy.sessionId = request.sessionId;
  if ('threadIndex' in request) copy.threadIndex = request.threadIndex;
  if ('warmSegments' in request) copy.warmSegments = request.warmSegments;
  if ('recordedTtl' in request) copy.recordedTtl = request.recordedTtl;
  if ('priceKey' in request) copy.priceKey = request.priceKey;
}
