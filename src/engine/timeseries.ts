// engine/ (layer 6): per-bucket counters the engine fills as it runs, each bucket closed by its TICK event;
// metrics/summarise.ts turns them into dollars.
import { LedgerBook } from '../pricing/ledger.js';

export interface Bucket {
  readonly startMs: number;
  requests: number;
  hits: number;
  pings: number;
  /** Tokens billed in this bucket, per model (requests and pings). */
  readonly tokens: LedgerBook;
  /** Live entries and cached tokens when the bucket closed. */
  liveEntries: number;
  liveTokens: number;
}

/** Buckets [k·bucketMs, (k+1)·bucketMs) up to the horizon; events past the horizon go to the last one. */
export class TimeSeriesRecorder {
  readonly buckets: Bucket[] = [];
  private index = 0;

  constructor(
    readonly bucketMs: number,
    horizonMs: number,
  ) {
    const count = Math.max(1, Math.ceil(horizonMs / bucketMs));
    for (let k = 0; k < count; k++) {
      this.buckets.push({
        startMs: k * bucketMs,
        requests: 0,
        hits: 0,
        pings: 0,
        tokens: new LedgerBook(),
        liveEntries: 0,
        liveTokens: 0,
      });
    }
  }

  get current(): Bucket {
    return this.buckets[this.index];
  }

  /** Closes the current bucket with the live state at its end; returns the next boundary or -1 at the last. */
  close(liveEntries: number, liveTokens: number): number {
    const bucket = this.buckets[this.index];
    bucket.liveEntries = liveEntries;
    bucket.liveTokens = liveTokens;
    if (this.index === this.buckets.length - 1) return -1;
    this.index++;
    return (this.index + 1) * this.bucketMs;
  }
}
