// Claude on Amazon Bedrock and Google Cloud (research/domain.md §2): the first-party prices on global
// endpoints, each platform's TTL availability and minimums, and regional endpoints at +10%.
import type { PriceProfile } from './profile.js';
import { ANTHROPIC_PROFILES } from './profiles-anthropic.js';

const BEDROCK_URL = 'https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html';
const VERTEX_URL = 'https://docs.cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/prompt-caching';
const REGIONAL_MULTIPLIER = 1.1;

/** Models each platform serves; absent = not offered there. Value: TTLs offered. */
const BEDROCK_TTLS: Readonly<Record<string, readonly string[]>> = {
  'claude-fable-5': ['5m', '1h'], 'claude-mythos-5': ['5m', '1h'], 'claude-opus-5': ['5m', '1h'],
  'claude-opus-4-8': ['5m', '1h'], 'claude-opus-4-7': ['5m', '1h'], 'claude-opus-4-6': ['5m', '1h'],
  'claude-opus-4-5': ['5m', '1h'], 'claude-opus-4-1': ['5m'], 'claude-sonnet-5': ['5m', '1h'],
  'claude-sonnet-4-6': ['5m', '1h'], 'claude-sonnet-4-5': ['5m', '1h'], 'claude-sonnet-4': ['5m'],
  'claude-haiku-4-5': ['5m', '1h'], 'claude-3-5-haiku': ['5m'], 'claude-3-7-sonnet': ['5m'],
};
/** Bedrock's own minimums where its late-2026 page differs from Anthropic's. */
const BEDROCK_MIN_TOKENS: Readonly<Record<string, number>> = { 'claude-opus-4-7': 4096 };

const VERTEX_TTLS: Readonly<Record<string, readonly string[]>> = {
  ...Object.fromEntries(ANTHROPIC_PROFILES.map((p) => [p.model, ['5m', '1h']])),
  // "not supported: Claude 3.7 Sonnet, Claude 3.5 Sonnet v2, Claude 3.5 Sonnet, Claude 3 Opus" (1h).
  'claude-3-7-sonnet': ['5m'],
  'claude-3-opus': ['5m'],
};

/** Claude 4.5 and later pay +10% on regional endpoints (research/domain.md §1.4). */
function hasRegionalPremium(model: string): boolean {
  return /claude-(opus|sonnet|haiku|fable|mythos)-(4-[5-9]|5)/.test(model);
}

function onPlatform(provider: string, ttlsByModel: Readonly<Record<string, readonly string[]>>, sourceUrl: string, notes: string, regional: boolean): PriceProfile[] {
  const profiles: PriceProfile[] = [];
  for (const base of ANTHROPIC_PROFILES) {
    const ttls = ttlsByModel[base.model];
    if (ttls === undefined) continue;
    if (regional && !hasRegionalPremium(base.model)) continue;
    const m = regional ? REGIONAL_MULTIPLIER : 1;
    const usd = base.usdPerMTok;
    profiles.push({
      ...base,
      provider,
      usdPerMTok: {
        input: usd.input * m,
        cacheWrite5m: usd.cacheWrite5m * m,
        cacheWrite1h: ttls.includes('1h') ? usd.cacheWrite1h * m : NaN,
        cacheRead: usd.cacheRead * m,
        output: usd.output * m,
        storagePerHour: 0,
      },
      minCacheableTokens: provider.startsWith('bedrock') ? (BEDROCK_MIN_TOKENS[base.model] ?? base.minCacheableTokens) : base.minCacheableTokens,
      ttls,
      sourceUrl,
      asOf: '2026-11-22',
      notes: [notes, regional ? 'Regional endpoint: +10% on every category.' : '', base.notes].filter((n) => n !== '').join(' '),
    });
  }
  return profiles;
}

const BEDROCK_NOTE = 'Global-endpoint prices as on the Anthropic API (AWS states only that 1h is "billed at a different rate"; 2× is from third parties). Organization-level cache isolation; no caching in batch inference.';
const VERTEX_NOTE = 'Prices as on the Anthropic API (Google: 5m writes +25%, 1h writes +100%, reads −90%).';

export const CLOUD_PROFILES: readonly PriceProfile[] = [
  ...onPlatform('bedrock', BEDROCK_TTLS, BEDROCK_URL, BEDROCK_NOTE, false),
  ...onPlatform('bedrock-regional', BEDROCK_TTLS, BEDROCK_URL, BEDROCK_NOTE, true),
  ...onPlatform('vertex', VERTEX_TTLS, VERTEX_URL, VERTEX_NOTE, false),
  ...onPlatform('vertex-regional', VERTEX_TTLS, VERTEX_URL, VERTEX_NOTE, true),
];
