// The values of one sweep axis as typed on the command line (`1m..2h:20`, `100..5000:lin5`, `5m,10m,1h`),
// in the scenario file's own units: durations, counts, plain numbers or rates. PURE: the CLI names the
// flag in the InputError it throws.
import { inputError } from '../model/errors.js';
import { parseDuration, parseRate } from '../scenario/units.js';
import { formatDuration } from '../model/format.js';
import { sweepMessages } from './messages.js';

export type ValueKind = 'duration' | 'count' | 'number' | 'rate';
/** How the values were given: a log- or linearly spaced range, or a list. */
export type Spacing = 'log' | 'linear' | 'list';

export interface AxisValue {
  /** As written into the scenario data: `"30m"`, `"120/h"`, `20000`, `0.6`. */
  readonly written: string | number;
  /** For ordering and charts: ms for durations, the number itself, a rate's count per its unit. */
  readonly numeric: number;
}

export interface AxisValues {
  readonly kind: ValueKind;
  readonly spacing: Spacing;
  readonly values: readonly AxisValue[];
}

/** More points than this on one axis is a typo (a grid of two would be a million runs). */
export const MAX_AXIS_POINTS = 1000;

interface Scalar {
  readonly kind: ValueKind;
  readonly numeric: number;
  /** Durations: whole seconds (then points are rounded to seconds, else to ms). Numbers: an integer. */
  readonly whole: boolean;
  /** Rates: the denominator as written (`h`, `4m`). */
  readonly unit: string;
}

const NUMBER = /^\d+(?:\.\d+)?$/;
const RATE = /^(\d+(?:\.\d+)?)\/(.+)$/;
const RANGE = /^(.+?)\.\.(.+?)(?::(lin)?(\d+))?$/;

function scalar(text: string, flag: string): Scalar {
  if (NUMBER.test(text)) {
    const numeric = Number(text);
    return {
      kind: Number.isInteger(numeric) ? 'count' : 'number',
      numeric,
      whole: Number.isInteger(numeric),
      unit: '',
    };
  }
  const ms = parseDuration(text);
  if (ms !== null) return { kind: 'duration', numeric: ms, whole: ms % 1000 === 0, unit: '' };
  const rate = RATE.exec(text);
  if (rate !== null && parseRate(text) !== null) {
    const numeric = Number(rate[1]);
    return { kind: 'rate', numeric, whole: Number.isInteger(numeric), unit: rate[2] };
  }
  throw inputError('', flag, sweepMessages.badValue(text));
}

/** Counts and plain numbers mix (as numbers); durations and rates stand alone, rates with one unit. */
function commonKind(scalars: readonly Scalar[], texts: readonly string[], flag: string): ValueKind {
  let kind = scalars[0].kind;
  for (let i = 1; i < scalars.length; i++) {
    const next = scalars[i].kind;
    const numeric = (k: ValueKind) => k === 'count' || k === 'number';
    if (numeric(kind) && numeric(next)) kind = kind === 'count' && next === 'count' ? 'count' : 'number';
    else if (kind !== next) throw inputError('', flag, sweepMessages.mixedKinds(texts[0], texts[i]));
    else if (kind === 'rate' && scalars[i].unit !== scalars[0].unit)
      throw inputError('', flag, sweepMessages.mixedRateUnits(texts[0], texts[i]));
  }
  return kind;
}

/** A point in the file's notation, rounded as its ends were written (whole seconds, integers). */
function toValue(numeric: number, kind: ValueKind, whole: boolean, unit: string): AxisValue {
  switch (kind) {
    case 'duration': {
      const ms = whole ? Math.round(numeric / 1000) * 1000 : Math.round(numeric);
      return { written: formatDuration(ms), numeric: ms };
    }
    case 'rate': {
      const count = whole ? Math.round(numeric) : Number(numeric.toPrecision(6));
      return { written: `${count}/${unit}`, numeric: count };
    }
    default: {
      const value = whole ? Math.round(numeric) : Number(numeric.toPrecision(6));
      return { written: value, numeric: value };
    }
  }
}

/** Rounding can merge neighbouring points of a dense range: each value is kept once, in order. */
function distinct(values: readonly AxisValue[]): AxisValue[] {
  const seen = new Set<string | number>();
  const kept: AxisValue[] = [];
  for (const value of values) {
    if (!seen.has(value.written)) kept.push(value);
    seen.add(value.written);
  }
  return kept;
}

/**
 * `a..b:N` — N log-spaced points from a to b (both ends included); `a..b:linN` — linear; `a,b,c` — a
 * list (one value is a list of one). Durations are rounded to whole seconds when both ends are whole
 * seconds, counts to integers when both ends are integers; points that rounding merges are kept once.
 */
export function parseAxisValues(text: string, flag: string): AxisValues {
  const trimmed = text.trim();
  if (trimmed === '') throw inputError('', flag, sweepMessages.emptyValue());
  const range = RANGE.exec(trimmed);
  if (range === null) {
    const texts = trimmed.split(',').map((t) => t.trim());
    if (texts.some((t) => t === '')) throw inputError('', flag, sweepMessages.emptyValue());
    if (texts.length > MAX_AXIS_POINTS)
      throw inputError('', flag, sweepMessages.tooManyPoints(texts.length, MAX_AXIS_POINTS));
    const scalars = texts.map((t) => scalar(t, flag));
    const kind = commonKind(scalars, texts, flag);
    const values = scalars.map((s) => toValue(s.numeric, kind, s.whole, s.unit));
    return { kind, spacing: 'list', values: distinct(values) };
  }
  const [, fromText, toText, lin, countText] = range;
  if (countText === undefined) throw inputError('', flag, sweepMessages.rangeCount(trimmed));
  const count = Number(countText);
  if (count < 2) throw inputError('', flag, sweepMessages.tooFewPoints(count));
  if (count > MAX_AXIS_POINTS) throw inputError('', flag, sweepMessages.tooManyPoints(count, MAX_AXIS_POINTS));
  const ends = [scalar(fromText.trim(), flag), scalar(toText.trim(), flag)];
  const kind = commonKind(ends, [fromText, toText], flag);
  const [a, b] = ends.map((e) => e.numeric);
  if (a === b) throw inputError('', flag, sweepMessages.equalEnds(trimmed));
  const spacing: Spacing = lin === undefined ? 'log' : 'linear';
  if (spacing === 'log' && (a <= 0 || b <= 0)) throw inputError('', flag, sweepMessages.logNeedsPositive(trimmed));
  const whole = ends[0].whole && ends[1].whole;
  const values: AxisValue[] = [];
  for (let i = 0; i < count; i++) {
    const f = i / (count - 1);
    // The ends exactly as written; between them, a·(b/a)^f or a + (b−a)·f.
    const numeric = i === 0 ? a : i === count - 1 ? b : spacing === 'log' ? a * (b / a) ** f : a + (b - a) * f;
    values.push(toValue(numeric, kind, whole, ends[0].unit));
  }
  return { kind, spacing, values: distinct(values) };
}

/** The TTL axis: durations above zero. */
export function parseTtlValues(text: string): AxisValues {
  const axis = parseAxisValues(text, '--ttl');
  if (axis.kind !== 'duration') throw inputError('', '--ttl', sweepMessages.ttlNotDuration(text));
  if (axis.values.some((v) => v.numeric <= 0)) throw inputError('', '--ttl', sweepMessages.ttlNotPositive());
  return axis;
}
