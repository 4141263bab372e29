// scenario/ (layer 2), its input EDGE (the one file here that touches node:fs): YAML or JSON text →
// sections parsed part by part (schema.ts) → normalised Scenario (normalise.ts). Every problem is collected,
// located as file:line:col with its field path, and thrown together as one InputError. Replay workloads'
// logs are inspected by a LogInspector passed in (run/scenario-files.ts gives the real one), and the work a
// scenario asks for by a ScenarioCheck passed in (workload/work-limits.ts). Hostile files are bounded here:
// only regular files of at most MAX_SCENARIO_BYTES are read, and YAML aliases expand to at most
// MAX_ALIAS_NODES nodes (the `yaml` package's own maxAliasCount; a "billion laughs" file is exit 2).
import { dirname } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { Scenario } from '../model/scenario.js';
import { InputError, type InputIssue } from '../model/errors.js';
import { parseSections, type Sections } from './schema.js';
import { normalise } from './normalise.js';
import type { LogInspector } from './normalise-workload.js';
import { dottedPath, locate, type FieldPath, type PathIssue, type ScenarioCheck } from './locate.js';
import { readBoundedText } from './input-file.js';
import { messages } from './messages.js';
import { isMapping } from './values.js';

/** Scenario files are a few kilobytes; an empirical distribution of many values fits in this. */
export const MAX_SCENARIO_BYTES = 4 * 1024 * 1024;
/** Nodes that YAML aliases may expand to (`yaml`'s maxAliasCount; its default is 100). */
export const MAX_ALIAS_NODES = 10_000;

/**
 * Parses scenario text (pure); throws InputError listing every problem, in file order. `check` runs on
 * the scenario once it has parsed without problems (the work limits), its problems located the same way.
 */
export function parseScenarioText(
  text: string,
  file: string,
  inspectLogs?: LogInspector,
  check?: ScenarioCheck,
): Scenario {
  const lines = new LineCounter();
  const issueAt = (offset: number, path: string, message: string): InputIssue => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col, path, message };
  };
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_SCENARIO_BYTES)
    throw new InputError([
      { file, line: 0, column: 0, path: '', message: messages.tooLarge(bytes, MAX_SCENARIO_BYTES) },
    ]);
  // YAML 1.2 reads JSON too, with the same positions.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0)
    throw new InputError(doc.errors.map((e) => issueAt(e.pos[0], '', messages.invalidYaml(e.message.split('\n')[0]))));
  // Blank and comment-only files have no contents at all.
  if (doc.contents === null) throw new InputError([issueAt(0, '', messages.emptyFile())]);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_NODES });
  } catch (error) {
    // The one error toJS throws on a document that parsed: an alias over the limit (or before its anchor).
    if (!(error instanceof ReferenceError)) throw error;
    const excessive = /excessive alias count/i.test(error.message);
    throw new InputError([
      issueAt(0, '', excessive ? messages.tooManyAliases(MAX_ALIAS_NODES) : messages.invalidYaml(error.message)),
    ]);
  }
  if (!isMapping(data)) throw new InputError([issueAt(doc.contents.range?.[0] ?? 0, '', messages.notMapping(data))]);
  const problems: PathIssue[] = [];
  const sections = parseSections(data, problems);
  const scenario = normalise(sections, file, problems, inspectLogs);
  if (problems.length > 0) throw new InputError(located(problems, doc, lines, file));
  if (scenario === null) throw new Error(`${file}: the scenario did not normalise, yet no problem was reported`);
  const checked = check?.(scenario, workloadPaths(sections)) ?? [];
  if (checked.length > 0) throw new InputError(located(checked, doc, lines, file));
  return scenario;
}

/** Where each synthetic workload (Scenario.workloads, replays left out) is written, in file order. */
function workloadPaths(sections: Sections): FieldPath[] {
  return sections.workloads.filter((item) => item.parsed?.kind !== 'replay').map((item) => item.path);
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
 * Reads and parses a scenario file; a missing, unreadable, special (FIFO, device, socket), oversized or
 * folder path is an InputError too, reported at once (nothing blocks on a FIFO). Messages name the file as
 * `shownAs` (what the user typed); `path` is what is opened and becomes `sourcePath`. `inspectorAt` gives
 * the LogInspector for replay paths relative to the file's folder (none: a replay workload is reported as
 * needing one); `check` is passed to parseScenarioText.
 */
export function loadScenarioFile(
  path: string,
  shownAs: string = path,
  inspectorAt?: (baseDir: string) => LogInspector,
  check?: ScenarioCheck,
): Scenario {
  const fileIssue = (message: string) => new InputError([{ file: shownAs, line: 0, column: 0, path: '', message }]);
  let read: ReturnType<typeof readBoundedText>;
  try {
    read = readBoundedText(path, MAX_SCENARIO_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw fileIssue(
      code === 'ENOENT' || code === 'ENOTDIR' ? messages.fileNotFound() : messages.unreadable(code ?? String(error)),
    );
  }
  if (typeof read !== 'string')
    throw fileIssue(
      read.refused === 'folder'
        ? messages.isDirectory()
        : read.refused === 'special'
          ? messages.specialFile(read.kind)
          : messages.tooLarge(read.bytes, MAX_SCENARIO_BYTES),
    );
  return { ...parseScenarioText(read, shownAs, inspectorAt?.(dirname(path)), check), sourcePath: path };
}
