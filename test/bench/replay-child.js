// One replay benchmark in its own process, so that its peak RSS is its own; prints the figures as JSON.
//   node test/bench/replay-child.js replay <path> [format]   replayLogs over a folder or file, once
//   node test/bench/replay-child.js csv-reader <file>         the CSV reader alone (RawLines → CsvArrivals), drained
//   node test/bench/replay-child.js csv-reader-prompts <file>  the same, reading each request's prompt as a simulation does
//   node test/bench/replay-child.js csv-reader-prefetch <file> the same, with the look-ahead loading the prompts (prefetchPrompts)
import { replayLogs } from '../../dist/replay/replay-logs.js';
import { CsvArrivals } from '../../dist/logs/csv.js';
import { RawLines } from '../../dist/logs/read-lines.js';
import { SegmentKeys } from '../../dist/workload/segment-keys.js';
import { ProblemLog } from '../../dist/logs/types.js';

const [mode, path, format] = process.argv.slice(2);
const maxRssMb = () => process.resourceUsage().maxRSS / 1024;

if (mode === 'replay') {
  const started = process.hrtime.bigint();
  const result = replayLogs({ paths: [path], cwd: process.cwd(), env: {}, ...(format ? { format } : {}) });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rec = result.reconciliation;
  process.stdout.write(
    JSON.stringify({
      files: result.files,
      bytes: result.bytes,
      requests: result.policies[0].requests,
      policies: result.policies.map((p) => p.policy),
      problems: result.problems.count,
      seconds,
      maxRssMb: maxRssMb(),
      reconciliation:
        rec === null
          ? null
          : {
              requests: rec.requests,
              agreeing: rec.agreeing,
              agreement: rec.agreement,
              tokenExact: rec.tokenExact,
              costDifference: rec.costDifference,
            },
    }),
  );
} else if (mode === 'csv-reader' || mode === 'csv-reader-prompts' || mode === 'csv-reader-prefetch') {
  const readsPrompts = mode !== 'csv-reader';
  const started = process.hrtime.bigint();
  const problems = new ProblemLog();
  const arrivals = new CsvArrivals(
    new RawLines(path),
    {
      model: 'claude-sonnet-4-5',
      scope: 'bench',
      originMs: 1767225600000,
      prefetchPrompts: mode === 'csv-reader-prefetch',
    },
    new SegmentKeys(),
    problems,
  );
  let rows = 0;
  // The prompt tokens of every row, printed so that reading them is not dead code.
  let promptTokens = 0;
  for (let next = arrivals.next(); next.done !== true; next = arrivals.next()) {
    rows++;
    if (readsPrompts && next.value.segmentCount > 0) promptTokens += next.value.segments[0].tokens;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(JSON.stringify({ rows, problems: problems.count, promptTokens, seconds, maxRssMb: maxRssMb() }));
} else {
  console.error(
    'usage: node test/bench/replay-child.js replay <path> [format] | csv-reader[-prompts|-prefetch] <file>',
  );
  process.exit(2);
}
