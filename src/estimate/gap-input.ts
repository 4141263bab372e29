// estimate/ (layer 9): the input of `ttlsim estimate` from its arguments — the gap distribution written
// `name:args` (checked by the scenario format's own schema), token counts and the price profile — and the
// closed-form estimate of it (closed-form.ts).
import { inputError } from '../model/errors.js';
import type { Dist } from '../model/scenario.js';
import { findProfile, providers, suggestModel } from '../pricing/lookup.js';
import type { PriceProfile } from '../pricing/profile.js';
import { dist } from '../scenario/dist.js';
import { estimate, type Estimate } from './closed-form.js';
import { estimateMessages } from './messages.js';

/** The field a bare first argument sets, per distribution (`exponential:4m` is the mean). */
const POSITIONAL: Record<string, string> = {
  constant: 'value',
  exponential: 'mean',
  lognormal: 'median',
  pareto: 'scale',
  weibull: 'scale',
};
/** Fields that are plain numbers; every other field is a duration. */
const NUMBER_FIELDS = new Set(['sigma', 'shape']);
const GAP_DIST = dist('duration');

/** What `ttlsim estimate` was asked, as written on the command line. */
export interface EstimateArgs {
  readonly gap: string;
  readonly prefix: unknown;
  readonly suffix: unknown;
  readonly output: unknown;
  readonly provider: string;
  readonly model: string;
}

/** The checked input, the profile it is priced with, and the closed-form answer. */
export interface EstimateRun {
  readonly gap: Dist;
  readonly prefixTokens: number;
  readonly suffixTokens: number;
  readonly outputTokens: number;
  readonly profile: PriceProfile;
  readonly result: Estimate;
}

/** Checks the arguments (each problem an InputError naming its flag) and computes the estimate. */
export function runEstimate(args: EstimateArgs): EstimateRun {
  const gap = parseGap(args.gap);
  const prefixTokens = parseTokens(args.prefix, '--prefix');
  const suffixTokens = parseTokens(args.suffix, '--suffix');
  const outputTokens = parseTokens(args.output, '--output');
  const profile = lookupProfile(args.provider, args.model);
  const result = estimate({ gap, prefixTokens, suffixTokens, outputTokens, profile });
  return { gap, prefixTokens, suffixTokens, outputTokens, profile, result };
}

/**
 * `name:args` → the scenario format's Dist, validated by the scenario module's own schema (so its messages
 * and checks apply). Args are `field=value` pairs, comma-separated; a first bare value sets the main
 * field (POSITIONAL), `uniform:a..b` the range; a bare duration is a constant.
 */
export function parseGap(text: string | undefined): Dist {
  const raw = (text ?? '').trim();
  const colon = raw.indexOf(':');
  const name = colon < 0 ? 'constant' : raw.slice(0, colon).trim().toLowerCase();
  const rest = colon < 0 ? raw : raw.slice(colon + 1);
  if (name === 'empirical') throw inputError('', '--gap', estimateMessages.empiricalGap());
  const fields: Record<string, unknown> = { dist: name };
  const set = (field: string, value: string) => {
    if (field in fields) throw inputError('', '--gap', estimateMessages.duplicateGapField(field));
    fields[field] = NUMBER_FIELDS.has(field) ? (value.trim() === '' ? value : Number(value)) : value.trim();
  };
  const parts = rest.split(',');
  for (const [index, part] of parts.entries()) {
    const eq = part.indexOf('=');
    if (eq >= 0) set(part.slice(0, eq).trim(), part.slice(eq + 1));
    else if (index === 0 && name === 'uniform' && part.includes('..')) {
      const [min, max] = part.split('..');
      set('min', min);
      set('max', max);
    } else if (index === 0 && POSITIONAL[name] !== undefined && part.trim() !== '') set(POSITIONAL[name], part);
    else throw inputError('', '--gap', estimateMessages.badGap(raw));
  }
  const parsed = GAP_DIST.safeParse(fields);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw inputError('', '--gap', estimateMessages.badGapField(issue.path.join('.'), issue.message));
}

function parseTokens(value: unknown, flag: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw inputError('', flag, estimateMessages.badTokens(value));
}

function lookupProfile(provider: string, model: string): PriceProfile {
  const known = providers();
  if (!known.includes(provider.trim().toLowerCase()))
    throw inputError('', '--provider', estimateMessages.unknownProvider(provider, known));
  const profile = findProfile(provider, model);
  if (profile === undefined)
    throw inputError('', '--model', estimateMessages.unknownModel(provider, model, suggestModel(provider, model)));
  return profile;
}
