// Where a command's files go (docs/commands.md, "Output folders"): the --out flag checked, report folders
// named from validated names, checked before any work and written whole through report/write-files.ts,
// and every failure to write worded as one line naming the path (exit 2) instead of a stack.
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { inputError, InputError } from '../model/errors.js';
import {
  OutputRefused,
  discardStaged,
  removePending,
  reportFolderRefusal,
  stageReport,
  swapIn,
  type OutputFile,
  type StagedReport,
} from '../report/write-files.js';
import type { CliIo } from './io.js';
import { cliMessages } from './messages.js';

/**
 * The value of an output flag: absent, or a non-empty path. `--out ''` and `--out` at the end of the line
 * (yargs gives '') would otherwise resolve to the working directory; a repeated flag gives an array.
 */
export function outFlag(value: unknown, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw inputError('', flag, cliMessages.outTwice());
  if (typeof value !== 'string' || value.trim() === '' || value.includes('\0'))
    throw inputError('', flag, cliMessages.outEmpty(value));
  return value;
}

/** A name that becomes one folder (a scenario's, `replay`): one plain segment, never `.` or `..`. */
export function folderName(name: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name === '.' || name === '..')
    throw inputError('', '', cliMessages.badFolderName(name));
  return name;
}

/** Where a report goes, and how messages name it. */
export interface ReportTarget {
  readonly dir: string;
  /** As the user wrote it, for messages. */
  readonly shown: string;
  /** The flag that chose it ('' for the default folder). */
  readonly flag: string;
}

/** `--out` itself, or `reports/<name>/` by default. */
export function reportTarget(io: CliIo, out: string | undefined, defaultName: string): ReportTarget {
  return out === undefined ? target(io, join('reports', folderName(defaultName)), '') : target(io, out, '--out');
}

/** `--out X` with several reports: one subfolder `X/<name>` each. */
export function reportSubTarget(io: CliIo, out: string, name: string): ReportTarget {
  return target(io, join(out, folderName(name)), '--out');
}

function target(io: CliIo, path: string, flag: string): ReportTarget {
  return { dir: resolve(io.cwd, path), shown: path, flag };
}

/** A path as messages show it: relative to the working directory when inside it, else absolute. */
export function shownPath(io: CliIo, path: string): string {
  const shown = relative(io.cwd, path);
  return shown === '' || shown.startsWith('..') ? path : shown;
}

/**
 * Refuses, before any work, a target that is a file, a link, a folder of someone else's files, or a folder
 * holding the working folder or one of the command's `inputs` (paths as given: a report replaces its folder).
 */
export function checkReportTargets(io: CliIo, targets: readonly ReportTarget[], inputs: readonly string[]): void {
  const issues = targets.flatMap((t) => {
    let refusal;
    try {
      refusal = reportFolderRefusal(t.dir);
    } catch (error) {
      // Unreadable (EACCES) or not a path at all (ENOTDIR): the machine's state, worded like a failed write.
      const problem = outputError(error, t);
      if (problem instanceof InputError) return problem.issues;
      throw problem;
    }
    if (refusal !== null) return refusalError(refusal, t).issues;
    if (isWithin(t.dir, io.cwd)) return inputError(t.shown, t.flag, cliMessages.outHoldsCwd()).issues;
    const input = inputs.find((path) => isWithin(t.dir, resolve(io.cwd, path)));
    return input === undefined ? [] : inputError(t.shown, t.flag, cliMessages.outHoldsInput(input)).issues;
  });
  if (issues.length > 0) throw new InputError(issues);
}

/** Whether `path` is `dir` or inside it, links resolved (for paths that do not exist yet, their nearest folder's). */
export function isWithin(dir: string, path: string): boolean {
  const rel = relative(realPathOf(dir), realPathOf(path));
  return rel === '' || (rel.split(sep)[0] !== '..' && !isAbsolute(rel));
}

/** The real path of `path`, or of its nearest existing folder joined with the rest when it does not exist. */
export function realPathOf(path: string): string {
  const rest: string[] = [];
  let at = path;
  for (;;) {
    try {
      return join(realpathSync(at), ...rest.reverse());
    } catch {
      const parent = dirname(at);
      if (parent === at) return path;
      rest.push(basename(at));
      at = parent;
    }
  }
}

/**
 * Writes each report whole: all are staged first, then swapped in, so a failure while writing the files
 * (a full disk, a permission) leaves every target as it was. A signal while staging removes the staged
 * files before the process ends.
 */
export async function writeReports(
  reports: readonly { readonly target: ReportTarget; readonly files: readonly OutputFile[] }[],
): Promise<void> {
  await withSignalCleanup(async () => {
    const staged: StagedReport[] = [];
    let current = reports[0]?.target;
    try {
      for (const report of reports) {
        current = report.target;
        staged.push(await stageReport(report.target.dir, report.files));
      }
      for (const [i, report] of staged.entries()) {
        current = reports[i].target;
        swapIn(report);
      }
    } catch (error) {
      for (const report of staged) discardStaged(report);
      throw current === undefined ? error : outputError(error, current);
    }
  });
}

/** A failure to write `target`, as the user's problem (exit 2), or the error itself when it is a bug. */
export function outputError(error: unknown, target: ReportTarget): unknown {
  if (error instanceof OutputRefused) return refusalError(error, target);
  const code = systemErrorCode(error);
  if (code === undefined) return error;
  return inputError(target.shown, target.flag, cliMessages.cannotWrite(WRITE_FAILURES[code] ?? code, code));
}

function refusalError(refusal: OutputRefused, target: ReportTarget): InputError {
  const message =
    refusal.reason === 'not-a-folder'
      ? cliMessages.outIsFile()
      : refusal.reason === 'symlink'
        ? cliMessages.outIsLink()
        : refusal.reason === 'root'
          ? cliMessages.outIsRoot()
          : refusal.reason === 'no-report'
            ? cliMessages.outNoReport()
            : cliMessages.outNotReport(refusal.entry);
  return inputError(target.shown, target.flag, message);
}

/** The reasons a write fails that are the machine's state, not a bug (node's system errors, `man 3 errno`). */
const WRITE_FAILURES: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a folder on the path is a file',
  EISDIR: 'is a folder',
  EEXIST: 'already exists',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many levels of symbolic links',
  EIO: 'input/output error',
  EFBIG: 'file too large',
  EBUSY: 'busy (a mount point?)',
  EXDEV: 'on another file system',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  ENOTEMPTY: 'another process keeps writing there',
  ENOENT: 'a folder on the path was removed while writing',
};

/** The errno name of a system error (node sets `code` and `syscall`), else undefined. */
function systemErrorCode(error: unknown): string | undefined {
  if (error === null || typeof error !== 'object' || !('code' in error) || !('syscall' in error)) return undefined;
  return typeof error.code === 'string' && /^E[A-Z0-9]+$/.test(error.code) ? error.code : undefined;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs `work` with SIGINT, SIGTERM and SIGHUP removing this process's staged files and then ending it by the
 * same signal. Installed only around writing: while simulating, Ctrl-C keeps its default (immediate) effect.
 */
export async function withSignalCleanup<T>(work: () => T | Promise<T>): Promise<T> {
  const onSignal = (signal: NodeJS.Signals): void => {
    removePending();
    for (const s of SIGNALS) process.off(s, onSignal);
    process.kill(process.pid, signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  try {
    return await work();
  } finally {
    // A signal that arrived during the synchronous renames is delivered on the next turn of the event loop:
    // let it reach the handler (which then only ends the process) rather than be dropped.
    await new Promise((done) => setImmediate(done));
    for (const s of SIGNALS) process.off(s, onSignal);
  }
}
