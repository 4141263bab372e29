// logs/ (layer 4): where a streaming log (CSV, Mooncake) must be read as several streams. The reorder
// buffer (reorder-buffer.ts) puts rows back in order within REORDER_ROWS; a file made of whole exports
// concatenated out of order (`cat feb.csv jan.csv`) goes back further. While a file is dated
// (time-bounds.ts), the buffer is played on its timestamps alone: each row it could not place starts a new
// run, and the replay reads each run as a stream of its own (every stream re-reads the file up to its first
// line), merged in time order with the others. More than MAX_RUNS runs is a file shuffled rather than
// concatenated: it is read as one stream, and the rows the buffer cannot place are reported.
import { MinHeap } from '../util/min-heap.js';
import { REORDER_ROWS } from './reorder-buffer.js';

/** A stretch of a file, from its first line to the next run's, that the reorder buffer replays in order. */
export interface StreamRun {
  readonly fromLine: number;
  readonly firstMs: number;
  readonly lastMs: number;
}

/** At most this many streams per file (each reads the file again up to its first line). */
export const MAX_RUNS = 16;

export class RunSplitter {
  private readonly runs: { fromLine: number; firstMs: number; lastMs: number }[] = [];
  private heap = new MinHeap<null>(64);
  private seq = 0;
  private lastEmittedMs = -Infinity;
  private latestMs = -Infinity;
  /**
   * While every row so far is in order, the buffer releases rows in file order: it is then this ring of
   * the latest timestamps (a push and a read per row, where the heap costs a sift through 10,000 entries),
   * moved into the heap at the first row out of order.
   */
  private ring: Float64Array | null;
  private ringStart = 0;
  private ringCount = 0;
  /** No row is earlier than a row before it: the replay can pass rows through without holding any. */
  sorted = true;

  constructor(private readonly rows = REORDER_ROWS) {
    this.ring = new Float64Array(rows);
  }

  /** One row's timestamp, in file order. */
  add(ms: number, line: number): void {
    if (ms < this.latestMs) this.sorted = false;
    else this.latestMs = ms;
    const ring = this.ring;
    if (ring !== null) {
      if (this.sorted) {
        if (this.runs.length === 0) this.runs.push({ fromLine: line, firstMs: ms, lastMs: ms });
        this.runs[0].lastMs = ms;
        ring[(this.ringStart + this.ringCount) % ring.length] = ms;
        if (++this.ringCount >= this.rows) {
          this.lastEmittedMs = ring[this.ringStart];
          this.ringStart = (this.ringStart + 1) % ring.length;
          this.ringCount--;
        }
        return;
      }
      for (let i = 0; i < this.ringCount; i++)
        this.heap.push(ring[(this.ringStart + i) % ring.length], this.seq++, null);
      this.ring = null;
    }
    let run = this.runs.at(-1);
    if (run === undefined || ms < this.lastEmittedMs) {
      run = { fromLine: line, firstMs: ms, lastMs: ms };
      this.runs.push(run);
      this.heap = new MinHeap<null>(64);
      this.lastEmittedMs = -Infinity;
    }
    if (ms < run.firstMs) run.firstMs = ms;
    if (ms > run.lastMs) run.lastMs = ms;
    this.heap.push(ms, this.seq++, null);
    if (this.heap.size >= this.rows) {
      this.lastEmittedMs = this.heap.peekKey();
      this.heap.pop();
    }
  }

  /** The runs when the file needs several (and not too many), else undefined: one stream. */
  result(): readonly StreamRun[] | undefined {
    return this.runs.length > 1 && this.runs.length <= MAX_RUNS ? this.runs : undefined;
  }
}
