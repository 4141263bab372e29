// model/ (layer 0, imports nothing): durations in integer milliseconds, and the units the scenario
// format writes them in (scenario/units.ts parses them, model/format.ts prints them).

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const FIVE_MINUTES_MS = 5 * MINUTE_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Duration units of the scenario format, largest first. */
export const DURATION_UNITS: readonly (readonly [unit: string, ms: number])[] = [
  ['d', DAY_MS],
  ['h', HOUR_MS],
  ['m', MINUTE_MS],
  ['s', SECOND_MS],
  ['ms', 1],
];
