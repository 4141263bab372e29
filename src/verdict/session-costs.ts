// verdict/ (layer 8): what each session (renewal key, conversation, recorded session) cost under one policy:
// the unit `tune` resamples to put a confidence interval on a saving. Fed from the engine's onRequest/onPing.
import { billedAs, type Request } from '../model/request.js';
import type { ServeOutcome } from '../cache/prefix-cache.js';
import type { PriceProfile } from '../pricing/profile.js';
import { OutcomePricer } from '../metrics/outcome-usd.js';

/** A session's running total, updated in place. */
interface Total {
  usd: number;
}

export class SessionCosts {
  /**
   * Each session's total in a box: `add` runs for every request under every policy, and a box costs it one
   * lookup in a map of up to one entry per key where a number would cost a get and a set (a 1,000,000-row
   * replay over 100,000 keys spent about a sixth of its time here; docs/performance.md).
   */
  private readonly totals = new Map<string, Total>();
  /** The totals as numbers, built when first read after an `add`. */
  private numbers: Map<string, number> | null = null;
  private readonly pricer: OutcomePricer;

  constructor(priceOf: (model: string) => PriceProfile) {
    this.pricer = new OutcomePricer(priceOf);
  }

  /** A billed request (output counted) or keep-alive ping (`outputTokens` of the ping). */
  add(request: Request, outcome: ServeOutcome, outputTokens: number): void {
    const usd = this.pricer.usd(billedAs(request), outcome, outputTokens);
    const total = this.totals.get(request.sessionId);
    if (total === undefined) this.totals.set(request.sessionId, { usd });
    else total.usd += usd;
    this.numbers = null;
  }

  /** USD per session, in the order the sessions were first seen. */
  get usdBySession(): ReadonlyMap<string, number> {
    if (this.numbers === null) {
      this.numbers = new Map();
      for (const [session, total] of this.totals) this.numbers.set(session, total.usd);
    }
    return this.numbers;
  }
}
