// shard/: what a policy's summary rounds or derives, kept unrounded so that a merge rounds once, after
// summing (metrics/summarise.ts rounds dollars to 6 decimals: rounding each shard first would let the
// error grow with the number of shards). Built from the engine's raw result, beside the summary.
import type { SimResult } from '../engine/simulate.js';
import type { PriceProfile } from '../pricing/profile.js';
import { costOfLedgers, type CostUsd } from '../pricing/cost.js';
import { storedTokenHours } from '../pricing/ledger.js';

export interface RawFigures {
  /** The cost by category, unrounded. */
  readonly costUsd: CostUsd;
  /** The same arrivals with caching off, unrounded. */
  readonly noCacheUsd: number;
  /** Stored token-hours (summarise rounds them to 3 decimals). */
  readonly tokenHours: number;
  /** Sum of the ended entries' lifetimes (the mean is this over `expirations`). */
  readonly endedLifetimeMs: number;
  /** Cost of each time-series bucket, unrounded. */
  readonly bucketCostUsd: readonly number[];
}

export function rawFigures(result: SimResult, priceOf: (model: string) => PriceProfile): RawFigures {
  const tokenHours = storedTokenHours(result.ledger.ledgers());
  return {
    costUsd: costOfLedgers(result.ledger.ledgers(), priceOf),
    noCacheUsd: costOfLedgers(result.noCacheLedger.ledgers(), priceOf).total,
    tokenHours,
    endedLifetimeMs: result.endedLifetimeMs,
    bucketCostUsd: result.buckets.map((b) => costOfLedgers(b.tokens.ledgers(), priceOf).total),
  };
}
