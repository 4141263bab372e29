// zod parsers for the scenario format's values: durations, rates, token counts, probabilities and
// distributions, each failing with a catalogue message (messages.ts) and producing base units.
import * as z from 'zod';
import type { Dist } from './types.js';
import { messages } from './messages.js';
import { parseDuration, parseRate } from './units.js';
import { formatDuration } from '../report/format.js';

type Ctx = z.core.$RefinementCtx<unknown>;

function fail(ctx: Ctx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER as never;
}

interface Failure {
  readonly error: string;
}

/** A parser over any input: `check` returns the parsed value or `{ error }` with a catalogue message. */
export function value<T>(check: (input: unknown) => T | Failure) {
  return z.unknown().transform((input, ctx): Exclude<T, Failure> => {
    if (input === undefined) return fail(ctx, messages.missingField());
    const result = check(input);
    if (typeof result === 'object' && result !== null && 'error' in result) return fail(ctx, (result as Failure).error);
    return result as Exclude<T, Failure>;
  });
}

/** The named field of a mapping input (what a discriminated union dispatched on). */
export const field = (input: unknown, name: string): unknown => (typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[name] : input);

const isNumber = (input: unknown): input is number => typeof input === 'number' && Number.isFinite(input);

export const durationMs = value((input) => parseDuration(input) ?? { error: messages.badDuration(input) });
export const positiveDurationMs = value((input) => {
  const ms = parseDuration(input);
  return ms !== null && ms > 0 ? ms : { error: messages.badDuration(input) };
});
export const ratePerMs = value((input) => parseRate(input) ?? { error: messages.badRate(input) });
/** A rate that may be zero ("0/h"), for hazards that are off by default. */
export const rateOrZeroPerMs = value((input) => (typeof input === 'string' && /^\s*0(\.0+)?\s*\//.test(input) ? 0 : (parseRate(input) ?? { error: messages.badRate(input) })));
export const count = (minimum: number) => value((input) => (Number.isInteger(input) && (input as number) >= minimum ? (input as number) : { error: messages.badCount(minimum, input) }));
export const probability = value((input) => (isNumber(input) && input >= 0 && input <= 1 ? input : { error: messages.badProbability(input) }));
export const nonNegativeNumber = value((input) => (isNumber(input) && input >= 0 ? input : { error: messages.badNumber('≥ 0', input) }));
const positiveNumber = value((input) => (isNumber(input) && input > 0 ? input : { error: messages.badNumber('> 0', input) }));
const nonNegativeTokens = value((input) => (isNumber(input) && input >= 0 ? input : { error: messages.badTokens(input) }));
const positiveTokens = value((input) => (isNumber(input) && input > 0 ? input : { error: messages.badNumber('> 0', input) }));

const DIST_NAMES = ['constant', 'uniform', 'exponential', 'lognormal', 'pareto', 'weibull', 'empirical'] as const;

/**
 * A distribution whose location/scale values are durations (`kind: 'duration'`, → ms) or token counts
 * (`kind: 'tokens'`). A bare value (`4m`, `300`) means a constant.
 */
export function dist(kind: 'duration' | 'tokens') {
  const show = (x: number) => (kind === 'duration' ? formatDuration(x) : String(x));
  const any = kind === 'duration' ? durationMs : nonNegativeTokens;
  const positive = kind === 'duration' ? positiveDurationMs : positiveTokens;
  const max = any.optional();
  const options = [
    z.strictObject({ dist: z.literal('constant'), value: any, max }),
    z.strictObject({ dist: z.literal('uniform'), min: any, max: any }),
    z.strictObject({ dist: z.literal('exponential'), mean: positive, max }),
    z.strictObject({ dist: z.literal('lognormal'), median: positive, sigma: nonNegativeNumber, max }),
    z.strictObject({ dist: z.literal('pareto'), scale: positive, shape: positiveNumber, max }),
    z.strictObject({ dist: z.literal('weibull'), scale: positive, shape: positiveNumber, max }),
    z.strictObject({ dist: z.literal('empirical'), values: z.array(any).min(1, { error: messages.emptyEmpirical() }), max }),
  ] as const;
  const object = z
    .discriminatedUnion('dist', options, { error: (issue) => (issue.code === 'invalid_union' ? messages.unknownDist(field(issue.input, 'dist'), DIST_NAMES) : undefined) })
    .superRefine((spec, ctx) => {
      if (spec.dist === 'uniform' && spec.min > spec.max) ctx.addIssue({ code: 'custom', path: ['max'], message: messages.minAboveMax(show(spec.min), show(spec.max)) });
    });
  // A bare value becomes { dist: constant, value }; its problems are then reported at the field itself
  // (locate.ts never points below a scalar).
  const isMapping = (input: unknown) => typeof input === 'object' && input !== null && !Array.isArray(input);
  return z.preprocess((input) => (isMapping(input) ? input : { dist: 'constant', value: input }), object).transform((spec) => spec as Dist);
}
