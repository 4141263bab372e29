// Named day/week arrival profiles a workload can use by name (`profile: office-hours`).
import type { RateProfile } from './types.js';

const hourly = (h: number) => (h >= 9 && h < 18 ? 1 : h >= 7 && h < 22 ? 0.15 : 0.02);

export const PROFILE_PRESETS_WEIGHTS: Readonly<Record<'office-hours', RateProfile>> = {
  // Weekdays 9–18 at full rate, early mornings and evenings at 15%, nights at 2%; weekends at 10%.
  // Day 0 is the scenario start, taken as a Monday.
  'office-hours': { hourly: Array.from({ length: 24 }, (_, h) => hourly(h)), weekly: [1, 1, 1, 1, 1, 0.1, 0.1] },
};
