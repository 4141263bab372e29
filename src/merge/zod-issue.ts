// merge/: zod's first complaint about a partial (partial-checks.ts) as ttlsim's messages say it: the
// field as a JSON path (`result.policies[1].hits`) and what was expected and found, in words.
import type * as z from 'zod';
import { mergeMessages } from '../shard/messages.js';

const pathOf = (path: readonly PropertyKey[]): string =>
  path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('');

/** What a value is, for a message: `the string "12"`, `null`, `an object`. */
function described(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${String(value)}`;
  return `${typeof value === 'object' ? 'an' : 'a'} ${typeof value}`;
}

/** zod's names of what it expected, as the messages say them. */
const EXPECTED: Readonly<Record<string, string>> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'a list',
  tuple: 'a list',
};

/** The first problem zod found, as a path and a sentence. */
export function firstZodIssue(error: z.ZodError): { path: string; message: string } {
  const issue = error.issues[0];
  const input = (issue as { input?: unknown }).input;
  const path = pathOf(issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      // JSON.parse reads 1e999 as Infinity: refused here as `the number Infinity`.
      return {
        path,
        message:
          input === undefined
            ? mergeMessages.missingField(expected)
            : mergeMessages.badValue(expected, described(input)),
      };
    }
    case 'invalid_value':
      return {
        path,
        message: mergeMessages.badValue(issue.values.map((v) => JSON.stringify(v)).join(' or '), described(input)),
      };
    case 'invalid_union': {
      // A policy of no kind ttlsim knows: zod names the discriminator, and gives the object as its input.
      const kind =
        issue.discriminator === undefined ? input : (input as Record<string, unknown> | null)?.[issue.discriminator];
      const kinds = (issue as { options?: unknown[] }).options ?? [];
      return {
        path,
        message: mergeMessages.badValue(kinds.map((k) => JSON.stringify(k)).join(' or '), described(kind)),
      };
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? `≥ ${String(issue.minimum)}` : `≤ ${String(issue.maximum)}`;
      const expected = issue.origin === 'array' ? `a list of ${bound} entries` : `a number ${bound}`;
      return {
        path,
        message: mergeMessages.badValue(expected, Array.isArray(input) ? `${input.length}` : described(input)),
      };
    }
    default:
      return { path, message: issue.message };
  }
}
