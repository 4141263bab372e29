// The CLI's wiring of the bootstrap's second thread (cli/main.ts, cli/resample-thread.ts): a replay over
// 20,000 sessions (2·10^7 draws, OFFLOAD_MIN_DRAWS) starts a thread (the process's 'worker' event, however
// soon the thread then starts: under load the caller may cancel it and make its share itself), and prints
// the same JSON as the built CLI pinned to one core (`taskset -c 0`: the machine then reports one core, no
// thread is started, and the module listing of startup-modules.test.ts shows none loaded). That the thread
// makes the same draws is resample-thread.test.ts's. The machine must have two cores, as CI's has.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ttlsim } from './capture.js';

const SESSIONS = 20_000;
const LISTING = resolve('test/fixtures/startup/loaded-modules.mjs');
const ARGS = ['--format', 'csv', '--workers', '1', '--no-report', '--json'];

/** The built CLI's replay of `csv` on one core: its stdout, and whether it loaded the thread's entry. */
function pinnedReplay(csv: string): { stdout: string; threaded: boolean } {
  const listed = join(mkdtempSync(join(tmpdir(), 'ttlsim-resample-modules-')), 'modules.txt');
  writeFileSync(listed, '');
  const result = spawnSync(
    'taskset',
    ['-c', '0', process.execPath, '--import', LISTING, 'bin/ttlsim.js', 'replay', csv, ...ARGS],
    { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, env: { ...process.env, TTLSIM_LOADED_MODULES: listed } },
  );
  expect(result.error).toBeUndefined();
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return { stdout: result.stdout, threaded: readFileSync(listed, 'utf8').includes('/dist/cli/resample-worker.js') };
}

describe('the CLI splits a large bootstrap', { timeout: 240_000 }, () => {
  let csv: string;
  beforeAll(() => {
    // Two requests per key, twenty minutes apart (1h writes pay, 5m ones lapse): a CSV key is a session.
    const rows: [number, string][] = [];
    const originMs = Date.UTC(2026, 0, 5);
    for (let k = 0; k < SESSIONS; k++) {
      const atMs = originMs + k * 1_000;
      rows.push([atMs, `${atMs},k${k},4000,300,100`], [atMs + 1_200_000, `${atMs + 1_200_000},k${k},4000,300,100`]);
    }
    rows.sort((a, b) => a[0] - b[0]);
    csv = join(mkdtempSync(join(tmpdir(), 'ttlsim-resample-')), 'requests.csv');
    writeFileSync(
      csv,
      ['timestamp,key,prefixTokens,suffixTokens,outputTokens', ...rows.map(([, row]) => row), ''].join('\n'),
    );
  });

  it('on a second thread, and prints what one thread prints', async () => {
    expect(availableParallelism()).toBeGreaterThanOrEqual(2);
    let started = 0;
    const onWorker = () => started++;
    process.on('worker', onWorker);
    let split: Awaited<ReturnType<typeof ttlsim>>;
    try {
      split = await ttlsim(['replay', csv, ...ARGS]);
      // Node emits 'worker' on the tick after the thread is created, after the promises already resolved.
      await new Promise((settled) => setImmediate(settled));
    } finally {
      process.off('worker', onWorker);
    }
    expect(split.stderr).toBe('');
    expect(split.code).toBe(0);
    expect(started).toBe(1);
    const whole = pinnedReplay(csv);
    expect(whole.threaded).toBe(false);
    expect(split.stdout).toBe(whole.stdout);
    expect((JSON.parse(split.stdout) as { verdict: { ci: unknown } }).verdict.ci).not.toBeNull();
  });
});
