// Distributions in a scenario file (`{ dist: lognormal, median: 4m, sigma: 0.6, max: 1h }`, or a bare
// `4m` / `300` meaning a constant) → the Dist of types.ts in base units: ms for durations, whole numbers
// for token and request counts. Parameters are validated here so the samplers can trust them.
import * as z from 'zod';
import type { Dist } from '../model/scenario.js';
import { messages } from './messages.js';
import { formatDuration } from '../model/format.js';
import {
  count,
  durationMs,
  isMapping,
  nonNegativeNumber,
  positiveDurationMs,
  positiveNumber,
  strict,
  tokens,
} from './values.js';

export const DIST_NAMES = [
  'constant',
  'uniform',
  'exponential',
  'lognormal',
  'pareto',
  'weibull',
  'empirical',
] as const;

/**
 * What a distribution draws: `duration` (location/scale values are durations → ms), `tokens` (whole
 * numbers ≥ 0), or `count` (whole numbers ≥ 1: turns, requests per turn or run, where 0 would mean nothing
 * happens). Shape parameters (sigma, shape) are plain numbers whatever the kind.
 */
export type DistKind = 'duration' | 'tokens' | 'count';

/** Per kind: a value the distribution may take, and a location/scale that must be above zero. */
function leaves(kind: DistKind) {
  switch (kind) {
    case 'duration':
      return { outcome: durationMs, location: positiveDurationMs, show: formatDuration };
    case 'tokens':
      return { outcome: tokens, location: positiveNumber, show: String };
    case 'count':
      return { outcome: count(1), location: positiveNumber, show: String };
  }
}

/**
 * The parser of a distribution of `kind`. A scenario schema asks for one at about twenty fields, but there
 * are three kinds: each is built once, at its first use, and shared. A zod schema keeps no state between
 * parses, so sharing changes no result or message; building twenty copies of seven strict mappings was a
 * tenth of `ttlsim validate`'s instructions (docs/performance.md, "Start-up").
 */
export function dist(kind: DistKind): DistParser {
  let parser = built.get(kind);
  if (parser === undefined) {
    parser = buildDist(kind);
    built.set(kind, parser);
  }
  return parser;
}

type DistParser = ReturnType<typeof buildDist>;
const built = new Map<DistKind, DistParser>();

function buildDist(kind: DistKind) {
  const { outcome, location, show } = leaves(kind);
  const max = outcome.optional();
  const options = [
    strict({ dist: z.literal('constant'), value: outcome, max }),
    // Here `max` is the upper end of the range, which also caps it.
    strict({ dist: z.literal('uniform'), min: outcome, max: outcome }),
    strict({ dist: z.literal('exponential'), mean: location, max }),
    strict({ dist: z.literal('lognormal'), median: location, sigma: nonNegativeNumber, max }),
    strict({ dist: z.literal('pareto'), scale: location, shape: positiveNumber, max }),
    strict({ dist: z.literal('weibull'), scale: location, shape: positiveNumber, max }),
    strict({
      dist: z.literal('empirical'),
      values: z.array(outcome).min(1, { error: messages.emptyEmpirical() }),
      max,
    }),
  ] as const;
  const spec = z
    .discriminatedUnion('dist', options, {
      error: (issue) => {
        if (issue.code !== 'invalid_union') return undefined;
        const name = isMapping(issue.input) ? issue.input.dist : undefined;
        return name === undefined ? messages.missingDist(DIST_NAMES) : messages.unknownDist(name, DIST_NAMES);
      },
    })
    .superRefine((parsed, ctx) => {
      if (parsed.dist === 'uniform' && parsed.min > parsed.max)
        ctx.addIssue({
          code: 'custom',
          path: ['max'],
          message: messages.minAboveMax(show(parsed.min), show(parsed.max)),
        });
    });
  // A bare value is a constant. Its problems are then reported at the field itself, since locate.ts never
  // points below a scalar (`gap: 10` → `gap: expected a duration…`, not `gap.value`).
  return z
    .preprocess((input) => (isMapping(input) || input === undefined ? input : { dist: 'constant', value: input }), spec)
    .transform((parsed): Dist => parsed);
}
