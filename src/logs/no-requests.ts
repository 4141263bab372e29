// logs/ (layer 4): the error of a replay (or fit) whose logs yield no request at all. A bad line alone is
// counted and the replay goes on (docs/replay.md, "Unusable lines"); when every line was bad, those lines
// are the whole answer, so the error names the first of them (file:line: field: reason) rather than only
// saying that nothing was left.
import { InputError, inputError, type InputIssue } from '../model/errors.js';
import type { Request } from '../model/request.js';
import type { LogProblem, ProblemLog } from './types.js';
import { logMessages } from './messages.js';

/** How many unusable lines the error lists, as the terminal summary of a replay shows them. */
export const LISTED_PROBLEMS = 5;

/**
 * One line saying that no request is left and how many lines could not be used, then up to five of those
 * lines, each located. `shownAs` names the logs in the first line ('' when they are several files).
 */
export function noRequestsError(problems: ProblemLog, shownAs: string): InputError {
  const listed = firstOfEachFile(problems.shown, LISTED_PROBLEMS);
  const summary: InputIssue = {
    file: shownAs,
    line: 0,
    column: 0,
    path: '',
    message: logMessages.noRequests(problems.count, listed.length),
  };
  return new InputError([
    summary,
    ...listed.map((p) => ({ file: p.file, line: p.line, column: 0, path: p.field, message: p.reason })),
  ]);
}

/**
 * Up to `limit` problems in their order, each file's first one before any file's second: with several bad
 * files, the user sees what is wrong with each rather than five lines of the first.
 */
function firstOfEachFile(shown: readonly LogProblem[], limit: number): LogProblem[] {
  const files = new Set<string>();
  const firsts: number[] = [];
  shown.forEach((p, i) => {
    if (!files.has(p.file)) firsts.push(i);
    files.add(p.file);
  });
  const picked = new Set(firsts.slice(0, limit));
  for (let i = 0; i < shown.length && picked.size < limit; i++) picked.add(i);
  return [...picked].sort((a, b) => a - b).map((i) => shown[i]);
}

/** How the first line of the error names the logs: the one file, else the one path given, else nothing. */
export function logsShownAs(files: readonly { readonly shown: string }[], paths: readonly string[]): string {
  if (files.length === 1) return files[0].shown;
  return paths.length === 1 ? paths[0] : '';
}

/**
 * The requests a replay reads, passed through unchanged and counted, so that a replay left with none can
 * say why: every line unusable, or every request outside the --since/--until window.
 */
export class ArrivalTally implements Iterator<Request> {
  /** Requests read, and of those, the ones starting in [sinceMs, untilMs). */
  read = 0;
  inWindow = 0;
  private firstAtMs = Infinity;
  private lastAtMs = -Infinity;

  /** `sinceMs`, `untilMs`: the window in simulated ms (-Infinity, Infinity when not given). */
  constructor(
    private readonly arrivals: Iterator<Request>,
    private readonly sinceMs: number,
    private readonly untilMs: number,
  ) {}

  next(): IteratorResult<Request> {
    const next = this.arrivals.next();
    if (next.done === true) return next;
    const { atMs } = next.value;
    this.read++;
    if (atMs >= this.sinceMs && atMs < this.untilMs) this.inWindow++;
    if (atMs < this.firstAtMs) this.firstAtMs = atMs;
    if (atMs > this.lastAtMs) this.lastAtMs = atMs;
    return next;
  }

  /** Why nothing was replayed; `originMs` is the epoch ms of simulated time 0, to date the requests read. */
  noRequestsError(problems: ProblemLog, shownAs: string, originMs: number): InputError {
    if (this.read > 0 && this.inWindow === 0) {
      const iso = (atMs: number) => new Date(originMs + atMs).toISOString();
      // The window is what is wrong, not a file: the line names no file (docs/commands.md#dates-and-windows).
      return inputError('', '', logMessages.noRequestsInWindow(this.read, iso(this.firstAtMs), iso(this.lastAtMs)));
    }
    return noRequestsError(problems, shownAs);
  }
}
