// The per-policy part of the cache protocol (docs/architecture.md, like libCacheSim's eviction algorithms): a
// policy only answers "which tier does a breakpoint on this role get?". Lookup, billing, refresh and
// expiry are shared by every policy in prefix-cache.ts.
import type { PolicySpec, Tier, TierResolver } from '../model/policy.js';
import type { Request } from '../model/request.js';
import type { PriceProfile } from '../pricing/profile.js';
import { AdaptiveTiers } from './adaptive.js';

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

/** Picks the resolver for one request's breakpoints; called once per request (or ping), in arrival order. */
export type RequestTiers = (request: Request) => TierResolver;

export interface PolicyTiers {
  /** For requests: may observe them (the adaptive policy learns each thread's gaps here). */
  readonly forRequest: RequestTiers;
  /** For keep-alive pings of a request: the same tiers, without observing anything. */
  readonly forPing: RequestTiers;
}

/**
 * Where a breakpoint's tier can depend on the request, not only its role: the thread kind's own tier
 * (`threads:`), the TTL the log recorded (as-recorded), or the adaptive rule. Every resolver is built
 * here once, so the engine does no allocation per request.
 */
export function policyTiers(policy: PolicySpec, priceOf: (model: string) => PriceProfile): PolicyTiers {
  const byRole = tierResolver(policy);
  const fixed =
    (tier: Tier | null): TierResolver =>
    () =>
      tier;
  const recorded = policy.recordedTiers;
  const byRecord: RequestTiers =
    recorded === undefined || !policy.cache
      ? () => byRole
      : (
          (tiers: Readonly<Record<string, TierResolver>>) => (request: Request) =>
            tiers[request.recordedTtl ?? '5m'] ?? tiers['5m']
        )({ '5m': fixed(recorded['5m']), '1h': fixed(recorded['1h']) });
  const kinds = policy.tierByThreadKind;
  const byKind: Readonly<Record<string, TierResolver>> =
    kinds === undefined || !policy.cache
      ? {}
      : Object.fromEntries(Object.entries(kinds).map(([kind, tier]) => [kind, fixed(tier ?? null)]));
  const forPing: RequestTiers =
    kinds === undefined ? byRecord : (request) => byKind[request.threadKind] ?? byRecord(request);
  if (!policy.cache || policy.adaptive === undefined) return { forRequest: forPing, forPing };
  const adaptive = new AdaptiveTiers(policy.adaptive.prior, priceOf);
  return { forRequest: (request) => adaptive.resolverFor(request), forPing };
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
