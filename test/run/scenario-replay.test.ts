// Recorded logs as a scenario workload (`kind: replay`): `run` on them must bill exactly what `replay`
// bills for the same policies, a scenario may mix them with synthetic traffic, and a bad log path is
// located in the scenario file.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readScenarioFile } from '../../src/run/scenario-files.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { replayLogs } from '../../src/replay/replay-logs.js';
import { messages } from '../../src/scenario/messages.js';
import { logMessages } from '../../src/logs/messages.js';
import { InputError } from '../../src/model/errors.js';

const SHIPPED = resolve('scenarios', 'replay-claude-code.yaml');

describe('replay workloads in scenarios', () => {
  const run = runScenario(readScenarioFile(SHIPPED));
  const replay = replayLogs({ paths: [resolve('scenarios', 'logs', 'claude-code')], cwd: '.', env: {} });

  it('run bills the recorded requests exactly as replay does, policy by policy', () => {
    for (const name of ['no-cache', '5m', '1h', '1h-sliding', 'keepalive']) {
      const a = run.policies.find((p) => p.policy === name)!;
      const b = replay.policies.find((p) => p.policy === name)!;
      expect([name, a.requests, a.tokens, a.costUsd.total]).toEqual([name, b.requests, b.tokens, b.costUsd.total]);
    }
  });

  it('with no horizon, the run lasts as long as the logs', () => {
    expect(run.horizonMs).toBe(replay.horizonMs);
    // 79 requests in their own lines and 5 of a subagent seen only in progress lines.
    expect(run.policies[0].requests).toBe(84);
  });

  it('mixes recorded and synthetic traffic in one scenario', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttlsim-mix-'));
    const file = join(dir, 'mix.yaml');
    writeFileSync(
      file,
      `name: mix\nhorizon: 2h\npricing: { model: claude-sonnet-4-5 }\nworkload:\n  - { kind: replay, path: ${resolve('scenarios', 'logs', 'claude-code', '-Users-chip-dev-ai-music')} }\n  - { kind: renewal, keys: 10, gap: 10m, prefixTokens: 5000 }\npolicies:\n  - { name: 5m, ttl: 5m }\n`,
    );
    const result = runScenario(readScenarioFile(file));
    // 62 recorded requests (all within the first hour) plus about 10 keys × 12 synthetic ones.
    expect(result.policies[0].requests).toBeGreaterThan(62 + 100);
    expect(result.policies[0].requests).toBeLessThan(62 + 140);
  });

  it('a log path that does not exist is reported at its line in the scenario file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttlsim-badpath-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'name: bad\npricing: { model: claude-sonnet-4-5 }\nworkload:\n  kind: replay\n  path: nowhere/logs\n',
    );
    try {
      readScenarioFile(file, 'bad.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).issues.map((i) => [i.line, i.column, i.path, i.message])).toEqual([
        [5, 9, 'workload.path', messages.replayLogs(logMessages.noSuchPath())],
      ]);
    }
  });
});
