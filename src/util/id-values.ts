// util/ (layer 0): one number per thread id of a request stream (a gap clock's last arrival), for a
// per-request tally (several policies' sums side by side: id-columns.ts).
// An id its reader numbered (logs/csv-keys.ts: Request.threadIndex) keeps its value at that number: one
// load from one array. Over 100,000 keys each load is a cache miss, so a slot table in between (the reader's
// number → a slot → the value) cost a second miss per request (docs/performance.md). Any other id gets its
// slot from a Map. The ids are remembered in the order first seen, whichever way they came.

export class IdValues {
  /** Values of numbered ids, at their number; NaN while unseen (no tally stores NaN). */
  private byIndex = new Float64Array(0);
  /** Values of the ids without a number, at their slot. */
  private byId = new Float64Array(64);
  private readonly slotById = new Map<string, number>();
  /** The ids in first-seen order, and where each one's value lives: its number, or −1 − its slot. */
  private readonly ids: string[] = [];
  private readonly places: number[] = [];

  /** Ids seen so far. */
  get size(): number {
    return this.ids.length;
  }

  /**
   * Stores `value` for `id` and returns the value it replaces, NaN for an id not seen before. `index` is
   * the reader's number for the id (equal exactly when the ids are), given with every occurrence of the id
   * or with none: Request.threadIndex.
   */
  swap(id: string, index: number | undefined, value: number): number {
    if (index === undefined) return this.swapById(id, value);
    if (index >= this.byIndex.length) this.growTo(index);
    const values = this.byIndex;
    const previous = values[index];
    values[index] = value;
    if (previous !== previous) this.remember(id, index);
    return previous;
  }

  /** [id, value] in the order first seen. */
  *entries(): IterableIterator<[string, number]> {
    for (let i = 0; i < this.ids.length; i++) yield [this.ids[i], this.valueAt(i)];
  }

  private valueAt(i: number): number {
    const place = this.places[i];
    return place >= 0 ? this.byIndex[place] : this.byId[-1 - place];
  }

  private swapById(id: string, value: number): number {
    const slot = this.slotById.get(id);
    if (slot === undefined) {
      const next = this.slotById.size;
      if (next === this.byId.length) {
        const grown = new Float64Array(next * 2);
        grown.set(this.byId);
        this.byId = grown;
      }
      this.slotById.set(id, next);
      this.byId[next] = value;
      this.remember(id, -1 - next);
      return NaN;
    }
    const previous = this.byId[slot];
    this.byId[slot] = value;
    return previous;
  }

  private growTo(index: number): void {
    const grown = new Float64Array(Math.max(1024, 2 * (index + 1))).fill(NaN);
    grown.set(this.byIndex);
    this.byIndex = grown;
  }

  private remember(id: string, place: number): void {
    this.ids.push(id);
    this.places.push(place);
  }
}
