// Day and week modulation of arrivals by thinning: an arrival generated at the peak rate is kept with
// probability weight(hour) × weight(day), weights scaled so the largest is 1.
import type { RateProfile } from '../model/scenario.js';
import type { Rng } from './rng.js';
import { DAY_MS, HOUR_MS } from '../model/time.js';

/** Relative rate at atMs, in [0, 1]. Hour 0 and day 0 are the scenario start. */
export function profileWeight(profile: RateProfile, atMs: number): number {
  const hour = Math.floor(atMs / HOUR_MS) % 24;
  const day = Math.floor(atMs / DAY_MS) % 7;
  return profile.hourly[hour] * profile.weekly[day];
}

/** Keeps an arrival at atMs with probability profileWeight (always when there is no profile). */
export function acceptAt(profile: RateProfile | null, atMs: number, rng: Rng): boolean {
  if (profile === null) return true;
  const weight = profileWeight(profile, atMs);
  return weight >= 1 || rng.next() < weight;
}
