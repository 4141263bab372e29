// util/ (layer 0): a small binary heap of workload cursors (sessions, threads, jobs) ordered by their next
// request time, ties broken by creation order so that generation is deterministic.

export interface Cursor {
  nextAtMs: number;
  readonly order: number;
}

export class CursorHeap<C extends Cursor> {
  private readonly items: C[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): C | undefined {
    return this.items[0];
  }

  push(item: C): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, items[parent])) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = item;
  }

  pop(): C | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= items.length) break;
        if (child + 1 < items.length && before(items[child + 1], items[child])) child++;
        if (!before(items[child], last)) break;
        items[i] = items[child];
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}

function before(a: Cursor, b: Cursor): boolean {
  return a.nextAtMs < b.nextAtMs || (a.nextAtMs === b.nextAtMs && a.order < b.order);
}
