// replay/ (layer 9): what the logs say was billed (as recorded), how closely the simulation under the
// TTLs the requests used reproduces it request by request (reconciliation), why requests missed, and
// cost per day, project, session and thread kind for every policy (breakdowns.ts).
import { billedAs, type Request } from '../model/request.js';
import { isRecorded, type RecordedRequest, type PromptChange } from '../logs/usage-chain.js';
import type { ServeOutcome } from '../cache/prefix-cache.js';
import type { PriceProfile } from '../pricing/profile.js';
import { type PolicySummary, round, roundCost } from '../metrics/summarise.js';
import { LedgerBook, type TokenCounts } from '../pricing/ledger.js';
import { costOf, costOfLedgers, type CostUsd } from '../pricing/cost.js';
import { OutcomePricer } from '../metrics/outcome-usd.js';
import {
  DIMENSIONS,
  MAX_SESSION_ROWS,
  RowTable,
  type BreakdownRow,
  type Breakdowns,
  type Dimension,
  type RawRow,
} from './breakdowns.js';
import { LocalCalendar } from './time-window.js';
import { RequestRows } from './request-rows.js';
import { replayMessages } from './messages.js';

export interface AsRecorded {
  readonly requests: number;
  readonly tokens: TokenCounts;
  readonly costUsd: CostUsd;
}

/** How a request used the cache: read only, read and wrote, or read nothing. */
export type UseClass = 'hit' | 'partial' | 'miss';

export interface Disagreement {
  readonly file: string;
  readonly line: number;
  readonly atIso: string;
  readonly thread: string;
  readonly recorded: { readonly read: number; readonly write: number; readonly class: UseClass };
  readonly simulated: { readonly read: number; readonly write: number; readonly class: UseClass };
  readonly gapMs: number;
  readonly cause: string;
}

export interface Reconciliation {
  readonly requests: number;
  /** Requests whose simulated use class equals the recorded one. */
  readonly agreeing: number;
  readonly agreement: number;
  /** Requests whose simulated read, write and input tokens equal the recorded ones exactly. */
  readonly tokenExact: number;
  readonly recordedCostUsd: number;
  readonly simulatedCostUsd: number;
  /** simulated / recorded − 1. */
  readonly costDifference: number;
  readonly disagreements: readonly Disagreement[];
  readonly disagreementsShown: number;
}

export type MissCause = Exclude<PromptChange, 'none'> | 'idle-expiry' | 'below-minimum';

/** Every miss cause, in the order missCauses() lists them (a Record: the compiler holds it to MissCause). */
const CAUSES: Readonly<Record<MissCause, null>> = {
  'below-minimum': null,
  compaction: null,
  'content-change': null,
  'first-request': null,
  'idle-expiry': null,
  'model-change': null,
  'version-change': null,
};
const MISS_CAUSES = Object.keys(CAUSES) as MissCause[];
/** Each cause's place in a policy's counts (Reconciler.policyMisses). */
const CAUSE_INDEX = Object.fromEntries(MISS_CAUSES.map((cause, i) => [cause, i])) as Record<MissCause, number>;
const FIRST_REQUEST = CAUSE_INDEX['first-request'];
const IDLE_EXPIRY = CAUSE_INDEX['idle-expiry'];

export interface MissCauses {
  /** Recorded misses (a request that read less than its thread had cached), by cause. */
  readonly recorded: Readonly<Record<string, number>>;
  /** The idle gaps (ms) before the recorded idle-expiry misses, longest first (at most 100). */
  readonly recordedIdleGapsMs: readonly number[];
  /** The same per simulated policy (no-cache left out). */
  readonly byPolicy: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

const SHOWN_DISAGREEMENTS = 10;

/** What a shard's reconciler adds up to the unsplit one's (src/merge/): unrounded, every row kept. */
export interface ReconcilerRaw {
  readonly recordedCostUsd: CostUsd;
  readonly rows: Readonly<Record<Dimension, readonly RawRow[]>>;
  /** Each model's first request in the unsplit order (ShardRun.seq), to list the models as it does. */
  readonly modelFirstSeq: Readonly<Record<string, number>>;
}

export class Reconciler {
  requests = 0;
  private readonly recordedLedger = new LedgerBook();
  private recordedRequests = 0;
  private agreeing = 0;
  private tokenExact = 0;
  private readonly disagreements: Disagreement[] = [];
  private readonly recordedCauses: Record<string, number> = {};
  private readonly idleGapsMs: number[] = [];
  /** Each policy's misses by cause: policy × MISS_CAUSES.length + CAUSE_INDEX[cause]. */
  private readonly policyMisses: Float64Array;
  /** Whether each policy's misses are counted (no-cache misses every request, by design). */
  private readonly countsMisses: boolean[];
  /** The breakdown tables, by position in DIMENSIONS. */
  private readonly tables: RowTable[];
  /** The current request is its thread's first (for the miss causes of logs without usage). */
  private firstOfThread = false;
  private readonly asRecordedIndex: number;
  /** The current request's rows (found once per request, not per policy), and the last ping's. */
  private readonly arrivalRows: RequestRows;
  private readonly pingRows: RequestRows;
  private readonly pricer: OutcomePricer;

  constructor(
    private readonly policyNames: readonly string[],
    private readonly priceOf: (model: string) => PriceProfile,
    originMs: number,
    private readonly explain: boolean,
    calendar: LocalCalendar = new LocalCalendar(),
    /** The current request's position in the unsplit stream, when this is one shard of it. */
    private readonly seq?: () => number,
  ) {
    this.policyMisses = new Float64Array(policyNames.length * MISS_CAUSES.length);
    this.countsMisses = policyNames.map((name) => name !== 'no-cache');
    this.pricer = new OutcomePricer(priceOf);
    this.tables = DIMENSIONS.map(() => new RowTable(policyNames.length));
    this.arrivalRows = new RequestRows(this.tables, calendar, originMs);
    this.pingRows = new RequestRows(this.tables, calendar, originMs);
    this.asRecordedIndex = policyNames.indexOf('as-recorded');
  }

  /**
   * A request about to be offered to every policy: the recorded side of the books. `firstOfThread`: no
   * earlier request of its thread (the caller's gap clock knows; a set here would double its memory).
   */
  arrived(request: Request, firstOfThread: boolean): void {
    this.requests++;
    const rows = this.arrivalRows.find(request);
    this.firstOfThread = firstOfThread;
    let recordedUsd = 0;
    if (isRecorded(request)) {
      this.recordedRequests++;
      this.firstSeen(billedAs(request));
      const into = this.recordedLedger.for(billedAs(request));
      const usage = request.recorded;
      into.input += usage.input;
      into.cacheWrite5m += usage.cacheWrite5m;
      into.cacheWrite1h += usage.cacheWrite1h;
      into.cacheRead += usage.cacheRead;
      into.output += usage.output;
      recordedUsd = costOf(usage, 0, this.priceOf(billedAs(request))).total;
      const cause = missCause(request, usage.cacheRead, this.priceOf(request.model).minCacheableTokens);
      if (cause !== null) this.recordedCauses[cause] = (this.recordedCauses[cause] ?? 0) + 1;
      if (cause === 'idle-expiry') this.idleGapsMs.push(request.gapMs);
    }
    for (let d = 0; d < DIMENSIONS.length; d++) this.tables[d].addRequest(rows[d], recordedUsd);
  }

  served(policy: number, request: Request, outcome: ServeOutcome): void {
    this.bill(policy, request, outcome, request.outputTokens);
    if (this.countsMisses[policy]) {
      let cause = -1;
      if (isRecorded(request)) {
        const recorded = missCause(request, outcome.readTokens, this.priceOf(request.model).minCacheableTokens);
        if (recorded !== null) cause = CAUSE_INDEX[recorded];
      } else if (outcome.readTokens === 0) {
        // Logs without usage (CSV, Mooncake) have one prefix per thread: a read of nothing is a miss.
        cause = this.firstOfThread ? FIRST_REQUEST : IDLE_EXPIRY;
      }
      if (cause >= 0) this.policyMisses[policy * MISS_CAUSES.length + cause]++;
    }
    if (policy === this.asRecordedIndex && isRecorded(request)) this.compare(request, outcome);
  }

  /** A keep-alive ping of `request`'s thread at `atMs`: booked on the ping's day, not its request's. */
  pinged(policy: number, request: Request, outcome: ServeOutcome, atMs: number): void {
    const rows = this.pingRows.find(request, atMs);
    const usd = this.usd(billedAs(request), outcome, 0);
    for (let d = 0; d < DIMENSIONS.length; d++) this.tables[d].addCost(rows[d], policy, usd);
  }

  models(): string[] {
    return [
      ...new Set(
        this.recordedLedger
          .ledgers()
          .map((l) => l.model)
          .concat([...this.modelsSeen]),
      ),
    ];
  }

  asRecorded(): AsRecorded {
    const cost = costOfLedgers(this.recordedLedger.ledgers(), this.priceOf);
    return { requests: this.recordedRequests, tokens: this.recordedLedger.total(), costUsd: roundCost(cost) };
  }

  reconciliation(asRecordedPolicy: PolicySummary): Reconciliation {
    const recorded = costOfLedgers(this.recordedLedger.ledgers(), this.priceOf).total;
    const simulated = asRecordedPolicy.costUsd.total;
    return {
      requests: this.recordedRequests,
      agreeing: this.agreeing,
      agreement: this.recordedRequests === 0 ? 0 : round(this.agreeing / this.recordedRequests),
      tokenExact: this.tokenExact,
      recordedCostUsd: round(recorded),
      simulatedCostUsd: simulated,
      costDifference: recorded === 0 ? 0 : round(simulated / recorded - 1),
      disagreements: this.disagreements,
      disagreementsShown: this.disagreements.length,
    };
  }

  missCauses(): MissCauses {
    const byPolicy: Record<string, Record<string, number>> = {};
    this.policyNames.forEach((name, i) => {
      if (!this.countsMisses[i]) return;
      const counts: Record<string, number> = {};
      for (const [c, cause] of MISS_CAUSES.entries()) {
        const n = this.policyMisses[i * MISS_CAUSES.length + c];
        if (n > 0) counts[cause] = n;
      }
      byPolicy[name] = sortedCounts(counts);
    });
    const recordedIdleGapsMs = [...this.idleGapsMs].sort((a, b) => b - a).slice(0, 100);
    return { recorded: sortedCounts(this.recordedCauses), recordedIdleGapsMs, byPolicy };
  }

  /** The breakdowns of the requests reconciled (breakdownsOf). */
  breakdowns(): Breakdowns {
    return breakdownsOf(this.tables, this.policyNames, this.recordedRequests);
  }

  /** This shard's books, unrounded (src/merge/ adds them up). */
  raw(): ReconcilerRaw {
    return {
      recordedCostUsd: costOfLedgers(this.recordedLedger.ledgers(), this.priceOf),
      rows: Object.fromEntries(DIMENSIONS.map((d, i) => [d, this.tables[i].rawRows()])) as Record<Dimension, RawRow[]>,
      modelFirstSeq: Object.fromEntries(this.modelSeq),
    };
  }

  private readonly modelsSeen = new Set<string>();
  /** The model bill() saw last (in modelsSeen). */
  private lastBilled: string | undefined;
  private readonly modelSeq = new Map<string, number>();

  private firstSeen(model: string): void {
    if (this.seq !== undefined && !this.modelSeq.has(model)) this.modelSeq.set(model, this.seq());
  }

  private bill(policy: number, request: Request, outcome: ServeOutcome, outputTokens: number): void {
    const billed = billedAs(request);
    // Two Set operations per request per policy otherwise; a run bills one model or a few, in long runs.
    if (billed !== this.lastBilled) {
      if (!this.modelsSeen.has(billed)) this.firstSeen(billed);
      this.modelsSeen.add(billed);
      this.lastBilled = billed;
    }
    const usd = this.usd(billed, outcome, outputTokens);
    const rows = this.arrivalRows.rows;
    for (let d = 0; d < DIMENSIONS.length; d++) this.tables[d].addCost(rows[d], policy, usd);
  }

  private usd(model: string, outcome: ServeOutcome, outputTokens: number): number {
    return this.pricer.usd(model, outcome, outputTokens);
  }

  private compare(request: RecordedRequest, outcome: ServeOutcome): void {
    const usage = request.recorded;
    const recordedWrite = usage.cacheWrite5m + usage.cacheWrite1h;
    const simulatedWrite = outcome.write5mTokens + outcome.write1hTokens;
    const recordedClass = useClass(usage.cacheRead, recordedWrite);
    const simulatedClass = useClass(outcome.readTokens, simulatedWrite);
    if (
      usage.cacheRead === outcome.readTokens &&
      usage.cacheWrite5m === outcome.write5mTokens &&
      usage.cacheWrite1h === outcome.write1hTokens &&
      usage.input === outcome.inputTokens
    )
      this.tokenExact++;
    if (recordedClass === simulatedClass) {
      this.agreeing++;
      return;
    }
    if (!this.explain && this.disagreements.length >= SHOWN_DISAGREEMENTS) return;
    this.disagreements.push({
      file: request.file,
      line: request.line,
      atIso: new Date(request.startEpochMs).toISOString(),
      thread: request.threadId,
      recorded: { read: usage.cacheRead, write: recordedWrite, class: recordedClass },
      simulated: { read: outcome.readTokens, write: simulatedWrite, class: simulatedClass },
      gapMs: request.gapMs,
      cause: disagreementCause(request, outcome, this.priceOf(request.model).minCacheableTokens),
    });
  }
}

/**
 * Rows sorted by key. Sessions (one per key for CSV logs: possibly 100,000) are cut to the costliest
 * MAX_SESSION_ROWS, the rest summed in one `(other N sessions)` row, so totals still add up.
 */
export function breakdownsOf(
  /** By position in DIMENSIONS. */
  tables: readonly RowTable[],
  policyNames: readonly string[],
  recordedRequests: number,
): Breakdowns {
  const out = {} as Record<Dimension, BreakdownRow[]>;
  for (const [d, dimension] of DIMENSIONS.entries()) {
    const table = tables[d];
    const limit = dimension === 'bySession' ? MAX_SESSION_ROWS : Infinity;
    const { rows, other, otherCount } = table.costliest(limit, recordedRequests > 0);
    const entries = rows.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (other !== null) entries.push([replayMessages.otherSessions(otherCount), other]);
    out[dimension] = entries.map(([key, row]) => ({
      key,
      requests: row.requests,
      asRecordedUsd: recordedRequests === 0 ? null : round(row.asRecordedUsd),
      costUsd: Object.fromEntries(policyNames.map((name, i) => [name, round(row.costUsd[i])])),
    }));
  }
  return out;
}

function useClass(read: number, write: number): UseClass {
  return read > 0 ? (write > 0 ? 'partial' : 'hit') : 'miss';
}

/**
 * A request missed when it read less than its thread had cached (or, first of its thread, nothing at
 * all); a prompt too short to cache at all misses for that reason whatever came before.
 */
function missCause(request: RecordedRequest, readTokens: number, minCacheableTokens: number): MissCause | null {
  const usage = request.recorded;
  const cached = usage.cacheRead + usage.cacheWrite5m + usage.cacheWrite1h;
  if (readTokens === 0 && cached + usage.input < minCacheableTokens && cached + usage.input > 0) return 'below-minimum';
  const missed =
    readTokens < request.previousCachedTokens || (readTokens === 0 && cached > 0 && request.change !== 'none');
  if (!missed) return null;
  return request.change === 'none' ? 'idle-expiry' : request.change;
}

/** The likeliest reason the simulation used the cache differently from the log. */
function disagreementCause(request: RecordedRequest, outcome: ServeOutcome, minCacheableTokens: number): string {
  const read = request.recorded.cacheRead;
  const cached = read + request.recorded.cacheWrite5m + request.recorded.cacheWrite1h;
  if (cached > 0 && cached < minCacheableTokens) return replayMessages.belowMinimum(cached, minCacheableTokens);
  const gapMs = request.gapMs < 0 ? null : request.gapMs;
  if (read > outcome.readTokens) {
    if (read > request.previousCachedTokens && request.change === 'none') return replayMessages.readMoreThanCached();
    return replayMessages.keptLonger(gapMs);
  }
  if (read < outcome.readTokens) return replayMessages.missedWhereHit(gapMs);
  return replayMessages.writeMismatch();
}

function sortedCounts(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}
