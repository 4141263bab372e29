// util/ (layer 0): running sums per id in several columns side by side (every policy's cost of each session,
// verdict/session-costs.ts). Every policy is offered the same request one after the other, so their sums
// for one session sit in one row: one cache miss per request for all the policies together, where a table
// per policy cost one miss per request per policy (a 21-policy tune, 21). Numbered ids (Request.threadIndex)
// find their row by that number, others by a Map, as in id-values.ts; ids are remembered in the order
// first seen.

export class IdColumns {
  private columns = 0;
  /** Rows of numbered ids, at number × columns; NaN where a column has not seen the id (no sum is NaN). */
  private byIndex: Float64Array = new Float64Array(0);
  /** Rows of the ids without a number, at slot × columns. */
  private byId: Float64Array = new Float64Array(0);
  private readonly slotById = new Map<string, number>();
  /** The ids in first-seen order, and where each one's row is: its number, or −1 − its slot. */
  private readonly ids: string[] = [];
  private readonly places: number[] = [];

  /** A new column, NaN for every id so far (columns are added before the sums, but any time is right). */
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

  /** Adds `value` to `id`'s sum in `column` (0 for a column that has not seen it: 0 + value is value). */
  add(id: string, index: number | undefined, column: number, value: number): void {
    const columns = this.columns;
    if (index === undefined) {
      let slot = this.slotById.get(id);
      if (slot === undefined) {
        slot = this.slotById.size;
        this.slotById.set(id, slot);
        if ((slot + 1) * columns > this.byId.length) this.byId = grown(this.byId, (slot + 1) * columns, columns);
        this.remember(id, -1 - slot);
      }
      const at = slot * columns + column;
      const previous = this.byId[at];
      this.byId[at] = previous !== previous ? value : previous + value;
      return;
    }
    const start = index * columns;
    if (start + columns > this.byIndex.length) this.byIndex = grown(this.byIndex, start + columns, columns);
    const rows = this.byIndex;
    const previous = rows[start + column];
    if (previous === previous) {
      rows[start + column] = previous + value;
      return;
    }
    rows[start + column] = value;
    // The id's first sum in any column: remembered once.
    let seen = false;
    for (let c = 0; c < columns && !seen; c++) seen = c !== column && rows[start + c] === rows[start + c];
    if (!seen) this.remember(id, index);
  }

  /** The sums of `column` by id, in the order first seen, for the ids it has seen. */
  toMap(column: number): Map<string, number> {
    const map = new Map<string, number>();
    const columns = this.columns;
    for (let i = 0; i < this.ids.length; i++) {
      const place = this.places[i];
      const value = place >= 0 ? this.byIndex[place * columns + column] : this.byId[(-1 - place) * columns + column];
      if (value === value) map.set(this.ids[i], value);
    }
    return map;
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
