// The sparse time series (issue 13): buckets only where something happened, the live state carried over
// missing buckets, the width doubled exactly past the cap, and shards merged into exactly the unsplit series.
import { describe, expect, it } from 'vitest';
import { MAX_SERIES_BUCKETS, TimeSeriesRecorder } from '../../src/engine/timeseries.js';
import { mergeSeries, rebinSeries, type SeriesPart } from '../../src/metrics/sparse-series.js';
import type { TimeSeries } from '../../src/metrics/summarise.js';
import { HOUR_MS, MINUTE_MS, policy, prefixAt, run, tier } from '../helpers.js';

/** A recorder's buckets as a series; a bucket's "cost" is its input tokens (integers: sums stay exact). */
function seriesOf(recorder: TimeSeriesRecorder): SeriesPart {
  const b = recorder.buckets;
  const costUsd = b.map((x) => x.tokens.ledgers().reduce((sum, l) => sum + l.input, 0));
  const series: TimeSeries = {
    bucketMs: recorder.bucketMs,
    startMs: b.map((x) => x.startMs),
    requests: b.map((x) => x.requests),
    hits: b.map((x) => x.hits),
    keepalivePings: b.map((x) => x.pings),
    costUsd,
    liveEntries: b.map((x) => x.liveEntries),
    liveTokens: b.map((x) => x.liveTokens),
  };
  return { series, costUsd };
}

/** A seeded stream of events over 30 days in bursts, each owned by one of `shards` independent caches. */
function events(seed: number, count: number) {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const out: { atMs: number; shard: number; kind: 'request' | 'ping' | 'expiry'; tokens: number }[] = [];
  let atMs = 0;
  for (let i = 0; i < count; i++) {
    // Mostly seconds to minutes apart, now and then a day of silence.
    atMs += next() < 0.02 ? Math.floor(next() * 24 * HOUR_MS) : Math.floor(next() * 5 * MINUTE_MS);
    const r = next();
    out.push({
      atMs,
      shard: Math.floor(next() * 7),
      kind: r < 0.6 ? 'request' : r < 0.8 ? 'ping' : 'expiry',
      tokens: 1 + Math.floor(next() * 1000),
    });
  }
  return out;
}

/** Records the events of the shards in `which` as one engine would (one cache's live level per shard). */
function record(evs: ReturnType<typeof events>, which: (shard: number) => boolean, horizonMs: number, cap: number) {
  const recorder = new TimeSeriesRecorder(MINUTE_MS, horizonMs, cap);
  const live = new Map<number, number>();
  for (const e of evs) {
    if (!which(e.shard)) continue;
    if (e.kind !== 'expiry') {
      const bucket = recorder.at(e.atMs);
      if (e.kind === 'request') bucket.requests++;
      else bucket.pings++;
      bucket.tokens.for('m').input += e.tokens;
      live.set(e.shard, (live.get(e.shard) ?? 0) + 1);
    } else live.set(e.shard, Math.max(0, (live.get(e.shard) ?? 0) - 1));
    const entries = [...live.entries()].filter(([s]) => which(s)).reduce((sum, [, n]) => sum + n, 0);
    recorder.live(e.atMs, entries, entries * 10);
  }
  return seriesOf(recorder);
}

describe('sparse time series', () => {
  it('opens a bucket only at an event, and a missing bucket keeps the live state before it', () => {
    const recorder = new TimeSeriesRecorder(MINUTE_MS, 10 * HOUR_MS);
    recorder.at(30_000).requests++;
    recorder.live(30_000, 2, 200);
    recorder.live(5 * HOUR_MS, 1, 100);
    recorder.at(10 * HOUR_MS + 5).requests++;
    const { series } = seriesOf(recorder);
    expect(series.startMs).toEqual([0, 5 * HOUR_MS, 10 * HOUR_MS - MINUTE_MS]);
    expect(series.requests).toEqual([1, 0, 1]);
    // The request past the horizon counts in the last minute and carries the level of the expiry before it.
    expect(series.liveEntries).toEqual([2, 1, 1]);
  });

  it('doubles the width past the cap, exactly as recording at the wider width from the start', () => {
    const evs = events(3, 4000);
    const horizonMs = evs[evs.length - 1].atMs + 1;
    const wide = record(evs, () => true, horizonMs, 1e9);
    const capped = record(evs, () => true, horizonMs, 50);
    expect(capped.series.startMs.length).toBeLessThanOrEqual(50);
    expect(capped.series.bucketMs).toBeGreaterThan(MINUTE_MS);
    // One doubling less would not have fitted.
    expect(rebinSeries(wide.series, capped.series.bucketMs / 2).startMs.length).toBeGreaterThan(50);
    expect(capped.series).toEqual(rebinSeries(wide.series, capped.series.bucketMs));
  });

  it.each([
    [3, 50],
    [7, 50],
    [7, 5000],
  ])('merges %i shards (cap %i) into exactly the unsplit series', (shards, cap) => {
    const evs = events(11, 3000);
    const horizonMs = evs[evs.length - 1].atMs + 1;
    const unsplit = record(evs, () => true, horizonMs, cap);
    const parts = Array.from({ length: shards }, (_, k) => record(evs, (s) => s % shards === k, horizonMs, cap));
    expect(Math.max(...parts.map((p) => p.series.bucketMs))).toBeLessThanOrEqual(unsplit.series.bucketMs);
    expect(mergeSeries(parts, (usd) => usd, cap)).toEqual(unsplit);
  });

  it('an engine run records only busy buckets, and they sum to the totals', () => {
    const times = [0, 2 * MINUTE_MS, 3 * MINUTE_MS, 9 * HOUR_MS, 9 * HOUR_MS + 30_000];
    const { result } = run(prefixAt(times), policy('5m', tier('5m')), { bucketMs: MINUTE_MS });
    // Requests at minutes 0, 2, 3 and 540; the entry written at 0 and refreshed at 3 expires at minute 8.
    expect(result.buckets.map((b) => b.startMs / MINUTE_MS)).toEqual([0, 2, 3, 8, 540, 545]);
    expect(result.buckets.map((b) => b.liveEntries)).toEqual([1, 1, 1, 0, 1, 0]);
    expect(result.buckets.reduce((sum, b) => sum + b.requests, 0)).toBe(result.requests);
    expect(result.buckets.reduce((sum, b) => sum + b.hits, 0)).toBe(result.hits);
    expect(MAX_SERIES_BUCKETS).toBeGreaterThanOrEqual(96);
  });
});
