// The HTML report's specs and page, without a browser (test/browser/ opens the page for real): every
// Vega-Lite spec compiles with no warning, renders to SVG in Node, the page is self-contained, and a run
// with a huge time series stays small.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readScenarioFile } from '../../src/run/scenario-files.js';
import { runReport } from '../../src/cli/run-report.js';
import { replayLogs } from '../../src/replay/replay-logs.js';
import { runReportPage, replayReportPage, gapSentence } from '../../src/report/report-page.js';
import { gapShares } from '../../src/metrics/histograms.js';
import { reportHtml } from '../../src/report/html.js';
import { vegaLibraries } from '../../src/report/vendor.js';
import { compileChart, renderSvg } from '../../src/report/render-svg.js';
import { MAX_SERIES_POINTS } from '../../src/report/charts/policy-charts.js';
import { MAX_SERIES_BUCKETS } from '../../src/engine/timeseries.js';
import { policyColour } from '../../src/report/charts/palette.js';

const run = runReport(readScenarioFile(resolve('scenarios', 'claude-code-dev-day.yaml')));
const replay = replayLogs({ paths: [resolve('scenarios', 'logs', 'claude-code')], cwd: '.', env: {} });
const pages = { run: runReportPage(run), replay: replayReportPage(replay) };

// Rendering every chart to SVG in Node takes seconds on a loaded machine.
describe('report charts', { timeout: 240_000 }, () => {
  for (const [name, page] of Object.entries(pages)) {
    it(`${name}: every spec compiles with vega-lite without a single warning`, () => {
      for (const chart of page.charts) expect([chart.key, compileChart(chart.spec).warnings]).toEqual([chart.key, []]);
    });

    it(`${name}: every chart has a title, axis titles and tooltips, and renders to SVG in Node`, async () => {
      for (const chart of page.charts) {
        const text = JSON.stringify(chart.spec);
        expect(text, chart.key).toContain('"title"');
        expect(text, chart.key).toContain('"tooltip"');
        const svg = await renderSvg(chart.spec);
        expect(svg.startsWith('<svg'), chart.key).toBe(true);
        expect(svg, chart.key).toMatch(/class="mark-(rect|line|symbol|rule|text)/);
      }
    });
  }

  it('run has the seven kinds of chart, replay adds cost per day and miss causes', () => {
    expect(pages.run.charts.map((c) => c.key)).toEqual([
      'cost-by-policy',
      'cost-by-category',
      'hit-rates',
      'cumulative-cost',
      'hit-rate-over-time',
      'occupancy',
      'idle-gaps',
      'entry-lifetimes',
      'reads-per-entry',
    ]);
    expect(pages.replay.charts.map((c) => c.key).slice(-2)).toEqual(['cost-per-day', 'miss-causes']);
  });

  it('gives every policy the same colour in every chart, whatever other policies the chart draws', () => {
    const colours = new Map<string, Set<string>>();
    let scales = 0;
    const visit = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      const scale = (node as { scale?: { domain?: unknown; range?: unknown } }).scale;
      if (
        (node as { field?: unknown }).field === 'policy' &&
        Array.isArray(scale?.domain) &&
        Array.isArray(scale?.range)
      ) {
        scales++;
        (scale.domain as string[]).forEach((name, i) => {
          const set = colours.get(name) ?? new Set<string>();
          set.add((scale.range as string[])[i]);
          colours.set(name, set);
        });
      }
      for (const value of Object.values(node)) visit(value);
    };
    for (const page of Object.values(pages)) for (const chart of page.charts) visit(chart.spec);
    expect(scales).toBeGreaterThan(8);
    for (const [name, set] of colours) expect([name, [...set]]).toEqual([name, [policyColour(name)]]);
    // And the same colour as the table's swatch.
    const html = reportHtml(pages.run, vegaLibraries());
    for (const p of run.policies)
      expect(html).toContain(`<span class="swatch" style="background:${policyColour(p.policy)}"></span>`);
  });

  it('lists in a legend only the policies the chart draws', () => {
    const occupancy = pages.run.charts.find((c) => c.key === 'occupancy')!;
    const text = JSON.stringify(occupancy.spec);
    expect(text).not.toContain('"no-cache"');
    const category = pages.run.charts.find((c) => c.key === 'cost-by-category')!;
    // No policy of the dev day pays storage: no storage entry in the legend.
    expect(run.policies.every((p) => p.costUsd.storage === 0)).toBe(true);
    expect(JSON.stringify(category.spec)).not.toContain('"storage"');
  });

  it('says where the idle gaps fall against the 5-minute and 1-hour lines', () => {
    const shares = gapShares(run.policies[0])!;
    expect(shares.under5m + shares.from5mTo1h + shares.over1h).toBeCloseTo(1, 9);
    expect(gapSentence(shares)).toMatch(
      /^\d+\.\d% of [\d,]+ idle gaps (are under 5 minutes|fall between 5 and 60 minutes|are over an hour)/,
    );
    expect(pages.run.recommendation).toContain(gapSentence(shares));
  });
});

describe('the report page', () => {
  const html = reportHtml(pages.run, vegaLibraries());

  it('is self-contained: no script, style or image loaded from anywhere', () => {
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    expect(html).not.toMatch(/<img[^>]+src="?https?:/i);
    expect(html).toContain('vegaEmbed(');
  });

  it('keeps the summary table figures exact for tests and scripts', () => {
    for (const p of run.policies)
      expect(html).toContain(
        `><span class="swatch" style="background:${policyColour(p.policy)}"></span>${p.policy}</th><td data-field="costUsd.total" data-value="${p.costUsd.total}">`,
      );
    // The highlighted row is the verdict's policy (verdict/verdict.ts), and says so.
    expect(html).toContain(
      `<tr data-policy="${run.verdict.policy}" class="verdict"><th scope="row" data-mark="verdict">`,
    );
    expect(html.match(/class="verdict"/g)).toHaveLength(1);
  });

  it(`stays small for a fine time series: the width doubles to keep ${MAX_SERIES_BUCKETS} buckets at most, and the subtitle says so`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttlsim-big-'));
    const file = join(dir, 'big.yaml');
    writeFileSync(
      file,
      'name: big\nhorizon: 2d\npricing: { model: claude-sonnet-4-5 }\nengine: { bucket: 1s }\nworkload: { kind: renewal, keys: 20, gap: 2m, prefixTokens: 5000 }\n',
    );
    const result = runReport(readScenarioFile(file));
    // 20 keys every 2 minutes fill about 28,800 of the 172,800 one-second buckets: 512-second buckets fit.
    for (const p of result.policies) {
      expect(p.timeseries.startMs.length).toBeLessThanOrEqual(MAX_SERIES_BUCKETS);
      expect(p.timeseries.bucketMs).toBe(512_000);
    }
    const page = runReportPage(result);
    const cumulative = page.charts.find((c) => c.key === 'cumulative-cost')!;
    const points = (cumulative.spec as { layer: { data: { values: unknown[] } }[] }).layer[0].data.values.length;
    expect(points).toBeGreaterThan(0);
    expect(points).toBeLessThanOrEqual(MAX_SERIES_POINTS * result.policies.length);
    expect(JSON.stringify(cumulative.spec)).toContain('8m32s buckets');
    expect(reportHtml(page, vegaLibraries()).length).toBeLessThan(5 * 1024 * 1024);
  }, 240_000);
});
