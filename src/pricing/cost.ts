// Tokens → dollars, once, at the end of a run: per model from its price profile, then summed.
import type { PriceProfile } from './profile.js';
import type { ModelLedger, TokenCounts } from './ledger.js';

export interface CostUsd {
  input: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
  output: number;
  storage: number;
  total: number;
}

export function zeroCost(): CostUsd {
  return { input: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 0, storage: 0, total: 0 };
}

const PER_MTOK = 1e-6;

/** Dollars for one model's tokens (and stored token-hours) at its profile's prices. */
export function costOf(counts: TokenCounts, storageTokenHours: number, profile: PriceProfile): CostUsd {
  const usd = profile.usdPerMTok;
  // A 1h write on a profile without a 1h tier cannot be produced by a valid scenario; NaN would poison
  // every total, so treat a missing price as a bug rather than a silent zero.
  if (counts.cacheWrite1h > 0 && Number.isNaN(usd.cacheWrite1h)) {
    throw new Error(`profile ${profile.provider}/${profile.model} has no 1h price but 1h writes were billed`);
  }
  const cost: CostUsd = {
    input: counts.input * usd.input * PER_MTOK,
    cacheWrite5m: counts.cacheWrite5m * usd.cacheWrite5m * PER_MTOK,
    cacheWrite1h: counts.cacheWrite1h === 0 ? 0 : counts.cacheWrite1h * usd.cacheWrite1h * PER_MTOK,
    cacheRead: counts.cacheRead * usd.cacheRead * PER_MTOK,
    output: counts.output * usd.output * PER_MTOK,
    storage: storageTokenHours * usd.storagePerHour * PER_MTOK,
    total: 0,
  };
  cost.total = cost.input + cost.cacheWrite5m + cost.cacheWrite1h + cost.cacheRead + cost.output + cost.storage;
  return cost;
}

export function addCost(into: CostUsd, from: CostUsd): void {
  into.input += from.input;
  into.cacheWrite5m += from.cacheWrite5m;
  into.cacheWrite1h += from.cacheWrite1h;
  into.cacheRead += from.cacheRead;
  into.output += from.output;
  into.storage += from.storage;
  into.total += from.total;
}

/** Cost of several models' ledgers; `priceOf` resolves a model to its (override-applied) profile. */
export function costOfLedgers(ledgers: readonly ModelLedger[], priceOf: (model: string) => PriceProfile): CostUsd {
  const total = zeroCost();
  for (const ledger of ledgers) addCost(total, costOf(ledger, ledger.storageTokenHours, priceOf(ledger.model)));
  return total;
}
