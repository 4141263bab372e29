// The HTML report's files for a command's --out folder: index.html plus each chart as Vega-Lite JSON and
// as SVG rendered in Node (report/render-svg.ts). Written with the command's other files, whole (cli/output.ts).
import type { OutputFile } from '../report/write-files.js';
import type { ReportPage } from '../report/html.js';
import { reportHtml } from '../report/html.js';
import { vegaLibraries } from '../report/vendor.js';

export async function reportFiles(page: ReportPage): Promise<OutputFile[]> {
  // Loaded on first use: vega and vega-lite take about 0.4 s to load, which a command refused up front
  // (bad input, a bad --out) or one that writes no report never needs.
  const { renderSvg } = await import('../report/render-svg.js');
  const files: OutputFile[] = [{ name: 'index.html', content: reportHtml(page, vegaLibraries()) }];
  for (const chart of page.charts) {
    files.push({ name: `charts/${chart.key}.vl.json`, content: `${JSON.stringify(chart.spec, null, 2)}\n` });
    files.push({ name: `charts/${chart.key}.svg`, content: await renderSvg(chart.spec) });
  }
  return files;
}
