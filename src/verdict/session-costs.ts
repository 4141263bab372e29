// verdict/ (layer 8): what each session (renewal key, conversation, recorded session) cost under one policy:
// the unit `tune` resamples to put a confidence interval on a saving. Fed from the engine's onRequest/onPing.
import { billedAs, type Request } from '../model/request.js';
import type { ServeOutcome } from '../cache/prefix-cache.js';
import type { PriceProfile } from '../pricing/profile.js';
import { OutcomePricer } from '../metrics/outcome-usd.js';
import { IdSlots } from '../util/id-slots.js';

export class SessionCosts {
  /**
   * Each session's total at its slot (util/id-slots.ts): `add` runs for every request under every policy,
   * and a session the reader numbered (CSV keys) costs it an array load where a Map of up to one entry per
   * key cost a cache miss (a 1,000,000-row replay over 100,000 keys spent about a sixth of its time in that
   * lookup; docs/performance.md).
   */
  private readonly slots = new IdSlots();
  private totals = new Float64Array(1024);
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
    const slot = this.slots.slotOf(request.sessionId, index);
    if (slot === this.totals.length) {
      const grown = new Float64Array(slot * 2);
      grown.set(this.totals);
      this.totals = grown;
    }
    // A new slot starts at 0, and 0 + usd is usd: the sums are those of the Map of boxes this replaced.
    this.totals[slot] += usd;
    this.numbers = null;
  }

  /** USD per session, in the order the sessions were first seen. */
  get usdBySession(): ReadonlyMap<string, number> {
    if (this.numbers === null) {
      this.numbers = new Map();
      let slot = 0;
      for (const session of this.slots.ids()) this.numbers.set(session, this.totals[slot++]);
    }
    return this.numbers;
  }
}
