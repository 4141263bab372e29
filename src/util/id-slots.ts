// util/ (layer 0): a dense slot (0, 1, 2, … in order first seen) for each thread or session id of a request
// stream, for the per-request tallies (gap clocks, per-session costs) that keep their figures in typed
// arrays. A reader that numbers its ids itself (logs/csv-keys.ts: Request.threadIndex) is served by an array
// lookup; any other id by a Map. With 100,000 keys a Map lookup per request per policy is a cache miss on
// a large hash table (with the string's hash read from the string), where the array is one load.

const NO_SLOT = -1;

export class IdSlots {
  private readonly byId = new Map<string, number>();
  /** Slot of each reader index, NO_SLOT while not yet seen. */
  private byIndex = new Int32Array(0);
  /** Whether the last slotOf call gave out a new slot. */
  added = false;

  /** Slots given out so far. */
  get size(): number {
    return this.byId.size;
  }

  /** The ids in slot order. */
  ids(): IterableIterator<string> {
    return this.byId.keys();
  }

  /**
   * The slot of `id`, whose reader index (a dense number, equal exactly when the ids are) is `index` when
   * the reader gives one. The same id always gets the same slot, with or without an index.
   */
  slotOf(id: string, index: number | undefined): number {
    if (index !== undefined && index < this.byIndex.length) {
      const slot = this.byIndex[index];
      if (slot !== NO_SLOT) {
        this.added = false;
        return slot;
      }
    }
    return this.slowSlotOf(id, index);
  }

  private slowSlotOf(id: string, index: number | undefined): number {
    let slot = this.byId.get(id);
    this.added = slot === undefined;
    if (slot === undefined) {
      slot = this.byId.size;
      this.byId.set(id, slot);
    }
    if (index !== undefined) {
      if (index >= this.byIndex.length) {
        const grown = new Int32Array(Math.max(1024, 2 * (index + 1))).fill(NO_SLOT);
        grown.set(this.byIndex);
        this.byIndex = grown;
      }
      this.byIndex[index] = slot;
    }
    return slot;
  }
}
