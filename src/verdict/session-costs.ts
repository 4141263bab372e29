// verdict/ (layer 8): what each session (renewal key, conversation, recorded session) cost under one policy:
// the unit `tune` resamples to put a confidence interval on a saving. Fed from the engine's onRequest/onPing.
import { billedAs, type Request } from '../model/request.js';
import type { ServeOutcome } from '../cache/prefix-cache.js';
import type { PriceProfile } from '../pricing/profile.js';
import { OutcomePricer } from '../metrics/outcome-usd.js';

export class SessionCosts {
  readonly usdBySession = new Map<string, number>();
  private readonly pricer: OutcomePricer;

  constructor(priceOf: (model: string) => PriceProfile) {
    this.pricer = new OutcomePricer(priceOf);
  }

  /** A billed request (output counted) or keep-alive ping (`outputTokens` of the ping). */
  add(request: Request, outcome: ServeOutcome, outputTokens: number): void {
    const usd = this.pricer.usd(billedAs(request), outcome, outputTokens);
    this.usdBySession.set(request.sessionId, (this.usdBySession.get(request.sessionId) ?? 0) + usd);
  }
}
