// logs/ (layer 4), EDGE: which files a replay reads. Paths may be files or folders (walked recursively); with
// no path, every Claude Code projects folder of this machine. Each file gets a format (given, or sniffed),
// its project, and its earliest and latest timestamps (time-bounds.ts: the whole file, whatever the order
// of its lines), so a replay opens files in time order, only while active. Gzipped logs (`.jsonl.gz`,
// Bedrock's S3 delivery `…/YYYY/MM/DD/HH/*.json.gz`) are found and read like the plain ones.
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { homedir } from 'node:os';
import { inputError } from '../model/errors.js';
import { ProblemLog } from './types.js';
import type { LogFormat } from '../model/log-format.js';
import { readLines } from './read-lines.js';
import { logMessages } from './messages.js';
import { timeBounds, type TimeBounds } from './time-bounds.js';
import type { StreamRun } from './stream-runs.js';
import { specialKind } from '../scenario/input-file.js';

export interface LogFile {
  /** Absolute path. */
  readonly path: string;
  /** As the user would write it (relative to the working directory when inside it), for messages. */
  readonly shown: string;
  readonly format: LogFormat;
  /** Claude Code: the projects sub-folder the file belongs to; else the folder's name. */
  readonly project: string;
  readonly bytes: number;
  /** Earliest and latest timestamp in the file (epoch ms; relative ms for Mooncake), NaN when none was found. */
  readonly firstMs: number;
  readonly lastMs: number;
  /** CSV and Mooncake: stretches read as separate streams (exports concatenated out of order); see stream-runs.ts. */
  readonly runs?: readonly StreamRun[];
  /** CSV and Mooncake: true when every row is in time order, so rows pass through without a reorder buffer. */
  readonly sorted?: boolean;
}

export interface FindOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Forces one format for every file; otherwise each file's is sniffed. */
  readonly format?: LogFormat;
  /** CSV: our column name → the file's header name (where the timestamps are). */
  readonly csvColumns?: Readonly<Record<string, string>>;
}

const LOG_EXTENSIONS = ['.jsonl', '.json', '.csv', '.log', '.ndjson'];
const GZIP_EXTENSION = '.gz';
/** Compressions ttlsim does not inflate: such a log is reported (not silently passed over) and skipped. */
const OTHER_COMPRESSIONS = ['.zst', '.bz2', '.xz', '.zip'];

/** The Claude Code projects folders that exist here (CLAUDE_CONFIG_DIR, ~/.claude, ~/.config/claude). */
export function defaultClaudeDirs(env: FindOptions['env']): string[] {
  const home = env.HOME ?? homedir();
  const candidates = [
    ...(env.CLAUDE_CONFIG_DIR ?? '')
      .split(',')
      .filter((dir) => dir.trim() !== '')
      .map((dir) => join(dir.trim(), 'projects')),
    join(home, '.claude', 'projects'),
    join(home, '.config', 'claude', 'projects'),
  ];
  return [...new Set(candidates)].filter((dir) => existsSync(dir));
}

/** Every log file under `paths`, sorted by earliest timestamp (then path). Throws InputError for a missing path or no logs. */
export function findLogFiles(paths: readonly string[], options: FindOptions, problems: ProblemLog): LogFile[] {
  const roots = paths.length > 0 ? paths : defaultClaudeDirs(options.env);
  if (roots.length === 0) throw inputError('', '', logMessages.noDefaultDirs());
  const files: LogFile[] = [];
  for (const root of roots) {
    const absolute = resolve(options.cwd, root);
    if (!existsSync(absolute)) throw inputError(root, '', logMessages.noSuchPath());
    // A FIFO or device would block or never end: refused at once (scenario/input-file.ts).
    const special = specialKind(absolute);
    if (special !== null) throw inputError(root, '', logMessages.specialFile(special));
    const isFolder = statSync(absolute).isDirectory();
    const found = isFolder ? walk(absolute) : [absolute];
    const before = files.length;
    // A file named on its own that cannot be read stops the replay, with its one problem as the reason.
    const fileProblems = isFolder ? problems : new ProblemLog(1);
    for (const path of found) {
      const file = describe(path, root, absolute, options, fileProblems);
      if (file !== null) files.push(file);
    }
    if (files.length === before)
      throw inputError(
        root,
        '',
        isFolder ? logMessages.noLogsInFolder() : logMessages.unusableFile(fileProblems.shown[0]?.reason ?? ''),
      );
  }
  return files.sort((a, b) => order(a.firstMs) - order(b.firstMs) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const order = (ms: number): number => (Number.isNaN(ms) ? Infinity : ms);

function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.isFile() && isLogName(entry.name)) out.push(path);
  }
  return out;
}

/** A log file's name, gzipped or not (`a.jsonl`, `a.jsonl.gz`); Claude Code's `*.meta.json` are not logs. */
function isLogName(name: string): boolean {
  const other = OTHER_COMPRESSIONS.find((ext) => name.endsWith(ext));
  const plain = other === undefined ? withoutGz(name) : name.slice(0, -other.length);
  return LOG_EXTENSIONS.some((ext) => plain.endsWith(ext)) && !plain.endsWith('.meta.json');
}

const withoutGz = (name: string): string =>
  name.endsWith(GZIP_EXTENSION) ? name.slice(0, -GZIP_EXTENSION.length) : name;

function describe(
  path: string,
  root: string,
  absoluteRoot: string,
  options: FindOptions,
  problems: ProblemLog,
): LogFile | null {
  const shown = path === absoluteRoot ? root : join(root, relative(absoluteRoot, path));
  let stat: Stats;
  try {
    stat = statSync(path);
    closeSync(openSync(path, 'r'));
  } catch (error) {
    problems.add(shown, 0, '', logMessages.unreadable(errorCode(error)));
    return null;
  }
  const bytes = stat.size;
  if (bytes === 0) {
    problems.add(shown, 0, '', logMessages.emptyFile());
    return null;
  }
  const compression = otherCompression(path);
  if (compression !== null) {
    problems.add(shown, 0, '', logMessages.otherCompression(compression));
    return null;
  }
  const format = options.format ?? sniffFormat(path);
  if (format === null) {
    problems.add(shown, 0, '', logMessages.unknownFormat());
    return null;
  }
  const { firstMs, lastMs, runs, sorted } = datedOnce(path, stat, format, options.csvColumns?.timestamp, shown);
  return {
    path,
    shown,
    format,
    project: projectOf(path),
    bytes,
    firstMs,
    lastMs,
    ...(runs && { runs }),
    ...(sorted !== undefined && { sorted }),
  };
}

/** A file's time bounds by path, format and timestamp column, with the file's identity when it was dated. */
const dated = new Map<string, { readonly stamp: string; readonly bounds: TimeBounds }>();

/**
 * timeBounds once per file per process: `run` dates a replay workload's logs when it reads the scenario (for
 * the horizon) and again when it opens them, a whole pass over the file each time (about a quarter of a
 * second per million CSV rows). The bounds are kept while the file's size, modification time and inode stay
 * the same, so a file that changed in between is dated again.
 */
function datedOnce(
  path: string,
  stat: Stats,
  format: LogFormat,
  csvTimestampColumn: string | undefined,
  shown: string,
): TimeBounds {
  const key = `${path}\0${format}\0${csvTimestampColumn ?? ''}`;
  const stamp = `${stat.size}/${stat.mtimeMs}/${stat.ino}`;
  const known = dated.get(key);
  if (known !== undefined && known.stamp === stamp) return known.bounds;
  const bounds = timeBounds(path, format, { csvTimestampColumn, shownAs: shown });
  dated.set(key, { stamp, bounds });
  return bounds;
}

/** The compression a file's first bytes show, when it is one ttlsim does not read (gzip it does). */
function otherCompression(path: string): string | null {
  const head = Buffer.alloc(6);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 6, 0);
  } finally {
    closeSync(fd);
  }
  if (head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  if (head.toString('latin1', 0, 3) === 'BZh') return 'bzip2';
  if (head.equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
  if (head.readUInt32LE(0) === 0x04034b50) return 'zip';
  return null;
}

/** The format from the extension and the first non-empty line; null for a file that is none of them. */
export function sniffFormat(path: string): LogFormat | null {
  if (withoutGz(path).endsWith('.csv')) return 'csv';
  for (const { text } of take(readLines(path), 5)) {
    if (!text.trimStart().startsWith('{')) continue;
    if (text.includes('"hash_ids"')) return 'mooncake';
    if (text.includes('"schemaType"') || text.includes('"modelId"')) return 'bedrock';
    return 'claude-code';
  }
  return null;
}

/**
 * Claude Code keeps `<project>/<session>.jsonl` and `<project>/<session>/subagents/agent-*.jsonl`; Bedrock's
 * S3 delivery `AWSLogs/<account>/BedrockModelInvocationLogs/<region>/YYYY/MM/DD/HH/*.json.gz`, whose project
 * is the account.
 */
function projectOf(path: string): string {
  const s3 = BEDROCK_S3.exec(path);
  if (s3 !== null) return s3[1];
  let dir = dirname(path);
  for (let i = 0; i < 4; i++) {
    const name = basename(dir);
    if (name !== 'subagents' && name !== 'workflows' && !UUID.test(name)) return name;
    dir = dirname(dir);
  }
  return basename(dirname(path));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BEDROCK_S3 = /[\\/]AWSLogs[\\/]([^\\/]+)[\\/]BedrockModelInvocationLogs[\\/]/;

function* take<T>(items: Iterable<T>, count: number): Generator<T> {
  if (count <= 0) return;
  let n = 0;
  for (const item of items) {
    yield item;
    if (++n >= count) return;
  }
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : String(error);
}

/**
 * Epoch ms that becomes simulated time 0 for these files: the earliest timestamp of any file dated in epoch
 * time (Mooncake traces are already relative; a file with no timestamp has none); 0 when none is.
 */
export function originOf(files: readonly LogFile[]): number {
  let originMs = Infinity;
  for (const f of files)
    if (f.format !== 'mooncake' && Number.isFinite(f.firstMs)) originMs = Math.min(originMs, f.firstMs);
  return originMs === Infinity ? 0 : originMs;
}
