// Problems with a scenario and their place in the file: a field path (["policies", 1, "ttl"]) and a
// catalogue message, zod's issues translated to the same form, and the path → line:col of the value in the
// YAML/JSON source, with the dotted form users read (`policies[1].ttl`).
import type * as z from 'zod';
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import { messages } from './messages.js';
import { PARSE_OPTIONS } from './values.js';
import type { Scenario } from '../model/scenario.js';

export type FieldPath = readonly (string | number)[];

export interface Located {
  readonly line: number;
  readonly column: number;
  /** The path actually shown: never deeper than the file goes (a bare `gap: 4m` has no `gap.value`). */
  readonly path: FieldPath;
}

/** `policies[1].ttl`; '' for the whole file. */
export function dottedPath(path: FieldPath): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : text === '' ? part : `.${part}`;
  return text;
}

/**
 * Finds the deepest node along `path`. With `atKey`, points at the last segment's key rather than its
 * value (for unknown fields). A path that goes past a scalar is cut there; a missing field points at
 * the mapping that lacks it.
 */
export function locate(doc: Document, lines: LineCounter, path: FieldPath, atKey = false): Located {
  let node: Node | null = doc.contents;
  let keyNode: Node | null = null;
  let shown = 0;
  for (let i = 0; i < path.length && node !== null; i++) {
    const part = path[i];
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(part),
      );
      if (pair === undefined) {
        shown = i + 1; // a missing field: keep its name, point at its parent
        break;
      }
      keyNode = pair.key as Node;
      node = (pair.value as Node | null) ?? keyNode;
    } else if (isSeq(node) && typeof part === 'number' && part < node.items.length) {
      keyNode = null;
      node = node.items[part] as Node;
    } else {
      break; // below a scalar: the scalar itself is at fault
    }
    shown = i + 1;
  }
  const target = atKey && keyNode !== null ? keyNode : node;
  const offset = target?.range?.[0] ?? 0;
  const { line, col } = lines.linePos(offset);
  return { line, column: col, path: path.slice(0, shown) };
}

export interface PathIssue {
  readonly path: FieldPath;
  readonly message: string;
  /** Point at the field's name rather than its value (unknown fields). */
  readonly atKey?: boolean;
}

/**
 * A further check of a scenario that parsed, its problems located like the parser's (read.ts);
 * `workloadPaths[i]` is where `scenario.workloads[i]` is written. workload/work-limits.ts gives one.
 */
export type ScenarioCheck = (scenario: Scenario, workloadPaths: readonly FieldPath[]) => PathIssue[];

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
};

/**
 * zod's issues under `prefix` → ours. The leaf parsers (values.ts) and the unions (dist.ts,
 * schema-workload.ts) already word their issues from the catalogue; what is left are container types.
 */
export function fromZod(issues: readonly z.core.$ZodIssue[], prefix: FieldPath): PathIssue[] {
  return issues.map((issue) => {
    const path = [...prefix, ...(issue.path as FieldPath)];
    switch (issue.code) {
      case 'custom':
        return { path, message: issue.message, atKey: issue.params?.atKey === true };
      case 'invalid_type':
        return {
          path,
          message:
            issue.input === undefined
              ? messages.missingField()
              : messages.wrongType(EXPECTED[issue.expected] ?? issue.expected, issue.input),
        };
      case 'invalid_value':
        return { path, message: messages.oneOf(issue.values.map(String), issue.input) };
      default:
        return { path, message: issue.message };
    }
  });
}

/** Parses `input` as `schema`, adding its issues under `path`; undefined when it does not parse. */
export function parseAt<S extends z.ZodType>(
  schema: S,
  input: unknown,
  path: FieldPath,
  issues: PathIssue[],
): z.output<S> | undefined {
  const result = schema.safeParse(input, PARSE_OPTIONS);
  if (result.success) return result.data;
  issues.push(...fromZod(result.error.issues, path));
  return undefined;
}
