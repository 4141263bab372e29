// What each session (renewal key, conversation, recorded session) cost under one policy: the unit that
// `tune` resamples to put a confidence interval on a saving. Fed from the engine's onRequest/onPing.
import type { Request } from '../workload/request.js';
import type { ServeOutcome } from '../cache/prefix-cache.js';
import type { PriceProfile } from '../pricing/profile.js';

export class SessionCosts {
  readonly usdBySession = new Map<string, number>();
  private readonly usdPerToken = new Map<string, Float64Array>();

  constructor(private readonly priceOf: (model: string) => PriceProfile) {}

  /** A billed request (output counted) or keep-alive ping (`outputTokens` of the ping). */
  add(request: Request, outcome: ServeOutcome, outputTokens: number): void {
    let price = this.usdPerToken.get(request.model);
    if (price === undefined) {
      const usd = this.priceOf(request.model).usdPerMTok;
      price = Float64Array.from([usd.input, usd.cacheWrite5m, usd.cacheWrite1h, usd.cacheRead, usd.output], (p) => (Number.isNaN(p) ? 0 : p) * 1e-6);
      this.usdPerToken.set(request.model, price);
    }
    const usd = outcome.inputTokens * price[0] + outcome.write5mTokens * price[1] + outcome.write1hTokens * price[2] + outcome.readTokens * price[3] + outputTokens * price[4];
    this.usdBySession.set(request.sessionId, (this.usdBySession.get(request.sessionId) ?? 0) + usd);
  }
}
