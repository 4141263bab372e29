// The deploy/ flow, driven locally: N processes each run deploy/shard.sh with the index a Kubernetes
// Indexed Job gives (JOB_COMPLETION_INDEX) or a Slurm array (SLURM_ARRAY_TASK_ID), then deploy/merge.sh
// merges their partials; the report it writes is the unsplit run's.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readScenarioFile } from '../../src/run/scenario-files.js';
import { runReport } from '../../src/cli/run-report.js';
import { expectSameResult } from './same-result.js';

const SCENARIO = 'scenarios/low-frequency-api.yaml';
const COUNT = 3;
const TTLSIM = `${process.execPath} ${resolve('bin', 'ttlsim.js')}`;

function bash(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn('bash', [script, ...args], { env: { PATH: process.env.PATH ?? '', TTLSIM, ...env } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stderr }));
  });
}

describe('deploy/: shards as separate processes, then the merge step', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ttlsim-deploy-'));
    return () => rmSync(dir, { recursive: true, force: true });
  });

  it(
    `${COUNT} processes (Kubernetes and Slurm indexes) and deploy/merge.sh give the unsplit run`,
    { timeout: 180_000 },
    async () => {
      const partials = join(dir, 'partials');
      const shared = { SHARD_COUNT: String(COUNT), PARTIALS_DIR: partials };
      const runs = await Promise.all(
        Array.from({ length: COUNT }, (_, k) =>
          bash('deploy/shard.sh', ['run', SCENARIO], {
            ...shared,
            // Half as a Kubernetes pod, half as a Slurm task: the script takes either.
            ...(k % 2 === 0 ? { JOB_COMPLETION_INDEX: String(k) } : { SLURM_ARRAY_TASK_ID: String(k) }),
          }),
        ),
      );
      for (const run of runs) expect(run).toEqual({ code: 0, stderr: '' });
      expect(readdirSync(partials).sort()).toEqual(['shard-0.json', 'shard-1.json', 'shard-2.json']);
      const report = join(dir, 'report');
      const merge = await bash('deploy/merge.sh', ['--quiet'], { ...shared, REPORT_DIR: report });
      expect(merge.code).toBe(0);
      const merged = JSON.parse(readFileSync(join(report, 'summary.json'), 'utf8')) as ReturnType<typeof runReport>;
      // As `ttlsim run` reports it: the table and its verdict.
      const unsplit = JSON.parse(JSON.stringify(runReport(readScenarioFile(SCENARIO)))) as typeof merged;
      expectSameResult(merged, unsplit);
    },
  );

  it('a missing index is refused by the shard script, and a missing shard by the merge', async () => {
    const partials = join(dir, 'missing');
    const shard = await bash('deploy/shard.sh', ['run', SCENARIO], { SHARD_COUNT: '2', PARTIALS_DIR: partials });
    expect(shard.code).not.toBe(0);
    expect(shard.stderr).toContain('JOB_COMPLETION_INDEX');
    const one = await bash('deploy/shard.sh', ['run', SCENARIO], {
      SHARD_COUNT: '2',
      PARTIALS_DIR: partials,
      SHARD_INDEX: '0',
    });
    expect(one.code).toBe(0);
    const merge = await bash('deploy/merge.sh', [], {
      SHARD_COUNT: '2',
      PARTIALS_DIR: partials,
      REPORT_DIR: join(dir, 'r2'),
    });
    expect(merge.code).toBe(2);
    expect(merge.stderr).toContain('shard-1.json');
  });
});
