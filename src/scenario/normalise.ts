// Raw (shape-checked) scenario → the Scenario the engine runs: defaults, price profile lookups, policy
// tiers with the provider's refresh defaults and TTL rules. Problems are collected, never thrown one by one.
import type { Dist, PolicySpec, RateProfile, Scenario, Tier, WorkloadSpec } from './types.js';
import type { PriceProfile } from '../pricing/profile.js';
import type { RawPolicy, RawScenario, RawWorkload } from './schema.js';
import type { FieldPath } from './locate.js';
import { canonicalModel, findProfile, providers, suggestModel } from '../pricing/lookup.js';
import { roleOrder } from '../workload/roles.js';
import { formatDuration } from '../report/format.js';
import { messages } from './messages.js';
import { parseDuration } from './units.js';
import { PROFILE_PRESETS_WEIGHTS } from './profiles.js';

export interface PathIssue {
  readonly path: FieldPath;
  readonly message: string;
  /** Point at the field's name rather than its value (unknown fields). */
  readonly atKey?: boolean;
}

const FIVE_MINUTES_MS = 300_000;
const constant = (value: number): Dist => ({ dist: 'constant', value });

/**
 * Default policies when a scenario lists none: no caching, then every TTL the provider offers with its
 * default refresh, plus a sliding variant of each fixed one (DESIGN.md §1: show both semantics). On
 * Anthropic: no-cache, 5m, 1h, 1h-sliding.
 */
function defaultPolicies(profile: PriceProfile | null): RawPolicy[] {
  const policies: RawPolicy[] = [{ name: 'no-cache', cache: false }];
  for (const label of profile?.ttls ?? []) {
    const ms = parseDuration(label);
    if (ms === null) continue;
    policies.push({ name: label, ttl: { label, ms } });
    if (profile!.refresh[label] === 'fixed') policies.push({ name: `${label}-sliding`, ttl: { label, ms }, refresh: 'sliding' });
  }
  return policies;
}

export function normalise(raw: RawScenario, sourcePath: string, issues: PathIssue[]): Scenario | null {
  const provider = (raw.pricing.provider ?? 'anthropic').toLowerCase();
  const profileFor = (model: string, path: FieldPath): PriceProfile | null => {
    if (!providers().includes(provider)) {
      issues.push({ path: ['pricing', 'provider'], message: messages.unknownProvider(provider, providers()) });
      return null;
    }
    const found = findProfile(provider, model);
    if (found === undefined) issues.push({ path, message: messages.unknownModel(provider, model, suggestModel(provider, model)) });
    return found ?? null;
  };
  const mainProfile = profileFor(raw.pricing.model, ['pricing', 'model']);
  const rawWorkloads = Array.isArray(raw.workload) ? raw.workload : [raw.workload];
  const workloadPath = (i: number): FieldPath => (Array.isArray(raw.workload) ? ['workload', i] : ['workload']);
  const workloads: WorkloadSpec[] = [];
  rawWorkloads.forEach((w, i) => {
    const path = workloadPath(i);
    if (w.kind === 'replay') {
      issues.push({ path: [...path, 'kind'], message: messages.replayNotSupported() });
      return;
    }
    // Canonical ids, so that requests, ledgers and the scenario's price overrides agree on one name.
    const model = canonicalModel(w.model ?? raw.pricing.model);
    if (w.model !== undefined && mainProfile !== null) profileFor(w.model, [...path, 'model']);
    const spec = normaliseWorkload(w, i, model, path, issues);
    if (spec !== null) workloads.push(spec);
  });
  const rawPolicies = raw.policies ?? defaultPolicies(mainProfile);
  const seen = new Set<string>();
  const policies: PolicySpec[] = [];
  rawPolicies.forEach((p, i) => {
    if (seen.has(p.name)) issues.push({ path: ['policies', i, 'name'], message: messages.duplicatePolicy(p.name) });
    seen.add(p.name);
    if (mainProfile === null) return;
    const spec = normalisePolicy(p, ['policies', i], mainProfile, workloads, issues);
    if (spec !== null) policies.push(spec);
  });
  if (issues.length > 0 || mainProfile === null) return null;
  const horizonMs = raw.horizon;
  return {
    name: raw.name,
    description: raw.description ?? '',
    sourcePath,
    seed: raw.seed ?? 1,
    horizonMs,
    pricing: {
      provider,
      model: mainProfile.model,
      overrides: {
        input: raw.pricing.input,
        cacheWrite5m: raw.pricing.cacheWrite5m,
        cacheWrite1h: raw.pricing.cacheWrite1h,
        cacheRead: raw.pricing.cacheRead,
        output: raw.pricing.output,
        storagePerHour: raw.pricing.storagePerHour,
        minCacheableTokens: raw.pricing.minCacheableTokens,
      },
    },
    engine: {
      lookback: raw.engine?.lookback ?? 20,
      firstTokenDelayMs: raw.engine?.firstTokenDelay ?? 0,
      evictionRatePerMs: raw.engine?.earlyEviction ?? 0,
      // About 96 buckets over the horizon, in whole seconds.
      bucketMs: raw.engine?.bucket ?? Math.max(1000, Math.ceil(horizonMs / 96 / 1000) * 1000),
    },
    workloads,
    policies,
  };
}

type SyntheticWorkload = Exclude<RawWorkload, { kind: 'replay' }>;

function normaliseProfile(raw: SyntheticWorkload['profile']): RateProfile | null {
  if (raw === undefined || raw === 'flat') return null;
  if (typeof raw === 'string') return PROFILE_PRESETS_WEIGHTS[raw as keyof typeof PROFILE_PRESETS_WEIGHTS];
  const scale = (weights: readonly number[] | undefined, length: number) => {
    const w = weights ?? Array<number>(length).fill(1);
    const max = Math.max(...w);
    return max === 0 ? null : w.map((x) => x / max);
  };
  const hourly = scale(raw.hourly, 24);
  const weekly = scale(raw.weekly, 7);
  return hourly === null || weekly === null ? null : { hourly, weekly };
}

function normaliseWorkload(w: SyntheticWorkload, index: number, model: string, path: FieldPath, issues: PathIssue[]): WorkloadSpec | null {
  const label = w.label ?? `w${index}`;
  const profileRaw = w.profile;
  if (profileRaw !== undefined && typeof profileRaw === 'object') {
    for (const key of ['hourly', 'weekly'] as const) {
      const weights = profileRaw[key];
      if (weights !== undefined && weights.every((x) => x === 0)) issues.push({ path: [...path, 'profile', key], message: messages.allZeroProfile() });
    }
  }
  const common = { model, scope: w.scope ?? 'default', profile: normaliseProfile(profileRaw), label };
  switch (w.kind) {
    case 'renewal':
      return { kind: 'renewal', ...common, keys: w.keys, gapMs: w.gap, prefixTokens: w.prefixTokens, suffixTokens: w.suffixTokens ?? constant(0), outputTokens: w.outputTokens ?? constant(0), role: w.role ?? 'context' };
    case 'periodic': {
      const jitterMs = w.jitter ?? 0;
      if (jitterMs * 2 >= w.every) issues.push({ path: [...path, 'jitter'], message: messages.jitterTooLarge(formatDuration(jitterMs), formatDuration(w.every)) });
      return {
        kind: 'periodic', ...common, everyMs: w.every, jitterMs, jobs: w.jobs ?? 1, requestsPerRun: w.requestsPerRun ?? constant(1),
        spacingMs: w.spacing ?? constant(2000), prefixTokens: w.prefixTokens, suffixTokens: w.suffixTokens ?? constant(0),
        outputTokens: w.outputTokens ?? constant(0), role: w.role ?? 'context',
      };
    }
    case 'sessions': {
      if (w.compaction !== undefined && w.compaction.summary >= w.compaction.threshold) issues.push({ path: [...path, 'compaction', 'summary'], message: messages.summaryNotBelowThreshold() });
      const sub = w.subagents;
      return {
        kind: 'sessions', ...common,
        arrivalRatePerMs: w.arrivals,
        turns: w.turns,
        requestsPerTurn: w.requestsPerTurn ?? constant(1),
        toolGapMs: w.toolGap ?? constant(5000),
        thinkTimeMs: w.thinkTime,
        longBreakProbability: w.longBreak?.probability ?? 0,
        longBreakMs: w.longBreak?.duration ?? constant(0),
        prompt: {
          toolsTokens: w.prompt.tools, systemTokens: w.prompt.system, projectTokens: w.prompt.project ?? 0, projects: w.prompt.projects ?? 1,
          userMessageTokens: w.prompt.userMessage, toolResultTokens: w.prompt.toolResult ?? constant(0), outputTokens: w.prompt.output, tailTokens: w.prompt.tail ?? 0,
        },
        compaction: w.compaction === undefined ? null : { thresholdTokens: w.compaction.threshold, summaryTokens: w.compaction.summary },
        subagents: sub === undefined ? null : {
          probability: sub.probability, requests: sub.requests, gapMs: sub.gap, systemTokens: sub.system,
          taskTokens: sub.task, toolResultTokens: sub.toolResult ?? constant(0), outputTokens: sub.output,
        },
      };
    }
  }
}

function normalisePolicy(p: RawPolicy, path: FieldPath, profile: PriceProfile, workloads: readonly WorkloadSpec[], issues: PathIssue[]): PolicySpec | null {
  const before = issues.length;
  if (p.cache === false) {
    if (p.keepalive !== undefined) issues.push({ path: [...path, 'keepalive'], message: messages.keepaliveNeedsCache() });
    return { name: p.name, cache: false, tierByRole: {}, defaultTier: null, keepalive: null };
  }
  if (p.ttl === undefined) {
    issues.push({ path: [...path, 'ttl'], message: messages.policyNeedsTtl() });
    return null;
  }
  const labels = new Set<string>();
  const tierOf = (ttl: { label: string; ms: number }, ttlPath: FieldPath): Tier | null => {
    if (ttl.label === 'none') return null;
    const standard = ttl.ms === 300_000 ? '5m' : ttl.ms === 3_600_000 ? '1h' : null;
    const label = standard ?? ttl.label;
    const billAs = ttl.ms <= FIVE_MINUTES_MS ? '5m' : '1h';
    if (standard !== null && !profile.ttls.includes(standard)) {
      issues.push({ path: ttlPath, message: messages.ttlNotOffered(profile.provider, profile.model, standard, profile.ttls) });
    } else if (billAs === '1h' && Number.isNaN(profile.usdPerMTok.cacheWrite1h)) {
      // A what-if TTL above five minutes bills at the 1h write price, which this model does not have.
      issues.push({ path: ttlPath, message: messages.noLongWritePrice(profile.provider, profile.model, label) });
    }
    labels.add(label);
    const refresh = typeof p.refresh === 'string' ? p.refresh : (p.refresh?.[label] ?? profile.refresh[label] ?? 'sliding');
    return { ttlMs: ttl.ms, refresh, billAs, label };
  };
  let tierByRole: Record<string, Tier | null> = {};
  let defaultTier: Tier | null = null;
  if ('label' in p.ttl && 'ms' in p.ttl && typeof p.ttl.ms === 'number') {
    defaultTier = tierOf(p.ttl as { label: string; ms: number }, [...path, 'ttl']);
  } else {
    for (const [role, ttl] of Object.entries(p.ttl as Record<string, { label: string; ms: number }>)) {
      const tier = tierOf(ttl, [...path, 'ttl', role]);
      if (role === 'default') defaultTier = tier;
      else tierByRole[role] = tier;
    }
  }
  if (typeof p.refresh === 'object') {
    for (const label of Object.keys(p.refresh)) if (!labels.has(label)) issues.push({ path: [...path, 'refresh', label], message: messages.badRefreshTier(label) });
  }
  // Provider rule: a longer-TTL breakpoint may not follow a shorter one in prompt order.
  if (profile.ttlNonIncreasing) {
    const reported = new Set<string>();
    for (const workload of workloads) {
      let shortest: { role: string; tier: Tier } | null = null;
      for (const role of roleOrder(workload)) {
        const tier = role in tierByRole ? tierByRole[role] : defaultTier;
        if (tier === null) continue;
        if (shortest !== null && tier.ttlMs > shortest.tier.ttlMs && !reported.has(role)) {
          reported.add(role);
          issues.push({ path: [...path, 'ttl'], message: messages.ttlOrder(role, tier.label, shortest.role, shortest.tier.label, profile.provider) });
        }
        if (shortest === null || tier.ttlMs < shortest.tier.ttlMs) shortest = { role, tier };
      }
    }
  }
  let keepalive: PolicySpec['keepalive'] = null;
  if (p.keepalive !== undefined) {
    const shortestTtlMs = Math.min(...[defaultTier, ...Object.values(tierByRole)].filter((t): t is Tier => t !== null).map((t) => t.ttlMs));
    if (p.keepalive.every >= shortestTtlMs) issues.push({ path: [...path, 'keepalive', 'every'], message: messages.keepaliveNotBelowTtl(formatDuration(p.keepalive.every), formatDuration(shortestTtlMs)) });
    keepalive = { everyMs: p.keepalive.every, maxIdleMs: p.keepalive.maxIdle, tailTokens: p.keepalive.tail ?? 20, outputTokens: p.keepalive.output ?? 1 };
  }
  tierByRole = Object.fromEntries(Object.entries(tierByRole));
  return issues.length > before ? null : { name: p.name, cache: true, tierByRole, defaultTier, keepalive };
}
