// scenario/ (layer 2): units of the scenario format (docs/scenario-format.md): durations with a unit
// ("250ms", "4m30s", "1.5h") and rates as a count per duration ("15/h", "1/4m"). The schema's leaf parsers
// (values.ts) turn them into integer ms and events per ms; model/format.ts prints durations back.
import { DURATION_UNITS } from '../model/time.js';

const UNIT_MS: ReadonlyMap<string, number> = new Map(DURATION_UNITS);
// `ms` is tried before `m`, so "5ms" is five milliseconds and not five minutes followed by garbage.
const PART = /(\d+(?:\.\d+)?)(ms|d|h|m|s)/y;

/**
 * "4m30s" → 270000, "1.5h" → 5400000: integer ms (rounded). Compound parts must run from the largest
 * unit down, each at most once, so "30s4m" and "5m5m" are typos rather than 9 and 10 minutes. A bare
 * number, a sign, spaces or an unknown unit → null.
 */
export function parseDuration(text: unknown): number | null {
  if (typeof text !== 'string' || text === '') return null;
  PART.lastIndex = 0;
  let ms = 0;
  let lastUnitMs = Infinity;
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text);
    if (match === null) return null;
    const unitMs = UNIT_MS.get(match[2]) as number;
    if (unitMs >= lastUnitMs) return null;
    lastUnitMs = unitMs;
    ms += Number(match[1]) * unitMs;
  }
  return Math.round(ms);
}

/**
 * "15/h" → 15 / 3600000 events per ms; "1/4m" → 1 / 240000; "0/h" → 0. The denominator is a unit or any
 * duration; a zero or malformed one → null. Whether 0 is acceptable is the caller's rule.
 */
export function parseRate(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const match = /^(\d+(?:\.\d+)?)\/(.+)$/.exec(text.trim());
  if (match === null) return null;
  const perMs = UNIT_MS.get(match[2]) ?? parseDuration(match[2]);
  if (perMs === null || perMs === 0) return null;
  return Number(match[1]) / perMs;
}
