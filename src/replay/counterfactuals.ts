// replay/ (layer 9): the policies every replay of recorded logs simulates beside the scenario's own: the
// TTLs the requests actually used (as-recorded, reconciled against the logs' bill) and the counterfactuals.
import type { AsRecordedPolicy, KeepAliveSpec, PolicySpec, Tier } from '../model/policy.js';
import { MINUTE_MS } from '../model/time.js';

const tier = (label: '5m' | '1h', refresh: 'sliding' | 'fixed'): Tier => ({
  ttlMs: label === '5m' ? 5 * MINUTE_MS : 60 * MINUTE_MS,
  refresh,
  billAs: label,
  label,
});
const staticPolicy = (name: string, t: Tier | null, keepalive: KeepAliveSpec | null = null): PolicySpec => {
  if (t === null) return { kind: 'none', name };
  return keepalive === null
    ? { kind: 'static', name, tierByRole: {}, defaultTier: t }
    : { kind: 'keepalive', name, tierByRole: {}, defaultTier: t, keepalive };
};

/** The counterfactuals every replay shows (docs/replay.md): no cache, 5m, 1h fixed and sliding, keep-alive every 4m30s. */
export function counterfactualPolicies(): PolicySpec[] {
  return [
    staticPolicy('no-cache', null),
    staticPolicy('5m', tier('5m', 'sliding')),
    staticPolicy('1h', tier('1h', 'fixed')),
    staticPolicy('1h-sliding', tier('1h', 'sliding')),
    staticPolicy('keepalive', tier('5m', 'sliding'), {
      everyMs: 270_000,
      maxIdleMs: 30 * MINUTE_MS,
      tailTokens: 20,
      outputTokens: 1,
    }),
  ];
}

/** Bills each request at the TTL it used: 5m sliding, 1h with the profile's default refresh (fixed). */
export const AS_RECORDED: AsRecordedPolicy = {
  kind: 'as-recorded',
  name: 'as-recorded',
  recordedTiers: { '5m': tier('5m', 'sliding'), '1h': tier('1h', 'fixed') },
};
