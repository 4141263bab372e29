// CSV exports of a run: one row per policy (summary.csv) and one row per policy and bucket
// (timeseries.csv), and csvTable, through which every CSV ttlsim writes goes (replay-report.ts,
// sweep-output.ts). Column names are part of the public contract: add columns, never rename them.
import { stringify } from 'csv-stringify/sync';
import type { PolicySummary } from '../metrics/summarise.js';
import { round } from '../metrics/summarise.js';

/** What the CSV exports read: a run's or a replay's name, seed and policy rows. */
export interface PolicyRows {
  readonly scenario: string;
  readonly seed: number;
  readonly policies: readonly PolicySummary[];
}

/** A cell as the writers give it: text from the input or the tool, or a number the tool computed. */
export type CsvCell = string | number | null;

/**
 * Rows to CSV text with a header. Cells are data, never formulas: text that a spreadsheet would run
 * (starting with `=`, `+`, `-`, `@`, tab or carriage return, OWASP's CSV-injection rule, plus their
 * full-width forms) gets a leading apostrophe, by csv-stringify's `escape_formulas`; numbers the tool
 * computed stay numbers, negative ones included. Names from scenario files and logs (policies,
 * projects, sessions) reach the cells and the header. A number that is not finite is a bug upstream,
 * refused here rather than written as `Infinity` or `NaN`.
 */
export function csvTable(rows: readonly Readonly<Record<string, CsvCell>>[]): string {
  for (const row of rows)
    for (const [column, cell] of Object.entries(row))
      if (typeof cell === 'number' && !Number.isFinite(cell))
        throw new Error(`CSV column ${column}: ${cell} is not a finite number`);
  return stringify(rows as Record<string, CsvCell>[], { header: true, escape_formulas: true });
}

export function summaryCsv(result: PolicyRows): string {
  const rows = result.policies.map((p) => ({
    scenario: result.scenario,
    seed: result.seed,
    policy: p.policy,
    requests: p.requests,
    hits: p.hits,
    hitRate: p.hitRate,
    tokenHitRate: p.tokenHitRate,
    inputTokens: p.tokens.input,
    cacheWrite5mTokens: p.tokens.cacheWrite5m,
    cacheWrite1hTokens: p.tokens.cacheWrite1h,
    cacheReadTokens: p.tokens.cacheRead,
    outputTokens: p.tokens.output,
    inputUsd: p.costUsd.input,
    cacheWrite5mUsd: p.costUsd.cacheWrite5m,
    cacheWrite1hUsd: p.costUsd.cacheWrite1h,
    cacheReadUsd: p.costUsd.cacheRead,
    outputUsd: p.costUsd.output,
    storageUsd: p.costUsd.storage,
    totalUsd: p.costUsd.total,
    savingsVsNoCache: p.savingsVsNoCache,
    partialHits: p.partialHits,
    keepalivePings: p.keepalivePings,
    entriesWritten: p.entriesWritten,
    expirations: p.expirations,
    wastedWrites: p.wastedWrites,
    evictions: p.evictions,
    peakLiveEntries: p.peakLiveEntries,
    peakLiveTokens: p.peakLiveTokens,
    tokenHoursStored: p.tokenHoursStored,
    meanEntryLifetimeMs: p.meanEntryLifetimeMs,
  }));
  return csvTable(rows);
}

export function timeseriesCsv(result: PolicyRows): string {
  const rows: Record<string, CsvCell>[] = [];
  for (const p of result.policies) {
    const series = p.timeseries;
    let cumulativeUsd = 0;
    for (let k = 0; k < series.startMs.length; k++) {
      cumulativeUsd += series.costUsd[k];
      rows.push({
        policy: p.policy,
        bucketStartMs: series.startMs[k],
        bucketMs: series.bucketMs,
        requests: series.requests[k],
        hits: series.hits[k],
        hitRate: series.requests[k] === 0 ? 0 : round(series.hits[k] / series.requests[k]),
        keepalivePings: series.keepalivePings[k],
        costUsd: series.costUsd[k],
        cumulativeCostUsd: round(cumulativeUsd),
        liveEntries: series.liveEntries[k],
        liveTokens: series.liveTokens[k],
      });
    }
  }
  return csvTable(rows);
}
