// `replay` and `tune` draw one verdict (verdict/verdict.ts) from the same logs: on the shipped real
// sessions and on synthetic homes built for each decision, their JSON `verdict` objects are identical.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ttlsim } from '../cli/capture.js';
import { claudeHome } from './home.js';

async function jsonOf(args: string[]): Promise<Record<string, unknown>> {
  const out = mkdtempSync(join(tmpdir(), 'ttlsim-verdict-'));
  const { code, stdout, stderr } = await ttlsim([...args, '--json', '--quiet', '--out', join(out, 'report')]);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as Record<string, unknown>;
}

async function both(logs: string) {
  const replay = await jsonOf(['replay', logs]);
  const tune = await jsonOf(['tune', logs]);
  expect(tune.verdict).toEqual(replay.verdict);
  expect(tune.target).toBe(replay.target);
  return replay as { verdict: Record<string, unknown>; target: string; notConfigurable: unknown[] };
}

describe('one verdict from replay and tune', () => {
  it.each(['sniffly', 'spotter', 'ccusage'])(
    'agree on the shipped %s sessions, and neither recommends on them',
    async (name) => {
      const { verdict, target } = await both(resolve('test/fixtures/real', name));
      expect(target).toBe('claude-code');
      expect(verdict.decision).not.toBe('change');
    },
    240_000,
  );

  it('change to 1h, naming the Claude Code setting, where every session ran 5m with 20-minute gaps', async () => {
    const { verdict } = await both(claudeHome(12, 6, 20));
    expect(verdict.decision).toBe('change');
    expect(verdict.policy).toBe('1h');
    expect((verdict.baseline as { policy: string }).policy).toBe('as-recorded');
    expect(verdict.savingUsd).toBeGreaterThan(0);
    expect((verdict.ci as number[])[0]).toBeGreaterThan(0);
    expect(verdict.actions).toContainEqual({
      target: 'settings.json',
      text: '{ "promptCacheTtl": "1h", "subagentPromptCacheTtl": "1h" }',
    });
  }, 240_000);

  it('keep where every session ran 5m with 1-minute gaps', async () => {
    const { verdict } = await both(claudeHome(12, 6, 1));
    expect(verdict.decision).toBe('keep');
    expect(verdict.savingUsd).toBe(0);
    expect(String(verdict.reason)).not.toMatch(/Recommended/);
  }, 240_000);

  it('undecided with three sessions, whatever the saving', async () => {
    const { verdict } = await both(claudeHome(3, 6, 20));
    expect(verdict.decision).toBe('undecided');
    expect(String(verdict.reason)).toMatch(/only 3 sessions/);
  }, 240_000);
});

describe('the verdict in words', () => {
  it('replay and tune print the same verdict line, the HTML header carries it, and neither says "Recommended"', async () => {
    const home = claudeHome(12, 6, 1);
    const out = mkdtempSync(join(tmpdir(), 'ttlsim-verdict-words-'));
    const replay = await ttlsim(['replay', home, '--out', join(out, 'r')]);
    const tune = await ttlsim(['tune', home, '--out', join(out, 't')]);
    const line = (text: string) => text.split('\n').find((l) => l.startsWith('Verdict ('));
    expect(line(replay.stdout)).toMatch(/^Verdict \(claude-code\): Keep as-recorded/);
    expect(line(tune.stdout)).toBe(line(replay.stdout));
    for (const text of [replay.stdout, tune.stdout]) expect(text).not.toMatch(/Recommended/);
    const html = readFileSync(join(out, 'r', 'index.html'), 'utf8');
    expect(html).toContain('Keep as-recorded');
  }, 240_000);
});

describe('the thresholds are flags', () => {
  it('--min-sessions 3 --min-gaps 10 decide on three sessions (15 gaps), in replay and tune alike', async () => {
    const home = claudeHome(3, 6, 20);
    const flags = ['--min-sessions', '3', '--min-gaps', '10'];
    const replay = await jsonOf(['replay', home, ...flags]);
    const tune = await jsonOf(['tune', home, ...flags]);
    expect(tune.verdict).toEqual(replay.verdict);
    expect((replay.verdict as { decision: string }).decision).toBe('change');
  }, 240_000);

  it.each(['replay', 'tune'])(
    '%s --min-sessions abc is one line naming the flag, exit 2, nothing written',
    async (command) => {
      const out = join(mkdtempSync(join(tmpdir(), 'ttlsim-verdict-bad-')), 'report');
      const { code, stdout, stderr } = await ttlsim([
        command,
        claudeHome(3, 2, 1),
        '--min-sessions',
        'abc',
        '--out',
        out,
      ]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^--min-sessions: /);
      expect(existsSync(out)).toBe(false);
    },
    240_000,
  );
});
