// What a single request is billed at beyond its model (docs/pricing.md, "What the bill holds"): the
// long-context price, fast mode and the service tier. A request's price key is its model with those
// modifiers in parentheses (`claude-sonnet-4-5 (long context, batch)`): ledgers are kept per price key,
// so tokens stay integers per price and dollars are still computed once (cost.ts).
import type { PriceProfile, UsdPerMTok } from './profile.js';
import { isStandardTier, serviceTierPrice } from './service-tiers.js';

export interface PriceModifiers {
  /** The request's input (uncached + written + read) is above the profile's long-context threshold. */
  readonly longContext: boolean;
  /** `speed: "fast"`. */
  readonly fast: boolean;
  /** `service_tier` as logged; '' or `standard` for the profile's own price. */
  readonly serviceTier: string;
}

export const STANDARD: PriceModifiers = { longContext: false, fast: false, serviceTier: '' };

const FAST = 'fast';
const LONG_CONTEXT = 'long context';

/** The ledger key of a request: its model alone when nothing changes its price. */
export function priceKey(model: string, modifiers: PriceModifiers): string {
  const tags = [
    modifiers.fast ? FAST : '',
    modifiers.longContext ? LONG_CONTEXT : '',
    isStandardTier(modifiers.serviceTier) ? '' : modifiers.serviceTier,
  ].filter((tag) => tag !== '');
  return tags.length === 0 ? model : `${model} (${tags.join(', ')})`;
}

/** The model and modifiers of a price key (the inverse of priceKey). */
export function parsePriceKey(key: string): { readonly model: string; readonly modifiers: PriceModifiers } {
  const match = / \(([^()]*)\)$/.exec(key);
  if (match === null) return { model: key, modifiers: STANDARD };
  const tags = match[1].split(', ');
  const tier = tags.find((tag) => tag !== FAST && tag !== LONG_CONTEXT) ?? '';
  return {
    model: key.slice(0, match.index),
    modifiers: { fast: tags.includes(FAST), longContext: tags.includes(LONG_CONTEXT), serviceTier: tier },
  };
}

/** Why a request's modifiers have no price on its profile. */
export type UnpricedModifier = 'fast' | 'fast-long-context' | 'service-tier';

const round = (usd: number) => Math.round(usd * 1e6) / 1e6;

function scaled(prices: UsdPerMTok, multiplier: number): UsdPerMTok {
  return {
    input: round(prices.input * multiplier),
    cacheWrite5m: round(prices.cacheWrite5m * multiplier),
    cacheWrite1h: round(prices.cacheWrite1h * multiplier),
    cacheRead: round(prices.cacheRead * multiplier),
    output: round(prices.output * multiplier),
    storagePerHour: round(prices.storagePerHour * multiplier),
  };
}

/**
 * The profile a request with `modifiers` is billed at: the base profile's long-context or fast prices
 * (absolute, from their sources), times the service tier's multiplier. A combination no source prices is
 * returned as the reason instead, for the caller to skip and count.
 */
export function modifiedProfile(base: PriceProfile, modifiers: PriceModifiers): PriceProfile | UnpricedModifier {
  if (modifiers.fast && base.fast === undefined) return 'fast';
  // Fast mode's models charge no long-context premium today; no source prices the two together.
  if (modifiers.fast && modifiers.longContext && base.longContext !== undefined) return 'fast-long-context';
  const tier = isStandardTier(modifiers.serviceTier)
    ? undefined
    : serviceTierPrice(base.provider, modifiers.serviceTier);
  if (!isStandardTier(modifiers.serviceTier) && tier === undefined) return 'service-tier';
  const variant = modifiers.fast ? base.fast : modifiers.longContext ? base.longContext : undefined;
  if (variant === undefined && tier === undefined) return base;
  const sources = [variant, tier].filter((s) => s !== undefined);
  const key = priceKey(base.model, {
    ...modifiers,
    longContext: modifiers.longContext && base.longContext !== undefined,
  });
  return {
    ...withoutVariants(base),
    model: key,
    displayName: `${base.displayName}${key.slice(base.model.length)}`,
    usdPerMTok: scaled(variant?.usdPerMTok ?? base.usdPerMTok, tier?.multiplier ?? 1),
    asOf: [base.asOf, ...sources.map((s) => s.asOf)].sort().at(-1)!,
    notes: `${base.notes} Billed here at ${key.slice(base.model.length + 2, -1)} prices: ${sources.map((s) => `${s.sourceUrl} (${s.asOf})`).join(', ')}.`,
  };
}

/** The profile without its long-context and fast prices: for a profile that is itself one price. */
export function withoutVariants(profile: PriceProfile): PriceProfile {
  const copy: { -readonly [K in keyof PriceProfile]: PriceProfile[K] } = { ...profile };
  delete copy.longContext;
  delete copy.fast;
  return copy;
}
