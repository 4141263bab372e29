// util/ (layer 0): a dense slot (0, 1, 2, … in order first seen) for each thread or session id of a request
// stream, for the per-request tallies (gap clocks, per-session costs) that keep their figures in typed
// arrays. A reader that numbers its ids itself (logs/csv-keys.ts: Request.threadIndex) is served by an array
// load, a new id included; any other id by a Map. With 100,000 keys a Map lookup per request per policy is a
// cache miss on a large hash table (the string's hash read from the string), and a Map entry per new key
// costs about a microsecond.

const NO_SLOT = -1;

export class IdSlots {
  /** Slots of the ids that come without an index. */
  private readonly byId = new Map<string, number>();
  /** Slot of each reader index, NO_SLOT while not yet seen. */
  private byIndex = new Int32Array(0);
  private readonly idBySlot: string[] = [];
  /** Whether the last slotOf call gave out a new slot. */
  added = false;

  /** Slots given out so far. */
  get size(): number {
    return this.idBySlot.length;
  }

  /** The ids in slot order. */
  ids(): readonly string[] {
    return this.idBySlot;
  }

  /**
   * The slot of `id`. `index` is its reader's number for it (equal exactly when the ids are), given with
   * every occurrence of the id or with none: Request.threadIndex, set by the reader on each of its requests.
   */
  slotOf(id: string, index: number | undefined): number {
    if (index === undefined) return this.slotOfId(id);
    if (index < this.byIndex.length) {
      const slot = this.byIndex[index];
      if (slot !== NO_SLOT) {
        this.added = false;
        return slot;
      }
    } else {
      const grown = new Int32Array(Math.max(1024, 2 * (index + 1))).fill(NO_SLOT);
      grown.set(this.byIndex);
      this.byIndex = grown;
    }
    this.added = true;
    return (this.byIndex[index] = this.newSlot(id));
  }

  private slotOfId(id: string): number {
    let slot = this.byId.get(id);
    this.added = slot === undefined;
    if (slot === undefined) this.byId.set(id, (slot = this.newSlot(id)));
    return slot;
  }

  private newSlot(id: string): number {
    this.idBySlot.push(id);
    return this.idBySlot.length - 1;
  }
}
