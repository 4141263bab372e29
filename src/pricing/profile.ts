// Price profiles are data (docs/pricing.md): absolute $/MTok per category, with source and as-of
// date, so a bill can be traced to the table it came from. Dollars are computed once, in pricing/cost.ts.

/** Refresh semantics a provider documents (or ttlsim assumes) for a TTL tier. */
export type ProfileRefresh = 'sliding' | 'fixed';

/**
 * The highest price ttlsim accepts from a scenario file or `--price`, in USD per million tokens (and per
 * hour for storage): $1 a token, a thousand times the dearest listed price. Above it a bill of many
 * requests could overflow to Infinity; no real price is near it.
 */
export const MAX_USD_PER_MTOK = 1_000_000;

/** USD per million tokens, per category. */
export interface UsdPerMTok {
  readonly input: number;
  readonly cacheWrite5m: number;
  /** NaN where the provider has no 1h tier. */
  readonly cacheWrite1h: number;
  readonly cacheRead: number;
  readonly output: number;
  /** USD per million tokens per hour stored (Gemini explicit caching); 0 elsewhere. */
  readonly storagePerHour: number;
}

/**
 * Prices that replace a profile's own for some of its requests (docs/pricing.md, "What the bill holds"):
 * absolute, like the profile's, with their own source and date.
 */
export interface PriceVariant {
  readonly usdPerMTok: UsdPerMTok;
  readonly sourceUrl: string;
  readonly asOf: string;
}

/** The long-context price: the whole request, every category, when its input is above the threshold. */
export interface LongContextPrice extends PriceVariant {
  /** Input tokens (uncached + written + read) above which the request is billed at these prices. */
  readonly aboveInputTokens: number;
}

export interface PriceProfile {
  /** `anthropic`, `bedrock`, `vertex`, `openai`, `gemini`, `deepseek`. */
  readonly provider: string;
  /** Model id as users write it, e.g. `claude-sonnet-4-5`. */
  readonly model: string;
  /** Human-readable name, e.g. `Claude Sonnet 4.5`. */
  readonly displayName: string;
  /** USD per million tokens. */
  readonly usdPerMTok: UsdPerMTok;
  /** Where the model charges more for long prompts; absent where it does not (or no source says). */
  readonly longContext?: LongContextPrice;
  /** Fast mode (`speed: "fast"`), where a source gives its price; absent elsewhere (such requests are unpriced). */
  readonly fast?: PriceVariant;
  /** Below this cumulative prefix length nothing is cached (no error, billed as input). */
  readonly minCacheableTokens: number;
  /** TTL tiers the provider accepts, as labels (`5m`, `1h`, `30m`, …). */
  readonly ttls: readonly string[];
  /** Default refresh per tier label. ttlsim's defaults: 5m sliding, 1h fixed (docs/model.md). */
  readonly refresh: Readonly<Record<string, ProfileRefresh>>;
  /** True where a longer-TTL breakpoint may not follow a shorter one (Anthropic, Bedrock, Vertex). */
  readonly ttlNonIncreasing: boolean;
  /** Where the prices come from, and when they were read. */
  readonly sourceUrl: string;
  readonly asOf: string;
  /** Caveats (unverified sources, regional multipliers applied, …). */
  readonly notes: string;
}
