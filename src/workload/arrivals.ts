// The one entry point from scenario to engine: every workload of a scenario as a single request stream
// in time order. Each workload draws from its own sub-stream, so adding one leaves the others unchanged.
import type { WorkloadSpec } from '../model/scenario.js';
import type { Request } from '../model/request.js';
import type { Rng } from './rng.js';
import { RenewalArrivals } from './renewal.js';
import { PeriodicArrivals } from './periodic.js';
import { SessionArrivals } from './sessions.js';
import { SegmentKeys } from './segment-keys.js';

type Generator = (spec: never, rng: Rng, horizonMs: number, keys: SegmentKeys) => Iterator<Request>;

const generators: Record<WorkloadSpec['kind'], Generator> = {
  renewal: (spec, rng, horizonMs, keys) => new RenewalArrivals(spec, rng, horizonMs, keys),
  periodic: (spec, rng, horizonMs, keys) => new PeriodicArrivals(spec, rng, horizonMs, keys),
  sessions: (spec, rng, horizonMs, keys) => new SessionArrivals(spec, rng, horizonMs, keys),
};

export function workloadArrivals(
  spec: WorkloadSpec,
  rng: Rng,
  horizonMs: number,
  keys: SegmentKeys = new SegmentKeys(),
): Iterator<Request> {
  return generators[spec.kind](spec as never, rng, horizonMs, keys);
}

/**
 * All workloads merged by time; equal times go to the lower workload index (deterministic). The
 * workloads share one SegmentKeys, so a segment id means the same key whichever workload sends it.
 */
export function createArrivals(workloads: readonly WorkloadSpec[], rng: Rng, horizonMs: number): Iterator<Request> {
  const keys = new SegmentKeys();
  const sources = workloads.map((spec, i) => workloadArrivals(spec, rng.fork(`workload${i}`), horizonMs, keys));
  return mergeArrivals(sources);
}

/** Several request streams as one, by time; equal times go to the lower index (deterministic). */
export function mergeArrivals(sources: Iterator<Request>[]): Iterator<Request> {
  return sources.length === 1 ? sources[0] : new MergedArrivals(sources);
}

/** A k-way merge by linear scan: scenarios mix a handful of workloads, not thousands. */
class MergedArrivals implements Iterator<Request> {
  private readonly heads: (Request | null)[];

  constructor(private readonly sources: Iterator<Request>[]) {
    this.heads = sources.map((source) => pull(source));
  }

  next(): IteratorResult<Request> {
    let best = -1;
    for (let i = 0; i < this.heads.length; i++) {
      const head = this.heads[i];
      if (head !== null && (best < 0 || head.atMs < this.heads[best]!.atMs)) best = i;
    }
    if (best < 0) return { done: true, value: undefined };
    const value = this.heads[best]!;
    this.heads[best] = pull(this.sources[best]);
    return { done: false, value };
  }
}

function pull(source: Iterator<Request>): Request | null {
  const next = source.next();
  return next.done === true ? null : next.value;
}
