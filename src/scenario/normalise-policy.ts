// Parsed policies → PolicySpecs with one Tier per role, against the provider's rules: which TTLs a model
// offers, each tier's default refresh, and (Anthropic, Bedrock, Vertex) non-increasing TTLs in prompt order,
// walked over every workload's roles (model/roles.ts) before anything runs.
import type { WorkloadSpec } from '../model/scenario.js';
import { type KeepAliveSpec, type PolicySpec, type Tier, DEFAULT_ADAPTIVE_PRIOR } from '../model/policy.js';
import type { PriceProfile } from '../pricing/profile.js';
import type { FieldPath, PathIssue } from './locate.js';
import type { Item } from './schema.js';
import type { RawPolicy, RawTtl } from './schema-policy.js';
import { roleOrder } from '../model/roles.js';
import { messages } from './messages.js';
import { parseDuration } from './units.js';
import { formatDuration } from '../model/format.js';
import { isMapping } from './values.js';
import { FIVE_MINUTES_MS, HOUR_MS } from '../model/time.js';

/** What a keep-alive ping sends beyond the cached prefix, unless the policy says otherwise (tune/oracle.ts prices pings the same way). */
export const KEEPALIVE_TAIL_TOKENS = 20;
export const KEEPALIVE_OUTPUT_TOKENS = 1;

/** A workload with the price profile of its model, for the per-model TTL rules. */
export interface PricedWorkload {
  readonly spec: WorkloadSpec;
  readonly profile: PriceProfile;
}

export interface PolicyContext {
  /** The scenario's pricing profile: tiers take their default refresh from it. */
  readonly main: PriceProfile | undefined;
  readonly workloads: readonly PricedWorkload[];
  /** The scenario overrides the 1h write price of its pricing model (`pricing.cacheWrite1h`). */
  readonly overridesLongWrite: boolean;
}

/**
 * When a file lists no policies: no caching, then every TTL the models offer with its default refresh,
 * plus a sliding variant of each fixed one (docs/model.md: show both semantics). On Anthropic: no-cache, 5m,
 * 1h, 1h-sliding; on a single-TTL provider, no-cache and that TTL (and its sliding twin if fixed).
 */
export function defaultPolicies(context: PolicyContext): Item<RawPolicy>[] {
  // Only TTLs every workload's model offers, so that the defaults never fail the checks below.
  const offered = (context.main?.ttls ?? []).filter((label) =>
    context.workloads.every((w) => w.profile.ttls.includes(label)),
  );
  const policies: RawPolicy[] = [{ name: 'no-cache', cache: false }];
  for (const label of offered) {
    const ms = parseDuration(label);
    if (ms === null || ms === 0) continue;
    policies.push({ name: label, ttl: { written: label, ms } });
    if (context.main?.refresh[label] === 'fixed')
      policies.push({ name: `${label}-sliding`, ttl: { written: label, ms }, refresh: 'sliding' });
  }
  return policies.map((parsed, i) => ({ path: ['policies', i], input: parsed, parsed }));
}

export function normalisePolicies(
  items: readonly Item<RawPolicy>[],
  context: PolicyContext,
  issues: PathIssue[],
): PolicySpec[] {
  const seen = new Set<string>();
  const policies: PolicySpec[] = [];
  for (const item of items) {
    // Checked on the input, so that a policy broken elsewhere still has its name compared.
    const name = isMapping(item.input) ? item.input.name : undefined;
    if (typeof name === 'string' && seen.has(name))
      issues.push({ path: [...item.path, 'name'], message: messages.duplicatePolicy(name) });
    if (typeof name === 'string') seen.add(name);
    const spec = item.parsed === undefined ? undefined : normalisePolicy(item.parsed, item.path, context, issues);
    if (spec !== undefined) policies.push(spec);
  }
  return policies;
}

function normalisePolicy(
  p: RawPolicy,
  path: FieldPath,
  context: PolicyContext,
  issues: PathIssue[],
): PolicySpec | undefined {
  if (p.cache === false) {
    for (const field of ['ttl', 'refresh', 'keepalive', 'adaptive', 'threads'] as const)
      if (p[field] !== undefined) issues.push({ path: [...path, field], message: messages.unusedWithoutCache(field) });
    return { kind: 'none', name: p.name };
  }
  if (p.adaptive !== undefined && p.adaptive !== false)
    return normaliseAdaptive(p, p.adaptive === true ? {} : p.adaptive, path, context, issues);
  if (p.ttl === undefined) {
    issues.push({ path: [...path, 'ttl'], message: messages.policyNeedsTtl() });
    return undefined;
  }
  const before = issues.length;
  const ttlPath = [...path, 'ttl'];
  /** Where each tier was written, to point a provider's refusal at it. */
  const written = new Map<Tier, FieldPath>();
  const tierOf = (ttl: RawTtl, at: FieldPath): Tier | null => {
    if (ttl.ms === 0) return null;
    const label = ttl.ms === FIVE_MINUTES_MS ? '5m' : ttl.ms === HOUR_MS ? '1h' : ttl.written;
    const refresh =
      typeof p.refresh === 'string'
        ? p.refresh
        : (p.refresh?.[label] ??
          context.main?.refresh[label] ??
          context.main?.refresh[formatDuration(ttl.ms)] ??
          'sliding');
    const tier: Tier = { ttlMs: ttl.ms, refresh, billAs: ttl.ms <= FIVE_MINUTES_MS ? '5m' : '1h', label };
    written.set(tier, at);
    return tier;
  };
  let defaultTier: Tier | null = null;
  const tierByRole: Record<string, Tier | null> = {};
  if (isRawTtl(p.ttl)) {
    defaultTier = tierOf(p.ttl, ttlPath);
  } else {
    for (const [role, ttl] of Object.entries(p.ttl)) {
      if (role === 'default') defaultTier = tierOf(ttl, [...ttlPath, role]);
      else tierByRole[role] = tierOf(ttl, [...ttlPath, role]);
    }
  }
  const tiers = [...written.keys()];
  const labels = [...new Set(tiers.map((t) => t.label))];
  if (isMapping(p.refresh)) {
    for (const label of Object.keys(p.refresh))
      if (!labels.includes(label))
        issues.push({
          path: [...path, 'refresh', label],
          message: messages.badRefreshTier(label, labels),
          atKey: true,
        });
  }
  checkProviderRules(
    ttlPath,
    (role) => (Object.hasOwn(tierByRole, role) ? tierByRole[role] : defaultTier),
    written,
    context,
    issues,
  );
  // A thread kind's ttl covers every breakpoint of its requests: one tier, no ordering to check.
  let tierByThreadKind: Record<string, Tier | null> | undefined;
  if (p.threads !== undefined) {
    tierByThreadKind = {};
    for (const [kind, ttl] of Object.entries(p.threads))
      tierByThreadKind[kind] = tierOf(ttl, [...path, 'threads', kind]);
  }
  let keepalive: KeepAliveSpec | null = null;
  if (p.keepalive !== undefined) {
    const { every, maxIdle, tail, output } = p.keepalive;
    const shortestMs = Math.min(...tiers.map((t) => t.ttlMs));
    if (every >= shortestMs)
      issues.push({
        path: [...path, 'keepalive', 'every'],
        message: messages.keepaliveNotBelowTtl(formatDuration(every), formatDuration(shortestMs)),
      });
    if (maxIdle < every)
      issues.push({
        path: [...path, 'keepalive', 'maxIdle'],
        message: messages.keepaliveIdleBelowEvery(formatDuration(maxIdle), formatDuration(every)),
      });
    keepalive = {
      everyMs: every,
      maxIdleMs: maxIdle,
      tailTokens: tail ?? KEEPALIVE_TAIL_TOKENS,
      outputTokens: output ?? KEEPALIVE_OUTPUT_TOKENS,
    };
  }
  if (issues.length > before) return undefined;
  const byKind = tierByThreadKind === undefined ? {} : { tierByThreadKind };
  return keepalive === null
    ? { kind: 'static', name: p.name, tierByRole, defaultTier, ...byKind }
    : { kind: 'keepalive', name: p.name, tierByRole, defaultTier, ...byKind, keepalive };
}

/** `adaptive: true | { prior }`: no ttl, refresh or keep-alive of its own; every workload's model must offer 5m (1h is used where offered). */
function normaliseAdaptive(
  p: RawPolicy,
  options: { prior?: number },
  path: FieldPath,
  context: PolicyContext,
  issues: PathIssue[],
): PolicySpec | undefined {
  const before = issues.length;
  for (const field of ['ttl', 'refresh', 'keepalive', 'threads'] as const)
    if (p[field] !== undefined) issues.push({ path: [...path, field], message: messages.adaptiveExclusive(field) });
  const reported = new Set<string>();
  for (const { profile } of context.workloads) {
    const key = `${profile.provider}/${profile.model}`;
    if (profile.ttls.includes('5m') || reported.has(key)) continue;
    reported.add(key);
    issues.push({
      path: [...path, 'adaptive'],
      message: messages.adaptiveNeedsFiveMinutes(profile.provider, profile.model, profile.ttls),
    });
  }
  if (issues.length > before) return undefined;
  return { kind: 'adaptive', name: p.name, prior: options.prior ?? DEFAULT_ADAPTIVE_PRIOR };
}

const isRawTtl = (ttl: NonNullable<RawPolicy['ttl']>): ttl is RawTtl =>
  typeof ttl.written === 'string' && typeof ttl.ms === 'number';

/** A what-if TTL above five minutes bills at the 1h write price: the model needs one (or the scenario gives it). */
function hasLongWritePrice(profile: PriceProfile, context: PolicyContext): boolean {
  if (!Number.isNaN(profile.usdPerMTok.cacheWrite1h)) return true;
  // run-scenario.ts applies the scenario's overrides to its pricing model only.
  return context.overridesLongWrite && profile.model === context.main?.model;
}

/** Per workload, on its model: the TTLs the model offers and can bill, and the prompt-order rule where it applies. */
function checkProviderRules(
  ttlPath: FieldPath,
  tierFor: (role: string) => Tier | null,
  written: ReadonlyMap<Tier, FieldPath>,
  context: PolicyContext,
  issues: PathIssue[],
): void {
  const reported = new Set<string>();
  const report = (path: FieldPath, message: string) => {
    const key = `${path.join('.')}\n${message}`;
    if (!reported.has(key)) issues.push({ path, message });
    reported.add(key);
  };
  for (const { spec, profile } of context.workloads) {
    let shortest: { role: string; tier: Tier } | undefined;
    for (const role of roleOrder(spec)) {
      const tier = tierFor(role);
      if (tier === null) continue;
      // 5m and 1h are the provider's tiers; any other duration is what-if research and always allowed.
      const at = written.get(tier) ?? ttlPath;
      if ((tier.label === '5m' || tier.label === '1h') && !profile.ttls.includes(tier.label)) {
        report(at, messages.ttlNotOffered(profile.provider, profile.model, tier.label, profile.ttls));
      } else if (tier.billAs === '1h' && !hasLongWritePrice(profile, context)) {
        report(at, messages.noLongWritePrice(profile.provider, profile.model, tier.label));
      }
      if (profile.ttlNonIncreasing && shortest !== undefined && tier.ttlMs > shortest.tier.ttlMs) {
        report(ttlPath, messages.ttlOrder(role, tier.label, shortest.role, shortest.tier.label, profile.provider));
      }
      if (shortest === undefined || tier.ttlMs < shortest.tier.ttlMs) shortest = { role, tier };
    }
  }
}
