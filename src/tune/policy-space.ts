// tune/ (layer 10): the policy space `ttlsim tune` evaluates, and what it knows about a policy: whether it
// is a TTL policy (tiers per role only) and whether its 1h entries slide. The roles and thread kinds a
// scenario's requests can have decide the space.
import type { Scenario } from '../model/scenario.js';
import {
  DEFAULT_ADAPTIVE_PRIOR,
  roleTiers,
  type KeepAliveSpec,
  type PolicySpec,
  type StaticPolicy,
  type Tier,
} from '../model/policy.js';
import { roleOrder } from '../model/roles.js';
import { MINUTE_MS } from '../model/time.js';

/** Keep-alive pings every 4m30s: just inside the 5-minute TTL. */
export const KEEPALIVE_EVERY_MS = 270_000;

export const tier = (label: '5m' | '1h', refresh: 'sliding' | 'fixed'): Tier => ({
  ttlMs: label === '5m' ? 5 * MINUTE_MS : 60 * MINUTE_MS,
  refresh,
  billAs: label,
  label,
});
export const policy = (
  name: string,
  tierByRole: Record<string, Tier | null>,
  defaultTier: Tier | null,
  keepalive: KeepAliveSpec | null = null,
): PolicySpec => {
  if (defaultTier === null && Object.keys(tierByRole).length === 0) return { kind: 'none', name };
  return keepalive === null
    ? { kind: 'static', name, tierByRole, defaultTier }
    : { kind: 'keepalive', name, tierByRole, defaultTier, keepalive };
};

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
    const fixedTtl = space.filter((p): p is StaticPolicy => p.kind === 'static' && !slides1h(p));
    for (const base of fixedTtl) {
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
  space.push({ kind: 'adaptive', name: 'adaptive', prior: DEFAULT_ADAPTIVE_PRIOR });
  return space;
}

/** Roles with breakpoints, in prompt order, over every workload of a scenario. */
export function scenarioRoles(scenario: Scenario): string[] {
  const roles: string[] = [];
  for (const workload of scenario.workloads)
    for (const role of roleOrder(workload)) if (!roles.includes(role)) roles.push(role);
  if (scenario.replays.length > 0)
    for (const role of ['system', 'project', 'history']) if (!roles.includes(role)) roles.push(role);
  return roles;
}

/** A TTL policy: tiers per role, nothing that changes when requests happen or decides per write. */
export const isStatic = (p: PolicySpec): boolean => p.kind !== 'keepalive' && p.kind !== 'adaptive';
export const slides1h = (p: PolicySpec): boolean =>
  roleTiers(p).some((t) => t !== null && t.billAs === '1h' && t.refresh === 'sliding');

/** Thread kinds a scenario's requests can have beyond the main thread. */
export function scenarioThreadKinds(scenario: Scenario): string[] {
  const kinds =
    scenario.workloads.some((w) => w.kind === 'sessions' && w.subagents !== null) || scenario.replays.length > 0
      ? ['subagent', 'compaction']
      : [];
  return kinds;
}
