// Reads a scenario file, the input EDGE of scenario/ (the one file here that touches node:fs): YAML or JSON
// text → sections parsed part by part (schema.ts) → normalised Scenario (normalise.ts). Every problem is
// collected, located as file:line:col with its field path, and thrown together as one InputError.
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { Scenario } from './types.js';
import { InputError, type InputIssue } from '../errors.js';
import { parseSections } from './schema.js';
import { normalise } from './normalise.js';
import type { LogInspector } from './normalise-workload.js';
import { findLogFiles } from '../logs/find-logs.js';
import { ProblemLog } from '../workload/recorded/types.js';
import { dottedPath, locate, type PathIssue } from './locate.js';
import { messages } from './messages.js';
import { isMapping } from './values.js';

/** Parses scenario text (pure); throws InputError listing every problem, in file order. */
export function parseScenarioText(text: string, file: string, inspectLogs?: LogInspector): Scenario {
  const lines = new LineCounter();
  const issueAt = (offset: number, path: string, message: string): InputIssue => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col, path, message };
  };
  // YAML 1.2 reads JSON too, with the same positions.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0)
    throw new InputError(doc.errors.map((e) => issueAt(e.pos[0], '', messages.invalidYaml(e.message.split('\n')[0]))));
  // Blank and comment-only files have no contents at all.
  if (doc.contents === null) throw new InputError([issueAt(0, '', messages.emptyFile())]);
  const data: unknown = doc.toJS();
  if (!isMapping(data)) throw new InputError([issueAt(doc.contents.range?.[0] ?? 0, '', messages.notMapping(data))]);
  const problems: PathIssue[] = [];
  const scenario = normalise(parseSections(data, problems), file, problems, inspectLogs);
  if (problems.length > 0) throw new InputError(located(problems, doc, lines, file));
  if (scenario === null) throw new Error(`${file}: the scenario did not normalise, yet no problem was reported`);
  return scenario;
}

/** Places every issue in the file, in file order (zod's order is the schema's), each reported once. */
function located(problems: readonly PathIssue[], doc: Document, lines: LineCounter, file: string): InputIssue[] {
  const seen = new Set<string>();
  const issues: InputIssue[] = [];
  for (const problem of problems) {
    const place = locate(doc, lines, problem.path, problem.atKey === true);
    const issue: InputIssue = {
      file,
      line: place.line,
      column: place.column,
      path: dottedPath(place.path),
      message: problem.message,
    };
    const key = `${issue.line}:${issue.column}:${issue.path}:${issue.message}`;
    if (!seen.has(key)) issues.push(issue);
    seen.add(key);
  }
  // Stable: problems at one place keep the order they were found in.
  return issues.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * Reads and parses a scenario file; a missing, unreadable or folder path is an InputError too. Messages
 * name the file as `shownAs` (what the user typed); `path` is what is opened and becomes `sourcePath`.
 */
export function readScenarioFile(path: string, shownAs: string = path): Scenario {
  const fileIssue = (message: string) => new InputError([{ file: shownAs, line: 0, column: 0, path: '', message }]);
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw fileIssue(messages.isDirectory());
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw fileIssue(
      code === 'ENOENT' || code === 'ENOTDIR' ? messages.fileNotFound() : messages.unreadable(code ?? String(error)),
    );
  }
  return { ...parseScenarioText(text, shownAs, logInspector(dirname(path))), sourcePath: path };
}

/** Replay paths are relative to the scenario file; the logs must exist and hold timestamps (for the horizon). */
export function logInspector(baseDir: string): LogInspector {
  return (written, format, csvColumns) => {
    const path = resolve(baseDir, written);
    try {
      const files = findLogFiles([path], { cwd: baseDir, env: process.env, format, csvColumns }, new ProblemLog());
      const epoch = files.filter((f) => f.format !== 'mooncake');
      const origin = epoch.length === 0 ? 0 : Math.min(...epoch.map((f) => f.firstMs));
      const last = Math.max(...files.map((f) => f.lastMs - (f.format === 'mooncake' ? 0 : origin)));
      return { path, spanMs: Number.isFinite(last) ? last : 0 };
    } catch (error) {
      if (error instanceof InputError) return { problem: error.issues[0].message };
      throw error;
    }
  };
}

export interface FileReport {
  readonly file: string;
  readonly ok: boolean;
  readonly issues: InputIssue[];
}

/**
 * Checks several files (for `ttlsim validate` and before `ttlsim run`), collecting each one's problems
 * rather than stopping at the first bad file. Paths are taken relative to `cwd` and reported as given.
 */
export function validateScenarioFiles(paths: readonly string[], cwd = '.'): FileReport[] {
  return paths.map((file) => {
    try {
      readScenarioFile(resolve(cwd, file), file);
      return { file, ok: true, issues: [] };
    } catch (error) {
      if (error instanceof InputError) return { file, ok: false, issues: [...error.issues] };
      throw error;
    }
  });
}
