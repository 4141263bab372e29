// logs/ (layer 4): puts the rows of a streaming log (CSV, Mooncake) back in time order within a bounded
// window, so that a file written slightly out of order (rows logged as requests finish, several writers)
// replays as it happened. Memory is the window, never the file: at most REORDER_ROWS requests are held.
import type { Request } from '../model/request.js';
import { MinHeap } from '../util/min-heap.js';

/**
 * Rows a row may come after rows later than it and still be put back in order. A row further back than
 * this is reported and skipped (docs/replay.md); a file that far out of order must be sorted first.
 */
export const REORDER_ROWS = 10_000;

/** A reader's requests in file order, with the file line of the one it returned last (the Request does not carry it). */
export interface LocatedRequests {
  next(): IteratorResult<Request>;
  readonly line: number;
}

export class ReorderBuffer implements Iterator<Request> {
  private readonly heap = new MinHeap<Request>(64);
  private seq = 0;
  private lastAtMs = -Infinity;
  private exhausted = false;
  /** Rows put back in order (they came after a row later than them). */
  reordered = 0;
  private latestAtMs = -Infinity;

  /**
   * `source` yields the reader's requests in file order; `onLate` hears of each one too far back to be put
   * in order (it is not yielded). With `rows` 1 (a file its dating found in order) rows pass straight
   * through, as the heap would give them, without a push and a pop each.
   */
  constructor(
    private readonly source: LocatedRequests,
    private readonly onLate: (line: number) => void,
    private readonly rows = REORDER_ROWS,
  ) {}

  next(): IteratorResult<Request> {
    if (this.rows === 1) return this.passThrough();
    while (!this.exhausted && this.heap.size < this.rows) {
      const next = this.source.next();
      if (next.done === true) {
        this.exhausted = true;
        break;
      }
      const request = next.value;
      if (request.atMs < this.lastAtMs) {
        this.onLate(this.source.line);
        continue;
      }
      if (request.atMs < this.latestAtMs) this.reordered++;
      else this.latestAtMs = request.atMs;
      this.heap.push(request.atMs, this.seq++, request);
    }
    const request = this.heap.pop();
    if (request === undefined) return { done: true, value: undefined };
    this.lastAtMs = request.atMs;
    return { done: false, value: request };
  }

  /** A window of one row: each row as it comes, unless it is earlier than the one before (late). */
  private passThrough(): IteratorResult<Request> {
    for (;;) {
      const next = this.source.next();
      if (next.done === true) return next;
      if (next.value.atMs < this.lastAtMs) {
        this.onLate(this.source.line);
        continue;
      }
      this.lastAtMs = next.value.atMs;
      return next;
    }
  }
}
