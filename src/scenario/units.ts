// Units of the scenario format (DESIGN.md §3): durations with a unit ("250ms", "4m30s", "1.5h"), rates
// as count per duration ("15/h", "1/4m"). Parsed to integer ms and events per ms; null when malformed.

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y;

/** "4m30s" → 270000. A bare number, a negative or an unknown unit → null. */
export function parseDuration(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const source = text.trim();
  if (source === '') return null;
  PART.lastIndex = 0;
  let ms = 0;
  while (PART.lastIndex < source.length) {
    const match = PART.exec(source);
    if (match === null) return null;
    ms += Number(match[1]) * UNIT_MS[match[2]];
  }
  return Math.round(ms);
}

/** "15/h" → 15 / 3.6e6 per ms; "1/4m" → 1 / 240000. Also "0.5/m". Zero or malformed → null. */
export function parseRate(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\S+)\s*$/.exec(text);
  if (match === null) return null;
  const count = Number(match[1]);
  const unit = match[2];
  const perMs = UNIT_MS[unit] !== undefined ? UNIT_MS[unit] : parseDuration(unit);
  if (perMs === null || perMs === 0 || count === 0) return null;
  return count / perMs;
}
