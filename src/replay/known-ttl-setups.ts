// replay/ (layer 9): the Claude Code TTL setups a replay's writes can be recognised as (ttl-mix.ts), as
// data with their source and as-of date, the way price profiles are (pricing/profiles-*.ts). Claude Code
// picks the TTL client-side per request, and its defaults moved over 2026: a setup is what the logs
// show, by thread kind, never assumed from a version. Checked in order; the first that fits is named.

import { knob } from '../model/claude-code-knobs.js';

export type SetupTtl = '5m' | '1h';

export interface KnownTtlSetup {
  readonly id: string;
  /** TTL of the main conversation's writes, and of subagents' writes. */
  readonly main: SetupTtl;
  readonly subagent: SetupTtl;
  /** A default (nothing set) rather than a setting someone changed. */
  readonly isDefault: boolean;
  /** A few words, for one line per version. */
  readonly label: string;
  readonly description: string;
  /** Earliest Claude Code version that can run it ('' = any). */
  readonly sinceVersion: string;
  /** Only logs whose requests all start before this date (ISO, UTC) can have run it ('' = any date). */
  readonly beforeDate: string;
  readonly sourceUrl: string;
  readonly asOf: string;
}

const ONE_HOUR = knob('ENABLE_PROMPT_CACHING_1H');
const TTL_SETTING = knob('promptCacheTtl');
const PROMPT_CACHING_PAGE = 'https://code.claude.com/docs/en/prompt-caching';

export const KNOWN_TTL_SETUPS: readonly KnownTtlSetup[] = [
  {
    id: 'subscription-default',
    label: 'the subscription default (main 1h, subagents 5m)',
    main: '1h',
    subagent: '5m',
    isDefault: true,
    description: `Claude Code's default on a Claude subscription within its plan usage (main conversation 1h, subagents 5m), or ${ONE_HOUR.name}=1 with an API key, Bedrock, Vertex, Foundry or usage credits (${ONE_HOUR.sinceVersion}+)`,
    sinceVersion: '',
    beforeDate: '',
    sourceUrl: PROMPT_CACHING_PAGE,
    asOf: '2026-08-22',
  },
  {
    id: 'api-key-default',
    label: 'the API-key default (everything 5m)',
    main: '5m',
    subagent: '5m',
    isDefault: true,
    description: `Claude Code's default with an API key, Bedrock, Vertex or Foundry, or on a subscription's usage credits (everything 5m), or ${knob('FORCE_PROMPT_CACHING_5M').name}=1`,
    sinceVersion: '',
    beforeDate: '',
    sourceUrl: PROMPT_CACHING_PAGE,
    asOf: '2026-08-22',
  },
  {
    id: 'settings-1h',
    label: 'settings for 1h everywhere',
    main: '1h',
    subagent: '1h',
    isDefault: false,
    description: `${TTL_SETTING.name} and ${knob('subagentPromptCacheTtl').name} set to "1h" in settings.json, or ${knob('CLAUDE_CODE_PROMPT_CACHE_TTL').name}=1h ${knob('CLAUDE_CODE_SUBAGENT_PROMPT_CACHE_TTL').name}=1h (everything 1h; reported for ${TTL_SETTING.sinceVersion}+)`,
    sinceVersion: TTL_SETTING.sinceVersion ?? '',
    beforeDate: '',
    sourceUrl: 'https://code.claude.com/docs/en/settings',
    asOf: '2026-08-22',
  },
  {
    // Logs from two machines show 1h writes through February 2026 and 5m from 2026-03-06/07.
    id: 'early-2026-default',
    label: 'the default before March 2026 (everything 1h)',
    main: '1h',
    subagent: '1h',
    isDefault: true,
    description: "Claude Code's default before March 2026 (everything 1h)",
    sinceVersion: '',
    beforeDate: '2026-03-07',
    sourceUrl: 'https://github.com/anthropics/claude-code/issues/46829',
    asOf: '2026-04-12',
  },
];
