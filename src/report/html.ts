// The HTML report (issue 4): one self-contained page — header, summary table, Vega-Lite charts — with
// vega, vega-lite and vega-embed inlined, so it opens from file:// with no network and can be attached
// to an issue. PURE: the library sources are passed in (report/vendor.ts reads them).
import type { PolicySummary } from '../metrics/summarise.js';
import type { Chart, ChartVerdict } from './charts/chart.js';
import { formatCount, formatPercent, formatUsd } from '../model/format.js';
import { summaryRows } from './summary-rows.js';

export interface VegaLibraries {
  readonly vega: string;
  readonly vegaLite: string;
  readonly vegaEmbed: string;
}

export interface ReportPage {
  /** The page title and heading: `ttlsim · support-bot`. */
  readonly title: string;
  /** Label/value pairs under the heading: seed, horizon, prices and their date, 1h semantics. */
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  /** The decision in one sentence. */
  readonly recommendation: string;
  /** Further lines under it (replay: as recorded, reconciliation). */
  readonly notes: readonly string[];
  readonly policies: readonly PolicySummary[];
  readonly charts: readonly Chart[];
  /** Each policy's colour when some differ from palette.ts policyColour (page-colours.ts: distinct in one report). */
  readonly colours?: ReadonlyMap<string, string>;
  /** The verdict's policy (its row highlighted) and the baseline of the `vs baseline` column; else the cheapest against the first. */
  readonly verdict?: ChartVerdict;
}

/** The summary table's columns: field path in the policy summary, header, and how to show it. */
export interface Column {
  field: string;
  head: string;
  show: (p: PolicySummary) => string;
  value: (p: PolicySummary) => number;
}

const COLUMNS: readonly Column[] = [
  {
    field: 'costUsd.total',
    head: 'total cost',
    show: (p) => formatUsd(p.costUsd.total),
    value: (p) => p.costUsd.total,
  },
  {
    field: 'savingsVsNoCache',
    head: 'saves vs no cache',
    show: (p) => formatPercent(p.savingsVsNoCache),
    value: (p) => p.savingsVsNoCache,
  },
  { field: 'hitRate', head: 'hit rate', show: (p) => formatPercent(p.hitRate), value: (p) => p.hitRate },
  {
    field: 'tokenHitRate',
    head: 'token hit rate',
    show: (p) => formatPercent(p.tokenHitRate),
    value: (p) => p.tokenHitRate,
  },
  {
    field: 'entriesWritten',
    head: 'writes',
    show: (p) => formatCount(p.entriesWritten),
    value: (p) => p.entriesWritten,
  },
  { field: 'expirations', head: 'expirations', show: (p) => formatCount(p.expirations), value: (p) => p.expirations },
  {
    field: 'wastedWrites',
    head: 'wasted writes',
    show: (p) => formatCount(p.wastedWrites),
    value: (p) => p.wastedWrites,
  },
];

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** JSON inside a <script> element: `</script>` and `<!--` must not appear in it. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');
/** A library inside a <script> element: the same rule for its source text. */
const scriptSource = (source: string): string => source.replace(/<\/script/gi, '<\\/script');

export function reportHtml(page: ReportPage, libraries: VegaLibraries): string {
  const table = summaryRows(page.policies, page.verdict, COLUMNS, escapeHtml, page.colours);
  const figures = page.charts
    .map(
      (chart) =>
        `<figure class="chart" id="chart-${chart.key}"><div class="vega"></div><script type="application/json" class="spec">${scriptJson(chart.spec)}</script></figure>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>
  body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; margin: 0 auto; max-width: 1120px; padding: 24px; }
  h1 { font-size: 22px; margin: 0 0 6px; }
  .facts { color: #555; margin: 0 0 14px; font-size: 13px; }
  .facts span { margin-right: 16px; display: inline-block; max-width: 100%; overflow-wrap: anywhere; }
  .recommendation .line { display: block; }
  .recommendation .action { display: block; font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; margin: 2px 0 2px 12px; overflow-wrap: anywhere; }
  .recommendation { font-size: 17px; background: #f3f7fb; border-left: 4px solid #0072B2; padding: 10px 14px; margin: 0 0 10px; }
  .notes { color: #444; font-size: 13px; margin: 0 0 18px; }
  .vega { max-width: 100%; overflow-x: auto; }
  table { border-collapse: collapse; margin: 0 0 24px; font-variant-numeric: tabular-nums; }
  th, td { padding: 4px 12px; border-bottom: 1px solid #e5e5e5; text-align: right; }
  th[scope="row"], thead th:first-child { text-align: left; }
  th[scope="row"] { white-space: nowrap; }
  thead th { font-weight: 600; border-bottom: 2px solid #ccc; }
  tbody tr.verdict { background: #f0f8f3; font-weight: 600; }
  tbody th[data-mark]::after { content: " ◀ " attr(data-mark); font-weight: 400; color: #555; font-size: 12px; }
  tbody tr.yardstick { color: #666; font-style: italic; }
  .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; border-radius: 2px; vertical-align: baseline; }
  .charts { display: grid; grid-template-columns: 1fr; gap: 28px; }
  figure { margin: 0; }
  footer { color: #777; font-size: 12px; margin-top: 32px; }
</style>
</head>
<body>
<h1>${escapeHtml(page.title)}</h1>
<p class="facts">${page.facts.map((f) => `<span><b>${escapeHtml(f.label)}</b> ${escapeHtml(f.value)}</span>`).join('')}</p>
<p class="recommendation">${recommendationHtml(page.recommendation)}</p>
${page.notes.length === 0 ? '' : `<p class="notes">${page.notes.map(escapeHtml).join('<br>')}</p>`}
${table}
<div class="charts">
${figures}
</div>
<footer>Made by ttlsim. Charts: Vega-Lite, rendered offline (the libraries are inside this file).</footer>
<script>${scriptSource(libraries.vega)}</script>
<script>${scriptSource(libraries.vegaLite)}</script>
<script>${scriptSource(libraries.vegaEmbed)}</script>
<script>
(function () {
  var figures = Array.prototype.slice.call(document.querySelectorAll('figure.chart'));
  Promise.all(figures.map(function (figure) {
    var spec = JSON.parse(figure.querySelector('script.spec').textContent);
    return vegaEmbed(figure.querySelector('.vega'), spec, { renderer: 'svg', actions: false });
  })).then(function () {
    document.body.dataset.rendered = 'true';
  }, function (error) {
    document.body.dataset.error = String(error && error.message || error);
  });
})();
</script>
</body>
</html>
`;
}

/**
 * The header's sentences, one line each: the verdict, then each action as the user would type it (the
 * lines the terminal indents), then what follows. A line break in `text` separates them.
 */
function recommendationHtml(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => `<span class="${line.startsWith('  ') ? 'action' : 'line'}">${escapeHtml(line.trim())}</span>`)
    .join('');
}
