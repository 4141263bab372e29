// metrics/ (layer 7): dollars of one billed request as it is served (replay/'s breakdowns, tune/'s
// per-session costs): prices per token looked up once per model, then a few multiplications, no allocation.
import type { ServeOutcome } from '../cache/prefix-cache.js';
import type { PriceProfile } from '../pricing/profile.js';

const PER_MTOK = 1e-6;

export class OutcomePricer {
  private readonly perToken = new Map<string, Float64Array>();
  /** The last model priced and its prices: most runs bill one model, and this runs per request per policy. */
  private lastModel = '';
  private lastPrice: Float64Array | undefined;

  constructor(private readonly priceOf: (model: string) => PriceProfile) {}

  /** USD of `outcome` on `model` plus `outputTokens` of output. A price the profile lacks (no 1h tier) is never billed. */
  usd(model: string, outcome: ServeOutcome, outputTokens: number): number {
    let price = model === this.lastModel ? this.lastPrice : this.perToken.get(model);
    if (price === undefined) {
      const usd = this.priceOf(model).usdPerMTok;
      price = Float64Array.from(
        [usd.input, usd.cacheWrite5m, usd.cacheWrite1h, usd.cacheRead, usd.output],
        (p) => (Number.isNaN(p) ? 0 : p) * PER_MTOK,
      );
      this.perToken.set(model, price);
    }
    this.lastModel = model;
    this.lastPrice = price;
    return (
      outcome.inputTokens * price[0] +
      outcome.write5mTokens * price[1] +
      outcome.write1hTokens * price[2] +
      outcome.readTokens * price[3] +
      outputTokens * price[4]
    );
  }
}
