// scenario/ (layer 2), its input EDGE (the one file here that touches node:fs): YAML or JSON text →
// sections parsed part by part (schema.ts) → normalised Scenario (normalise.ts). Every problem is collected,
// located as file:line:col with its field path, and thrown together as one InputError. Replay workloads'
// logs are inspected by a LogInspector passed in (run/scenario-files.ts gives the real one).
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { Scenario } from '../model/scenario.js';
import { InputError, type InputIssue } from '../model/errors.js';
import { parseSections } from './schema.js';
import { normalise } from './normalise.js';
import type { LogInspector } from './normalise-workload.js';
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
 * `inspectorAt` gives the LogInspector for replay paths relative to the file's folder (none: a replay
 * workload is reported as needing one).
 */
export function loadScenarioFile(
  path: string,
  shownAs: string = path,
  inspectorAt?: (baseDir: string) => LogInspector,
): Scenario {
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
  return { ...parseScenarioText(text, shownAs, inspectorAt?.(dirname(path))), sourcePath: path };
}
