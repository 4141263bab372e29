// logs/ (layer 4), EDGE: what RecordedArrivals opens, in time order: whole files, and the runs of a streaming
// file that must be read as several streams (stream-runs.ts), each with the lines of its stretch.
import type { LogFile } from './find-logs.js';
import type { LogLine, ProblemLog } from './types.js';
import { readLines } from './read-lines.js';
import { logMessages } from './messages.js';

/**
 * The lines of one run of a streaming file, [fromLine, toLine), and a CSV file's header before them. Lines
 * before the run are not decoded; reading stops at its end.
 */
export function* runLinesOf(opening: Opening, problems: ProblemLog): Generator<LogLine> {
  const { file, fromLine, toLine } = opening;
  let header = file.format === 'csv';
  const lines = readLines(file.path, {
    shownAs: file.shown,
    wanted: (_bytes, _start, _end, line) => {
      if (header) {
        header = false;
        return true;
      }
      return line >= fromLine;
    },
    onSkipped: (line, bytes) => {
      if (line >= fromLine && line < toLine) problems.add(file.shown, line, '', logMessages.lineTooLong(bytes));
    },
  });
  for (const line of lines) {
    if (line.line >= toLine) return;
    yield line;
  }
}

/** A file, or one run of a streaming file (stream-runs.ts), to open when the clock reaches firstMs. */
export interface Opening {
  readonly file: LogFile;
  /** The run's index in file.runs, -1 for a whole file. */
  readonly run: number;
  readonly fromLine: number;
  readonly toLine: number;
  readonly firstMs: number;
}

export function openingsOf(files: readonly LogFile[], relative: (file: LogFile, ms: number) => number): Opening[] {
  const openings: Opening[] = [];
  for (const file of files) {
    const runs = file.runs;
    if (runs === undefined) {
      openings.push({ file, run: -1, fromLine: 0, toLine: Infinity, firstMs: file.firstMs });
      continue;
    }
    runs.forEach((run, i) =>
      openings.push({
        file,
        run: i,
        fromLine: i === 0 ? 0 : run.fromLine,
        toLine: runs[i + 1]?.fromLine ?? Infinity,
        firstMs: run.firstMs,
      }),
    );
  }
  // Files come sorted by their earliest timestamp; a later run of a file may start before an earlier one.
  if (files.some((file) => file.runs !== undefined)) {
    const key = (o: Opening) => (Number.isNaN(o.firstMs) ? Infinity : relative(o.file, o.firstMs));
    openings.sort((a, b) => key(a) - key(b));
  }
  return openings;
}
