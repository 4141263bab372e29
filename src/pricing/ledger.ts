// The token ledger: what a simulation bills, as integer token counts per category and per model
// (tokens are the fact, dollars are derived once in cost.ts — docs/architecture.md, "price like ccusage prices").
import { HOUR_MS } from '../model/time.js';

export interface TokenCounts {
  /** Uncached prompt tokens (after the last breakpoint, below the minimum, or with caching off). */
  input: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
  output: number;
}

/** Token counts of one model plus the stored token-hours that a storage-priced provider bills. */
export interface ModelLedger extends TokenCounts {
  readonly model: string;
  /** Integral of live cached tokens over time, in token-hours (a float: it is a time integral). */
  storageTokenHours: number;
}

/**
 * Stored token-hours of these ledgers, summed as whole token-milliseconds (each ledger's hours are an
 * integer count of token-ms over HOUR_MS, cache/prefix-cache.ts): the same total whatever the order of
 * the sum, so a merge of shards gives the unsplit figure exactly.
 */
export function storedTokenHours(ledgers: Iterable<{ readonly storageTokenHours: number }>): number {
  let tokenMs = 0;
  for (const ledger of ledgers) tokenMs += Math.round(ledger.storageTokenHours * HOUR_MS);
  return tokenMs / HOUR_MS;
}

export function emptyCounts(): TokenCounts {
  return { input: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 0 };
}

export function emptyLedger(model: string): ModelLedger {
  return { model, input: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 0, storageTokenHours: 0 };
}

export function addCounts(into: TokenCounts, from: TokenCounts): void {
  into.input += from.input;
  into.cacheWrite5m += from.cacheWrite5m;
  into.cacheWrite1h += from.cacheWrite1h;
  into.cacheRead += from.cacheRead;
  into.output += from.output;
}

/** Ledgers keyed by model, created on first use; iteration order is first-use order (deterministic). */
export class LedgerBook {
  private readonly byModel = new Map<string, ModelLedger>();
  private lastModel = '';
  private lastLedger: ModelLedger | null = null;

  for(model: string): ModelLedger {
    // Nearly every request of a run uses the same model: skip the map on the hot path.
    if (model === this.lastModel && this.lastLedger !== null) return this.lastLedger;
    let ledger = this.byModel.get(model);
    if (ledger === undefined) {
      ledger = emptyLedger(model);
      this.byModel.set(model, ledger);
    }
    this.lastModel = model;
    this.lastLedger = ledger;
    return ledger;
  }

  ledgers(): ModelLedger[] {
    return [...this.byModel.values()];
  }

  total(): TokenCounts {
    const sum = emptyCounts();
    for (const ledger of this.byModel.values()) addCounts(sum, ledger);
    return sum;
  }
}
