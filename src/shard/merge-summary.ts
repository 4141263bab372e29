// shard/: one policy's summary from its shards' summaries and unrounded figures: counts, tokens and
// histograms summed bin by bin, the sparse time series merged by the engine's own rule
// (metrics/sparse-series.ts: a shard's buckets are never wider than the unsplit run's), dollars summed unrounded and rounded once, rates recomputed from the sums, exactly as
// metrics/summarise.ts derives them. The peaks cannot be merged: see `peaksExact`.
import { round, roundCost, type PolicySummary } from '../metrics/summarise.js';
import { mergeSeries } from '../metrics/sparse-series.js';
import { addCost, zeroCost, type CostUsd } from '../pricing/cost.js';
import { addCounts, emptyCounts, storedTokenHours } from '../pricing/ledger.js';
import type { RawFigures } from './raw-figures.js';

export interface SummaryPart {
  readonly summary: PolicySummary;
  readonly raw: RawFigures;
}

const sumArrays = (arrays: readonly (readonly number[])[]): number[] =>
  arrays[0].map((_, i) => arrays.reduce((sum, a) => sum + a[i], 0));

/**
 * Shards whose run of this policy wrote an entry: with more than one, the peak of their sum is unknown
 * (it needs every shard's live count at every instant) and the merged peak is their sum, an upper bound.
 */
export const peaksExact = (parts: readonly SummaryPart[]): boolean =>
  parts.filter((p) => p.summary.entriesWritten > 0).length <= 1;

export function mergeSummaries(parts: readonly SummaryPart[]): { summary: PolicySummary; raw: RawFigures } {
  const first = parts[0].summary;
  const sum = (field: (s: PolicySummary) => number) => parts.reduce((total, p) => total + field(p.summary), 0);
  const cost: CostUsd = zeroCost();
  for (const { raw } of parts) addCost(cost, raw.costUsd);
  const tokens = emptyCounts();
  for (const { summary } of parts) addCounts(tokens, summary.tokens);
  const noCacheUsd = parts.reduce((total, p) => total + p.raw.noCacheUsd, 0);
  // Each part's token-hours are whole token-ms over HOUR_MS: summed as such, the unsplit figure exactly.
  const tokenHours = storedTokenHours(parts.map((p) => ({ storageTokenHours: p.raw.tokenHours })));
  const endedLifetimeMs = parts.reduce((total, p) => total + p.raw.endedLifetimeMs, 0);
  const series = mergeSeries(
    parts.map((p) => ({ series: p.summary.timeseries, costUsd: p.raw.bucketCostUsd })),
    (usd) => round(usd),
  );
  const requests = sum((s) => s.requests);
  const hits = sum((s) => s.hits);
  const expirations = sum((s) => s.expirations);
  const prompt = tokens.input + tokens.cacheWrite5m + tokens.cacheWrite1h + tokens.cacheRead;
  const gaps = first.gaps;
  const lifetimes = first.entryLifetimes;
  const reads = first.readsPerEntry;
  const summary: PolicySummary = {
    policy: first.policy,
    refresh: first.refresh,
    requests,
    hits,
    hitRate: requests === 0 ? 0 : round(hits / requests),
    tokenHitRate: prompt === 0 ? 0 : round(tokens.cacheRead / prompt),
    tokens,
    costUsd: roundCost(cost),
    savingsVsNoCache: noCacheUsd === 0 ? 0 : round(1 - cost.total / noCacheUsd),
    noCacheCostUsd: round(noCacheUsd),
    partialHits: sum((s) => s.partialHits),
    keepalivePings: sum((s) => s.keepalivePings),
    entriesWritten: sum((s) => s.entriesWritten),
    expirations,
    wastedWrites: sum((s) => s.wastedWrites),
    evictions: sum((s) => s.evictions),
    peakLiveEntries: peaksExact(parts)
      ? Math.max(...parts.map((p) => p.summary.peakLiveEntries))
      : sum((s) => s.peakLiveEntries),
    peakLiveTokens: peaksExact(parts)
      ? Math.max(...parts.map((p) => p.summary.peakLiveTokens))
      : sum((s) => s.peakLiveTokens),
    tokenHoursStored: round(tokenHours, 3),
    meanEntryLifetimeMs: Math.round(expirations === 0 ? 0 : endedLifetimeMs / expirations),
    ...(gaps !== undefined
      ? {
          gaps: {
            edgesMs: gaps.edgesMs,
            requests: sumArrays(parts.map((p) => p.summary.gaps!.requests)),
            hits: sumArrays(parts.map((p) => p.summary.gaps!.hits)),
          },
        }
      : {}),
    ...(lifetimes !== undefined
      ? {
          entryLifetimes: {
            edgesMs: lifetimes.edgesMs,
            entries: sumArrays(parts.map((p) => p.summary.entryLifetimes!.entries)),
            wasted: sumArrays(parts.map((p) => p.summary.entryLifetimes!.wasted)),
          },
        }
      : {}),
    ...(reads !== undefined
      ? {
          readsPerEntry: {
            labels: reads.labels,
            entries: sumArrays(parts.map((p) => p.summary.readsPerEntry!.entries)),
          },
        }
      : {}),
    timeseries: series.series,
  };
  return { summary, raw: { costUsd: cost, noCacheUsd, tokenHours, endedLifetimeMs, bucketCostUsd: series.costUsd } };
}
