// The HTML summary table (issue 13): every policy cheapest first, each with its chart colour, the verdict's
// row highlighted (not merely the cheapest), a `saves vs <baseline>` column with the verdict's sign (positive
// is money saved), and tune's oracle as a yardstick row. PURE.
import type { PolicySummary } from '../metrics/summarise.js';
import { chartVerdict, type ChartVerdict } from './charts/chart.js';
import { policyColour } from './charts/palette.js';
import type { Column } from './html.js';
import { formatPercent } from '../model/format.js';
import { savedAgainst, savesColumn } from './verdict-text.js';

export function summaryRows(
  policies: readonly PolicySummary[],
  given: ChartVerdict | undefined,
  columns: readonly Column[],
  escapeHtml: (text: string) => string,
  colours?: ReadonlyMap<string, string>,
): string {
  const verdict = chartVerdict(policies, given);
  const base = verdict.baseline;
  const vsBaseline: Column = {
    field: 'savesVsBaseline',
    head: `saves vs ${escapeHtml(base.policy)}`,
    show: (p) => (p.policy === base.policy ? 'baseline' : signed(savedAgainst(p.costUsd.total, base.costUsd))),
    value: (p) => savedAgainst(p.costUsd.total, base.costUsd),
  };
  // The new column right after the total, where the terminal tables put theirs. Where the terminal drops it
  // as a repeat of `vs no-cache` (verdict-text.ts savesColumn), this table drops `saves vs no cache` instead,
  // keeping the one that marks the baseline row.
  const repeats = savesColumn(base) === null;
  const rest = columns.slice(1).filter((c) => !(repeats && c.field === 'savingsVsNoCache'));
  const all = [columns[0], vsBaseline, ...rest];
  const rows = [...policies]
    .sort((a, b) => a.costUsd.total - b.costUsd.total)
    .map((p) => {
      // Without a verdict (sweep, a run that draws none) the highlighted row is the cheapest, and says so.
      const mark =
        p.policy === verdict.policy
          ? given === undefined
            ? 'cheapest'
            : 'verdict'
          : p.policy === 'oracle'
            ? 'offline optimum'
            : null;
      const kind = mark === null ? '' : mark === 'offline optimum' ? ' class="yardstick"' : ' class="verdict"';
      const swatch = `<span class="swatch" style="background:${colours?.get(p.policy) ?? policyColour(p.policy)}"></span>`;
      const cells = all.map(
        (c) => `<td data-field="${c.field}" data-value="${c.value(p)}">${escapeHtml(c.show(p))}</td>`,
      );
      return `<tr data-policy="${escapeHtml(p.policy)}"${kind}><th scope="row"${mark === null ? '' : ` data-mark="${mark}"`}>${swatch}${escapeHtml(p.policy)}</th>${cells.join('')}</tr>`;
    });
  return `<table id="summary">
<thead><tr><th>policy</th>${all.map((c) => `<th>${c.head}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

const signed = (fraction: number): string =>
  `${fraction > 0 ? '+' : fraction < 0 ? '−' : ''}${formatPercent(Math.abs(fraction))}`;
