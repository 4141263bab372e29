// Points a problem at its place in the file: a field path (["policies", 1, "ttl"]) → line:col of the
// value in the YAML/JSON source, and the dotted form users read (`policies[1].ttl`).
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

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
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === part);
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
