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
  /** Where the sources disagree or say more than a version (a date first documented, …). */
  readonly note?: string;
  /** Still honoured, but documented as replaced by this knob: never recommended. */
  readonly deprecatedFor?: string;
}

const ENV_VARS_URL = 'https://code.claude.com/docs/en/env-vars';
const CACHING_URL = 'https://code.claude.com/docs/en/prompt-caching';
/** Claude Code's changelog: 2.1.108 (2026-04-14) added ENABLE_PROMPT_CACHING_1H and FORCE_PROMPT_CACHING_5M. */
const CHANGELOG_URL = 'https://code.claude.com/docs/en/changelog';
/** The settings' release notes, as summarised (last updated 2026-10-17). */
const TTL_SETTINGS_URL = 'https://www.developersdigest.tech/blog/claude-code-prompt-cache-ttl-controls';
const AS_OF = '2026-12-06';

/**
 * The TTL settings' version: one third-party summary reports 2.1.242, the one cited 2.1.243. The later is
 * used wherever a version is printed (verdict/actions.ts), so no recommendation names a version too early.
 */
const SETTINGS_VERSION = '2.1.243';
const SETTINGS_NOTE = 'another third-party summary reports 2.1.242; the later 2.1.243 is used';

export const CLAUDE_CODE_KNOBS: readonly ClaudeCodeKnob[] = [
  {
    name: 'promptCacheTtl',
    kind: 'setting',
    effect: 'TTL of the main conversation: "5m" or "1h"',
    sinceVersion: SETTINGS_VERSION,
    source: TTL_SETTINGS_URL,
    asOf: AS_OF,
    note: SETTINGS_NOTE,
  },
  {
    name: 'subagentPromptCacheTtl',
    kind: 'setting',
    effect: 'TTL of subagent requests: "5m" or "1h"',
    sinceVersion: SETTINGS_VERSION,
    source: TTL_SETTINGS_URL,
    asOf: AS_OF,
    note: SETTINGS_NOTE,
  },
  {
    name: 'CLAUDE_CODE_PROMPT_CACHE_TTL',
    kind: 'env',
    effect: 'the environment form of promptCacheTtl: "5m" or "1h"',
    sinceVersion: SETTINGS_VERSION,
    source: TTL_SETTINGS_URL,
    asOf: AS_OF,
    note: SETTINGS_NOTE,
  },
  {
    name: 'CLAUDE_CODE_SUBAGENT_PROMPT_CACHE_TTL',
    kind: 'env',
    effect: 'the environment form of subagentPromptCacheTtl: "5m" or "1h"',
    sinceVersion: SETTINGS_VERSION,
    source: TTL_SETTINGS_URL,
    asOf: AS_OF,
    note: SETTINGS_NOTE,
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
    effect:
      "the main conversation at 1h with an API key, Bedrock, Vertex or Foundry, and on a subscription's usage credits (subagents stay 5m)",
    sinceVersion: '2.1.108',
    source: CHANGELOG_URL,
    asOf: AS_OF,
    note: 'released 2026-04-14',
  },
  {
    name: 'FORCE_PROMPT_CACHING_5M',
    kind: 'env',
    effect: '5m everywhere, overriding ENABLE_PROMPT_CACHING_1H and the subscription default',
    sinceVersion: '2.1.108',
    source: CHANGELOG_URL,
    asOf: AS_OF,
    note: 'released 2026-04-14',
  },
  {
    name: 'ENABLE_PROMPT_CACHING_1H_BEDROCK',
    kind: 'env',
    effect: '1h on Bedrock; still honoured',
    sinceVersion: null,
    source: ENV_VARS_URL,
    asOf: AS_OF,
    note: 'documented as deprecated: "Use ENABLE_PROMPT_CACHING_1H instead"',
    deprecatedFor: 'ENABLE_PROMPT_CACHING_1H',
  },
  {
    name: 'DISABLE_PROMPT_CACHING',
    kind: 'env',
    effect: 'no caching for any model; takes precedence over the per-family variables',
    sinceVersion: null,
    source: ENV_VARS_URL,
    asOf: AS_OF,
    note: 'warns at startup since 2.1.108 (changelog)',
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
  {
    name: 'DISABLE_PROMPT_CACHING_FABLE',
    kind: 'env',
    effect: 'no caching for Fable models',
    sinceVersion: null,
    source: ENV_VARS_URL,
    asOf: AS_OF,
    note: 'first in the env-vars page on 2026-06-09, with the Fable 5 launch',
  },
];

/**
 * What Claude Code does with nothing set, per the prompt-caching page: the main conversation at 1h on a
 * Claude subscription within its plan usage, 5m otherwise (usage credits, API key, Bedrock, Vertex,
 * Foundry); subagents, workflows and helper calls at 5m.
 */
export const CLAUDE_CODE_DEFAULT_TTLS = {
  subscriptionMain: '1h',
  otherMain: '5m',
  subagent: '5m',
  source: CACHING_URL,
  asOf: AS_OF,
} as const;

/** The per-family DISABLE_PROMPT_CACHING_* variables, in table order. */
export const perFamilyDisables = (): readonly ClaudeCodeKnob[] =>
  CLAUDE_CODE_KNOBS.filter((k) => k.name.startsWith('DISABLE_PROMPT_CACHING_'));

export function knob(name: string): ClaudeCodeKnob {
  const found = CLAUDE_CODE_KNOBS.find((k) => k.name === name);
  if (found === undefined) throw new Error(`no Claude Code knob ${name}`);
  return found;
}
