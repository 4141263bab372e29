// Start-up of the CLI against a bare `node` that imports yargs (the least any yargs CLI loads): each command
// run as a child process several times, alternating, median kept. The targets (issue 14) are ratios to the
// bare node measured in the same run, so they hold on a slow or busy machine as well as on an idle one.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/ttlsim.js', import.meta.url));
const SCENARIO = 'scenarios/claude-code-dev-day.yaml';

/** The start-up of a whole small run: the end-to-end section also counts it among a run's fixed parts. */
export const RUN_NO_REPORT = `ttlsim run ${SCENARIO} --no-report --json`;

export const STARTUP_CASES = [
  { name: "bare node, import('yargs')", args: ['--input-type=module', '-e', "await import('yargs')"], target: null },
  { name: 'ttlsim --version', args: [BIN, '--version'], target: 2 },
  { name: 'ttlsim prices', args: [BIN, 'prices'], target: 2 },
  { name: `ttlsim validate ${SCENARIO}`, args: [BIN, 'validate', SCENARIO], target: 2.5 },
  {
    name: RUN_NO_REPORT,
    args: [BIN, 'run', SCENARIO, '--no-report', '--json'],
    target: 3,
  },
  {
    name: `ttlsim run ${SCENARIO} --json --no-svg (report, no SVG)`,
    args: [BIN, 'run', SCENARIO, '--json', '--no-svg', '--out', '%OUT%'],
    target: null,
  },
  {
    name: `ttlsim run ${SCENARIO} --json (whole report)`,
    args: [BIN, 'run', SCENARIO, '--json', '--out', '%OUT%'],
    target: null,
  },
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Seconds per case (median of `repeats` runs, the cases alternating), and the ratio to the bare node. */
export function measureStartup(repeats, outDir) {
  const seconds = STARTUP_CASES.map(() => []);
  for (let r = 0; r < repeats; r++) {
    STARTUP_CASES.forEach((c, i) => {
      const args = c.args.map((arg) => arg.replace('%OUT%', `${outDir}/run-${i}`));
      const started = process.hrtime.bigint();
      execFileSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
      seconds[i].push(Number(process.hrtime.bigint() - started) / 1e9);
    });
  }
  const bare = median(seconds[0]);
  return STARTUP_CASES.map((c, i) => ({
    ...c,
    median: median(seconds[i]),
    min: Math.min(...seconds[i]),
    max: Math.max(...seconds[i]),
    ratio: median(seconds[i]) / bare,
  }));
}
