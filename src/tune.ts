// `ttlsim tune`: evaluates the policy space on a scenario or on replayed logs and recommends one policy,
// with its saving against the current policy and no cache, its regret against the offline optimum, a
// bootstrap interval over sessions, and the reason in the gap distribution (DESIGN.md §3).
import type { PolicySpec, Scenario, Tier } from './scenario/types.js';
import type { PolicySummary } from './metrics/summarise.js';
import { runScenario, priceResolver, type ScenarioResult } from './run-scenario.js';
import { replayLogs, type ReplayOptions, type ReplayResult } from './replay.js';
import { Oracle } from './metrics/oracle.js';
import { DEFAULT_ADAPTIVE_PRIOR } from './cache/adaptive.js';
import { SessionCosts } from './metrics/session-costs.js';
import { bootstrapSaving } from './metrics/bootstrap.js';
import { roleOrder } from './workload/roles.js';
import { createRng } from './workload/rng.js';
import { round, roundCost } from './metrics/summarise.js';
import { gapShares } from './report/report-page.js';
import { formatPercent } from './report/format.js';
import { findProfile } from './pricing/lookup.js';

const MINUTE_MS = 60_000;
/** Below this many sessions the interval is too wide to decide on. */
const FEW_UNITS = 10;

export interface Recommendation {
  /** The name of a row in `policies`. */
  readonly policy: string;
  readonly savingsVsNoCache: number;
  /** Saving against the current policy (as recorded for logs; `--current`, default 5m, for scenarios). */
  readonly savingsVsCurrent: number;
  readonly current: string;
  /** cost / oracle cost − 1; null when the oracle was not evaluated. */
  readonly regretVsOracle: number | null;
  /** 95% bootstrap interval of savingsVsCurrent, over sessions; null with fewer than two. */
  readonly ci: readonly [number, number] | null;
  readonly units: number;
  /** True when the data are too few, or the interval includes no saving, to decide. */
  readonly undecided: boolean;
  readonly reason: string;
  /** When a sliding 1h changes the answer: the cheapest policy with 1h entries sliding on reads. */
  readonly ifOneHourSlides: { readonly policy: string; readonly costUsd: number } | null;
  /**
   * The recommendation is a TTL policy (tiers per role: the decision table's choice). When a policy that
   * changes when requests happen (keep-alive pings) or decides per write (adaptive) costs less still,
   * it is named here with its saving against the recommendation.
   */
  readonly beyondStatic: {
    readonly policy: string;
    readonly costUsd: number;
    readonly savingsVsRecommended: number;
  } | null;
}

export interface TuneResult {
  readonly scenario: string;
  readonly seed: number;
  readonly horizonMs: number;
  readonly source: 'scenario' | 'logs';
  readonly policies: readonly PolicySummary[];
  readonly recommendation: Recommendation;
  readonly run: ScenarioResult | ReplayResult;
}

export interface TuneOptions {
  readonly seed?: number;
  /** The policy to compare against; default as-recorded for logs, 5m for scenarios. */
  readonly current?: string;
  readonly onPolicy?: (index: number, count: number, name: string) => void;
}

const tier = (label: '5m' | '1h', refresh: 'sliding' | 'fixed'): Tier => ({
  ttlMs: label === '5m' ? 5 * MINUTE_MS : 60 * MINUTE_MS,
  refresh,
  billAs: label,
  label,
});
const policy = (
  name: string,
  tierByRole: Record<string, Tier | null>,
  defaultTier: Tier | null,
  keepalive: PolicySpec['keepalive'] = null,
): PolicySpec => ({
  name,
  cache: defaultTier !== null || Object.keys(tierByRole).length > 0,
  tierByRole,
  defaultTier,
  keepalive,
});

/**
 * The policy space for prompts whose breakpoints carry `roles` in prompt order: no cache; every split
 * of the roles into a 1h prefix and a 5m rest (the provider's rule: TTLs never increase along the
 * prompt), each 1h part fixed and sliding; keep-alive every 4m30s for three idle horizons.
 */
export function policySpace(roles: readonly string[], threadKinds: readonly string[] = []): PolicySpec[] {
  const space: PolicySpec[] = [policy('no-cache', {}, null), policy('5m', {}, tier('5m', 'sliding'))];
  for (const refresh of ['fixed', 'sliding'] as const) {
    const suffix = refresh === 'sliding' ? '-sliding' : '';
    space.push(policy(`1h${suffix}`, {}, tier('1h', refresh)));
    for (let k = 1; k < roles.length; k++) {
      const tierByRole: Record<string, Tier> = {};
      roles.forEach((role, i) => (tierByRole[role] = i < k ? tier('1h', refresh) : tier('5m', 'sliding')));
      space.push(
        policy(
          `1h ${roles.slice(0, k).join('+')}, 5m ${roles.slice(k).join('+')}${suffix}`,
          tierByRole,
          tier('5m', 'sliding'),
        ),
      );
    }
  }
  // Per thread kind: subagents (and compaction calls) on a tier of their own, over each fixed TTL policy.
  if (threadKinds.includes('subagent')) {
    for (const base of space.filter((p) => p.cache && !slides1h(p))) {
      for (const label of ['5m', '1h'] as const) {
        const byKind: Record<string, Tier> = {
          subagent: tier(label, label === '5m' ? 'sliding' : 'fixed'),
          compaction: tier('5m', 'sliding'),
        };
        space.push({ ...base, name: `${base.name} · subagents ${label}`, tierByThreadKind: byKind });
      }
    }
  }
  for (const idleMinutes of [15, 30, 60]) {
    space.push(
      policy(`keepalive-4m30s-${idleMinutes}m`, {}, tier('5m', 'sliding'), {
        everyMs: KEEPALIVE_EVERY_MS,
        maxIdleMs: idleMinutes * MINUTE_MS,
        tailTokens: 20,
        outputTokens: 1,
      }),
    );
  }
  space.push({ ...policy('adaptive', {}, tier('5m', 'sliding')), adaptive: { prior: DEFAULT_ADAPTIVE_PRIOR } });
  return space;
}

const KEEPALIVE_EVERY_MS = 270_000;

/**
 * The offline optimum (metrics/oracle.ts) as a row of the table, named `oracle`. Per thread, it does not
 * see prefixes shared across threads: where those matter, evaluated policies can cost less than it.
 */
function oracleRow(oracle: Oracle, noCache: PolicySummary | undefined): PolicySummary {
  const o = oracle.result();
  const prompt = o.tokens.input + o.tokens.cacheWrite5m + o.tokens.cacheWrite1h + o.tokens.cacheRead;
  const noCacheUsd = noCache?.costUsd.total ?? 0;
  return {
    policy: 'oracle',
    refresh: {},
    requests: o.requests,
    hits: o.hits,
    hitRate: o.requests === 0 ? 0 : round(o.hits / o.requests),
    tokenHitRate: prompt === 0 ? 0 : round(o.tokens.cacheRead / prompt),
    tokens: o.tokens,
    costUsd: roundCost(o.costUsd),
    savingsVsNoCache: noCacheUsd === 0 ? 0 : round(1 - o.costUsd.total / noCacheUsd),
    noCacheCostUsd: noCacheUsd,
    partialHits: 0,
    keepalivePings: o.keepalivePings,
    entriesWritten: 0,
    expirations: 0,
    wastedWrites: 0,
    evictions: 0,
    peakLiveEntries: 0,
    peakLiveTokens: 0,
    tokenHoursStored: 0,
    meanEntryLifetimeMs: 0,
    timeseries: {
      bucketMs: 0,
      startMs: [],
      requests: [],
      hits: [],
      keepalivePings: [],
      costUsd: [],
      liveEntries: [],
      liveTokens: [],
    },
  };
}

/** Roles with breakpoints, in prompt order, over every workload of a scenario. */
function scenarioRoles(scenario: Scenario): string[] {
  const roles: string[] = [];
  for (const workload of scenario.workloads)
    for (const role of roleOrder(workload)) if (!roles.includes(role)) roles.push(role);
  if (scenario.replays.length > 0)
    for (const role of ['system', 'project', 'history']) if (!roles.includes(role)) roles.push(role);
  return roles;
}

/** A TTL policy: tiers per role, nothing that changes when requests happen or decides per write. */
const isStatic = (p: PolicySpec): boolean =>
  p.keepalive === null && (p as { adaptive?: unknown }).adaptive === undefined;
const slides1h = (p: PolicySpec): boolean =>
  [...Object.values(p.tierByRole), p.defaultTier].some(
    (t) => t !== null && t !== undefined && t.billAs === '1h' && t.refresh === 'sliding',
  );

/** Thread kinds a scenario's requests can have beyond the main thread. */
function scenarioThreadKinds(scenario: Scenario): string[] {
  const kinds =
    scenario.workloads.some((w) => w.kind === 'sessions' && w.subagents !== null) || scenario.replays.length > 0
      ? ['subagent', 'compaction']
      : [];
  return kinds;
}

export function tuneScenario(scenario: Scenario, options: TuneOptions = {}): TuneResult {
  const space = policySpace(scenarioRoles(scenario), scenarioThreadKinds(scenario));
  const costs = space.map(() => new SessionCosts(priceResolver(scenario)));
  // The oracle rides along the same pass: every policy sees every request, so the first one feeds it.
  const optimum = new Oracle(priceResolver(scenario), { keepaliveEveryMs: KEEPALIVE_EVERY_MS });
  const result = runScenario(
    { ...scenario, policies: space },
    {
      seed: options.seed,
      onPolicy: options.onPolicy,
      observe: (index) => ({
        onRequest: (request, outcome) => {
          if (index === 0) optimum.add(request);
          costs[index].add(request, outcome, request.outputTokens);
        },
        onPing: (request, outcome) => costs[index].add(request, outcome, 1),
      }),
    },
  );
  const seed = options.seed ?? scenario.seed;
  const oracle = oracleRow(
    optimum,
    result.policies.find((p) => p.policy === 'no-cache'),
  );
  const policies = [...result.policies, oracle];
  return {
    scenario: scenario.name,
    seed,
    horizonMs: scenario.horizonMs,
    source: 'scenario',
    policies,
    recommendation: recommend(
      policies,
      [...space, policy('oracle', {}, null)],
      [...costs, new SessionCosts(priceResolver(scenario))],
      options.current ?? '5m',
      seed,
    ),
    run: result,
  };
}

export function tuneLogs(replay: ReplayOptions, options: TuneOptions = {}): TuneResult {
  const space = policySpace(['system', 'project', 'history'], ['subagent', 'compaction']);
  const builtIn = new Set(['no-cache', '5m', '1h', '1h-sliding']);
  const extra = space.filter((p) => !builtIn.has(p.name));
  const byName = new Map<string, SessionCosts>();
  const provider = replay.provider ?? 'anthropic';
  const priceOf = (model: string) => findProfile(provider, model)!;
  const optimum = new Oracle(priceOf, { keepaliveEveryMs: KEEPALIVE_EVERY_MS });
  const result = replayLogs({
    ...replay,
    policies: extra,
    observe: (index, name) => {
      const costs = new SessionCosts(priceOf);
      byName.set(name, costs);
      return {
        onRequest: (request, outcome) => {
          // The oracle rides along the replay's one pass over the logs, fed by the first policy.
          if (index === 0) optimum.add(request);
          costs.add(request, outcome, request.outputTokens);
        },
        onPing: (request, outcome) => costs.add(request, outcome, 1),
      };
    },
  });
  // The replay's own counterfactual keep-alive duplicates keepalive-4m30s-30m; tune shows the named ones.
  const oracle = oracleRow(
    optimum,
    result.policies.find((p) => p.policy === 'no-cache'),
  );
  const policies = [...result.policies.filter((p) => p.policy !== 'keepalive'), oracle];
  byName.set('oracle', new SessionCosts(priceOf));
  const specs = policies.map(
    (p) =>
      space.find((s) => s.name === p.policy) ??
      (p.policy === 'oracle' ? policy('oracle', {}, null) : policy(p.policy, {}, tier('5m', 'sliding'))),
  );
  const seed = options.seed ?? 1;
  const current = options.current ?? (result.asRecorded === null ? '5m' : 'as-recorded');
  return {
    scenario: 'replay',
    seed,
    horizonMs: result.horizonMs,
    source: 'logs',
    policies,
    recommendation: recommend(
      policies,
      specs,
      policies.map((p) => byName.get(p.policy)!),
      current,
      seed,
    ),
    run: result,
  };
}

/**
 * The reason in the gap distribution, for the tier the recommendation relies on: the share of idle gaps
 * a 1h entry bridges and a 5m one does not (5–60 minutes), the share a sliding 5m bridges (under 5
 * minutes), or the share neither does (over an hour).
 */
function gapReason(shares: ReturnType<typeof gapShares>, spec: PolicySpec): string {
  if (shares === null) return '';
  const tiers = [...Object.values(spec.tierByRole), spec.defaultTier].filter(
    (t): t is Tier => t !== null && t !== undefined,
  );
  const pct = (share: number) => formatPercent(share);
  if (!spec.cache || tiers.length === 0)
    return `${pct(shares.over1h)} of ${shares.gaps.toLocaleString('en-US')} idle gaps are over an hour, where both TTLs have expired and every write is wasted.`;
  if (tiers.some((t) => t.billAs === '1h'))
    return `${pct(shares.from5mTo1h)} of ${shares.gaps.toLocaleString('en-US')} idle gaps fall between 5 and 60 minutes, where only 1h hits (${pct(shares.under5m)} are under 5 minutes, ${pct(shares.over1h)} over an hour).`;
  return `${pct(shares.under5m)} of ${shares.gaps.toLocaleString('en-US')} idle gaps are under 5 minutes, where a sliding 5m entry never expires and its cheaper write wins.`;
}

/**
 * The brief's reading first (5m sliding, 1h fixed): the cheapest policy whose 1h entries do not slide.
 * If letting them slide would change the answer, that is said and given too. The oracle and the
 * as-recorded row are benchmarks, never recommendations.
 */
function recommend(
  policies: readonly PolicySummary[],
  specs: readonly PolicySpec[],
  costs: readonly SessionCosts[],
  currentName: string,
  seed: number,
): Recommendation {
  const candidates = policies
    .map((p, i) => ({ p, spec: specs[i], costs: costs[i] }))
    .filter(({ p }) => p.policy !== 'oracle' && p.policy !== 'as-recorded');
  const byCost = [...candidates].sort((a, b) => a.p.costUsd.total - b.p.costUsd.total);
  const statics = byCost.filter((c) => isStatic(c.spec));
  const fixed = statics.filter((c) => !slides1h(c.spec));
  const best = fixed[0] ?? statics[0] ?? byCost[0];
  const sliding = statics[0];
  const dynamic = byCost.find((c) => !isStatic(c.spec) && !slides1h(c.spec));
  const current = policies.find((p) => p.policy === currentName) ?? best.p;
  const currentIndex = policies.indexOf(current);
  const oracle = policies.find((p) => p.policy === 'oracle');
  const savingsVsCurrent = current.costUsd.total === 0 ? 0 : 1 - best.p.costUsd.total / current.costUsd.total;
  const units = [...(costs[currentIndex]?.usdBySession.keys() ?? [])];
  const boot =
    best.costs === undefined || costs[currentIndex] === undefined
      ? null
      : bootstrapSaving(
          units.map((u) => best.costs.usdBySession.get(u) ?? 0),
          units.map((u) => costs[currentIndex].usdBySession.get(u) ?? 0),
          createRng(seed).fork('bootstrap'),
        );
  const undecided = boot === null || boot.units < FEW_UNITS || (best.p.policy !== current.policy && boot.ci[0] <= 0);
  let reason = gapReason(gapShares(policies[0]), best.spec);
  if (best.p.policy === current.policy)
    reason = `${current.policy}, the current policy, is already the cheapest. ${reason}`;
  const beyond = dynamic !== undefined && dynamic.p.costUsd.total < best.p.costUsd.total ? dynamic : undefined;
  if (beyond !== undefined)
    reason += ` Beyond TTL policies, ${beyond.p.policy} costs ${formatPercent(1 - beyond.p.costUsd.total / best.p.costUsd.total)} less still.`;
  if (undecided && boot !== null)
    reason +=
      boot.units < FEW_UNITS
        ? ` Only ${boot.units} sessions: too few to decide.`
        : ` The 95% interval of the saving (${formatPercent(boot.ci[0])} to ${formatPercent(boot.ci[1])}) includes no saving: the data do not decide between them.`;
  return {
    policy: best.p.policy,
    savingsVsNoCache: best.p.savingsVsNoCache,
    savingsVsCurrent: round(savingsVsCurrent),
    current: current.policy,
    regretVsOracle:
      oracle === undefined || oracle.costUsd.total === 0
        ? null
        : round(best.p.costUsd.total / oracle.costUsd.total - 1),
    ci: boot === null ? null : [round(boot.ci[0]), round(boot.ci[1])],
    units: boot?.units ?? units.length,
    undecided,
    reason: reason.trim(),
    ifOneHourSlides:
      sliding !== undefined && sliding.p.policy !== best.p.policy
        ? { policy: sliding.p.policy, costUsd: sliding.p.costUsd.total }
        : null,
    beyondStatic:
      beyond === undefined
        ? null
        : {
            policy: beyond.p.policy,
            costUsd: beyond.p.costUsd.total,
            savingsVsRecommended: round(1 - beyond.p.costUsd.total / best.p.costUsd.total),
          },
  };
}
