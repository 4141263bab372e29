// Every price profile ttlsim ships, in one list: what lookup.ts searches and `ttlsim prices` prints.
// The data lives per provider family in profiles-anthropic.ts, profiles-cloud.ts and profiles-other.ts.
import type { PriceProfile } from './profile.js';
import { ANTHROPIC_ALIASES, ANTHROPIC_PROFILES } from './profiles-anthropic.js';
import { CLOUD_PROFILES } from './profiles-cloud.js';
import { OTHER_PROFILES } from './profiles-other.js';

/** Anthropic first, then its clouds, then other providers: the order `ttlsim prices` lists them in. */
export const PRICE_PROFILES: readonly PriceProfile[] = [...ANTHROPIC_PROFILES, ...CLOUD_PROFILES, ...OTHER_PROFILES];

/**
 * Alternative model ids (lower case) → a profile's model id. Claude ids are the same on every provider
 * that serves Claude, so one map serves anthropic, bedrock and vertex alike.
 */
export const MODEL_ALIASES: Readonly<Record<string, string>> = ANTHROPIC_ALIASES;
