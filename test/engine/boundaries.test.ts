import { describe, it, expect } from 'vitest';
import { HOUR_MS, MINUTE_MS, policy, prefixAt, run, tier } from '../helpers.js';

const FIVE_MIN_MS = 5 * MINUTE_MS;
const sliding5m = policy('5m', tier('5m'));
const fixed1h = policy('1h', tier('1h'));

const hitsOf = (times: number[], spec = sliding5m) => run(prefixAt(times), spec).outcomes.map((o) => o.readTokens > 0);

describe('expiry boundaries (an entry lives on [t, t+T))', () => {
  it('a read at expiresAt − 1 ms hits', () => {
    expect(hitsOf([0, FIVE_MIN_MS - 1])).toEqual([false, true]);
  });

  it('a read at exactly expiresAt is a miss', () => {
    expect(hitsOf([0, FIVE_MIN_MS])).toEqual([false, false]);
  });

  it('a read at expiresAt + 1 ms is a miss', () => {
    expect(hitsOf([0, FIVE_MIN_MS + 1])).toEqual([false, false]);
  });

  it('a sliding chain survives indefinitely when every gap is shorter than the TTL', () => {
    const times = Array.from({ length: 500 }, (_, i) => i * (FIVE_MIN_MS - 1));
    const hits = hitsOf(times);
    expect(hits[0]).toBe(false);
    expect(hits.slice(1).every(Boolean)).toBe(true);
  });

  it('a fixed entry read just before expiry is not extended', () => {
    expect(hitsOf([0, HOUR_MS - 1, HOUR_MS], fixed1h)).toEqual([false, true, false]);
  });

  it('a sliding 1h entry read just before expiry is extended', () => {
    expect(hitsOf([0, HOUR_MS - 1, HOUR_MS], policy('1h-sliding', tier('1h', 'sliding')))).toEqual([false, true, true]);
  });

  it('a write and a read in the same millisecond both miss (the entry is not visible yet)', () => {
    const { outcomes, result } = run(prefixAt([1000, 1000, 1001]), sliding5m);
    expect(outcomes.map((o) => o.readTokens > 0)).toEqual([false, false, true]);
    expect(result.entriesWritten).toBe(2);
  });

  it('a first-token delay makes requests within it miss', () => {
    const { outcomes } = run(prefixAt([0, 2000, 2001]), sliding5m, { firstTokenDelayMs: 2000 });
    expect(outcomes.map((o) => o.readTokens > 0)).toEqual([false, false, true]);
  });

  it('an expired entry counts one expiration, and a wasted write when it was never read', () => {
    const { result } = run(prefixAt([0, 1000, 2 * HOUR_MS]), sliding5m);
    expect(result.expirations).toBe(2);
    expect(result.wastedWrites).toBe(1);
  });

  it('lazy rescheduling keeps at most one queued expiry per live entry', () => {
    // 10,000 refreshes of one entry: one EXPIRY push per write plus at most one re-push per expiry pop.
    const times = Array.from({ length: 10_000 }, (_, i) => i * 1000);
    const { result } = run(prefixAt(times), sliding5m);
    expect(result.expirations).toBe(1);
    // Each EXPIRY pop finds the entry extended and re-queues it once: about one pop per TTL of run time,
    // not one per refresh (eager rescheduling would queue 10,000).
    const lazyPops = Math.ceil((times[times.length - 1] + FIVE_MIN_MS) / FIVE_MIN_MS);
    expect(result.events).toBeLessThanOrEqual(times.length + result.buckets.length + lazyPops + 1);
  });
});
