// fit/ (layer 10): numbers and durations as a fitted scenario writes them, in the scenario format's own
// notation and to a few significant figures, for its values (report/fit-yaml.ts) and comments (messages.ts).
import { formatDuration } from '../model/format.js';

/** A duration the scenario format reads, to about three significant figures: 850ms, 6.6s, 1m38s, 4h12m. */
export function fitDuration(ms: number): string {
  const rounded = Math.max(1, Math.round(ms));
  if (rounded < 1000) return `${rounded}ms`;
  if (rounded < 60_000) return `${Number((rounded / 1000).toFixed(1))}s`;
  if (rounded < 3_600_000) return formatDuration(Math.round(rounded / 1000) * 1000);
  return formatDuration(Math.round(rounded / 60_000) * 60_000);
}

/** A rate the scenario format reads ("0.1273/h"), four significant figures. */
export function fitRate(perHour: number): string {
  return `${fitNumber(Number(perHour.toPrecision(4)), 9)}/h`;
}

/** A plain number to `digits` decimals, without trailing zeros (and never in exponent notation). */
export function fitNumber(value: number, digits = 2): string {
  const text = value.toFixed(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
