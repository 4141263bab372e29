// verdict/ (layer 9): where the user runs their requests (`--target`), and which policies each place can
// be configured to run. A verdict recommends only these; anything cheaper beyond them is reported as not
// configurable there. Claude Code sets one TTL for the main conversation and one for subagents
// (model/claude-code-knobs.ts); the API, Bedrock and Vertex take a `cache_control` TTL per breakpoint, under the
// provider's rule that TTLs never increase along the prompt.
import type { LogFormat } from '../model/log-format.js';
import { roleTiers, type PolicySpec, type StaticPolicy, type Tier } from '../model/policy.js';
import { MINUTE_MS } from '../model/time.js';

export const TARGETS = ['claude-code', 'api', 'bedrock', 'vertex'] as const;
export type Target = (typeof TARGETS)[number];

/** Claude Code transcripts were run by Claude Code; Bedrock invocation logs by Bedrock; the rest by the API. */
export function detectTarget(formats: readonly LogFormat[]): Target {
  if (formats.length > 0 && formats.every((f) => f === 'claude-code')) return 'claude-code';
  if (formats.length > 0 && formats.every((f) => f === 'bedrock')) return 'bedrock';
  return 'api';
}

const tier = (label: '5m' | '1h'): Tier => ({
  ttlMs: label === '5m' ? 5 * MINUTE_MS : 60 * MINUTE_MS,
  refresh: label === '5m' ? 'sliding' : 'fixed',
  billAs: label,
  label,
});
const uniform = (label: '5m' | '1h'): StaticPolicy => ({
  kind: 'static',
  name: label,
  tierByRole: {},
  defaultTier: tier(label),
});
/** `5m · subagents 1h`: the main conversation at one TTL, subagents at another, compaction at 5m. */
const bySubagent = (main: '5m' | '1h', subagent: '5m' | '1h'): PolicySpec => ({
  ...uniform(main),
  name: `${main} · subagents ${subagent}`,
  tierByThreadKind: { subagent: tier(subagent), compaction: tier('5m') },
});

/**
 * The policies a target can be configured to run, named as `ttlsim tune` names them (tune/policy-space.ts),
 * so that replay and tune simulate the same candidates. `roles`: the breakpoints' roles in prompt order.
 */
export function targetCandidates(target: Target, roles: readonly string[]): PolicySpec[] {
  const base: PolicySpec[] = [{ kind: 'none', name: 'no-cache' }, uniform('5m'), uniform('1h')];
  if (target === 'claude-code') return [...base, bySubagent('5m', '1h'), bySubagent('1h', '5m')];
  const splits: PolicySpec[] = [];
  for (let k = 1; k < roles.length; k++) {
    const tierByRole: Record<string, Tier> = {};
    roles.forEach((role, i) => (tierByRole[role] = tier(i < k ? '1h' : '5m')));
    splits.push({
      kind: 'static',
      name: `1h ${roles.slice(0, k).join('+')}, 5m ${roles.slice(k).join('+')}`,
      tierByRole,
      defaultTier: tier('5m'),
    });
  }
  return [...base, ...splits];
}

/** The roles of Claude Code's prompts, in prompt order (logs/claude-code.ts). */
export const LOG_ROLES: readonly string[] = ['system', 'project', 'history'];

/**
 * Whether a target can run a policy at all: no keep-alive pings, no per-write choices, no sliding 1h (the
 * provider decides how 1h entries refresh), and for Claude Code no split within one request.
 */
export function configurable(target: Target, spec: PolicySpec): boolean {
  if (spec.kind === 'none') return true;
  if (spec.kind !== 'static') return false;
  if (roleTiers(spec).some((t) => t !== null && t.billAs === '1h' && t.refresh === 'sliding')) return false;
  if (target !== 'claude-code') return true;
  return Object.keys(spec.tierByRole).length === 0;
}
