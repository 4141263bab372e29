// logs/ (layer 4): what a usage object says about a request's price beyond its tokens (docs/log-formats.md):
// fast mode and the service tier, as Anthropic's `usage` carries them (Claude Code's `message.usage`, an
// Anthropic body in a Bedrock invocation log). The replay prices them (replay/price-requests.ts).

export interface PricingTags {
  /** `speed: "fast"`: a price of its own, and a cache of its own (fast mode is part of the cache key). */
  readonly fast: boolean;
  /** `service_tier` as logged (`standard`, `batch`, `priority`, …); '' when absent. */
  readonly serviceTier: string;
}

const NONE: PricingTags = { fast: false, serviceTier: '' };
/** Longer than any tier name; a longer value is not a tier and would only bloat messages. */
const MAX_TIER_LENGTH = 40;

/** The tags of a usage object; anything other than the documented shapes reads as standard. */
export function pricingTags(usage: unknown): PricingTags {
  if (typeof usage !== 'object' || usage === null) return NONE;
  const { speed, service_tier: tier } = usage as { speed?: unknown; service_tier?: unknown };
  const fast = speed === 'fast';
  const serviceTier = typeof tier === 'string' && tier.length <= MAX_TIER_LENGTH ? tier.toLowerCase() : '';
  return fast || serviceTier !== '' ? { fast, serviceTier } : NONE;
}
