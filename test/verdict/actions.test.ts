// Every action string for each target (verdict/actions.ts): the exact Claude Code settings and
// environment lines, the API/Bedrock/Vertex cache_control fragments, and the keep/try prefixes.
import { describe, expect, it } from 'vitest';
import { actionsFor } from '../../src/verdict/actions.js';
import { configurable, detectTarget, LOG_ROLES, targetCandidates, TARGETS } from '../../src/verdict/targets.js';
import { CLAUDE_CODE_KNOBS, knob } from '../../src/model/claude-code-knobs.js';
import { compareVersions } from '../../src/replay/ttl-mix.js';
import { verdictMessages } from '../../src/verdict/messages.js';

const spec = (target: (typeof TARGETS)[number], name: string) => {
  const found = targetCandidates(target, LOG_ROLES).find((p) => p.name === name);
  if (found === undefined) throw new Error(`no candidate ${name} for ${target}`);
  return found;
};

describe('Claude Code actions', () => {
  const settingsEnv = (main: string, subagent: string) =>
    verdictMessages.sameSettingsEnv(
      `CLAUDE_CODE_PROMPT_CACHE_TTL=${main} CLAUDE_CODE_SUBAGENT_PROMPT_CACHE_TTL=${subagent}`,
      '2.1.243',
    );
  const older = (env: string) => verdictMessages.beforeVersion('2.1.108', '2.1.243', env);
  const noOlder = older(verdictMessages.noOlderEnv('ENABLE_PROMPT_CACHING_1H'));
  const CASES = [
    ['1h', '1h', '1h', noOlder],
    ['5m', '5m', '5m', older('FORCE_PROMPT_CACHING_5M=1')],
    ['1h · subagents 5m', '1h', '5m', older('ENABLE_PROMPT_CACHING_1H=1')],
    ['5m · subagents 1h', '5m', '1h', noOlder],
  ] as const;

  it.each(CASES)(
    '%s: the settings.json fragment, the same settings as env, and the older env form',
    (name, main, subagent, env) => {
      expect(actionsFor('claude-code', spec('claude-code', name), 'change')).toEqual([
        {
          target: 'settings.json',
          text: `{ "promptCacheTtl": "${main}", "subagentPromptCacheTtl": "${subagent}" }`,
        },
        { target: 'env', text: settingsEnv(main, subagent) },
        { target: 'env', text: env },
      ]);
    },
  );

  it('the exact words of one set of lines', () => {
    expect(actionsFor('claude-code', spec('claude-code', '1h · subagents 5m'), 'change').map((a) => a.text)).toEqual([
      '{ "promptCacheTtl": "1h", "subagentPromptCacheTtl": "5m" }',
      'CLAUDE_CODE_PROMPT_CACHE_TTL=1h CLAUDE_CODE_SUBAGENT_PROMPT_CACHE_TTL=5m (the same settings as environment variables, for Claude Code 2.1.243 and later)',
      'ENABLE_PROMPT_CACHING_1H=1 (the environment form, for Claude Code 2.1.108 up to before 2.1.243)',
    ]);
  });

  it('no cache: DISABLE_PROMPT_CACHING=1, naming the per-family variables', () => {
    const lines = actionsFor('claude-code', spec('claude-code', 'no-cache'), 'change');
    expect(lines).toEqual([
      {
        target: 'env',
        text: verdictMessages.disableAll('DISABLE_PROMPT_CACHING=1', [
          'DISABLE_PROMPT_CACHING_HAIKU',
          'DISABLE_PROMPT_CACHING_SONNET',
          'DISABLE_PROMPT_CACHING_OPUS',
          'DISABLE_PROMPT_CACHING_FABLE',
        ]),
      },
    ]);
    expect(lines[0].text).toMatch(/^DISABLE_PROMPT_CACHING=1 \(every model; .*DISABLE_PROMPT_CACHING_FABLE=1/);
  });

  it.each([...CASES.map((c) => c[0]), 'no-cache'])('keep and try %s prefix every line with what it is for', (name) => {
    const lines = actionsFor('claude-code', spec('claude-code', name), 'change');
    expect(actionsFor('claude-code', spec('claude-code', name), 'keep')).toEqual(
      lines.map((a) => ({ ...a, text: verdictMessages.keepLine(name, a.text) })),
    );
    expect(actionsFor('claude-code', spec('claude-code', name), 'try')).toEqual(
      lines.map((a) => ({ ...a, text: verdictMessages.tryLine(name, a.text) })),
    );
  });

  it('keep 5m reads as a user would type it', () => {
    const [keep] = actionsFor('claude-code', spec('claude-code', '5m'), 'keep');
    expect(keep.text).toBe('keep 5m: { "promptCacheTtl": "5m", "subagentPromptCacheTtl": "5m" }');
    const [trying] = actionsFor('claude-code', spec('claude-code', '1h'), 'try');
    expect(trying.text).toMatch(/^to try 1h: /);
  });
});

describe('the Claude Code knobs table', () => {
  const VERSION = /^\d+\.\d+\.\d+$/;

  it('every knob cites an https source and an as-of date, and its version parses', () => {
    for (const k of CLAUDE_CODE_KNOBS) {
      expect(k.source).toMatch(/^https:\/\//);
      expect(k.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Number.isNaN(Date.parse(k.asOf))).toBe(false);
      if (k.sinceVersion !== null) expect(k.sinceVersion).toMatch(VERSION);
      if (k.deprecatedFor !== undefined) expect(CLAUDE_CODE_KNOBS.map((x) => x.name)).toContain(k.deprecatedFor);
    }
    expect(new Set(CLAUDE_CODE_KNOBS.map((k) => k.name)).size).toBe(CLAUDE_CODE_KNOBS.length);
  });

  it('holds every documented prompt-cache knob, the settings and their env forms at one version', () => {
    const names = CLAUDE_CODE_KNOBS.map((k) => k.name);
    for (const family of ['HAIKU', 'SONNET', 'OPUS', 'FABLE'])
      expect(names).toContain(`DISABLE_PROMPT_CACHING_${family}`);
    expect(knob('ENABLE_PROMPT_CACHING_1H_BEDROCK').deprecatedFor).toBe('ENABLE_PROMPT_CACHING_1H');
    expect(knob('ENABLE_PROMPT_CACHING_1H').sinceVersion).toBe('2.1.108');
    expect(knob('FORCE_PROMPT_CACHING_5M').sinceVersion).toBe('2.1.108');
    for (const name of [
      'promptCacheTtl',
      'subagentPromptCacheTtl',
      'CLAUDE_CODE_PROMPT_CACHE_TTL',
      'CLAUDE_CODE_SUBAGENT_PROMPT_CACHE_TTL',
    ]) {
      // The sources disagree (2.1.242 or 2.1.243): the later is used, and the table says so.
      expect(knob(name).sinceVersion).toBe('2.1.243');
      expect(knob(name).note).toMatch(/2\.1\.242/);
    }
    expect(compareVersions(knob('experimental.cacheTtl').sinceVersion!, '2.1.243')).toBeGreaterThan(0);
  });

  it('no action names a deprecated knob', () => {
    const deprecated = CLAUDE_CODE_KNOBS.filter((k) => k.deprecatedFor !== undefined).map((k) => k.name);
    for (const p of targetCandidates('claude-code', LOG_ROLES))
      for (const line of actionsFor('claude-code', p, 'change'))
        for (const name of deprecated) expect(line.text).not.toContain(`${name}=`);
  });
});

describe('API, Bedrock and Vertex actions', () => {
  it.each(['api', 'bedrock', 'vertex'] as const)(
    '%s: cache_control per breakpoint, TTLs never increasing',
    (target) => {
      const fragment = (ttl: string) => `"cache_control": { "type": "ephemeral", "ttl": "${ttl}" }`;
      expect(actionsFor(target, spec(target, '1h'), 'change')).toEqual([
        { target: 'request', text: verdictMessages.everyBreakpoint(target, fragment('1h')) },
      ]);
      expect(actionsFor(target, spec(target, '1h system+project, 5m history'), 'change')).toEqual([
        { target: 'request', text: verdictMessages.onBreakpoint(target, 'system', fragment('1h')) },
        { target: 'request', text: verdictMessages.onBreakpoint(target, 'project', fragment('1h')) },
        { target: 'request', text: verdictMessages.onBreakpoint(target, 'history', fragment('5m')) },
      ]);
      expect(actionsFor(target, spec(target, 'no-cache'), 'change')).toEqual([
        { target: 'request', text: verdictMessages.noCacheControl(target) },
      ]);
      expect(actionsFor(target, spec(target, '5m'), 'change')).toEqual([
        { target: 'request', text: verdictMessages.everyBreakpoint(target, fragment('5m')) },
      ]);
    },
  );

  it.each(['api', 'bedrock', 'vertex'] as const)(
    '%s: every candidate, in keep and try, prefixed line by line',
    (target) => {
      for (const p of targetCandidates(target, LOG_ROLES)) {
        const lines = actionsFor(target, p, 'change');
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) expect(line.target).toBe('request');
        expect(actionsFor(target, p, 'keep')).toEqual(
          lines.map((a) => ({ ...a, text: verdictMessages.keepLine(p.name, a.text) })),
        );
        expect(actionsFor(target, p, 'try')).toEqual(
          lines.map((a) => ({ ...a, text: verdictMessages.tryLine(p.name, a.text) })),
        );
      }
    },
  );

  it('the exact words of a Bedrock breakpoint line', () => {
    expect(actionsFor('bedrock', spec('bedrock', '1h'), 'keep')[0].text).toBe(
      'keep 1h: every cache breakpoint of the request to Bedrock: "cache_control": { "type": "ephemeral", "ttl": "1h" }',
    );
  });
});

describe('targets', () => {
  it('are detected from the logs’ formats', () => {
    expect(detectTarget(['claude-code'])).toBe('claude-code');
    expect(detectTarget(['bedrock'])).toBe('bedrock');
    expect(detectTarget(['csv'])).toBe('api');
    expect(detectTarget(['claude-code', 'csv'])).toBe('api');
  });

  it('Claude Code cannot split one request; no target runs keep-alive or adaptive', () => {
    const split = spec('api', '1h system, 5m project+history');
    expect(configurable('api', split)).toBe(true);
    expect(configurable('claude-code', split)).toBe(false);
    for (const t of TARGETS) {
      expect(configurable(t, { kind: 'adaptive', name: 'adaptive', prior: 2 })).toBe(false);
      for (const p of targetCandidates(t, LOG_ROLES)) expect(configurable(t, p)).toBe(true);
    }
  });
});
