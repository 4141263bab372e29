// `npm run bench`, issue 15: replay and tune of the benchmark's CSV log on one worker thread and on every
// available core (one shard each, merged in process), end to end in a child process each (the report
// folder included), and the cost of `ttlsim merge` on the partials of `--shard K/N` (each shard in its
// own process first). Checks that every way gives the same costs. Usage: node shard-bench.js <csv>
import { spawnSync } from 'node:child_process';
import { availableParallelism, tmpdir } from 'node:os';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const csv = process.argv[2];
const BIN = fileURLToPath(new URL('../../bin/ttlsim.js', import.meta.url));
const cores = availableParallelism();
const dir = mkdtempSync(join(tmpdir(), 'ttlsim-shard-bench-'));
const MB = 1024 * 1024;

/**
 * Runs ttlsim with `args`: its stdout, the wall time and the CPU time (user + system, every thread, from
 * GNU time when there is one, else null). On a loaded machine the wall time says little; the CPU time says
 * how much work the shards add, and so the speed-up that idle cores would give.
 */
function ttlsim(args) {
  const start = process.hrtime.bigint();
  const timed = existsSync(TIME);
  const result = spawnSync(
    timed ? TIME : process.execPath,
    timed ? ['-f', '%U %S', process.execPath, BIN, ...args] : [BIN, ...args],
    {
      encoding: 'utf8',
      maxBuffer: 2 ** 30,
    },
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`ttlsim ${args.join(' ')} failed: ${result.stderr}`);
  const times = timed ? result.stderr.trim().split('\n').at(-1).split(' ').map(Number) : null;
  return { stdout: result.stdout, seconds, cpuSeconds: times === null ? null : times[0] + times[1] };
}
const TIME = '/usr/bin/time';
const cpu = (run) => (run.cpuSeconds === null ? '' : ` (CPU ${run.cpuSeconds.toFixed(1)} s)`);

// The adaptive row is marked not exact in a merge (its prior pools every thread): left out of the check.
const totals = (json) =>
  JSON.parse(json)
    .policies.filter((p) => p.policy !== 'adaptive')
    .map((p) => `${p.policy}=${p.costUsd.total}`)
    .join(',');

try {
  console.log(
    `Shards on worker threads (the CSV log above, ${(statSync(csv).size / MB).toFixed(1)} MB; ${cores} core(s) available; end to end, report written):`,
  );
  console.log(
    `${'command'.padEnd(30)} ${'1 worker'.padStart(9)} ${`${cores} workers`.padStart(10)}  speed-up  same result`,
  );
  const oneWorker = {};
  for (const command of ['replay', 'tune']) {
    const run = (workers) =>
      ttlsim([
        command,
        csv,
        '--json',
        '--quiet',
        '--workers',
        String(workers),
        '--out',
        join(dir, `${command}-${workers}`),
      ]);
    const one = run(1);
    oneWorker[command] = one;
    const all = run(cores);
    console.log(
      `${`${command} (${JSON.parse(one.stdout).policies.length} policies)`.padEnd(22)} ${`${one.seconds.toFixed(2)} s${cpu(one)}`.padStart(22)} ${`${all.seconds.toFixed(2)} s${cpu(all)}`.padStart(22)}  ${`${(one.seconds / all.seconds).toFixed(2)}×`.padStart(8)}  ${totals(one.stdout) === totals(all.stdout) ? 'yes (costs)' : 'NO: DIFFERENT COSTS'}`,
    );
    if (totals(one.stdout) !== totals(all.stdout)) process.exitCode = 1;
  }
  // The merge step of a run over machines: the partials of N shards, then `ttlsim merge` alone.
  const shards = Math.max(2, cores);
  const files = [];
  let shardSeconds = 0;
  let partialBytes = 0;
  for (let k = 0; k < shards; k++) {
    const shard = ttlsim(['replay', csv, '--shard', `${k}/${shards}`]);
    shardSeconds = Math.max(shardSeconds, shard.seconds);
    const file = join(dir, `shard-${k}.json`);
    writeFileSync(file, shard.stdout);
    partialBytes += shard.stdout.length;
    files.push(file);
  }
  const merge = ttlsim(['merge', ...files, '--json', '--quiet', '--out', join(dir, 'merged')]);
  const whole = oneWorker.replay;
  console.log(
    `replay --shard k/${shards} (each its own process): slowest shard ${shardSeconds.toFixed(2)} s, partials ${(partialBytes / MB).toFixed(1)} MB; ttlsim merge ${merge.seconds.toFixed(2)} s${cpu(merge)} (report written); merged = unsplit: ${totals(merge.stdout) === totals(whole.stdout) ? 'yes (costs)' : 'NO: DIFFERENT COSTS'}`,
  );
  if (totals(merge.stdout) !== totals(whole.stdout)) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
