// The CLI's wiring of the bootstrap's second thread (cli/main.ts, cli/resample-thread.ts), as a user runs
// it: a replay over 20,000 sessions (2·10^7 draws, OFFLOAD_MIN_DRAWS) starts the thread, and prints the same
// JSON as the same replay pinned to one core (`taskset -c 0`: the machine then reports one core, and the
// bootstrap stays in its thread). The module listing of startup-modules.test.ts tells which ran. That the
// thread makes the same draws is resample-thread.test.ts's. Child processes of the built CLI (`npm test`
// builds it first); the machine must have two cores, as CI's has.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SESSIONS = 20_000;
const LISTING = resolve('test/fixtures/startup/loaded-modules.mjs');

/** The replay's stdout, and whether its process loaded the thread's entry. */
function replay(csv: string, pinned: boolean): { stdout: string; stderr: string; threaded: boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'ttlsim-resample-modules-'));
  const listed = join(dir, 'modules.txt');
  writeFileSync(listed, '');
  const node = [process.execPath, '--import', LISTING, 'bin/ttlsim.js'];
  const args = ['replay', csv, '--format', 'csv', '--workers', '1', '--no-report', '--json'];
  const command = pinned ? ['taskset', '-c', '0', ...node] : node;
  const result = spawnSync(command[0], [...command.slice(1), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
    env: { ...process.env, TTLSIM_LOADED_MODULES: listed },
  });
  expect(result.error).toBeUndefined();
  expect(result.status).toBe(0);
  const threaded = readFileSync(listed, 'utf8').includes('/dist/cli/resample-worker.js');
  return { stdout: result.stdout, stderr: result.stderr, threaded };
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

  it('on a second thread, and prints what one thread prints', () => {
    expect(availableParallelism()).toBeGreaterThanOrEqual(2);
    const split = replay(csv, false);
    const whole = replay(csv, true);
    expect(split.stderr).toBe('');
    expect(split.threaded).toBe(true);
    expect(whole.threaded).toBe(false);
    expect(split.stdout).toBe(whole.stdout);
    expect((JSON.parse(split.stdout) as { verdict: { ci: unknown } }).verdict.ci).not.toBeNull();
  });
});
