import { describe, it, expect } from 'vitest';
import type { RateProfile } from '../../src/model/scenario.js';
import { acceptAt, profileWeight } from '../../src/workload/profile.js';
import { createRng } from '../../src/workload/rng.js';
import { DAY_MS, HOUR_MS } from './collect.js';

const hourly = Array.from({ length: 24 }, (_, hour) => (hour === 3 ? 0.3 : hour === 4 ? 0 : 1));
const weekly = [1, 1, 1, 1, 1, 0.5, 0];
const profile: RateProfile = { hourly, weekly };

describe('rate profile thinning', () => {
  it('hour is floor(atMs / 1 h) mod 24 and day is floor(atMs / 1 d) mod 7, both from the scenario start', () => {
    expect(profileWeight(profile, 3 * HOUR_MS)).toBe(0.3);
    expect(profileWeight(profile, 4 * HOUR_MS - 1)).toBe(0.3);
    expect(profileWeight(profile, 4 * HOUR_MS)).toBe(0);
    expect(profileWeight(profile, 5 * DAY_MS + 12 * HOUR_MS)).toBe(0.5);
    expect(profileWeight(profile, 5 * DAY_MS + 3 * HOUR_MS)).toBeCloseTo(0.15, 12);
    expect(profileWeight(profile, 6 * DAY_MS)).toBe(0);
    expect(profileWeight(profile, 7 * DAY_MS + 3 * HOUR_MS)).toBe(0.3);
  });

  it('keeps everything without a profile or at full weight, drawing nothing', () => {
    const rng = createRng(1);
    expect(acceptAt(null, 0, rng) && acceptAt(profile, 12 * HOUR_MS, rng)).toBe(true);
    expect(rng.next()).toBe(createRng(1).next());
  });

  it('keeps nothing at zero weight', () => {
    const rng = createRng(1);
    for (let i = 0; i < 1000; i++) expect(acceptAt(profile, 4 * HOUR_MS + i, rng)).toBe(false);
  });

  it('keeps an arrival with probability equal to the weight (within 4 standard errors)', () => {
    const rng = createRng(2);
    const n = 100_000;
    let kept = 0;
    for (let i = 0; i < n; i++) if (acceptAt(profile, 3 * HOUR_MS, rng)) kept++;
    expect(Math.abs(kept / n - 0.3)).toBeLessThanOrEqual(4 * Math.sqrt((0.3 * 0.7) / n));
  });
});
