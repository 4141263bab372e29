// Anthropic first-party prices (docs/pricing.md): absolute $/MTok per model, minimum cacheable
// tokens, TTL tiers. Data only; profiles.ts gathers every provider, lookup.ts resolves names and aliases.
import type { PriceProfile, PriceVariant, UsdPerMTok } from './profile.js';

const PRICING_URL = 'https://platform.claude.com/docs/en/about-claude/pricing';
/** The archived pricing page the current table was read from (llms-txt-archive @7967a16). */
const AS_OF = '2026-08-21';
/** The earliest archived pricing page, the only one that still lists the deprecated Claude 3 models. */
const AS_OF_MARCH = '2026-03-13';
/** ttlsim's documented default: 5m slides on every read, 1h is fixed from the write (docs/model.md). */
const REFRESH = { '5m': 'sliding', '1h': 'fixed' } as const;

// Said once for every model, because it applies to every model.
const COMMON_NOTE =
  '1h is modelled as a fixed expiry (ttlsim default); Anthropic describes refresh-on-hit without naming a tier, so compare refresh: sliding. ' +
  'Applied per request where the log shows it: the long-context and fast-mode prices below, and the Batch API −50% (replay/price-requests.ts). ' +
  'Not applied: US-only inference ×1.1 (Claude 4.6+), server-tool fees.';
/** The page of 2026-03-13 is the one that lists the 1M-context beta's prices (later pages: no premium from Claude 4.6). */
const LONG_CONTEXT_AS_OF = AS_OF_MARCH;
/** "Input above 200k tokens", counting cache reads and writes (docs/pricing.md). */
const LONG_CONTEXT_ABOVE = 200_000;

interface Row {
  readonly model: string;
  readonly displayName: string;
  /** $/MTok: base input, 5m write, 1h write, cache read (hits and refreshes), output. */
  readonly input: number;
  readonly write5m: number;
  readonly write1h: number;
  readonly read: number;
  readonly output: number;
  readonly minTokens: number;
  readonly asOf?: string;
  readonly sourceUrl?: string;
  /** Caveats specific to this model; COMMON_NOTE is appended. */
  readonly notes: string;
  /** $/MTok input and output above 200k input tokens (1M-context beta); caching multipliers apply on top. */
  readonly longContext?: { readonly input: number; readonly output: number };
  /** $/MTok input and output in fast mode; caching multipliers apply on top. */
  readonly fast?: { readonly input: number; readonly output: number };
}

const CURRENT = 'Pricing page snapshot of 2026-08-21.';
const OLD = 'Deprecated; only on the 2026-03-13 pricing page.';

const ROWS: readonly Row[] = [
  {
    model: 'claude-fable-5',
    displayName: 'Claude Fable 5',
    input: 10,
    write5m: 12.5,
    write1h: 20,
    read: 1,
    output: 50,
    minTokens: 512,
    notes: CURRENT,
  },
  {
    model: 'claude-mythos-5',
    displayName: 'Claude Mythos 5',
    input: 10,
    write5m: 12.5,
    write1h: 20,
    read: 1,
    output: 50,
    minTokens: 512,
    notes: `${CURRENT} Limited availability.`,
  },
  {
    model: 'claude-opus-5',
    displayName: 'Claude Opus 5',
    input: 5,
    write5m: 6.25,
    write1h: 10,
    read: 0.5,
    output: 25,
    minTokens: 512,
    notes: CURRENT,
    fast: { input: 10, output: 50 },
  },
  {
    model: 'claude-opus-4-8',
    displayName: 'Claude Opus 4.8',
    input: 5,
    write5m: 6.25,
    write1h: 10,
    read: 0.5,
    output: 25,
    minTokens: 1024,
    notes: CURRENT,
    fast: { input: 10, output: 50 },
  },
  {
    model: 'claude-opus-4-7',
    displayName: 'Claude Opus 4.7',
    input: 5,
    write5m: 6.25,
    write1h: 10,
    read: 0.5,
    output: 25,
    minTokens: 2048,
    notes: `${CURRENT} Minimum was 4,096 in the May 2026 docs. Its tokenizer yields ~30% more tokens for the same text.`,
  },
  {
    model: 'claude-opus-4-6',
    displayName: 'Claude Opus 4.6',
    input: 5,
    write5m: 6.25,
    write1h: 10,
    read: 0.5,
    output: 25,
    minTokens: 4096,
    notes: CURRENT,
  },
  {
    model: 'claude-opus-4-5',
    displayName: 'Claude Opus 4.5',
    input: 5,
    write5m: 6.25,
    write1h: 10,
    read: 0.5,
    output: 25,
    minTokens: 4096,
    notes: CURRENT,
  },
  {
    model: 'claude-opus-4-1',
    displayName: 'Claude Opus 4.1',
    input: 15,
    write5m: 18.75,
    write1h: 30,
    read: 1.5,
    output: 75,
    minTokens: 1024,
    notes: `${CURRENT} Retired on the API except on Bedrock and Google Cloud.`,
  },
  {
    model: 'claude-opus-4',
    displayName: 'Claude Opus 4',
    input: 15,
    write5m: 18.75,
    write1h: 30,
    read: 1.5,
    output: 75,
    minTokens: 1024,
    notes: `${CURRENT} Retired except on Google Cloud.`,
  },
  {
    model: 'claude-sonnet-5',
    displayName: 'Claude Sonnet 5',
    input: 2,
    write5m: 2.5,
    write1h: 4,
    read: 0.2,
    output: 10,
    minTokens: 1024,
    notes: `${CURRENT} The introductory $2/$10 became standard (the announced rise to $3/$15 was cancelled).`,
  },
  {
    model: 'claude-sonnet-4-6',
    displayName: 'Claude Sonnet 4.6',
    input: 3,
    write5m: 3.75,
    write1h: 6,
    read: 0.3,
    output: 15,
    minTokens: 1024,
    notes: `${CURRENT} Minimum was 2,048 in the March 2026 docs.`,
  },
  {
    model: 'claude-sonnet-4-5',
    displayName: 'Claude Sonnet 4.5',
    input: 3,
    write5m: 3.75,
    write1h: 6,
    read: 0.3,
    output: 15,
    minTokens: 1024,
    notes: `${CURRENT} Prompts above 200k input tokens on the 1M-context beta: $6/$22.50, caching multipliers on top (page of 2026-03-13).`,
    longContext: { input: 6, output: 22.5 },
  },
  {
    model: 'claude-sonnet-4',
    displayName: 'Claude Sonnet 4',
    input: 3,
    write5m: 3.75,
    write1h: 6,
    read: 0.3,
    output: 15,
    minTokens: 1024,
    notes: `${CURRENT} Retired on the API except on Bedrock and Google Cloud. Prompts above 200k input tokens on the 1M-context beta: $6/$22.50 (page of 2026-03-13).`,
    longContext: { input: 6, output: 22.5 },
  },
  {
    model: 'claude-haiku-4-5',
    displayName: 'Claude Haiku 4.5',
    input: 1,
    write5m: 1.25,
    write1h: 2,
    read: 0.1,
    output: 5,
    minTokens: 4096,
    notes: CURRENT,
  },
  {
    model: 'claude-3-5-haiku',
    displayName: 'Claude Haiku 3.5',
    input: 0.8,
    write5m: 1,
    write1h: 1.6,
    read: 0.08,
    output: 4,
    minTokens: 2048,
    notes: `${CURRENT} Retired except on Bedrock and Google Cloud. Its cache reads count toward ITPM.`,
  },
  {
    model: 'claude-3-7-sonnet',
    displayName: 'Claude Sonnet 3.7',
    input: 3,
    write5m: 3.75,
    write1h: 6,
    read: 0.3,
    output: 15,
    minTokens: 1024,
    asOf: AS_OF_MARCH,
    notes: OLD,
  },
  {
    model: 'claude-3-opus',
    displayName: 'Claude Opus 3',
    input: 15,
    write5m: 18.75,
    write1h: 30,
    read: 1.5,
    output: 75,
    minTokens: 1024,
    asOf: AS_OF_MARCH,
    notes: `${OLD} Minimum not on the pricing page: 1,024 assumed, as for the other non-Haiku models of that page.`,
  },
  {
    model: 'claude-3-haiku',
    displayName: 'Claude Haiku 3',
    input: 0.25,
    write5m: 0.3,
    write1h: 0.5,
    read: 0.03,
    output: 1.25,
    minTokens: 2048,
    asOf: AS_OF_MARCH,
    notes: `${OLD} Listed prices are rounded: the 5m write is 1.2× and the read 0.12× input, not 1.25× and 0.1×.`,
  },
  // After the 2026-08-21 snapshot: weaker sourcing, and the read is no longer 0.1× input.
  {
    model: 'claude-fable-5-1',
    displayName: 'Claude Fable 5.1',
    input: 10,
    write5m: 12.5,
    write1h: 20,
    read: 0.25,
    output: 50,
    minTokens: 512,
    asOf: '2026-09-01',
    notes:
      'Post-snapshot: reads at 0.025× input, from a crawled pricing page and a third-party quote of the 2026-09-01 release note. Minimum 512 as on Bedrock ("Fable 5.x").',
  },
  {
    model: 'claude-mythos-5-1',
    displayName: 'Claude Mythos 5.1',
    input: 10,
    write5m: 12.5,
    write1h: 20,
    read: 0.25,
    output: 50,
    minTokens: 512,
    asOf: '2026-09-01',
    notes: 'Post-snapshot: reads at 0.025× input, from a crawled pricing page. Minimum assumed equal to Mythos 5.',
  },
  {
    model: 'claude-opus-5-5',
    displayName: 'Claude Opus 5.5',
    input: 4,
    write5m: 5,
    write1h: 8,
    read: 0.2,
    output: 20,
    minTokens: 512,
    asOf: '2026-09-22',
    sourceUrl: 'https://platform.claude.com/docs/zh-CN/models/opus-5-5/overview',
    notes:
      'Post-snapshot (released 2026-09-22): reads at 0.05× input, from the model overview page and a third-party release note. Minimum assumed equal to Opus 5.',
  },
];
// Left out: Sonnet 5.5 and Haiku 5.5. Only one third-party crate lists them, with no write prices, and
// Haiku 5.5's input price is tiered by prompt length; a guessed row would bill with invented numbers.

/** A variant's input and output, with the row's own write and read multipliers on top ("caching multipliers apply on top"). */
function variantPrices(row: Row, prices: { readonly input: number; readonly output: number }): UsdPerMTok {
  const scale = (rowPrice: number) => Math.round((prices.input * rowPrice * 1e6) / row.input) / 1e6;
  return {
    input: prices.input,
    cacheWrite5m: scale(row.write5m),
    cacheWrite1h: scale(row.write1h),
    cacheRead: scale(row.read),
    output: prices.output,
    storagePerHour: 0,
  };
}

const variant = (
  row: Row,
  prices: { readonly input: number; readonly output: number },
  asOf: string,
): PriceVariant => ({
  usdPerMTok: variantPrices(row, prices),
  sourceUrl: PRICING_URL,
  asOf,
});

export const ANTHROPIC_PROFILES: readonly PriceProfile[] = ROWS.map((row) => ({
  provider: 'anthropic',
  model: row.model,
  displayName: row.displayName,
  usdPerMTok: {
    input: row.input,
    cacheWrite5m: row.write5m,
    cacheWrite1h: row.write1h,
    cacheRead: row.read,
    output: row.output,
    storagePerHour: 0,
  },
  minCacheableTokens: row.minTokens,
  ttls: ['5m', '1h'],
  refresh: REFRESH,
  ttlNonIncreasing: true,
  sourceUrl: row.sourceUrl ?? PRICING_URL,
  asOf: row.asOf ?? AS_OF,
  notes: `${row.notes} ${COMMON_NOTE}`,
  ...(row.longContext === undefined
    ? {}
    : {
        longContext: {
          ...variant(row, row.longContext, LONG_CONTEXT_AS_OF),
          aboveInputTokens: LONG_CONTEXT_ABOVE,
        },
      }),
  ...(row.fast === undefined ? {} : { fast: variant(row, row.fast, row.asOf ?? AS_OF) }),
}));

/**
 * Model ids as API responses, logs and SDK defaults spell them → the profile's id. Dated ids not listed
 * here still resolve (lookup.ts strips a trailing `-YYYYMMDD`); these are the ones whose undated form
 * differs, plus the dated ids worth naming so that a reader can check them.
 */
export const ANTHROPIC_ALIASES: Readonly<Record<string, string>> = {
  'claude-opus-4-5-20251101': 'claude-opus-4-5',
  'claude-opus-4-1-20250805': 'claude-opus-4-1',
  'claude-opus-4-20250514': 'claude-opus-4',
  'claude-opus-4-0': 'claude-opus-4',
  'claude-sonnet-4-5-20250929': 'claude-sonnet-4-5',
  'claude-sonnet-4-20250514': 'claude-sonnet-4',
  'claude-sonnet-4-0': 'claude-sonnet-4',
  'claude-haiku-4-5-20251001': 'claude-haiku-4-5',
  'claude-3-5-haiku-20241022': 'claude-3-5-haiku',
  'claude-3-5-haiku-latest': 'claude-3-5-haiku',
  'claude-3-7-sonnet-20250219': 'claude-3-7-sonnet',
  'claude-3-7-sonnet-latest': 'claude-3-7-sonnet',
  'claude-3-opus-20240229': 'claude-3-opus',
  'claude-3-opus-latest': 'claude-3-opus',
  'claude-3-haiku-20240307': 'claude-3-haiku',
};
