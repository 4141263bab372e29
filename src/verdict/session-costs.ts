// verdict/ (layer 8): what each session (renewal key, conversation, recorded session) cost under one policy:
// the unit `tune` resamples to put a confidence interval on a saving. Fed from the engine's onRequest/onPing.
import { billedAs, type Request } from '../model/request.js';
import type { ServeOutcome } from '../cache/prefix-cache.js';
import type { PriceProfile } from '../pricing/profile.js';
import { OutcomePricer } from '../metrics/outcome-usd.js';
import { IdValues } from '../util/id-values.js';

export class SessionCosts {
  /**
   * Each session's total (util/id-values.ts): `add` runs for every request under every policy, and a
   * session the reader numbered (CSV keys) costs it one array load where a Map of up to one entry per key
   * cost a cache miss and more (a 1,000,000-row replay over 100,000 keys spent about a sixth of its time in
   * that lookup; docs/performance.md).
   */
  private readonly totals = new IdValues();
  /** The totals by session id, built when first read after an `add`. */
  private numbers: Map<string, number> | null = null;
  private readonly pricer: OutcomePricer;

  constructor(priceOf: (model: string) => PriceProfile) {
    this.pricer = new OutcomePricer(priceOf);
  }

  /** A billed request (output counted) or keep-alive ping (`outputTokens` of the ping). */
  add(request: Request, outcome: ServeOutcome, outputTokens: number): void {
    const usd = this.pricer.usd(billedAs(request), outcome, outputTokens);
    // The session id equals the thread id where the reader numbers threads (Request.threadIndex).
    const index = request.sessionId === request.threadId ? request.threadIndex : undefined;
    this.totals.add(request.sessionId, index, usd);
    this.numbers = null;
  }

  /** USD per session, in the order the sessions were first seen. */
  get usdBySession(): ReadonlyMap<string, number> {
    this.numbers ??= this.totals.toMap();
    return this.numbers;
  }
}
