// Every action string for each target (verdict/actions.ts): the exact Claude Code settings and
// environment lines, the API/Bedrock/Vertex cache_control fragments, and the keep/try prefixes.
import { describe, expect, it } from 'vitest';
import { actionsFor } from '../../src/verdict/actions.js';
import { configurable, detectTarget, LOG_ROLES, targetCandidates, TARGETS } from '../../src/verdict/targets.js';
import { CLAUDE_CODE_KNOBS } from '../../src/model/claude-code-knobs.js';
import { verdictMessages } from '../../src/verdict/messages.js';

const spec = (target: (typeof TARGETS)[number], name: string) => {
  const found = targetCandidates(target, LOG_ROLES).find((p) => p.name === name);
  if (found === undefined) throw new Error(`no candidate ${name} for ${target}`);
  return found;
};

describe('Claude Code actions', () => {
  const env5m = verdictMessages.beforeVersion('2.1.108', '2.1.243', 'FORCE_PROMPT_CACHING_5M=1');
  it.each([
    [
      '1h',
      '{ "promptCacheTtl": "1h", "subagentPromptCacheTtl": "1h" }',
      verdictMessages.beforeVersion('2.1.108', '2.1.243', 'ENABLE_PROMPT_CACHING_1H=1'),
    ],
    ['5m', '{ "promptCacheTtl": "5m", "subagentPromptCacheTtl": "5m" }', env5m],
    [
      '1h · subagents 5m',
      '{ "promptCacheTtl": "1h", "subagentPromptCacheTtl": "5m" }',
      verdictMessages.beforeVersion('2.1.108', '2.1.243', verdictMessages.noEnvSplit('ENABLE_PROMPT_CACHING_1H')),
    ],
    [
      '5m · subagents 1h',
      '{ "promptCacheTtl": "5m", "subagentPromptCacheTtl": "1h" }',
      verdictMessages.beforeVersion('2.1.108', '2.1.243', verdictMessages.noEnvSplit('ENABLE_PROMPT_CACHING_1H')),
    ],
  ])('%s: a settings.json fragment and its environment form', (name, settings, env) => {
    expect(actionsFor('claude-code', spec('claude-code', name), 'change')).toEqual([
      { target: 'settings.json', text: settings },
      { target: 'env', text: env },
    ]);
  });

  it('no cache: DISABLE_PROMPT_CACHING=1', () => {
    expect(actionsFor('claude-code', spec('claude-code', 'no-cache'), 'change')).toEqual([
      { target: 'env', text: 'DISABLE_PROMPT_CACHING=1' },
    ]);
  });

  it('keep and try say what the lines are for', () => {
    const [keep] = actionsFor('claude-code', spec('claude-code', '5m'), 'keep');
    expect(keep.text).toBe(
      verdictMessages.keepLine('5m', '{ "promptCacheTtl": "5m", "subagentPromptCacheTtl": "5m" }'),
    );
    const [trying] = actionsFor('claude-code', spec('claude-code', '1h'), 'try');
    expect(trying.text).toMatch(/^to try 1h: /);
  });

  it('every knob cites a source and an as-of date', () => {
    for (const k of CLAUDE_CODE_KNOBS) {
      expect(k.source).toMatch(/^https:\/\//);
      expect(k.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
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
    },
  );
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
