// logs/ (layer 4), EDGE: which files a replay reads. Paths may be files or folders (walked recursively); with
// no path, every Claude Code projects folder of this machine. Each file gets a format (given, or sniffed),
// its project, and its first and last timestamps, so a replay opens files in time order, only while active.
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { homedir } from 'node:os';
import { inputError } from '../model/errors.js';
import { ProblemLog } from './types.js';
import type { LogFormat } from '../model/log-format.js';
import { readLines } from './read-lines.js';
import { logMessages } from './messages.js';
import { csvFirstTimestampMs } from './csv.js';
import { parseTimestampMs } from './iso-time.js';

export interface LogFile {
  /** Absolute path. */
  readonly path: string;
  /** As the user would write it (relative to the working directory when inside it), for messages. */
  readonly shown: string;
  readonly format: LogFormat;
  /** Claude Code: the projects sub-folder the file belongs to; else the folder's name. */
  readonly project: string;
  readonly bytes: number;
  /** First and last timestamp in the file (epoch ms; relative ms for Mooncake), NaN when none was found. */
  readonly firstMs: number;
  readonly lastMs: number;
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
const SNIFF_LINES = 200;
const TAIL_BYTES = 256 * 1024;

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

/** Every log file under `paths`, sorted by first timestamp (then path). Throws InputError for a missing path or no logs. */
export function findLogFiles(paths: readonly string[], options: FindOptions, problems: ProblemLog): LogFile[] {
  const roots = paths.length > 0 ? paths : defaultClaudeDirs(options.env);
  if (roots.length === 0) throw inputError('', '', logMessages.noDefaultDirs());
  const files: LogFile[] = [];
  for (const root of roots) {
    const absolute = resolve(options.cwd, root);
    if (!existsSync(absolute)) throw inputError(root, '', logMessages.noSuchPath());
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
    else if (
      entry.isFile() &&
      LOG_EXTENSIONS.some((ext) => entry.name.endsWith(ext)) &&
      !entry.name.endsWith('.meta.json')
    )
      out.push(path);
  }
  return out;
}

function describe(
  path: string,
  root: string,
  absoluteRoot: string,
  options: FindOptions,
  problems: ProblemLog,
): LogFile | null {
  const shown = path === absoluteRoot ? root : join(root, relative(absoluteRoot, path));
  let bytes: number;
  try {
    bytes = statSync(path).size;
    closeSync(openSync(path, 'r'));
  } catch (error) {
    problems.add(shown, 0, '', logMessages.unreadable(errorCode(error)));
    return null;
  }
  if (bytes === 0) {
    problems.add(shown, 0, '', logMessages.emptyFile());
    return null;
  }
  const format = options.format ?? sniffFormat(path);
  if (format === null) {
    problems.add(shown, 0, '', logMessages.unknownFormat());
    return null;
  }
  const firstMs =
    format === 'csv'
      ? (csvFirstTimestampMs(readLines(path), { columns: options.csvColumns, model: '', scope: '' }) ?? NaN)
      : firstTimestamp(path, format);
  const lastMs = lastTimestamp(
    path,
    format,
    bytes,
    format === 'csv' ? csvTimestampColumn(path, options.csvColumns) : 0,
  );
  return {
    path,
    shown,
    format,
    project: projectOf(path),
    bytes,
    firstMs,
    lastMs: Number.isNaN(lastMs) ? firstMs : lastMs,
  };
}

/** The format from the extension and the first non-empty line; null for a file that is none of them. */
export function sniffFormat(path: string): LogFormat | null {
  if (path.endsWith('.csv')) return 'csv';
  for (const { text } of take(readLines(path), 5)) {
    if (!text.trimStart().startsWith('{')) continue;
    if (text.includes('"hash_ids"')) return 'mooncake';
    if (text.includes('"schemaType"') || text.includes('"modelId"')) return 'bedrock';
    return 'claude-code';
  }
  return null;
}

/** Claude Code keeps `<project>/<session>.jsonl` and `<project>/<session>/subagents/agent-*.jsonl`. */
function projectOf(path: string): string {
  let dir = dirname(path);
  for (let i = 0; i < 4; i++) {
    const name = basename(dir);
    if (name !== 'subagents' && name !== 'workflows' && !UUID.test(name)) return name;
    dir = dirname(dir);
  }
  return basename(dirname(path));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIMESTAMP = /"timestamp"\s*:\s*"([^"]+)"/;
const NUMERIC_TIMESTAMP = /"timestamp"\s*:\s*(\d+)/;

function timestampIn(text: string, format: LogFormat, csvColumn = 0): number {
  if (format === 'csv') {
    const cell = text.split(',')[csvColumn]?.trim().replace(/^"|"$/g, '') ?? '';
    return cell === '' ? NaN : parseTimestampMs(cell);
  }
  if (format === 'mooncake') {
    const match = NUMERIC_TIMESTAMP.exec(text);
    return match === null ? NaN : Number(match[1]);
  }
  const match = ISO_TIMESTAMP.exec(text);
  return match === null ? NaN : Date.parse(match[1]);
}

function firstTimestamp(path: string, format: LogFormat): number {
  let lines = 0;
  for (const { text } of readLines(path)) {
    if (++lines > SNIFF_LINES) break;
    const ms = timestampIn(text, format);
    if (Number.isFinite(ms)) return ms;
  }
  return NaN;
}

/** The last timestamp within the file's last TAIL_BYTES (the replay's horizon comes from it). */
function lastTimestamp(path: string, format: LogFormat, bytes: number, csvColumn: number): number {
  const length = Math.min(bytes, TAIL_BYTES);
  const buffer = Buffer.alloc(length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, length, bytes - length);
  } finally {
    closeSync(fd);
  }
  const lines = buffer.toString('utf8').split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const ms = timestampIn(lines[i], format, csvColumn);
    if (Number.isFinite(ms)) return ms;
  }
  return NaN;
}

/** Which column of a CSV file holds the timestamps (its header, or the mapped name). */
function csvTimestampColumn(path: string, columns: FindOptions['csvColumns']): number {
  for (const { text } of take(readLines(path), 1)) {
    const header = text
      .replace(/^\uFEFF/, '')
      .split(',')
      .map((cell) => cell.trim().replace(/^"|"$/g, ''));
    return Math.max(0, header.indexOf(columns?.timestamp ?? 'timestamp'));
  }
  return 0;
}

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
