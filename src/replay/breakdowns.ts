// replay/ (layer 9): a replay's cost broken down by day, week, month (in the --timezone calendar,
// time-window.ts), project, session, model and thread kind, for every policy and as recorded: the row
// tables the reconciler (reconcile.ts) fills as requests are billed. `replay --by` shows one of them.

export interface BreakdownRow {
  readonly key: string;
  readonly requests: number;
  readonly asRecordedUsd: number | null;
  /** Cost per policy, requests and keep-alive pings of this row. */
  readonly costUsd: Readonly<Record<string, number>>;
}

export interface Breakdowns {
  readonly byDay: readonly BreakdownRow[];
  readonly byProject: readonly BreakdownRow[];
  readonly bySession: readonly BreakdownRow[];
  readonly byThreadKind: readonly BreakdownRow[];
  readonly byWeek: readonly BreakdownRow[];
  readonly byMonth: readonly BreakdownRow[];
  readonly byModel: readonly BreakdownRow[];
}

export const DIMENSIONS = ['byDay', 'byProject', 'bySession', 'byThreadKind', 'byWeek', 'byMonth', 'byModel'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** `replay --by` values and the breakdown each shows (week: the Monday starting it). */
export const VIEWS = {
  day: 'byDay',
  week: 'byWeek',
  month: 'byMonth',
  session: 'bySession',
  project: 'byProject',
  model: 'byModel',
} as const satisfies Record<string, Dimension>;
export type View = keyof typeof VIEWS;
export const VIEW_NAMES = Object.keys(VIEWS) as View[];

/** Session rows kept in the breakdown (the costliest); the rest are summed into one row. */
export const MAX_SESSION_ROWS = 200;

/** A row as a shard keeps it: key, requests, as-recorded USD, USD per policy (unrounded). */
export type RawRow = readonly [string, number, number, readonly number[]];

export interface Row {
  requests: number;
  asRecordedUsd: number;
  costUsd: number[];
}

/**
 * One dimension's rows in flat arrays (a session breakdown of a CSV log has a row per key: 100,000
 * objects with an array each would be a good part of the replay's heap); rows become objects at the end.
 */
export class RowTable {
  private readonly indexOf = new Map<string, number>();
  private readonly keys: string[] = [];
  /** Row + 1 of each numbered thread (Request.threadIndex) seen, 0 for one not seen yet. */
  private numbered = new Int32Array(0);
  private requests = new Float64Array(16);
  private recorded = new Float64Array(16);
  private cost: Float64Array;

  constructor(private readonly policies: number) {
    this.cost = new Float64Array(16 * policies);
  }

  get size(): number {
    return this.keys.length;
  }

  index(key: string): number {
    let i = this.indexOf.get(key);
    if (i === undefined) {
      i = this.keys.length;
      this.keys.push(key);
      this.indexOf.set(key, i);
      if (i >= this.requests.length) this.grow();
    }
    return i;
  }

  /**
   * The row of `key`, the id the reader numbered `threadIndex` (equal numbers ⇔ equal ids in a run): found by
   * an array load, not by hashing the id. A row is still created through index(), so it keeps its
   * first-seen place, and a request of the same id without a number finds the same row.
   */
  indexNumbered(threadIndex: number, key: string): number {
    if (threadIndex < this.numbered.length) {
      const known = this.numbered[threadIndex];
      if (known !== 0) return known - 1;
    } else {
      const wider = new Int32Array(Math.max(1024, 2 * this.numbered.length, threadIndex + 1));
      wider.set(this.numbered);
      this.numbered = wider;
    }
    const i = this.index(key);
    this.numbered[threadIndex] = i + 1;
    return i;
  }

  addRequest(i: number, recordedUsd: number): void {
    this.requests[i]++;
    this.recorded[i] += recordedUsd;
  }

  addCost(i: number, policy: number, usd: number): void {
    this.cost[i * this.policies + policy] += usd;
  }

  /** Every row, unrounded, in first-seen order: what a shard hands to a merge (src/merge/). */
  rawRows(): RawRow[] {
    return this.keys.map((key, i) => {
      const row = this.row(i);
      return [key, row.requests, row.asRecordedUsd, row.costUsd];
    });
  }

  /** Adds a shard's row to the row of the same key (a merge of shards). */
  addRaw([key, requests, recordedUsd, costUsd]: RawRow): void {
    const i = this.index(key);
    this.requests[i] += requests;
    this.recorded[i] += recordedUsd;
    for (let p = 0; p < this.policies; p++) this.cost[i * this.policies + p] += costUsd[p];
  }

  private row(i: number): Row {
    return {
      requests: this.requests[i],
      asRecordedUsd: this.recorded[i],
      costUsd: Array.from(this.cost.subarray(i * this.policies, (i + 1) * this.policies)),
    };
  }

  /**
   * At most `limit` rows, the costliest (by the recorded cost, else the dearest policy; ties by key), and
   * the rest summed into one; rows become objects only for those kept.
   */
  costliest(limit: number, byRecorded: boolean): { rows: [string, Row][]; other: Row | null; otherCount: number } {
    const n = this.keys.length;
    if (n <= limit) return { rows: this.keys.map((key, i) => [key, this.row(i)]), other: null, otherCount: 0 };
    // Each row scored once: in the comparator, a score was worked out again for every comparison (n log n).
    const score = byRecorded ? this.recorded.subarray(0, n) : new Float64Array(n);
    if (!byRecorded)
      for (let i = 0; i < n; i++) {
        let max = 0;
        for (let p = 0; p < this.policies; p++) max = Math.max(max, this.cost[i * this.policies + p]);
        score[i] = max;
      }
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => score[b] - score[a] || (this.keys[a] < this.keys[b] ? -1 : 1),
    );
    const other: Row = { requests: 0, asRecordedUsd: 0, costUsd: new Array<number>(this.policies).fill(0) };
    for (const i of order.slice(limit)) {
      other.requests += this.requests[i];
      other.asRecordedUsd += this.recorded[i];
      for (let p = 0; p < this.policies; p++) other.costUsd[p] += this.cost[i * this.policies + p];
    }
    return { rows: order.slice(0, limit).map((i) => [this.keys[i], this.row(i)]), other, otherCount: n - limit };
  }

  private grow(): void {
    const size = this.requests.length * 2;
    const widen = (old: Float64Array, length: number) => {
      const array = new Float64Array(length);
      array.set(old);
      return array;
    };
    this.requests = widen(this.requests, size);
    this.recorded = widen(this.recorded, size);
    this.cost = widen(this.cost, size * this.policies);
  }
}

/**
 * The row of the key one stream of lookups (arrivals, pings) asked for last: consecutive requests mostly
 * share a day, model, project and kind, so the table's Map is asked only when the key changes.
 */
export class RowCursor {
  private key: string | undefined;
  private row = -1;

  constructor(private readonly table: RowTable) {}

  /** The key asked for last (undefined before the first). */
  get lastKey(): string | undefined {
    return this.key;
  }

  rowOf(key: string): number {
    if (key !== this.key) {
      this.key = key;
      this.row = this.table.index(key);
    }
    return this.row;
  }
}
