// The schema's building blocks (zod 4): leaf parsers for the format's values (durations, rates, counts,
// names) that fail with a catalogue message and produce base units, and strict mappings whose unknown
// fields are errors with a "did you mean" drawn from that mapping's own fields.
import * as z from 'zod';
import { messages } from './messages.js';
import { parseDuration, parseRate } from './units.js';
import { MAX_USD_PER_MTOK } from '../pricing/profile.js';

/**
 * How every part of a scenario file is parsed: with the input in each issue (for the messages), and without
 * zod's compiled fast path for objects, which writes and compiles a function for each strict mapping on its
 * first parse. A scenario file parses each mapping once or a few times, so compiling it costs more than it
 * saves (about 2% of `ttlsim validate`'s instructions); the interpreted path gives the same values and issues.
 */
export const PARSE_OPTIONS = { reportInput: true, jitless: true } as const;

/** A leaf parser's verdict on bad input, worded by the catalogue. */
export class Failure {
  constructor(readonly message: string) {}
}

/** A parser over any input: `check` returns the value in base units or a Failure. Missing → missing field. */
export function value<T>(check: (input: unknown) => T | Failure) {
  return z.unknown().transform((input, ctx): T => {
    const result = input === undefined ? new Failure(messages.missingField()) : check(input);
    if (!(result instanceof Failure)) return result;
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  });
}

const isFiniteNumber = (input: unknown): input is number => typeof input === 'number' && Number.isFinite(input);
const isWhole = (input: unknown): input is number => Number.isSafeInteger(input);
export const isMapping = (input: unknown): input is Record<string, unknown> =>
  typeof input === 'object' && input !== null && !Array.isArray(input);

/**
 * The longest duration a file may write: a century is beyond any cache question, and it keeps every time
 * the engine computes (horizon plus TTLs, epoch dates of replayed logs) an exact integer far below 2^53.
 */
export const MAX_DURATION_DAYS = 36_500;
const MAX_DURATION_MS = MAX_DURATION_DAYS * 86_400_000;

/** A duration in whole ms, refused beyond MAX_DURATION_DAYS ("1e400d" would otherwise be Infinity). */
export function boundedDuration(input: unknown): number | Failure {
  const ms = parseDuration(input);
  if (ms === null) return new Failure(messages.badDuration(input));
  return ms <= MAX_DURATION_MS ? ms : new Failure(messages.durationTooLong(MAX_DURATION_DAYS, input));
}

export const durationMs = value(boundedDuration);
export const positiveDurationMs = value((input) => {
  const ms = boundedDuration(input);
  if (ms instanceof Failure) return ms;
  return ms > 0 ? ms : new Failure(messages.durationNotPositive(input));
});
/** A rate whose count is finite (a 400-digit count parses to Infinity). */
function finiteRate(input: unknown): number | Failure {
  const perMs = parseRate(input);
  if (perMs === null) return new Failure(messages.badRate(input));
  return Number.isFinite(perMs) ? perMs : new Failure(messages.badFiniteRate(input));
}
export const ratePerMs = value((input) => {
  const perMs = finiteRate(input);
  if (perMs instanceof Failure) return perMs;
  return perMs > 0 ? perMs : new Failure(messages.rateNotPositive(input));
});
/** A rate that may be zero ("0/h"), for hazards that are off by default. */
export const rateOrZeroPerMs = value(finiteRate);

export const count = (minimum: number) =>
  value((input) => (isWhole(input) && input >= minimum ? input : new Failure(messages.badCount(minimum, input))));
export const integer = value((input) => (isWhole(input) ? input : new Failure(messages.badInteger(input))));
export const tokens = value((input) => (isWhole(input) && input >= 0 ? input : new Failure(messages.badTokens(input))));
export const probability = value((input) =>
  isFiniteNumber(input) && input >= 0 && input <= 1 ? input : new Failure(messages.badProbability(input)),
);
export const nonNegativeNumber = value((input) =>
  isFiniteNumber(input) && input >= 0 ? input : new Failure(messages.badNumber('≥ 0', input)),
);
/** A price, USD per million tokens: bounded, so that no bill overflows to Infinity (pricing/profile.ts). */
export const usdPerMTok = value((input) =>
  isFiniteNumber(input) && input >= 0 && input <= MAX_USD_PER_MTOK
    ? input
    : new Failure(
        messages.badNumber(`from 0 to ${MAX_USD_PER_MTOK.toLocaleString('en-US')} (USD per million tokens)`, input),
      ),
);
export const positiveNumber = value((input) =>
  isFiniteNumber(input) && input > 0 ? input : new Failure(messages.badNumber('> 0', input)),
);
export const flag = value((input) =>
  typeof input === 'boolean' ? input : new Failure(messages.wrongType('true or false', input)),
);
export const text = value((input) => (typeof input === 'string' ? input : new Failure(messages.badText(input))));
export const nonEmptyText = value((input) =>
  typeof input === 'string' && input.trim() !== '' ? input : new Failure(messages.badText(input)),
);

/** The longest policy name: a table column, a chart legend and a CSV header, not a document. */
export const MAX_POLICY_NAME_LENGTH = 200;
/**
 * What a policy name may not hold: control characters (C0, DEL, C1), the line and paragraph separators
 * (U+2028, U+2029, which the chart library's expression parser refuses) and the bidirectional overrides
 * and isolates (which can make a terminal table or a CSV cell read other than it is), and lone surrogates.
 */
const unshowable = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) return true;
    if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return true;
    // A high surrogate must be followed by a low one, and a low one preceded by a high one.
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) return true;
  }
  return false;
};
/** A policy's name: shown in tables, charts, CSV headers and cells, and matched by `--current`. */
export const policyName = value((input) =>
  typeof input === 'string' && input.trim() !== '' && input.length <= MAX_POLICY_NAME_LENGTH && !unshowable(input)
    ? input
    : new Failure(messages.badPolicyName(MAX_POLICY_NAME_LENGTH, input)),
);

const NAME = /^[A-Za-z0-9._-]+$/;
/** Names that become folder names and thread ids: `.` and `..` would name the folder above the report's. */
export const name = value((input) =>
  typeof input === 'string' && NAME.test(input) && input !== '.' && input !== '..'
    ? input
    : new Failure(messages.badName(input)),
);

export function oneOf<const T extends string>(options: readonly T[]) {
  return value((input) =>
    (options as readonly unknown[]).includes(input) ? (input as T) : new Failure(messages.oneOf(options, input)),
  );
}

/** A list of `length` finite weights ≥ 0 (day/week profiles). */
export const weights = (length: number) =>
  value((input) =>
    Array.isArray(input) && input.length === length && input.every((w) => isFiniteNumber(w) && w >= 0)
      ? (input as number[])
      : new Failure(messages.badProfileWeights(length, input)),
  );

/**
 * `scalar` for a scalar input, `mapping` for a mapping (`ttl: 5m` or `ttl: { system: 1h }`). Dispatching
 * on the input's shape reports the problems of the form the user chose, where a zod union would report
 * both forms' complaints or neither.
 */
export function byShape<S extends z.ZodType, M extends z.ZodType>(scalar: S, mapping: M) {
  return z.unknown().transform((input, ctx): z.output<S> | z.output<M> => {
    const result = (isMapping(input) ? mapping : scalar).safeParse(input, PARSE_OPTIONS);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue(issue as z.core.$ZodRawIssue);
    return z.NEVER;
  });
}

/**
 * A mapping with exactly these fields. Unknown fields are reported with the field name, next to the
 * problems of the known fields (zod's own strictObject would word them itself and suggest nothing).
 * Typed as a strict object: the unknown-field check guarantees there are no others on success.
 */
export function strict<S extends z.core.$ZodLooseShape>(shape: S): z.ZodObject<S, z.core.$strict> {
  const known = Object.keys(shape);
  const checked = z.looseObject(shape).superRefine(
    (input, ctx) => {
      for (const key of Object.keys(input)) {
        if (known.includes(key)) continue;
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: messages.unknownField(key, closest(key, known)),
          params: { atKey: true },
        });
      }
    },
    // Runs even when a known field failed, so that one pass reports both; never on a non-mapping.
    { when: (payload) => isMapping(payload.value) },
  );
  return checked;
}

/** The candidate closest to `word` by edit distance, if within max(2, a third of its length). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Levenshtein distance with adjacent transpositions ("kyes" is one slip from "keys"), three rows at a time. */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        current[j] = Math.min(current[j], before[j - 2] + 1);
    }
    [before, previous] = [previous, current];
  }
  return previous[b.length];
}
