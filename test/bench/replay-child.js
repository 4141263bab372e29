// One replay benchmark in its own process, so that its peak RSS is its own; prints the figures as JSON.
//   node test/bench/replay-child.js replay <path> [format]   replayLogs over a folder or file, once
//   node test/bench/replay-child.js csv-reader <file>         the CSV reader alone (RawLines → CsvArrivals), drained
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
} else if (mode === 'csv-reader') {
  const started = process.hrtime.bigint();
  const problems = new ProblemLog();
  const arrivals = new CsvArrivals(
    new RawLines(path),
    { model: 'claude-sonnet-4-5', scope: 'bench', originMs: 1767225600000 },
    new SegmentKeys(),
    problems,
  );
  let rows = 0;
  for (let next = arrivals.next(); next.done !== true; next = arrivals.next()) rows++;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(JSON.stringify({ rows, problems: problems.count, seconds, maxRssMb: maxRssMb() }));
} else {
  console.error('usage: node test/bench/replay-child.js replay <path> [format] | csv-reader <file>');
  process.exit(2);
}
