import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The installed launcher (bin/ttlsim.js → dist/), as `npx ttlsim` runs it. `npm test` builds dist first.
const ttlsim = (...args: string[]) => spawnSync(process.execPath, ['bin/ttlsim.js', ...args], { encoding: 'utf8' });

// Child processes: each loads the whole CLI from dist/, seconds on a loaded machine.
describe('the ttlsim executable', { timeout: 240_000 }, () => {
  it('runs a shipped scenario and exits 0', () => {
    const out = mkdtempSync(join(tmpdir(), 'ttlsim-bin-'));
    const result = ttlsim('run', 'scenarios/scheduled-batch.yaml', '--out', out);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Verdict (api): ');
  });

  it('exits 2 on a usage error without a stack trace', () => {
    const result = ttlsim('run');
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
