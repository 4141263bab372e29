// The readable answer of `ttlsim run`: a comparison table, cheapest policy first, then the verdict
// (verdict/verdict.ts) in the words `replay` and `tune` print it.
import Table from 'cli-table3';
import { byCost } from '../metrics/summarise.js';
import { formatCount, formatDuration, formatPercent, formatUsd } from '../model/format.js';
import type { RunReport } from './json.js';
import { savesColumn, verdictLines } from './verdict-text.js';

/** Table borders without a rule between rows: one line per policy. */
export const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** Every terminal table's frame: compact, uncoloured, the first column left and the rest right unless told. */
export function compactTable(
  head: readonly string[],
  colAligns: readonly ('left' | 'right')[] = head.map((_, i) => (i === 0 ? 'left' : 'right')),
): Table.Table {
  return new Table({ head: [...head], colAligns: [...colAligns], style: { head: [], border: [] }, chars: COMPACT });
}

export function formatComparison(result: RunReport): string {
  const requests = result.policies[0]?.requests ?? 0;
  const refresh = Object.entries(result.pricing.refresh)
    .map(([label, mode]) => `${label} ${mode}`)
    .join(', ');
  const header = [
    `Scenario ${result.scenario} · seed ${result.seed} · horizon ${formatDuration(result.horizonMs)} · ${formatCount(requests)} requests`,
    `Prices: ${result.pricing.displayName} (${result.pricing.provider}, as of ${result.pricing.asOf}) · default refresh: ${refresh}`,
  ];
  // One sign convention, as replay's table: the saving against the verdict's baseline (positive is saved);
  // against no-cache that is the `vs no-cache` column already, so it is not printed twice.
  const saves = savesColumn(result.verdict.baseline);
  const head = [
    'policy',
    'total',
    ...(saves === null ? [] : [saves.head]),
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
      ...(saves === null ? [] : [saves.cell(p.costUsd.total)]),
      formatPercent(p.savingsVsNoCache),
      formatPercent(p.hitRate),
      formatPercent(p.tokenHitRate),
      formatCount(p.entriesWritten),
      formatCount(p.wastedWrites),
      formatCount(p.keepalivePings),
    ]);
  }
  return `${[...header, table.toString(), ...verdictLines(result, null)].join('\n')}\n`;
}
