// Other providers' caching economics (research/domain.md §4): OpenAI (no write premium before GPT-5.6,
// 1.25× and a 30m sliding TTL from it), Gemini explicit caching (storage fee, fixed TTL), DeepSeek.
import type { PriceProfile } from './profile.js';

const OPENAI_URL = 'https://developers.openai.com/api/docs/pricing';
const GEMINI_URL = 'https://ai.google.dev/gemini-api/docs/pricing';
const DEEPSEEK_URL = 'https://api-docs.deepseek.com/quick_start/pricing-details-usd';

function profile(provider: string, model: string, displayName: string, input: number, write: number, write1h: number, read: number, output: number, storagePerHour: number, minTokens: number, ttls: readonly string[], refresh: Record<string, 'sliding' | 'fixed'>, sourceUrl: string, asOf: string, notes: string): PriceProfile {
  return {
    provider,
    model,
    displayName,
    usdPerMTok: { input, cacheWrite5m: write, cacheWrite1h: write1h, cacheRead: read, output, storagePerHour },
    minCacheableTokens: minTokens,
    ttls,
    refresh,
    ttlNonIncreasing: false,
    sourceUrl,
    asOf,
    notes,
  };
}

const GPT56_NOTE = 'GPT-5.6+: 1.25× write premium, ttl "30m" only, sliding ("30 minutes after its most recent write or reuse").';
const LEGACY_NOTE = 'No write premium; in-memory retention is inactivity-based ("typically 5 to 10 minutes ... up to one hour"), modelled as a 5m sliding TTL. Reads count toward TPM.';
const gpt56 = (model: string, name: string, input: number, read: number, output: number) =>
  profile('openai', model, name, input, input * 1.25, NaN, read, output, 0, 1024, ['30m'], { '30m': 'sliding' }, OPENAI_URL, '2026-11-22', GPT56_NOTE);
const legacy = (model: string, name: string, input: number, read: number, output: number) =>
  profile('openai', model, name, input, input, NaN, read, output, 0, 1024, ['5m'], { '5m': 'sliding' }, OPENAI_URL, '2026-11-22', LEGACY_NOTE);

const GEMINI_NOTE = 'Explicit caching: creation at the input price, a storage fee per MTok-hour, a fixed expiry (now + ttl, extendable only by an update). Prices seen through third-party copies of the pricing page.';

export const OTHER_PROFILES: readonly PriceProfile[] = [
  gpt56('gpt-5.6-sol', 'GPT-5.6 Sol', 4, 0.4, 20),
  gpt56('gpt-5.6-terra', 'GPT-5.6 Terra', 2, 0.2, 12),
  gpt56('gpt-5.6-luna', 'GPT-5.6 Luna', 0.2, 0.02, 1.2),
  legacy('gpt-5.5', 'GPT-5.5', 5, 0.5, 30),
  legacy('gpt-5.4', 'GPT-5.4', 2.5, 0.25, 15),
  legacy('gpt-5.1', 'GPT-5.1', 1.25, 0.125, 10),
  legacy('gpt-5', 'GPT-5', 1.25, 0.125, 10),
  legacy('gpt-4.1', 'GPT-4.1', 2, 0.5, 8),
  legacy('gpt-4o', 'GPT-4o', 2.5, 1.25, 10),
  legacy('gpt-4o-mini', 'GPT-4o mini', 0.15, 0.075, 0.6),
  legacy('o3', 'o3', 2, 0.5, 8),
  legacy('o4-mini', 'o4-mini', 1.1, 0.275, 4.4),
  profile('gemini', 'gemini-2.5-pro', 'Gemini 2.5 Pro (≤200k prompt)', 1.25, 1.25, 1.25, 0.125, 10, 4.5, 4096, ['1h'], { '1h': 'fixed' }, GEMINI_URL, '2026-11-22', GEMINI_NOTE),
  profile('gemini', 'gemini-2.5-flash', 'Gemini 2.5 Flash', 0.3, 0.3, 0.3, 0.075, 2.5, 1, 1024, ['1h'], { '1h': 'fixed' }, GEMINI_URL, '2026-11-22', `${GEMINI_NOTE} Cached rate from an older listing.`),
  profile('deepseek', 'deepseek-chat', 'DeepSeek Chat', 0.27, 0.27, 0.27, 0.07, 1.1, 0, 64, ['1h'], { '1h': 'sliding' }, DEEPSEEK_URL, '2026-11-22', 'Disk cache on by default, no write premium; entries last "a few hours to a few days" after last use (best effort): try what-if TTLs such as 6h.'),
  profile('deepseek', 'deepseek-reasoner', 'DeepSeek Reasoner', 0.55, 0.55, 0.55, 0.14, 2.19, 0, 64, ['1h'], { '1h': 'sliding' }, DEEPSEEK_URL, '2026-11-22', 'As deepseek-chat.'),
];
