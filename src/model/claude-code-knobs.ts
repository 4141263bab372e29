// model/ (layer 0): the prompt-cache knobs Claude Code offers, as data, with where each was read and when
// (the way pricing/profiles-*.ts cite their pages). A recommendation for Claude Code names only these
// (verdict/actions.ts), and the setups a replay recognises (replay/known-ttl-setups.ts) take their versions
// from here, so the two cannot disagree.
// Versions are those the sources report; a knob with `sinceVersion: null` predates the sources' records.

export interface ClaudeCodeKnob {
  /** The environment variable or settings.json key, as the user types it. */
  readonly name: string;
  readonly kind: 'env' | 'setting' | 'frontmatter';
  /** What it sets. */
  readonly effect: string;
  /** The first Claude Code version that reads it, or null when the sources do not say. */
  readonly sinceVersion: string | null;
  readonly source: string;
  readonly asOf: string;
}

const ENV_VARS_URL = 'https://code.claude.com/docs/en/env-vars';
const CACHING_URL = 'https://code.claude.com/docs/en/prompt-caching';
/** Claude Code's changelog: 2.1.108 (2026-04-14) added ENABLE_PROMPT_CACHING_1H and FORCE_PROMPT_CACHING_5M. */
const CHANGELOG_URL = 'https://code.claude.com/docs/en/changelog';
/** The settings' release notes, as summarised (last updated 2026-10-17). */
const TTL_SETTINGS_URL = 'https://www.developersdigest.tech/blog/claude-code-prompt-cache-ttl-controls';
const AS_OF = '2026-12-06';

export const CLAUDE_CODE_KNOBS: readonly ClaudeCodeKnob[] = [
  {
    name: 'promptCacheTtl',
    kind: 'setting',
    effect: 'TTL of the main conversation: "5m" or "1h"',
    sinceVersion: '2.1.243',
    source: TTL_SETTINGS_URL,
    asOf: AS_OF,
  },
  {
    name: 'subagentPromptCacheTtl',
    kind: 'setting',
    effect: 'TTL of subagent requests: "5m" or "1h"',
    sinceVersion: '2.1.243',
    source: TTL_SETTINGS_URL,
    asOf: AS_OF,
  },
  {
    name: 'experimental.cacheTtl',
    kind: 'frontmatter',
    effect: "one agent's TTL, in its definition's frontmatter",
    sinceVersion: '2.1.248',
    source: TTL_SETTINGS_URL,
    asOf: AS_OF,
  },
  {
    name: 'ENABLE_PROMPT_CACHING_1H',
    kind: 'env',
    effect: '1h TTL (API key, Bedrock, Vertex, Foundry)',
    sinceVersion: '2.1.108',
    source: CHANGELOG_URL,
    asOf: AS_OF,
  },
  {
    name: 'FORCE_PROMPT_CACHING_5M',
    kind: 'env',
    effect: '5m TTL, whatever else asks for 1h',
    sinceVersion: '2.1.108',
    source: CHANGELOG_URL,
    asOf: AS_OF,
  },
  {
    name: 'DISABLE_PROMPT_CACHING',
    kind: 'env',
    effect: 'no caching for any model (warns at startup since 2.1.108)',
    sinceVersion: null,
    source: CACHING_URL,
    asOf: AS_OF,
  },
  {
    name: 'DISABLE_PROMPT_CACHING_HAIKU',
    kind: 'env',
    effect: 'no caching for Haiku models',
    sinceVersion: null,
    source: ENV_VARS_URL,
    asOf: AS_OF,
  },
  {
    name: 'DISABLE_PROMPT_CACHING_SONNET',
    kind: 'env',
    effect: 'no caching for Sonnet models',
    sinceVersion: null,
    source: ENV_VARS_URL,
    asOf: AS_OF,
  },
  {
    name: 'DISABLE_PROMPT_CACHING_OPUS',
    kind: 'env',
    effect: 'no caching for Opus models',
    sinceVersion: null,
    source: ENV_VARS_URL,
    asOf: AS_OF,
  },
];

export function knob(name: string): ClaudeCodeKnob {
  const found = CLAUDE_CODE_KNOBS.find((k) => k.name === name);
  if (found === undefined) throw new Error(`no Claude Code knob ${name}`);
  return found;
}
