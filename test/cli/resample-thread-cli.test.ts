// The CLI's wiring of the bootstrap's second thread (cli/main.ts, cli/resample-thread.ts): a replay over
// 20,000 sessions (2·10^7 draws, OFFLOAD_MIN_DRAWS) asks for it, and prints the same JSON as when the
// machine reports one core, where the bootstrap stays in one thread. That the thread gives the same draws
// is test/cli/resample-thread.test.ts's, which also checks that it really runs.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ttlsim } from './capture.js';

const cores = vi.hoisted(() => ({ reported: 2, asked: 0 }));
vi.mock('node:os', async (importOriginal) => {
  const os = await importOriginal<typeof import('node:os')>();
  return {
    ...os,
    availableParallelism: () => {
      cores.asked++;
      return cores.reported;
    },
  };
});

const SESSIONS = 20_000;

describe('the CLI splits a large bootstrap', { timeout: 240_000 }, () => {
  let csv: string;
  beforeAll(() => {
    // Two requests per key, twenty minutes apart (1h writes pay, 5m ones lapse): a CSV key is a session.
    const rows = ['timestamp,key,prefixTokens,suffixTokens,outputTokens'];
    const originMs = Date.UTC(2026, 0, 5);
    for (let k = 0; k < SESSIONS; k++) {
      const atMs = originMs + k * 1_000;
      rows.push(`${atMs},k${k},4000,300,100`, `${atMs + 1_200_000},k${k},4000,300,100`);
    }
    csv = join(mkdtempSync(join(tmpdir(), 'ttlsim-resample-')), 'requests.csv');
    writeFileSync(csv, `${rows.sort((a, b) => Number(a.split(',')[0]) - Number(b.split(',')[0])).join('\n')}\n`);
  });

  it('and prints what one thread prints', async () => {
    const args = ['replay', csv, '--format', 'csv', '--workers', '1', '--no-report', '--json'];
    cores.reported = 2;
    cores.asked = 0;
    const split = await ttlsim(args);
    expect(split.stderr).toBe('');
    expect(split.code).toBe(0);
    expect(cores.asked).toBeGreaterThan(0);
    cores.reported = 1;
    const whole = await ttlsim(args);
    expect(whole.code).toBe(0);
    expect(split.stdout).toBe(whole.stdout);
    expect((JSON.parse(split.stdout) as { verdict: { ci: unknown } }).verdict.ci).not.toBeNull();
  });
});
