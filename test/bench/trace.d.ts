// Types for the benchmark's plain-JS trace generator (trace.js), so TypeScript tests can share it.
export interface RenewalTrace {
  readonly atMs: Float64Array;
  readonly key: Int32Array;
  readonly keys: number;
}
export function renewalTrace(options: {
  keys: number;
  requests: number;
  meanGapMs: number;
  seed: number;
}): RenewalTrace;
