// The discounts and surcharges a provider documents per service tier (`usage.service_tier` in Anthropic's
// responses), as a provider-level table with source and date (docs/pricing.md). A tier not listed here has
// no known price: its requests are skipped and counted, never billed at a guess.

export interface ServiceTierPrice {
  /** Multiplies every category (input, writes, reads, output): "multipliers stack" with the Batch discount. */
  readonly multiplier: number;
  readonly sourceUrl: string;
  readonly asOf: string;
}

const ANTHROPIC_PRICING = 'https://platform.claude.com/docs/en/about-claude/pricing';

/** Provider → service tier → price. `standard` (or no tier at all) is the profile's own price everywhere. */
const SERVICE_TIERS: Readonly<Record<string, Readonly<Record<string, ServiceTierPrice>>>> = {
  // Batch API: 50% off input and output; the prompt-caching multipliers stack on the discounted input.
  anthropic: { batch: { multiplier: 0.5, sourceUrl: ANTHROPIC_PRICING, asOf: '2026-08-21' } },
};

/** True for the tiers billed at the profile's own prices: none logged, or `standard`. */
export function isStandardTier(tier: string): boolean {
  return tier === '' || tier === 'standard';
}

/** The price of a non-standard tier on `provider`, or undefined where no source gives one (priority, flex, …). */
export function serviceTierPrice(provider: string, tier: string): ServiceTierPrice | undefined {
  return Object.hasOwn(SERVICE_TIERS, provider) && Object.hasOwn(SERVICE_TIERS[provider], tier)
    ? SERVICE_TIERS[provider][tier]
    : undefined;
}
