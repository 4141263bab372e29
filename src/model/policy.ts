// model/ (layer 0, imports nothing): what a TTL policy is, as scenario/ normalises it and cache/ applies
// it. The cache protocol the tiers plug into is in docs/model.md.

export type RefreshMode = 'sliding' | 'fixed';

/** A cache tier: how long an entry lives, whether reads extend it, and which write price it pays. */
export interface Tier {
  readonly ttlMs: number;
  readonly refresh: RefreshMode;
  /** Write price category: `5m` for TTLs up to 5 minutes, `1h` above (what-if durations bill like the next tier up). */
  readonly billAs: '5m' | '1h';
  /** Display label: `5m`, `1h`, or the duration as written. */
  readonly label: string;
}

export interface KeepAliveSpec {
  /** Ping interval after the thread's last request. */
  readonly everyMs: number;
  /** Stop pinging once the thread has been idle this long. */
  readonly maxIdleMs: number;
  /** Uncached tail tokens each ping sends (billed as input). */
  readonly tailTokens: number;
  /** Output tokens each ping produces (billed as output). */
  readonly outputTokens: number;
}

interface TieredFields {
  readonly name: string;
  /** Tier per role; roles not listed use `defaultTier`. `null` = no breakpoint for that role. */
  readonly tierByRole: Readonly<Record<string, Tier | null>>;
  readonly defaultTier: Tier | null;
  /**
   * Per thread kind (`subagent`, `compaction`, `main`, …): every breakpoint of that kind's requests gets
   * this tier (null = no caching for them), whatever its role. Kinds not listed follow the roles.
   */
  readonly tierByThreadKind?: Readonly<Partial<Record<string, Tier | null>>>;
}

/** `cache: false`: every prompt token is uncached input. */
export interface NoCachePolicy {
  readonly kind: 'none';
  readonly name: string;
}

/** A TTL policy: a tier per role (and per thread kind), nothing that changes when requests happen. */
export interface StaticPolicy extends TieredFields {
  readonly kind: 'static';
}

/** A static policy whose threads also ping while idle, so their entries stay warm. */
export interface KeepAlivePolicy extends TieredFields {
  readonly kind: 'keepalive';
  readonly keepalive: KeepAliveSpec;
}

/**
 * The adaptive policy (cache/adaptive.ts): each request's breakpoints get 5m sliding, 1h fixed or none,
 * chosen at its arrival from the gaps seen so far. `prior` is the pseudo-count (≥ 0) pulling a thread's
 * gap estimate towards the gaps pooled over all threads. No roles, thread kinds or keep-alive: a ping
 * repeats a request without arriving, it would have no tier of its own to choose.
 */
export interface AdaptivePolicy {
  readonly kind: 'adaptive';
  readonly name: string;
  readonly prior: number;
}

/**
 * Replays only: bill each request at the TTL its log recorded (`Request.recordedTtl`, `5m` when it
 * recorded none), whatever the role.
 */
export interface AsRecordedPolicy {
  readonly kind: 'as-recorded';
  readonly name: string;
  readonly recordedTiers: Readonly<Record<'5m' | '1h', Tier>>;
}

/** What a TTL policy is; `kind` says which fields it has, so no invalid combination can be written. */
export type PolicySpec = NoCachePolicy | StaticPolicy | KeepAlivePolicy | AdaptivePolicy | AsRecordedPolicy;

export type PolicyKind = PolicySpec['kind'];

/** The role-tiered kinds (static and keep-alive): their tiers per role, the default last. */
export function roleTiers(policy: PolicySpec): (Tier | null)[] {
  return policy.kind === 'static' || policy.kind === 'keepalive'
    ? [...Object.values(policy.tierByRole), policy.defaultTier]
    : [];
}

/** Resolves a segment role to its tier (null = no breakpoint there). */
export type TierResolver = (role: string) => Tier | null;

/** Pseudo-count of the pooled gaps in each thread's estimate when a scenario writes `adaptive: true`. */
export const DEFAULT_ADAPTIVE_PRIOR = 2;
