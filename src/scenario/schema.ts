// The shape of a whole scenario file (docs/scenario-format.md). Each top-level field, each workload and each policy is
// parsed on its own, so that one broken part does not hide the problems of the others: a typo in a
// workload and an unknown model in pricing are reported together (normalise.ts checks what parsed).
import * as z from 'zod';
import { messages } from './messages.js';
import { parseAt, type FieldPath, type PathIssue } from './locate.js';
import { policySchema, type RawPolicy } from './schema-policy.js';
import { workloadSchema, type RawWorkload } from './schema-workload.js';
import {
  closest,
  count,
  durationMs,
  integer,
  isMapping,
  name,
  nonEmptyText,
  positiveDurationMs,
  rateOrZeroPerMs,
  strict,
  text,
  usdPerMTok,
} from './values.js';

const price = usdPerMTok.optional();

const topFields = {
  name,
  description: text.optional(),
  seed: integer.optional(),
  horizon: positiveDurationMs.optional(),
  pricing: strict({
    provider: nonEmptyText.optional(),
    model: nonEmptyText,
    input: price,
    cacheWrite5m: price,
    cacheWrite1h: price,
    cacheRead: price,
    output: price,
    storagePerHour: price,
    minCacheableTokens: count(0).optional(),
  }),
  engine: strict({
    lookback: count(1).optional(),
    firstTokenDelay: durationMs.optional(),
    earlyEviction: rateOrZeroPerMs.optional(),
    bucket: positiveDurationMs.optional(),
  }).optional(),
};
/** Parsed item by item below. */
const LIST_FIELDS = ['workload', 'policies'] as const;

type TopFields = { readonly [K in keyof typeof topFields]: z.output<(typeof topFields)[K]> };
export type RawPricing = TopFields['pricing'];

/** One workload or policy: where it sits in the file, its input, and its parsed form if it parsed. */
export interface Item<T> {
  readonly path: FieldPath;
  readonly input: unknown;
  readonly parsed: T | undefined;
}

/** What parsed, part by part. A part that did not parse is undefined and its problems are in `issues`. */
export interface Sections {
  readonly top: Partial<TopFields>;
  /** In file order; a single mapping is a list of one at path `workload`. */
  readonly workloads: readonly Item<RawWorkload>[];
  /** undefined when the file lists none (the defaults apply). */
  readonly policies: readonly Item<RawPolicy>[] | undefined;
}

export function parseSections(data: Record<string, unknown>, issues: PathIssue[]): Sections {
  const known = [...Object.keys(topFields), ...LIST_FIELDS];
  for (const key of Object.keys(data)) {
    if (!known.includes(key))
      issues.push({ path: [key], message: messages.unknownField(key, closest(key, known)), atKey: true });
  }
  const top: Partial<Record<string, unknown>> = {};
  for (const [key, schema] of Object.entries(topFields)) top[key] = parseAt(schema, data[key], [key], issues);
  const workloads = itemsOf(data.workload, ['workload'], 'workload', workloadSchema, issues);
  const policies =
    data.policies === undefined
      ? undefined
      : (itemsOf(data.policies, ['policies'], 'policy', policySchema, issues) ?? []);
  return { top: top, workloads: workloads ?? [], policies };
}

/** A list's items, each parsed on its own. A workload may also be a single mapping (a list of one). */
function itemsOf<S extends z.ZodType>(
  input: unknown,
  path: FieldPath,
  what: 'workload' | 'policy',
  schema: S,
  issues: PathIssue[],
): Item<z.output<S>>[] | undefined {
  const item = (value: unknown, at: FieldPath): Item<z.output<S>> => ({
    path: at,
    input: value,
    parsed: parseAt(schema, value, at, issues),
  });
  if (Array.isArray(input)) {
    if (input.length === 0) issues.push({ path, message: messages.emptyList(what) });
    return input.map((value, i) => item(value, [...path, i]));
  }
  if (input === undefined) issues.push({ path, message: messages.missingField() });
  else if (what === 'workload' && isMapping(input)) return [item(input, path)];
  else
    issues.push({
      path,
      message: what === 'workload' ? messages.workloadShape() : messages.wrongType('a list of policies', input),
    });
  return undefined;
}
