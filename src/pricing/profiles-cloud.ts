// Claude on Amazon Bedrock and Google Cloud (docs/pricing.md): the first-party prices on global
// endpoints, each platform's TTL availability and minimums, and regional endpoints as separate providers
// (`bedrock-regional`, `vertex-regional`) so that a scenario names the endpoint kind it pays for.
import type { PriceProfile, UsdPerMTok } from './profile.js';
import { ANTHROPIC_PROFILES } from './profiles-anthropic.js';

const BEDROCK_URL = 'https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html';
const VERTEX_URL = 'https://docs.cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/prompt-caching';
/** Both platform pages as read in their late-2026 versions (the date these tables were compiled). */
const CLOUD_AS_OF = '2026-11-22';
/** Regional and multi-region endpoints cost 10% more than global ones for Claude 4.5+ (docs/pricing.md, Amazon Bedrock). */
const REGIONAL_MULTIPLIER = 1.1;

const BOTH = ['5m', '1h'] as const;
const FIVE_MINUTES_ONLY = ['5m'] as const;

/**
 * Models Bedrock serves and the TTLs its late-2026 page lists. 1h is listed for Opus 4.5–5, Sonnet 4.5–5,
 * Haiku 4.5 and Fable/Mythos; 3.7 Sonnet is 5m only; for the retired Opus 4.1, Sonnet 4 and Haiku 3.5 the
 * page names no 1h tier, so they get 5m only. Absent: Opus 4 (Google Cloud only), the Claude 3 models,
 * and Mythos 5.1 and Opus 5.5 (Bedrock availability not in the notes).
 */
const BEDROCK_TTLS: Readonly<Record<string, readonly string[]>> = {
  'claude-fable-5-1': BOTH,
  'claude-fable-5': BOTH,
  'claude-mythos-5': BOTH,
  'claude-opus-5': BOTH,
  'claude-opus-4-8': BOTH,
  'claude-opus-4-7': BOTH,
  'claude-opus-4-6': BOTH,
  'claude-opus-4-5': BOTH,
  'claude-sonnet-5': BOTH,
  'claude-sonnet-4-6': BOTH,
  'claude-sonnet-4-5': BOTH,
  'claude-haiku-4-5': BOTH,
  'claude-opus-4-1': FIVE_MINUTES_ONLY,
  'claude-sonnet-4': FIVE_MINUTES_ONLY,
  'claude-3-5-haiku': FIVE_MINUTES_ONLY,
  'claude-3-7-sonnet': FIVE_MINUTES_ONLY,
};
/** Bedrock keeps its own minimums; its late-2026 page differs from Anthropic's only here (1P: 2,048). */
const BEDROCK_MIN_TOKENS: Readonly<Record<string, number>> = { 'claude-opus-4-7': 4096 };

/** Google Cloud: every Anthropic model, 1h included except where Google's page says it is not supported. */
const VERTEX_TTLS: Readonly<Record<string, readonly string[]>> = {
  ...Object.fromEntries(ANTHROPIC_PROFILES.map((p) => [p.model, BOTH])),
  'claude-3-7-sonnet': FIVE_MINUTES_ONLY,
  'claude-3-opus': FIVE_MINUTES_ONLY,
};

const BEDROCK_NOTE =
  'Global-endpoint prices as on the Anthropic API, per third parties (AWS says only that writes may cost more and 1h is "billed at a different rate"). ' +
  'Cache isolated per AWS account; no caching in batch inference.';
const VERTEX_NOTE =
  'Prices as on the Anthropic API (Google: 5m writes +25%, 1h writes +100%, reads −90%). Minimums as on the Anthropic API ("apply on every platform").';
const REGIONAL_NOTE = 'Regional endpoint: +10% on every category.';
/** Neither platform page prices fast mode; its requests are left unpriced there (counted, not guessed). */
const NO_FAST_NOTE = 'Fast mode: no price on this platform (such requests are skipped and counted).';
const LONG_CONTEXT_NOTE =
  'Above 200k input tokens: the Anthropic long-context price, on the same assumption as every price here.';
const NO_REGIONAL_PREMIUM_NOTE = 'Regional endpoint: no premium before Claude 4.5, so global prices.';

/** Claude 4.5 and later pay the regional premium (docs/pricing.md). */
function hasRegionalPremium(model: string): boolean {
  return /^claude-(opus|sonnet|haiku|fable|mythos)-(4-[5-9]|5)(-|$)/.test(model);
}

/** Rounds away float noise (3 × 1.1 = 3.3000000000000003) so tables and JSON show the listed cents. */
const usd = (dollars: number) => Math.round(dollars * 1e6) / 1e6;

function onPlatform(
  provider: string,
  ttlsByModel: Readonly<Record<string, readonly string[]>>,
  minTokensByModel: Readonly<Record<string, number>>,
  sourceUrl: string,
  platformNote: string,
  regional: boolean,
): PriceProfile[] {
  return ANTHROPIC_PROFILES.filter((base) => ttlsByModel[base.model] !== undefined).map((base) => {
    const ttls = ttlsByModel[base.model];
    const multiplier = regional && hasRegionalPremium(base.model) ? REGIONAL_MULTIPLIER : 1;
    const regionalNote = !regional ? '' : multiplier === 1 ? NO_REGIONAL_PREMIUM_NOTE : REGIONAL_NOTE;
    const onCloud = (prices: UsdPerMTok): UsdPerMTok => ({
      input: usd(prices.input * multiplier),
      cacheWrite5m: usd(prices.cacheWrite5m * multiplier),
      cacheWrite1h: ttls.includes('1h') ? usd(prices.cacheWrite1h * multiplier) : NaN,
      cacheRead: usd(prices.cacheRead * multiplier),
      output: usd(prices.output * multiplier),
      storagePerHour: 0,
    });
    const { fast, longContext, ...rest } = base;
    const notes = [platformNote, regionalNote, fast === undefined ? '' : NO_FAST_NOTE]
      .concat(longContext === undefined ? [] : [LONG_CONTEXT_NOTE])
      .concat(`Anthropic row: ${base.notes}`);
    return {
      ...rest,
      provider,
      usdPerMTok: onCloud(base.usdPerMTok),
      ...(longContext === undefined
        ? {}
        : { longContext: { ...longContext, usdPerMTok: onCloud(longContext.usdPerMTok) } }),
      minCacheableTokens: minTokensByModel[base.model] ?? base.minCacheableTokens,
      ttls,
      sourceUrl,
      asOf: CLOUD_AS_OF,
      notes: notes.filter((n) => n !== '').join(' '),
    };
  });
}

export const CLOUD_PROFILES: readonly PriceProfile[] = [
  ...onPlatform('bedrock', BEDROCK_TTLS, BEDROCK_MIN_TOKENS, BEDROCK_URL, BEDROCK_NOTE, false),
  ...onPlatform('bedrock-regional', BEDROCK_TTLS, BEDROCK_MIN_TOKENS, BEDROCK_URL, BEDROCK_NOTE, true),
  ...onPlatform('vertex', VERTEX_TTLS, {}, VERTEX_URL, VERTEX_NOTE, false),
  ...onPlatform('vertex-regional', VERTEX_TTLS, {}, VERTEX_URL, VERTEX_NOTE, true),
];
