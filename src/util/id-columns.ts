// util/ (layer 0): numbers per thread or session id of a request stream, in one or more columns side by side,
// for the tallies that run for every request: a gap clock's last arrival (one column, metrics/histograms.ts),
// every policy's running cost of a session (a column per policy, verdict/session-costs.ts). Every policy is
// offered the same request one after the other, so their sums for one session sit in one row: one cache miss
// per request for all of them, where a table per policy cost one per policy (a 21-policy tune, 21). An id its
// reader numbered (logs/csv-keys.ts: Request.threadIndex) finds its row at that number, one array load with
// no slot table in between (that cost a second miss over 100,000 keys; docs/performance.md); any other id
// by a Map. Ids are remembered in the order first seen.

export class IdColumns {
  private columns = 0;
  /** Rows of numbered ids, at number × columns; NaN where a column has no value for the id (none stores NaN). */
  private byIndex: Float64Array = new Float64Array(0);
  /** Rows of the ids without a number, at slot × columns. */
  private byId: Float64Array = new Float64Array(0);
  private readonly slotById = new Map<string, number>();
  /** The ids in first-seen order, and where each one's row is: its number, or −1 − its slot. */
  private readonly ids: string[] = [];
  private readonly places: number[] = [];
  /** The rows `cell` found its cell in: byIndex or byId. */
  private rows: Float64Array = this.byIndex;

  /** A new column, NaN for every id so far (columns are added before the values, but any time is right). */
  addColumn(): number {
    const columns = this.columns;
    const widen = (rows: Float64Array): Float64Array => {
      const count = columns === 0 ? 0 : Math.floor(rows.length / columns);
      const wider = new Float64Array(count * (columns + 1)).fill(NaN);
      for (let row = 0; row < count; row++)
        wider.set(rows.subarray(row * columns, (row + 1) * columns), row * (columns + 1));
      return wider;
    };
    this.byIndex = widen(this.byIndex);
    this.byId = widen(this.byId);
    return this.columns++;
  }

  /**
   * Stores `value` as `id`'s in `column` and returns the value it replaces, NaN where the column had none.
   * `index` is the reader's number for the id (equal exactly when the ids are), given with every occurrence
   * of the id or with none: Request.threadIndex.
   */
  swap(id: string, index: number | undefined, column: number, value: number): number {
    const at = this.cell(id, index, column);
    const rows = this.rows;
    const previous = rows[at];
    rows[at] = value;
    return previous;
  }

  /** Adds `value` to `id`'s sum in `column` (0 where the column has none: 0 + value is value, as in a Map of sums). */
  add(id: string, index: number | undefined, column: number, value: number): void {
    const at = this.cell(id, index, column);
    const rows = this.rows;
    const previous = rows[at];
    rows[at] = previous !== previous ? value : previous + value;
  }

  /** The values of `column` by id, in the order first seen, for the ids it has one for. */
  toMap(column: number): Map<string, number> {
    const map = new Map<string, number>();
    for (let i = 0; i < this.ids.length; i++) {
      const value = this.valueAt(i, column);
      if (value === value) map.set(this.ids[i], value);
    }
    return map;
  }

  /** The value in `column` of the i-th id first seen (NaN where none). */
  private valueAt(i: number, column: number): number {
    const place = this.places[i];
    const columns = this.columns;
    return place >= 0 ? this.byIndex[place * columns + column] : this.byId[(-1 - place) * columns + column];
  }

  /**
   * The ids `column` has a value for, sorted as `[...toMap(column).keys()].sort()` sorts them, and their values in
   * each of `columns` (NaN where none): the verdict's bootstrap units without a Map per column and a lookup
   * per id in each (100,000 sessions: docs/performance.md). Null when an id has two rows (numbered with some
   * occurrences, not others), where only a Map merges them as toMap does.
   */
  sortedBy(column: number, columns: readonly number[]): { readonly ids: string[]; readonly values: number[][] } | null {
    const order: number[] = [];
    for (let i = 0; i < this.ids.length; i++) {
      const value = this.valueAt(i, column);
      if (value === value) order.push(i);
    }
    const ids = this.ids;
    // By UTF-16 code units, as the default sort compares strings.
    order.sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
    for (let k = 1; k < order.length; k++) if (ids[order[k]] === ids[order[k - 1]]) return null;
    return {
      ids: order.map((i) => ids[i]),
      values: columns.map((c) => order.map((i) => this.valueAt(i, c))),
    };
  }

  /** Where `id`'s value in `column` is, in `this.rows`; an id seen for the first time is remembered. */
  private cell(id: string, index: number | undefined, column: number): number {
    const columns = this.columns;
    if (index === undefined) {
      let slot = this.slotById.get(id);
      if (slot === undefined) {
        slot = this.slotById.size;
        this.slotById.set(id, slot);
        if ((slot + 1) * columns > this.byId.length) this.byId = grown(this.byId, (slot + 1) * columns, columns);
        this.remember(id, -1 - slot);
      }
      this.rows = this.byId;
      return slot * columns + column;
    }
    const start = index * columns;
    if (start + columns > this.byIndex.length) this.byIndex = grown(this.byIndex, start + columns, columns);
    const rows = (this.rows = this.byIndex);
    const at = start + column;
    if (rows[at] !== rows[at]) {
      // The id's first value in any column: remembered once.
      let seen = false;
      for (let c = 0; c < columns && !seen; c++) seen = rows[start + c] === rows[start + c];
      if (!seen) this.remember(id, index);
    }
    return at;
  }

  private remember(id: string, place: number): void {
    this.ids.push(id);
    this.places.push(place);
  }
}

/** `values` grown (doubling, NaN-filled, whole rows of `columns`) to hold at least `length`. */
function grown(values: Float64Array, length: number, columns: number): Float64Array {
  const larger = new Float64Array(Math.ceil(Math.max(1024, 2 * length) / columns) * columns).fill(NaN);
  larger.set(values);
  return larger;
}
