// verdict/ (layer 9): what each session (renewal key, conversation, recorded session) cost under one policy:
// the unit `tune` resamples to put a confidence interval on a saving. Fed from the engine's onRequest/onPing.
import { billedAs, type Request } from '../model/request.js';
import type { ServeOutcome } from '../cache/prefix-cache.js';
import type { PriceProfile } from '../pricing/profile.js';
import { OutcomePricer } from '../metrics/outcome-usd.js';
import { IdColumns } from '../util/id-columns.js';

export class SessionCosts {
  /**
   * Each session's total in this policy's column of a table the policies of one pass share
   * (util/id-columns.ts): `add` runs for every request under every policy, and the policies' totals of a
   * session sit in one row, so a request costs all of them one cache miss (a 1,000,000-row replay over
   * 100,000 keys spent about a sixth of its time in per-policy Maps once; docs/performance.md).
   */
  readonly totals: IdColumns;
  /** This policy's column of the table. */
  readonly column: number;
  /** The totals by session id, built when first read after an `add`. */
  private numbers: Map<string, number> | null = null;
  private readonly pricer: OutcomePricer;

  /** `shared`: the table of the other policies of the same pass (one of its own without). */
  constructor(priceOf: (model: string) => PriceProfile, shared: IdColumns = new IdColumns()) {
    this.pricer = new OutcomePricer(priceOf);
    this.totals = shared;
    this.column = shared.addColumn();
  }

  /** A billed request (output counted) or keep-alive ping (`outputTokens` of the ping). */
  add(request: Request, outcome: ServeOutcome, outputTokens: number): void {
    const usd = this.pricer.usd(billedAs(request), outcome, outputTokens);
    // The session id equals the thread id where the reader numbers threads (Request.threadIndex).
    const index = request.sessionId === request.threadId ? request.threadIndex : undefined;
    this.totals.add(request.sessionId, index, this.column, usd);
    this.numbers = null;
  }

  /** USD per session, in the order the sessions were first seen. */
  get usdBySession(): ReadonlyMap<string, number> {
    this.numbers ??= this.totals.toMap(this.column);
    return this.numbers;
  }
}
