// The HTML report's files for a command's --out folder: index.html plus each chart as Vega-Lite JSON and
// (unless --no-svg) as SVG rendered in Node (report/render-svg.ts). Written with the command's other files,
// whole (cli/output.ts). `--no-report` writes no folder at all: the command prints its answer and stops.
import type { Options } from 'yargs';
import type { OutputFile } from '../report/write-files.js';
import type { ReportPage } from '../report/html.js';

/** The flags of every command that writes a report folder. */
export interface ReportArgs {
  /** false with --no-report. */
  report?: boolean;
  /** false with --no-svg. */
  svg?: boolean;
}

export const reportOptions: Record<'report' | 'svg', Options> = {
  report: {
    type: 'boolean',
    default: true,
    describe: 'write the report folder (--no-report: print the answer, or the JSON, and write nothing)',
  },
  svg: {
    type: 'boolean',
    default: true,
    describe: 'render each chart to charts/<chart>.svg too (--no-svg: about 1 s less; index.html is the same)',
  },
};

/** Whether the command writes its report folder (and so checks its target first). */
export const wantsReport = (args: ReportArgs): boolean => args.report !== false;

export async function reportFiles(given: ReportPage, args: ReportArgs = {}): Promise<OutputFile[]> {
  // Loaded on first use: vega and vega-lite take about 0.4 s to load, which a command refused up front
  // (bad input, a bad --out), one that writes no report or one without SVGs never needs.
  const svg = args.svg !== false;
  const renderSvg = svg ? (await import('../report/render-svg.js')).renderSvg : null;
  // The page's template and the vendored scripts, likewise: `--no-report` never loads them.
  const { reportHtml } = await import('../report/html.js');
  // Colours distinct within the report (a pass over the page's charts and table).
  const page = (await import('../report/page-colours.js')).withDistinctColours(given);
  const { vegaLibraries } = await import('../report/vendor.js');
  const files: OutputFile[] = [{ name: 'index.html', content: reportHtml(page, vegaLibraries()) }];
  for (const chart of page.charts) {
    files.push({ name: `charts/${chart.key}.vl.json`, content: `${JSON.stringify(chart.spec, null, 2)}\n` });
    if (renderSvg !== null) files.push({ name: `charts/${chart.key}.svg`, content: await renderSvg(chart.spec) });
  }
  return files;
}
