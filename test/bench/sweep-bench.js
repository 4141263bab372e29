// `ttlsim sweep` on the benchmark's renewal trace (setup.js: 100,000 keys, exponential gaps with a
// 4-minute mean, 20,000-token prefixes, about 1,000,000 requests per policy run, Sonnet prices): a
// 20-point TTL sweep from 1m to 2h, once on one worker (in this thread) and once on the default number
// of worker threads; prints the seconds of each, the speed-up, and whether both gave the same JSON.
// Runs from the compiled dist/ like the other benchmarks: `npm run build && node test/bench/sweep-bench.js`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planSweep } from '../../dist/sweep/plan.js';
import { defaultWorkers, runSweep } from '../../dist/sweep/run-sweep.js';
import { sweepJson } from '../../dist/report/sweep-output.js';
import { formatDuration } from '../../dist/model/format.js';
import { MEAN_GAP_MS, PREFIX_TOKENS, horizonFor } from './setup.js';

const SCALE = Number(process.env.TTLSIM_BENCH_SCALE ?? 1);
const REQUESTS = Math.max(10, Math.round(1_000_000 * SCALE));
const KEYS = Math.max(10, Math.round(100_000 * SCALE));
const TTLS = '1m..2h:20';
const TARGET_SECONDS = 60;

const scenarioYaml = `name: bench-renewal
seed: 42
horizon: ${formatDuration(horizonFor(REQUESTS, KEYS))}
pricing: { provider: anthropic, model: claude-sonnet-4-5 }
workload:
  kind: renewal
  keys: ${KEYS}
  gap: { dist: exponential, mean: ${formatDuration(MEAN_GAP_MS)} }
  prefixTokens: ${PREFIX_TOKENS}
  suffixTokens: 0
  outputTokens: 0
`;

const dir = mkdtempSync(join(tmpdir(), 'ttlsim-sweep-bench-'));
try {
  const file = join(dir, 'bench-renewal.yaml');
  writeFileSync(file, scenarioYaml);
  const plan = planSweep({ text: readFileSync(file, 'utf8'), file, ttl: TTLS, params: [] });
  const timed = async (workers) => {
    const started = process.hrtime.bigint();
    const result = await runSweep(plan, { sourcePath: file, workers });
    return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9, workers };
  };
  const one = await timed(1);
  const many = await timed(defaultWorkers());
  const requests = one.result.points[0].policies[0].requests;
  console.log(
    `TTL sweep ${TTLS} (${one.result.points.length} points, ${one.result.runs} policy runs: no-cache once, ttl-<T> at each TTL, ttl-<T>-sliding above 5m)` +
      ` · renewal, ${KEYS.toLocaleString('en-US')} keys, ${requests.toLocaleString('en-US')} requests per run`,
  );
  console.log('workers  seconds  runs/s  speed-up');
  for (const run of [one, many]) {
    console.log(
      `${String(run.workers).padEnd(7)}  ${run.seconds.toFixed(2).padStart(7)}  ${(run.result.runs / run.seconds).toFixed(2).padStart(6)}  ${(one.seconds / run.seconds).toFixed(2).padStart(7)}×`,
    );
  }
  const same = sweepJson(one.result) === sweepJson(many.result);
  console.log(`results of 1 and ${many.workers} workers byte-identical: ${same ? 'yes' : 'NO'}`);
  const slowest = Math.max(one.seconds, many.seconds);
  console.log(
    `target < ${TARGET_SECONDS} s for the sweep: ${many.seconds < TARGET_SECONDS ? 'met' : 'missed'} (${many.seconds.toFixed(1)} s on ${many.workers} workers; ${slowest.toFixed(1)} s at worst)`,
  );
  if (!same) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
