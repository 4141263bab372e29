// `ttlsim fit -o FILE` (docs/commands.md#fit): the scenario it writes never replaces one of the logs it reads
// or lands inside a folder of them, never replaces a file `ttlsim fit` did not write unless --force, and
// never replaces a link, a folder or a special file. Checked before the logs are read, so a refusal costs
// nothing; written whole (temp file and rename) by report/write-files.ts.
import { closeSync, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { inputError } from '../model/errors.js';
import { defaultClaudeDirs } from '../logs/find-logs.js';
import { fitMessages } from '../fit/messages.js';
import { writeFileAtomically } from '../report/write-files.js';
import type { CliIo } from './io.js';
import { cliMessages } from './messages.js';
import {
  isWithin,
  outFlag,
  outputError,
  realPathOf,
  shownPath,
  withSignalCleanup,
  type ReportTarget,
} from './output.js';

/** How every file fit writes begins: the header line of report/fit-yaml.ts (fitMessages.header). */
const FIT_SIGNATURE = '# Fitted by `ttlsim fit` ';

/** The checked `-o` path of `ttlsim fit`; `logs` as given (none: the Claude Code projects folders). */
export function fitTarget(io: CliIo, out: unknown, logs: readonly string[], force: boolean): ReportTarget {
  const value = out === '' || out === undefined ? undefined : outFlag(out, '--out');
  if (value === undefined) throw inputError('', '--out', fitMessages.outRequired());
  const path = resolve(io.cwd, value);
  const target: ReportTarget = { dir: path, shown: value, flag: '--out' };
  const refuse = (message: string) => inputError(value, '--out', message);
  const stat = lstatOrNull(path);
  // Inputs first: --force never lets a log be replaced.
  const real = realPathOf(path);
  const roots = logs.length > 0 ? logs.map((p) => resolve(io.cwd, p)) : defaultClaudeDirs(io.env);
  for (const root of roots) {
    const realRoot = realPathOf(root);
    const rootStat = statOrNull(realRoot);
    // Missing or unreadable: reading the logs names it.
    if (rootStat === null) continue;
    if (real === realRoot || (stat !== null && sameFile(stat, rootStat)))
      throw refuse(cliMessages.fitOutIsLog(shownPath(io, root)));
    if (rootStat.isDirectory() && isWithin(realRoot, real)) throw refuse(cliMessages.fitOutInLogs(shownPath(io, root)));
  }
  if (stat === null) return target;
  if (stat.isSymbolicLink()) throw refuse(cliMessages.outIsLink());
  if (stat.isDirectory()) throw refuse(fitMessages.outIsFolder());
  if (!stat.isFile()) throw refuse(cliMessages.fitOutNotFile());
  if (!force && !startsWith(path, FIT_SIGNATURE)) throw refuse(cliMessages.fitOutNotOurs());
  return target;
}

/** Writes the scenario whole, or exits 2 naming the file and the reason. */
export async function writeFitScenario(target: ReportTarget, content: string): Promise<void> {
  await withSignalCleanup(() => {
    try {
      writeFileAtomically(target.dir, content);
    } catch (error) {
      throw outputError(error, target);
    }
  });
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

const sameFile = (a: Stats, b: Stats): boolean => a.dev === b.dev && a.ino === b.ino;

/** Whether the file begins with `prefix` (read without loading a large file). */
function startsWith(path: string, prefix: string): boolean {
  const bytes = Buffer.alloc(Buffer.byteLength(prefix));
  let fd;
  try {
    fd = openSync(path, 'r');
    const read = readSync(fd, bytes, 0, bytes.length, 0);
    return bytes.subarray(0, read).toString('utf8') === prefix;
  } catch {
    // Unreadable: not known to be ours.
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
