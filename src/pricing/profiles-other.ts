// Other providers' caching economics (docs/pricing.md): OpenAI (no write premium before GPT-5.6,
// 1.25× and a 30m sliding TTL from it), Gemini explicit caching (storage fee, fixed TTL), DeepSeek.
// Data only; profiles.ts gathers every provider.
import type { PriceProfile, ProfileRefresh } from './profile.js';

const OPENAI_URL = 'https://developers.openai.com/api/docs/pricing';
const GEMINI_URL = 'https://ai.google.dev/gemini-api/docs/pricing';
const DEEPSEEK_URL = 'https://api-docs.deepseek.com/quick_start/pricing-details-usd';
/** Date these tables were compiled from copies of these pages (the pages carry no date of their own). */
const AS_OF = '2026-11-22';

// ttlsim bills every TTL above 5 minutes in the 1h write category (Tier.billAs), so `cacheWrite1h` here
// is the write price of any longer tier: GPT-5.6's 30m writes, and what-if durations on the others.
// Providers without a write premium therefore carry their input price in both write columns.

interface Row {
  readonly provider: string;
  readonly model: string;
  readonly displayName: string;
  /** $/MTok: input, cache write (every tier), cache read, output; storage per MTok-hour. */
  readonly input: number;
  readonly write: number;
  readonly read: number;
  readonly output: number;
  readonly storagePerHour?: number;
  readonly minTokens: number;
  readonly ttls: readonly string[];
  readonly refresh: Readonly<Record<string, ProfileRefresh>>;
  readonly sourceUrl: string;
  readonly notes: string;
}

const toProfile = (row: Row): PriceProfile => ({
  provider: row.provider,
  model: row.model,
  displayName: row.displayName,
  usdPerMTok: {
    input: row.input,
    cacheWrite5m: row.write,
    cacheWrite1h: row.write,
    cacheRead: row.read,
    output: row.output,
    storagePerHour: row.storagePerHour ?? 0,
  },
  minCacheableTokens: row.minTokens,
  ttls: row.ttls,
  refresh: row.refresh,
  // Only Anthropic's API and its clouds reject a longer TTL after a shorter one.
  ttlNonIncreasing: false,
  sourceUrl: row.sourceUrl,
  asOf: AS_OF,
  notes: row.notes,
});

const GPT56_NOTE =
  'GPT-5.6+: writes cost 1.25× input; the only TTL is "30m", sliding ("30 minutes after its most recent write or reuse", OpenAI may keep it longer). ' +
  'Cached tokens count toward TPM; >15 requests/min per prefix may overflow to other machines (not modelled).';
const IN_MEMORY_NOTE =
  'No write premium. Retention is inactivity-based ("typically 5 to 10 minutes ... up to one hour" in memory; the 24h policy, default for non-ZDR orgs in the current docs, "typically around 30 minutes"), ' +
  'modelled as a 5m sliding TTL: try what-if TTLs such as 30m. Cached tokens count toward TPM.';
const gpt56 = (
  model: string,
  displayName: string,
  input: number,
  write: number,
  read: number,
  output: number,
  notes = GPT56_NOTE,
): Row => ({
  provider: 'openai',
  model,
  displayName,
  input,
  write,
  read,
  output,
  minTokens: 1024,
  ttls: ['30m'],
  refresh: { '30m': 'sliding' },
  sourceUrl: OPENAI_URL,
  notes,
});
const inMemory = (
  model: string,
  displayName: string,
  input: number,
  read: number,
  output: number,
  notes = IN_MEMORY_NOTE,
): Row => ({
  provider: 'openai',
  model,
  displayName,
  input,
  write: input,
  read,
  output,
  minTokens: 1024,
  ttls: ['5m'],
  refresh: { '5m': 'sliding' },
  sourceUrl: OPENAI_URL,
  notes,
});

const GEMINI_NOTE =
  'Explicit caching (cachedContents): creation at the input price, storage billed per MTok-hour, a fixed expiry (now + ttl; only caches.update extends it), default ttl 1h. ' +
  'Prices seen through third-party copies of the pricing page, not the page itself.';
const gemini = (
  model: string,
  displayName: string,
  input: number,
  read: number,
  output: number,
  storagePerHour: number,
  minTokens: number,
  notes: string,
): Row => ({
  provider: 'gemini',
  model,
  displayName,
  input,
  write: input,
  read,
  output,
  storagePerHour,
  minTokens,
  ttls: ['1h'],
  refresh: { '1h': 'fixed' },
  sourceUrl: GEMINI_URL,
  notes: `${GEMINI_NOTE} ${notes}`,
});

const DEEPSEEK_NOTE =
  'Disk cache, on by default, no write premium, 64-token units. Entries last "a few hours to a few days" after last use (best effort), modelled as 1h sliding: try what-if TTLs such as 6h. ' +
  'Prices of the V3/R1-era page the notes quote (output price not in the notes); DeepSeek has repriced since: override them.';
const deepseek = (model: string, displayName: string, input: number, read: number, output: number): Row => ({
  provider: 'deepseek',
  model,
  displayName,
  input,
  write: input,
  read,
  output,
  minTokens: 64,
  ttls: ['1h'],
  refresh: { '1h': 'sliding' },
  sourceUrl: DEEPSEEK_URL,
  notes: DEEPSEEK_NOTE,
});

const ROWS: readonly Row[] = [
  gpt56(
    'gpt-5.6-sol',
    'GPT-5.6 Sol',
    4,
    5,
    0.4,
    20,
    `${GPT56_NOTE} Long-context prompts cost 2× input (not modelled).`,
  ),
  gpt56('gpt-5.6-terra', 'GPT-5.6 Terra', 2, 2.5, 0.2, 12),
  gpt56('gpt-5.6-luna', 'GPT-5.6 Luna', 0.2, 0.25, 0.02, 1.2),
  inMemory('gpt-5.5', 'GPT-5.5', 5, 0.5, 30, `${IN_MEMORY_NOTE} gpt-5.5 supports only the 24h retention policy.`),
  inMemory('gpt-5.4', 'GPT-5.4', 2.5, 0.25, 15),
  inMemory('gpt-5.1', 'GPT-5.1', 1.25, 0.125, 10),
  inMemory('gpt-5', 'GPT-5', 1.25, 0.125, 10),
  inMemory('gpt-4.1', 'GPT-4.1', 2, 0.5, 8),
  inMemory('gpt-4o', 'GPT-4o', 2.5, 1.25, 10),
  inMemory('gpt-4o-mini', 'GPT-4o mini', 0.15, 0.075, 0.6),
  inMemory('o3', 'o3', 2, 0.5, 8),
  inMemory('o4-mini', 'o4-mini', 1.1, 0.275, 4.4),
  gemini(
    'gemini-2.5-pro',
    'Gemini 2.5 Pro (prompts ≤200k)',
    1.25,
    0.125,
    10,
    4.5,
    4096,
    'Prompts above 200k tokens cost more (not modelled). Minimum was 2,048 at launch. Output price not in the notes.',
  ),
  gemini(
    'gemini-2.5-flash',
    'Gemini 2.5 Flash',
    0.3,
    0.075,
    2.5,
    1,
    1024,
    'Cached rate and storage from an older listing (current tables show 0.1× input); input and output prices not in the notes; another copy lists a 2,048 minimum.',
  ),
  deepseek('deepseek-chat', 'DeepSeek Chat', 0.27, 0.07, 1.1),
  deepseek('deepseek-reasoner', 'DeepSeek Reasoner', 0.55, 0.14, 2.19),
];
// Left out: Gemini 3.8 Flash (only its storage fee, $0.50/MTok-hour until 2026-12-31, is in the notes),
// Gemini implicit caching (no TTL to choose), and providers the notes describe without per-model prices.

export const OTHER_PROFILES: readonly PriceProfile[] = ROWS.map(toProfile);
