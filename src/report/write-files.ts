// The one EDGE file of report/ (docs/architecture.md): writes a report folder whole or not at all. Every file
// is written into a fresh staging folder beside the target, which is then renamed into place, so the target
// always holds one run's complete files and never a stale file of another command; a folder that holds
// anything ttlsim did not write is never replaced. Writes never follow a symbolic link: files are created
// with O_EXCL inside a folder this process just made, and rename replaces a link rather than following it.
import { lstatSync, mkdirSync, readdirSync, renameSync, rmSync, chmodSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import type * as Crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

export interface OutputFile {
  /** A relative name of plain segments (`index.html`, `charts/cost.svg`). */
  readonly name: string;
  readonly content: string;
}

/** Why a path cannot receive a report (the CLI words it, src/cli/messages.ts). */
export type RefusalReason = 'not-a-folder' | 'symlink' | 'foreign' | 'no-report' | 'root';

/** The target exists and is not something a report may replace. */
export class OutputRefused extends Error {
  constructor(
    readonly path: string,
    readonly reason: RefusalReason,
    /** For `foreign`: the first entry (relative to the folder) ttlsim did not write. */
    readonly entry = '',
  ) {
    super(`${path}: ${reason}${entry === '' ? '' : ` (${entry})`}`);
    this.name = 'OutputRefused';
  }
}

// The files a report folder may hold: what run, replay, tune and sweep write (docs/commands.md), and the
// per-file temp names older versions left behind when interrupted (`index.html.1234.tmp`).
const REPORT_FILES = new Set([
  'index.html',
  'summary.json',
  'summary.csv',
  'timeseries.csv',
  'breakdown.csv',
  'tune.json',
  'sweep.json',
  'sweep.csv',
]);
/** One of them is in every report; an empty folder aside, a folder without one is not a report. */
const REPORT_JSON = ['summary.json', 'tune.json', 'sweep.json'];
const CHARTS = 'charts';
const CHART_FILE = /^[A-Za-z0-9_-][A-Za-z0-9._-]*\.(?:vl\.json|svg)$/;
const OLD_TEMP = /^(.+)\.\d+\.tmp$/;
const SEGMENT = /^[A-Za-z0-9._-]+$/;

const isReportFile = (name: string): boolean =>
  REPORT_FILES.has(name) || REPORT_FILES.has(OLD_TEMP.exec(name)?.[1] ?? '');
const isChartFile = (name: string): boolean => CHART_FILE.test(name) || CHART_FILE.test(OLD_TEMP.exec(name)?.[1] ?? '');

/** A name this module writes: the report files and charts, so a folder it wrote is always replaceable. */
function checkName(name: string): void {
  const parts = name.split('/');
  const plain = parts.every((p) => SEGMENT.test(p) && p !== '.' && p !== '..');
  const known =
    parts.length === 1
      ? REPORT_FILES.has(name)
      : parts.length === 2 && parts[0] === CHARTS && CHART_FILE.test(parts[1]);
  // A bug of the caller, not the user's input: the names are the program's own.
  if (!plain || !known) throw new Error(`write-files: "${name}" is not a report file name`);
}

/**
 * What stands at `dir`: nothing, or a folder a report may replace (empty, or holding only a report's files),
 * or else the reason it may not be replaced.
 */
export function reportFolderRefusal(dir: string): OutputRefused | null {
  if (basename(dir) === '') return new OutputRefused(dir, 'root');
  let stat;
  try {
    stat = lstatSync(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
  if (stat.isSymbolicLink()) return new OutputRefused(dir, 'symlink');
  if (!stat.isDirectory()) return new OutputRefused(dir, 'not-a-folder');
  let files = 0;
  for (const entry of sortedEntries(dir)) {
    if (entry.name === CHARTS && entry.isDirectory()) {
      for (const chart of sortedEntries(join(dir, CHARTS))) {
        if (!(chart.isFile() && isChartFile(chart.name)))
          return new OutputRefused(dir, 'foreign', `${CHARTS}/${chart.name}`);
        files += 1;
      }
    } else if (entry.isFile() && isReportFile(entry.name)) files += 1;
    else return new OutputRefused(dir, 'foreign', entry.name);
  }
  if (files > 0 && !REPORT_JSON.some((name) => entryIsFile(join(dir, name))))
    return new OutputRefused(dir, 'no-report');
  return null;
}

/** In name order, so a refusal names the same entry on every file system. */
const sortedEntries = (dir: string) =>
  readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

function entryIsFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

const errorCode = (error: unknown): unknown =>
  error !== null && typeof error === 'object' && 'code' in error ? error.code : undefined;

/** Staging folders and temp files of this process not yet renamed into place (removed on a signal). */
const pending = new Set<string>();

// node:crypto is required on the first name it makes, not imported: loading it is about 50 M instructions
// (about 2% of `run --no-report --json`, docs/performance.md "Start-up"), and only a written report needs it.
let crypto: typeof Crypto | undefined;

/** A name beside `target`, hidden and unique to this process (`.name.ttlsim-<pid>-<random>.tmp`). */
function besideName(target: string, tag: string): string {
  // Cut long names so the temp name stays under the usual 255-byte limit.
  const base = basename(target).slice(0, 80);
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof Crypto;
  return join(dirname(target), `.${base}.ttlsim-${tag}${process.pid}-${crypto.randomBytes(6).toString('hex')}.tmp`);
}

export interface StagedReport {
  /** The report folder the files are for. */
  readonly dir: string;
  /** The folder they were written to. */
  readonly staging: string;
}

/** Writes every file into a new folder beside `dir`; `swapIn` then puts it in place. */
export async function stageReport(dir: string, files: readonly OutputFile[]): Promise<StagedReport> {
  for (const file of files) checkName(file.name);
  const refusal = reportFolderRefusal(dir);
  if (refusal !== null) throw refusal;
  mkdirSync(dirname(dir), { recursive: true });
  const staging = besideName(dir, '');
  pending.add(staging);
  try {
    mkdirSync(staging);
    const made = new Set<string>();
    for (const file of files) {
      const sub = dirname(file.name);
      if (sub !== '.' && !made.has(sub)) {
        await mkdir(join(staging, sub));
        made.add(sub);
      }
      // O_EXCL: a name that already exists (even a planted symlink) fails instead of being followed.
      await writeFile(join(staging, file.name), file.content, { flag: 'wx' });
    }
  } catch (error) {
    discardStaged({ dir, staging });
    throw error;
  }
  return { dir, staging };
}

/** Removes a staged folder that will not be swapped in. */
export function discardStaged(staged: StagedReport): void {
  rmSync(staged.staging, { recursive: true, force: true });
  pending.delete(staged.staging);
}

/** How many times another writer may take the target between our two renames before we give up. */
const SWAP_ATTEMPTS = 20;

/**
 * Puts a staged report in place of `dir` (synchronous, so no signal handler runs between the renames).
 * The previous folder, if a report may replace it, is moved aside and removed; a concurrent run that
 * swaps its own report in meanwhile is replaced in turn, so the folder ends with one run's complete files.
 */
export function swapIn(staged: StagedReport): void {
  const { dir, staging } = staged;
  const aside: string[] = [];
  try {
    for (let attempt = 1; ; attempt++) {
      const refusal = reportFolderRefusal(dir);
      if (refusal !== null) throw refusal;
      let mode: number | undefined;
      try {
        const previous = besideName(dir, 'old-');
        mode = lstatSync(dir).mode & 0o7777;
        renameSync(dir, previous);
        aside.push(previous);
      } catch (error) {
        // ENOENT: nothing there (or another run just moved it aside).
        if (errorCode(error) !== 'ENOENT') throw error;
      }
      // Keep the permissions the user gave the folder.
      if (mode !== undefined) chmodSync(staging, mode);
      try {
        renameSync(staging, dir);
        pending.delete(staging);
        return;
      } catch (error) {
        // Another run put its report there between our renames: replace it too.
        const raced = errorCode(error) === 'ENOTEMPTY' || errorCode(error) === 'EEXIST';
        if (!raced || attempt >= SWAP_ATTEMPTS) throw error;
      }
    }
  } catch (error) {
    discardStaged(staged);
    // Put the previous report back when ours could not take its place.
    const last = aside.pop();
    if (last !== undefined && !exists(dir)) tryRename(last, dir, aside);
    throw error;
  } finally {
    for (const previous of aside) removeAside(previous);
  }
}

function tryRename(from: string, to: string, orElse: string[]): void {
  try {
    renameSync(from, to);
  } catch {
    orElse.push(from);
  }
}

/** A replaced report: removed even when the user had made it read-only (its files are ours to remove). */
function removeAside(previous: string): void {
  for (const sub of [previous, join(previous, CHARTS)]) {
    try {
      chmodSync(sub, 0o700);
    } catch {
      // Not there (no charts) or already gone: rmSync below says what matters.
    }
  }
  rmSync(previous, { recursive: true, force: true });
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes one file whole or not at all: a temp file beside it (O_EXCL), then a rename over `path`, which
 * replaces the name and never writes through a link or into the previous file's other names.
 */
export function writeFileAtomically(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = besideName(path, '');
  pending.add(temp);
  try {
    writeFileSync(temp, content, { flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  } finally {
    pending.delete(temp);
  }
}

/** Removes every staging folder and temp file of this process (on SIGINT or SIGTERM). */
export function removePending(): void {
  for (const path of pending) rmSync(path, { recursive: true, force: true });
  pending.clear();
}
