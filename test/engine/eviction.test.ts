import { describe, it, expect } from 'vitest';
import { MINUTE_MS, policy, prefixAt, run, tier } from '../helpers.js';

describe('early-eviction hazard', () => {
  it('is off by default: nothing is evicted', () => {
    const times = Array.from({ length: 1000 }, (_, i) => i * MINUTE_MS);
    expect(run(prefixAt(times), policy('5m', tier('5m'))).result.evictions).toBe(0);
  });

  it('with rate μ and requests every d (d < T), the hit ratio is e^(−μd)', () => {
    // An entry lives until an Exp(μ) time after its write: the request j·d after a miss hits with
    // probability e^(−μjd), so hits per miss form a geometric series and the ratio is q = e^(−μd).
    const dMs = MINUTE_MS;
    const ratePerMs = 1 / (10 * MINUTE_MS);
    const n = 200_000;
    const times = Array.from({ length: n }, (_, i) => (i + 1) * dMs);
    const { result } = run(prefixAt(times), policy('5m', tier('5m')), { evictionRatePerMs: ratePerMs }, (n + 2) * dMs);
    const expected = Math.exp(-ratePerMs * dMs);
    // Misses are regeneration points; cycles are i.i.d. geometric, so the ratio's standard error is
    // about √(q(1−q)/n)·(1/(1−q)); allow three of them.
    const tolerance = (3 * Math.sqrt((expected * (1 - expected)) / n)) / (1 - expected);
    expect(Math.abs(result.hits / result.requests - expected)).toBeLessThan(tolerance);
    expect(result.evictions).toBeGreaterThan(0);
  });
});
