// The files of each command's report folder, in one place for the command and for `ttlsim merge` (which
// writes the unsplit command's folder). Loaded only when a report is written: `run --no-report` must not
// load the CSV writer or the charts (docs/performance.md, "Start-up").
import type { OutputFile } from '../report/write-files.js';
import type { RunReport } from '../report/json.js';
import { resultJson } from '../report/json.js';
import { summaryCsv, timeseriesCsv } from '../report/csv.js';
import { replayReportPage, runReportPage } from '../report/report-page.js';
import { breakdownCsv, replayJson } from '../report/replay-report.js';
import { tuneJson, tunePage } from '../report/tune-report.js';
import type { ReplayResult } from '../replay/replay-logs.js';
import type { TuneResult } from '../tune/tune.js';
import type { VerdictReport } from '../verdict/verdict.js';
import { reportFiles, type ReportArgs } from './report-output.js';

export async function runOutputFiles(result: RunReport, args: ReportArgs = {}): Promise<OutputFile[]> {
  return [
    { name: 'summary.json', content: resultJson(result) },
    { name: 'summary.csv', content: summaryCsv(result) },
    { name: 'timeseries.csv', content: timeseriesCsv(result) },
    ...(await reportFiles(runReportPage(result), args)),
  ];
}

export async function replayOutputFiles(
  result: ReplayResult,
  verdict: VerdictReport,
  args: ReportArgs = {},
): Promise<OutputFile[]> {
  return [
    { name: 'summary.json', content: replayJson(result, verdict) },
    { name: 'summary.csv', content: summaryCsv(result) },
    { name: 'timeseries.csv', content: timeseriesCsv(result) },
    { name: 'breakdown.csv', content: breakdownCsv(result) },
    ...(await reportFiles(replayReportPage(result, verdict), args)),
  ];
}

export async function tuneOutputFiles(result: TuneResult, args: ReportArgs = {}): Promise<OutputFile[]> {
  return [{ name: 'tune.json', content: tuneJson(result) }, ...(await reportFiles(tunePage(result), args))];
}
