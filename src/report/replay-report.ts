// The readable answer of `ttlsim replay`: what the logs were billed, how faithfully the simulation
// reproduces it, what each policy would have cost on the same requests, and where the money went.
import type { ReplayResult } from '../replay/replay-logs.js';
import type { BreakdownRow } from '../replay/breakdowns.js';
import { type PolicySummary, byCost } from '../metrics/summarise.js';
import { compactTable } from './comparison.js';
import { formatCount, formatDuration, formatPercent, formatUsd } from '../model/format.js';
import { replayMessages } from '../replay/messages.js';
import { csvTable, type CsvCell } from './csv.js';
import { whatRanLines } from './what-ran.js';
import type { View } from '../replay/breakdowns.js';
import { viewTable, windowText } from './replay-views.js';

import type { VerdictReport } from '../verdict/verdict.js';
import { savesColumn, signedPercent, verdictLines } from './verdict-text.js';

export function formatReplay(result: ReplayResult, verdictReport?: VerdictReport, by?: View): string {
  const lines: string[] = [];
  const requests = result.policies[0]?.requests ?? 0;
  lines.push(
    `Replay of ${formatCount(result.files)} file(s), ${(result.bytes / 1e6).toFixed(1)} MB · ${formatCount(requests)} requests ${windowText(result) ?? `${result.startIso.startsWith('1970-01-01') ? 'with relative times' : `from ${result.startIso.slice(0, 16).replace('T', ' ')} UTC`} over ${formatDuration(result.horizonMs)}`}`,
    `Prices: ${replayMessages.pricedBy(result.pricing.provider, result.pricing.providerFrom)}, as of ${result.pricing.asOf} · models: ${result.pricing.models.join(', ')}`,
  );
  const unpriced = result.problems.unpriced;
  if (unpriced.count > 0) lines.push(replayMessages.unpricedNote(unpriced.count, Object.keys(unpriced.byModel)));
  if (result.pricing.fiveMinuteOnly.length > 0)
    lines.push(replayMessages.fiveMinuteOnlyNote(result.pricing.fiveMinuteOnly));
  const recorded = result.asRecorded;
  const reconciliation = result.reconciliation;
  if (recorded !== null && reconciliation !== null) {
    const t = recorded.tokens;
    lines.push(
      `As recorded: ${formatUsd(recorded.costUsd.total)} (reads ${formatCount(t.cacheRead)}, 5m writes ${formatCount(t.cacheWrite5m)}, 1h writes ${formatCount(t.cacheWrite1h)}, input ${formatCount(t.input)}, output ${formatCount(t.output)} tokens)`,
      ...whatRanLines(recorded.ttlMix),
      `Reconciliation: ${formatCount(reconciliation.agreeing)} of ${formatCount(reconciliation.requests)} requests (${formatPercent(reconciliation.agreement)}) used the cache as recorded, ${formatCount(reconciliation.tokenExact)} to the token; simulated as-recorded cost ${formatUsd(reconciliation.simulatedCostUsd)} (${signedPercent(reconciliation.costDifference)}).`,
    );
  }
  const saves = verdictReport === undefined ? null : savesColumn(verdictReport.verdict.baseline);
  const head = [
    'policy',
    'total',
    // With a verdict, one sign convention: the saving against its baseline (positive is money saved),
    // by the rule of run's and tune's tables (verdict-text.ts savesColumn).
    ...(saves !== null ? [saves.head] : verdictReport === undefined && recorded !== null ? ['vs recorded'] : []),
    'vs no-cache',
    'hit rate',
    'token hit',
    'writes',
    'wasted',
    'pings',
  ];
  const table = compactTable(head);
  for (const p of byCost(result.policies)) {
    table.push([
      p.policy,
      formatUsd(p.costUsd.total),
      ...(saves !== null
        ? [saves.cell(p.costUsd.total)]
        : verdictReport === undefined && recorded !== null
          ? [signedPercent(recorded.costUsd.total === 0 ? 0 : p.costUsd.total / recorded.costUsd.total - 1)]
          : []),
      formatPercent(p.savingsVsNoCache),
      formatPercent(p.hitRate),
      formatPercent(p.tokenHitRate),
      formatCount(p.entriesWritten),
      formatCount(p.wastedWrites),
      formatCount(p.keepalivePings),
    ]);
  }
  lines.push(
    table.toString(),
    ...(verdictReport === undefined
      ? [verdict(result)]
      : verdictLines(verdictReport, recorded === null ? null : recorded.costUsd.total)),
  );
  lines.push(breakdownTable('thread kind', result.breakdowns.byThreadKind, result));
  if (by !== undefined) lines.push(viewTable(result, by));
  else if (result.breakdowns.byDay.length > 1) lines.push(breakdownTable('day', result.breakdowns.byDay, result));
  const causes = Object.entries(result.missCauses.recorded);
  if (causes.length > 0) {
    const gaps = result.missCauses.recordedIdleGapsMs;
    const shownGaps =
      gaps.length === 0
        ? ''
        : ` Idle gaps before the expiries: ${gaps
            .slice(0, 8)
            .map((ms) => formatDuration(Math.round(ms / 1000) * 1000))
            .join(', ')}${gaps.length > 8 ? ', …' : ''}.`;
    lines.push(`Recorded misses by cause: ${causes.map(([cause, n]) => `${cause} ${n}`).join(', ')}.${shownGaps}`);
  }
  if (reconciliation !== null && reconciliation.disagreements.length > 0) {
    lines.push(
      `Requests the simulation did not reproduce (${formatCount(reconciliation.requests - reconciliation.agreeing)}${reconciliation.disagreements.length < reconciliation.requests - reconciliation.agreeing ? `, first ${reconciliation.disagreements.length}; --explain lists all` : ''}):`,
    );
    for (const d of reconciliation.disagreements) {
      lines.push(
        `  ${d.file}:${d.line} ${d.atIso}: recorded ${d.recorded.class} (read ${formatCount(d.recorded.read)}, wrote ${formatCount(d.recorded.write)}), simulated ${d.simulated.class} (read ${formatCount(d.simulated.read)}, wrote ${formatCount(d.simulated.write)}): ${d.cause}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** One sentence: the cheapest policy, against what was paid. */
function verdict(result: ReplayResult): string {
  const counterfactuals = result.policies.filter((p) => p.policy !== 'as-recorded');
  const best = byCost(counterfactuals)[0];
  if (best === undefined) return '';
  const recorded = result.asRecorded?.costUsd.total;
  if (recorded === undefined)
    return `${best.policy} is cheapest: ${formatUsd(best.costUsd.total)}, ${formatPercent(best.savingsVsNoCache)} less than no caching.`;
  const delta = recorded - best.costUsd.total;
  if (delta <= 0)
    return `What you ran was already the cheapest: ${formatUsd(recorded)}; the best alternative, ${best.policy}, would have cost ${formatUsd(best.costUsd.total)}.`;
  return `${best.policy} would have cost ${formatUsd(best.costUsd.total)}: ${formatUsd(delta)} (${formatPercent(delta / recorded)}) less than the ${formatUsd(recorded)} recorded.`;
}

function breakdownTable(dimension: string, rows: readonly BreakdownRow[], result: ReplayResult): string {
  const names = result.policies.map((p: PolicySummary) => p.policy);
  const withRecorded = result.asRecorded !== null;
  const head = [
    dimension,
    'requests',
    ...(withRecorded ? ['recorded'] : []),
    ...names.filter((n) => n !== 'as-recorded'),
  ];
  const table = compactTable(head);
  for (const row of rows) {
    table.push([
      row.key,
      formatCount(row.requests),
      ...(withRecorded ? [formatUsd(row.asRecordedUsd ?? 0)] : []),
      ...names.filter((n) => n !== 'as-recorded').map((n) => formatUsd(row.costUsd[n] ?? 0)),
    ]);
  }
  return table.toString();
}

/** breakdown.csv: one row per dimension and key, a cost column per policy. */
export function breakdownCsv(result: ReplayResult): string {
  const rows: Record<string, CsvCell>[] = [];
  const dimensions = [
    ['day', result.breakdowns.byDay],
    ['project', result.breakdowns.byProject],
    ['session', result.breakdowns.bySession],
    ['threadKind', result.breakdowns.byThreadKind],
    ['week', result.breakdowns.byWeek],
    ['month', result.breakdowns.byMonth],
    ['model', result.breakdowns.byModel],
  ] as const;
  for (const [dimension, list] of dimensions) {
    for (const row of list) {
      const out: Record<string, CsvCell> = {
        dimension,
        key: row.key,
        requests: row.requests,
        asRecordedUsd: row.asRecordedUsd,
      };
      for (const p of result.policies) out[`${p.policy}Usd`] = row.costUsd[p.policy] ?? 0;
      rows.push(out);
    }
  }
  return csvTable(rows);
}

export function replayJson(result: ReplayResult, verdictReport?: VerdictReport): string {
  return `${JSON.stringify({ ...result, ...verdictReport }, null, 2)}\n`;
}
