// The per-policy part of the cache protocol (STYLE.md §3, like libCacheSim's eviction algorithms): a
// policy only answers "which tier does a breakpoint on this role get?". Lookup, billing, refresh and
// expiry are shared by every policy in prefix-cache.ts.
import type { PolicySpec, Tier } from '../scenario/types.js';

/** Resolves a segment role to its tier (null = no breakpoint there). */
export type TierResolver = (role: string) => Tier | null;

export type PolicyKind = 'none' | 'static' | 'keepalive';

export function policyKind(policy: PolicySpec): PolicyKind {
  if (!policy.cache) return 'none';
  return policy.keepalive === null ? 'static' : 'keepalive';
}

const resolverByKind: Record<PolicyKind, (policy: PolicySpec) => TierResolver> = {
  none: () => () => null,
  static: staticResolver,
  // Keep-alive changes when requests happen (pings), not which tier a breakpoint gets.
  keepalive: staticResolver,
};

export function tierResolver(policy: PolicySpec): TierResolver {
  return resolverByKind[policyKind(policy)](policy);
}

/**
 * For the as-recorded policy of a replay: one resolver per recorded TTL label, each giving every
 * breakpoint that tier (a recorded request used one TTL for all its writes). Null for other policies.
 */
export function recordedTierResolvers(policy: PolicySpec): Readonly<Record<string, TierResolver>> | null {
  const tiers = policy.recordedTiers;
  if (tiers === undefined || !policy.cache) return null;
  return { '5m': () => tiers['5m'], '1h': () => tiers['1h'] };
}

function staticResolver(policy: PolicySpec): TierResolver {
  const memo = new Map<string, Tier | null>();
  // Most prompts repeat one role at every breakpoint: answer it without a map lookup.
  let lastRole: string | undefined;
  let lastTier: Tier | null = null;
  return (role) => {
    if (role === lastRole) return lastTier;
    let tier = memo.get(role);
    if (tier === undefined) {
      const listed = policy.tierByRole[role];
      tier = listed === undefined ? policy.defaultTier : listed;
      memo.set(role, tier);
    }
    lastRole = role;
    lastTier = tier;
    return tier;
  };
}
