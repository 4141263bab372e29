// `keep` of the as-recorded baseline names the setting the logs ran (verdict/recorded-setting.ts), in
// replay and tune alike: synthetic Claude Code homes whose writes are 5m, 1h, main 1h with subagents 5m,
// or a mix within one thread kind, each built so that what they ran is the cheapest thing to run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ttlsim } from '../cli/capture.js';
import { claudeHome, type HomeTtls } from './home.js';
import { actionsFor } from '../../src/verdict/actions.js';
import { LOG_ROLES, targetCandidates } from '../../src/verdict/targets.js';
import { verdictMessages } from '../../src/verdict/messages.js';

interface VerdictJson {
  decision: string;
  policy: string;
  actions: { target: string; text: string }[];
}

async function verdictOf(command: string, home: string): Promise<VerdictJson> {
  const out = mkdtempSync(join(tmpdir(), 'ttlsim-keep-setting-'));
  const { code, stdout, stderr } = await ttlsim([command, home, '--json', '--quiet', '--out', join(out, 'r')]);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return (JSON.parse(stdout) as { verdict: VerdictJson }).verdict;
}

const keepLines = (name: string) => {
  const spec = targetCandidates('claude-code', LOG_ROLES).find((p) => p.name === name)!;
  return actionsFor('claude-code', spec, 'keep');
};

const HOMES: Record<string, HomeTtls> = {
  // 1-minute gaps: 5m is what a cache should run, and what the logs ran.
  '5m': () => ({ main: '5m' }),
  // 20-minute gaps in the main conversation, 1-minute gaps in the subagent.
  '1h · subagents 5m': () => ({ main: '1h', subagent: '5m', gapMin: 20, subagentGapMin: 1 }),
  // Two sessions in three ran 1h (with 20-minute gaps), the rest 5m (1-minute gaps): a mix within main.
  mixed: (s) => (s % 3 === 0 ? { main: '5m', gapMin: 1 } : { main: '1h', gapMin: 20 }),
};

describe('keep names the setting the logs ran', () => {
  const verdicts = new Map<string, { replay: VerdictJson; tune: VerdictJson }>();
  beforeAll(async () => {
    for (const [name, ttls] of Object.entries(HOMES)) {
      const home = claudeHome(12, 6, 1, ttls);
      verdicts.set(name, { replay: await verdictOf('replay', home), tune: await verdictOf('tune', home) });
    }
  }, 240_000);

  it.each(['5m', '1h · subagents 5m'])('logs that ran %s: keep, with that setting’s lines', (name) => {
    const { replay, tune } = verdicts.get(name)!;
    expect(replay.decision).toBe('keep');
    expect(replay.policy).toBe('as-recorded');
    expect(replay.actions).toEqual(keepLines(name));
    expect(tune).toEqual(replay);
  });

  it('main 1h with subagents 5m reads as the settings.json line a user would type', () => {
    expect(verdicts.get('1h · subagents 5m')!.replay.actions[0]).toEqual({
      target: 'settings.json',
      text: 'keep 1h · subagents 5m: { "promptCacheTtl": "1h", "subagentPromptCacheTtl": "5m" }',
    });
  });

  it('a mix within one thread kind: keep says so, with the shares, and pins the majority', () => {
    const { replay, tune } = verdicts.get('mixed')!;
    expect(replay.decision).toBe('keep');
    expect(replay.actions).toEqual([
      {
        target: 'settings',
        text: verdictMessages.keepLine('as-recorded', verdictMessages.noSingleSetting({ main: 2 / 3 }, '1h')),
      },
      ...keepLines('1h'),
    ]);
    expect(replay.actions[0].text).toContain('main conversation 66.7% of writes at 1h');
    expect(tune).toEqual(replay);
  });
});
