// Reads a scenario file (the input EDGE of scenario/): YAML or JSON text → shape check (zod) → the
// normalised Scenario. Every problem is collected and located as file:line:col with its field path.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type * as z from 'zod';
import type { Scenario } from './types.js';
import { InputError, type InputIssue } from '../errors.js';
import { scenarioSchema, KNOWN_FIELDS } from './schema.js';
import { normalise, type PathIssue } from './normalise.js';
import { dottedPath, locate, type FieldPath } from './locate.js';
import { messages } from './messages.js';
import { closest } from '../pricing/lookup.js';

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
};

/** zod's issue → our wording (messages.ts), at the path it concerns. */
function translate(issue: z.core.$ZodIssue): PathIssue[] {
  const path = issue.path as FieldPath;
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path, key], message: messages.unknownField(key, closest(key, KNOWN_FIELDS.filter((f) => f !== key))), atKey: true }));
    case 'invalid_type':
      return [{ path, message: issue.input === undefined ? messages.missingField() : messages.wrongType(EXPECTED[issue.expected] ?? issue.expected, issue.input) }];
    case 'invalid_value':
      return [{ path, message: messages.oneOf(issue.values.map(String), issue.input) }];
    case 'invalid_union':
      // A union of a preset name and a mapping (profile), or of one TTL and a TTL per role: report the
      // branch that matches the input's kind.
      for (const branch of issue.errors) {
        const relevant = branch.filter((inner) => !(inner.code === 'invalid_type' && inner.path.length === 0));
        if (relevant.length > 0) return relevant.flatMap((inner) => translate({ ...inner, path: [...path, ...inner.path] }));
      }
      return [{ path, message: issue.message }];
    default:
      return [{ path, message: issue.message }];
  }
}

/** Parses scenario text; throws InputError listing every problem. */
export function parseScenarioText(text: string, file: string): Scenario {
  const lines = new LineCounter();
  const at = (line: number, column: number, path: string, message: string): InputIssue => ({ file, line, column, path, message });
  if (text.trim() === '') throw new InputError([at(1, 1, '', messages.emptyFile())]);
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new InputError(doc.errors.map((e) => {
      const { line, col } = lines.linePos(e.pos[0]);
      return at(line, col, '', messages.invalidYaml(e.message.split('\n')[0]));
    }));
  }
  const data: unknown = doc.toJS();
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new InputError([at(1, 1, '', messages.notMapping(data))]);
  const located = (issues: readonly PathIssue[]): InputIssue[] =>
    issues.map((issue) => {
      const place = locate(doc, lines, issue.path, issue.atKey === true);
      return at(place.line, place.column, dottedPath(place.path), issue.message);
    });
  const parsed = scenarioSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    throw new InputError(located(parsed.error.issues.flatMap(translate)));
  }
  const problems: PathIssue[] = [];
  const scenario = normalise(parsed.data, file, problems);
  if (scenario === null || problems.length > 0) throw new InputError(located(problems));
  return scenario;
}

/**
 * Reads and parses a scenario file; a missing, unreadable or folder path is an InputError too.
 * Messages name the file as `shownAs` (what the user typed), while `path` is what is opened.
 */
export function readScenarioFile(path: string, shownAs: string = path): Scenario {
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw new InputError([{ file: shownAs, line: 0, column: 0, path: '', message: messages.isDirectory() }]);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? messages.fileNotFound() : messages.unreadable(code ?? String(error));
    throw new InputError([{ file: shownAs, line: 0, column: 0, path: '', message }]);
  }
  const scenario = parseScenarioText(text, shownAs);
  return { ...scenario, sourcePath: path };
}

export interface FileReport {
  readonly file: string;
  readonly ok: boolean;
  readonly issues: readonly InputIssue[];
}

/** Checks several files, collecting each one's problems instead of stopping at the first file. */
export function validateScenarioFiles(paths: readonly string[], cwd = '.'): FileReport[] {
  return paths.map((file) => {
    try {
      readScenarioFile(resolve(cwd, file), file);
      return { file, ok: true, issues: [] };
    } catch (error) {
      if (error instanceof InputError) return { file, ok: false, issues: error.issues };
      throw error;
    }
  });
}
