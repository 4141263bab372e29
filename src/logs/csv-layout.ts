// logs/ (layer 4): where each field of a generic CSV log sits, resolved once from its header (and the
// --columns mapping), with every problem of the header or the mapping named; shared by both row paths
// of csv.ts (csv-parse's and the plain-line one of csv-plain.ts).
import { CSV_FIELDS, SEGMENT_COLUMN_PREFIX, type CsvField } from './types.js';
import { csvMessages } from './messages.js';
// The scenario reader's did-you-mean: case-insensitive, and a swapped pair of letters is one slip.
import { closest } from '../scenario/values.js';

/** Where each field sits in a record, resolved once from the header. */
export interface Layout {
  /** Header names, for the field of a problem. */
  readonly header: readonly string[];
  readonly fieldCount: number;
  readonly timestamp: number;
  readonly key: number;
  /** -1 when the prompt comes from segment columns. */
  readonly prefixTokens: number;
  readonly suffixTokens: number;
  readonly outputTokens: number;
  /** -1 when there is no model column. */
  readonly model: number;
  /** -1 when there is no scope column (every row is then in the reader's one scope). */
  readonly scope: number;
  readonly segmentColumns: readonly number[];
  readonly segmentRoles: readonly string[];
}

/**
 * The layout of `header` under `mapping`, or null after calling `fail` for each problem (a field the
 * mapping does not know, a missing or duplicated column, a segment column without a role).
 */
export function layoutOf(
  header: readonly string[],
  mapping: Readonly<Record<string, string>>,
  report: (field: string, reason: string) => void,
): Layout | null {
  let ok = true;
  const fail = (field: string, reason: string) => {
    report(field, reason);
    ok = false;
  };
  for (const { field, reason } of csvMappingProblems(mapping)) fail(`columns.${field}`, reason);

  const segmentColumns: number[] = [];
  const segmentRoles: string[] = [];
  header.forEach((name, column) => {
    if (!name.startsWith(SEGMENT_COLUMN_PREFIX)) return;
    const role = name.slice(SEGMENT_COLUMN_PREFIX.length).trim();
    if (role === '') fail(name, csvMessages.emptySegmentRole(name));
    segmentColumns.push(column);
    segmentRoles.push(role);
  });
  const bySegments = segmentColumns.length > 0;

  /** The column of `field`, -1 when it is optional and absent; reports a missing required one. */
  const columnOf = (field: CsvField, required: boolean): number => {
    const name = mapping[field] ?? field;
    const column = header.indexOf(name);
    if (column !== -1 && header.indexOf(name, column + 1) !== -1) fail(name, csvMessages.duplicateColumn(name));
    // A mapped column is required: the user named it.
    if (column === -1 && (required || mapping[field] !== undefined))
      fail(name, csvMessages.missingColumn(field, name, header, closest(name, header)));
    return column;
  };
  const layout: Layout = {
    header,
    fieldCount: header.length,
    timestamp: columnOf('timestamp', true),
    key: columnOf('key', true),
    prefixTokens: bySegments ? -1 : columnOf('prefixTokens', true),
    suffixTokens: columnOf('suffixTokens', true),
    outputTokens: columnOf('outputTokens', true),
    model: columnOf('model', false),
    scope: columnOf('scope', false),
    segmentColumns,
    segmentRoles,
  };
  return ok ? layout : null;
}

/** A field of a column mapping and what is wrong with it. */
export interface CsvMappingProblem {
  readonly field: string;
  readonly reason: string;
}

/**
 * What is wrong with a column mapping (`--columns`, a replay workload's `columns:`) before any file is
 * read: fields ttlsim does not know, each with the likeliest meant one (a near spelling, or the pair
 * written the other way round, `ts=timestamp` for `timestamp=ts`).
 */
export function csvMappingProblems(mapping: Readonly<Record<string, string>>): CsvMappingProblem[] {
  const known = new Set<string>(CSV_FIELDS);
  return Object.entries(mapping)
    .filter(([field]) => !known.has(field))
    .map(([field, name]) => {
      const near =
        closest(field, CSV_FIELDS) ?? CSV_FIELDS.find((f) => f.toLowerCase().startsWith(field.toLowerCase()));
      const suggestion =
        known.has(name) && !Object.hasOwn(mapping, name)
          ? `${name}=${field}`
          : near === undefined
            ? undefined
            : `${near}=${name}`;
      return { field, reason: csvMessages.unknownField(field, suggestion) };
    });
}
