// The per-policy part of the cache protocol (docs/architecture.md, like libCacheSim's eviction algorithms): a
// policy only answers "which tier does a breakpoint of this request get?", by its kind. Lookup, billing,
// refresh and expiry are shared by every policy in prefix-cache.ts.
import type { AdaptivePolicy, AsRecordedPolicy, PolicyKind, PolicySpec, Tier, TierResolver } from '../model/policy.js';
import type { Request } from '../model/request.js';
import type { PriceProfile } from '../pricing/profile.js';
import { AdaptiveTiers } from './adaptive.js';

/** Picks the resolver for one request's breakpoints; called once per request (or ping), in arrival order. */
export type RequestTiers = (request: Request) => TierResolver;

export interface PolicyTiers {
  /** For requests: may observe them (the adaptive policy learns each thread's gaps here). */
  readonly forRequest: RequestTiers;
  /** For keep-alive pings of a request: the same tiers, without observing anything. */
  readonly forPing: RequestTiers;
}

type TiersOf<K extends PolicyKind> = (
  policy: Extract<PolicySpec, { kind: K }>,
  priceOf: (model: string) => PriceProfile,
) => PolicyTiers;

const fixed =
  (tier: Tier | null): TierResolver =>
  () =>
    tier;
const noBreakpoints = fixed(null);
const same = (tiers: RequestTiers): PolicyTiers => ({ forRequest: tiers, forPing: tiers });

/** The tiers of the role-tiered kinds: per role, or the thread kind's own tier (`threads:`) where it has one. */
const byRoleAndThreadKind = (policy: Extract<PolicySpec, { kind: 'static' | 'keepalive' }>): PolicyTiers => {
  const byRole = staticResolver(policy.tierByRole, policy.defaultTier);
  const kinds = policy.tierByThreadKind;
  if (kinds === undefined) return same(() => byRole);
  const byKind: Readonly<Record<string, TierResolver>> = Object.fromEntries(
    Object.entries(kinds).map(([kind, tier]) => [kind, fixed(tier ?? null)]),
  );
  return same((request) => byKind[request.threadKind] ?? byRole);
};

/** The TTL each request's log recorded (5m when it recorded none). */
const asRecorded = (policy: AsRecordedPolicy): PolicyTiers => {
  const tiers: Readonly<Record<string, TierResolver>> = {
    '5m': fixed(policy.recordedTiers['5m']),
    '1h': fixed(policy.recordedTiers['1h']),
  };
  return same((request) => tiers[request.recordedTtl ?? '5m'] ?? tiers['5m']);
};

/** Chosen at each arrival from the gaps seen so far; the kind has no keep-alive, so no ping asks. */
const adaptive = (policy: AdaptivePolicy, priceOf: (model: string) => PriceProfile): PolicyTiers => {
  const tiers = new AdaptiveTiers(policy.prior, priceOf);
  return { forRequest: (request) => tiers.resolverFor(request), forPing: () => noBreakpoints };
};

const tiersByKind: { readonly [K in PolicyKind]: TiersOf<K> } = {
  // Never asked: the engine bills every prompt token as input without the cache.
  none: () => same(() => noBreakpoints),
  static: byRoleAndThreadKind,
  // Keep-alive changes when requests happen (pings), not which tier a breakpoint gets.
  keepalive: byRoleAndThreadKind,
  adaptive,
  'as-recorded': asRecorded,
};

/**
 * Which tier each breakpoint of a request (or ping) gets, by the policy's kind: per role and thread kind
 * (static, keep-alive), the TTL the log recorded (as-recorded), or the adaptive rule. Every resolver is
 * built here once, so the engine does no allocation per request.
 */
export function policyTiers(policy: PolicySpec, priceOf: (model: string) => PriceProfile): PolicyTiers {
  // The entry for policy.kind takes that kind's policy; TypeScript cannot relate the two through the index.
  return withinOfferedTiers((tiersByKind[policy.kind] as TiersOf<PolicyKind>)(policy, priceOf), priceOf);
}

/** The tier a provider offers every model: what a longer tier becomes where the model has no price for it. */
const FIVE_MINUTES: Tier = { ttlMs: 300_000, refresh: 'sliding', billAs: '5m', label: '5m' };
const atMostFiveMinutes = (resolver: TierResolver): TierResolver => {
  return (role) => {
    const tier = resolver(role);
    return tier !== null && tier.billAs === '1h' ? FIVE_MINUTES : tier;
  };
};

/**
 * A model whose profile has no 1h price (Bedrock's Claude Opus 4.1, Sonnet 4, …) cannot be written above
 * 5 minutes: the provider would refuse the request. A scenario cannot ask for it (scenario/normalise-policy.ts);
 * a replay's counterfactuals (1h, 1h-sliding) can, and there such a model's breakpoints are written at 5m,
 * the tier it has (docs/replay.md, "Counterfactual policies").
 */
function withinOfferedTiers(tiers: PolicyTiers, priceOf: (model: string) => PriceProfile): PolicyTiers {
  let lastModel: string | undefined;
  let lacks1h = false;
  const capped = (get: RequestTiers): RequestTiers => {
    return (request) => {
      if (request.model !== lastModel) {
        lastModel = request.model;
        lacks1h = Number.isNaN(priceOf(request.model).usdPerMTok.cacheWrite1h);
      }
      const resolver = get(request);
      return lacks1h ? atMostFiveMinutes(resolver) : resolver;
    };
  };
  return { forRequest: capped(tiers.forRequest), forPing: capped(tiers.forPing) };
}

function staticResolver(tierByRole: Readonly<Record<string, Tier | null>>, defaultTier: Tier | null): TierResolver {
  const memo = new Map<string, Tier | null>();
  // Most prompts repeat one role at every breakpoint: answer it without a map lookup.
  let lastRole: string | undefined;
  let lastTier: Tier | null = null;
  return (role) => {
    if (role === lastRole) return lastTier;
    let tier = memo.get(role);
    if (tier === undefined) {
      const listed = tierByRole[role];
      tier = listed === undefined ? defaultTier : listed;
      memo.set(role, tier);
    }
    lastRole = role;
    lastTier = tier;
    return tier;
  };
}
