// Shared by the workload tests: pull a scenario's arrivals into an array, and small spec builders.
import type { RateProfile, WorkloadSpec } from '../../src/model/scenario.js';
import type { Request } from '../../src/model/request.js';
import { createArrivals } from '../../src/workload/arrivals.js';
import { createRng } from '../../src/workload/rng.js';

export const SECOND_MS = 1000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const constant = (value: number) => ({ dist: 'constant', value }) as const;
export const common = { model: 'claude-sonnet-4-5', scope: 'default', profile: null, label: 'w0' } as const;

/** Weight 1 from 08:00 to 20:00, 0 at night, every day of the week. */
export const DAYTIME_ONLY: RateProfile = {
  hourly: Array.from({ length: 24 }, (_, hour) => (hour >= 8 && hour < 20 ? 1 : 0)),
  weekly: [1, 1, 1, 1, 1, 1, 1],
};
export const isNight = (atMs: number): boolean => {
  const hour = Math.floor(atMs / HOUR_MS) % 24;
  return hour < 8 || hour >= 20;
};

export function take(workloads: readonly WorkloadSpec[], horizonMs: number, seed = 1, limit = Infinity): Request[] {
  const arrivals = createArrivals(workloads, createRng(seed), horizonMs);
  const out: Request[] = [];
  while (out.length < limit) {
    const next = arrivals.next();
    if (next.done === true) break;
    out.push(next.value);
  }
  return out;
}

/** Requests grouped by a field, each group in stream order. */
export function groupBy(requests: readonly Request[], field: (request: Request) => string): Map<string, Request[]> {
  const groups = new Map<string, Request[]>();
  for (const request of requests) {
    const key = field(request);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = []));
    group.push(request);
  }
  return groups;
}

/** Indices i where requests[i] starts before requests[i − 1]: empty when the stream is in time order. */
export function outOfOrder(requests: readonly Request[]): number[] {
  const bad: number[] = [];
  for (let i = 1; i < requests.length; i++) if (requests[i].atMs < requests[i - 1].atMs) bad.push(i);
  return bad;
}

/** What a request's prompt says, frozen: for checking that later requests never rewrite it. */
export function promptView(request: Request): string {
  const parts: string[] = [];
  for (let i = 0; i < request.segmentCount; i++) {
    const s = request.segments[i];
    parts.push(`${s.id}:${s.key}:${s.tokens}:${s.role}:${s.breakpoint}`);
  }
  return parts.join('|');
}
