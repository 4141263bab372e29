// replay/ (layer 9): a request's row in each breakdown table (breakdowns.ts), found for every request and
// every keep-alive ping the reconciler (reconcile.ts) books. Consecutive requests mostly share a day, model,
// project and thread kind, so a table's Map is asked only when a key changed; the week and month are worked
// out only when the day changed; a numbered thread's session row is found by its number.
import type { Request } from '../model/request.js';
import { isRecorded } from '../logs/usage-chain.js';
import { DIMENSIONS, RowCursor, type RowTable } from './breakdowns.js';
import { mondayOf, type LocalCalendar } from './time-window.js';

const DAY = DIMENSIONS.indexOf('byDay');
const WEEK = DIMENSIONS.indexOf('byWeek');
const MONTH = DIMENSIONS.indexOf('byMonth');
const PROJECT = DIMENSIONS.indexOf('byProject');
const SESSION = DIMENSIONS.indexOf('bySession');
const THREAD_KIND = DIMENSIONS.indexOf('byThreadKind');
const MODEL = DIMENSIONS.indexOf('byModel');

/** One stream's rows (the reconciler keeps one for arrivals and one for pings, whose keys follow apart). */
export class RequestRows {
  /** The last request's row in each table, by position in DIMENSIONS. */
  readonly rows = new Int32Array(DIMENSIONS.length);
  private readonly cursors: RowCursor[];
  private readonly sessions: RowTable;

  constructor(
    /** The tables by position in DIMENSIONS. */
    tables: readonly RowTable[],
    private readonly calendar: LocalCalendar,
    private readonly originMs: number,
  ) {
    this.cursors = tables.map((table) => new RowCursor(table));
    this.sessions = tables[SESSION];
  }

  /** Sets `rows` to `request`'s rows, its day, week and month those of `atMs` (a ping's own time). */
  find(request: Request, atMs: number = request.atMs): Int32Array {
    const rows = this.rows;
    const cursors = this.cursors;
    const day = this.calendar.day(this.originMs + atMs);
    // The week and the month follow from the day: worked out again only when it changed.
    if (day !== cursors[DAY].lastKey) {
      rows[DAY] = cursors[DAY].rowOf(day);
      rows[WEEK] = cursors[WEEK].rowOf(mondayOf(day));
      rows[MONTH] = cursors[MONTH].rowOf(day.slice(0, 7));
    }
    rows[PROJECT] = cursors[PROJECT].rowOf(isRecorded(request) ? request.project : '');
    // A numbered thread's session is its thread (Request.threadIndex): pings of 100,000 keys interleave.
    rows[SESSION] =
      request.threadIndex === undefined
        ? cursors[SESSION].rowOf(request.sessionId)
        : this.sessions.indexNumbered(request.threadIndex, request.sessionId);
    rows[THREAD_KIND] = cursors[THREAD_KIND].rowOf(request.threadKind);
    rows[MODEL] = cursors[MODEL].rowOf(request.model);
    return rows;
  }
}
