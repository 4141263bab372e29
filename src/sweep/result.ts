// A sweep's results, point by point: the runs of each combination put together, with --ttl grouped into
// one point per TTL (its policies and the shared no-cache run). PURE; the outputs are in report/.
import type { ScenarioResult } from '../run/run-scenario.js';
import { type PolicySummary, byCost } from '../metrics/summarise.js';
import { parseDuration } from '../scenario/units.js';
import type { AxisValue, Spacing, ValueKind } from './range.js';
import { NO_CACHE_POLICY, type SweepPlan } from './plan.js';
import { FIVE_MINUTES_MS } from '../model/time.js';

export interface SweepAxisInfo {
  /** The field (`workload.gap.mean`), or `ttl` for --ttl. */
  readonly path: string;
  readonly kind: ValueKind;
  readonly spacing: Spacing;
  readonly values: readonly AxisValue[];
}

export interface SweepPoint {
  /** The value of each param, in the order of SweepResult.params. */
  readonly params: readonly AxisValue[];
  /** The TTL of this point's policies (--ttl), or null. */
  readonly ttl: AxisValue | null;
  readonly horizonMs: number;
  readonly seed: number;
  /** Without --ttl, the scenario's policies; with it, no-cache, `ttl-<label>` and `ttl-<label>-sliding` above 5m. */
  readonly policies: readonly PolicySummary[];
}

export interface SweepResult {
  readonly scenario: string;
  readonly description: string;
  readonly pricing: ScenarioResult['pricing'];
  readonly params: readonly SweepAxisInfo[];
  readonly ttl: SweepAxisInfo | null;
  /** Combinations in grid order (first param outermost), TTLs innermost. */
  readonly points: readonly SweepPoint[];
  /** Policy runs simulated (no-cache once per combination under --ttl). */
  readonly runs: number;
}

/** `results[c]` holds the runs of combination c, one per policy of its scenario, in policy order. */
export function assembleSweep(plan: SweepPlan, results: readonly (readonly ScenarioResult[])[]): SweepResult {
  const first = results[0][0];
  const points = results.flatMap((runs, c): SweepPoint[] => {
    const summaries = new Map(runs.map((r) => [r.policies[0].policy, r.policies[0]]));
    const summary = (name: string) => {
      const found = summaries.get(name);
      if (found === undefined) throw new Error(`sweep: no run of policy "${name}" at point ${c}`);
      return found;
    };
    const common = { params: plan.combos[c], horizonMs: runs[0].horizonMs, seed: runs[0].seed };
    if (plan.ttl === null) return [{ ...common, ttl: null, policies: runs.map((r) => r.policies[0]) }];
    return plan.ttl.groups.map((g) => ({
      ...common,
      ttl: g.ttl,
      policies: [summary(NO_CACHE_POLICY.name), ...g.policies.map((p) => summary(p.name))],
    }));
  });
  return {
    scenario: first.scenario,
    description: first.description,
    pricing: first.pricing,
    params: plan.params.map((p) => ({ path: p.path, kind: p.kind, spacing: p.spacing, values: p.values })),
    ttl:
      plan.ttl === null
        ? null
        : { path: 'ttl', kind: plan.ttl.kind, spacing: plan.ttl.spacing, values: plan.ttl.values },
    points,
    runs: results.reduce((n, runs) => n + runs.length, 0),
  };
}

/** The cheapest policy of a point (ties: the first listed). */
export function cheapestOf(point: SweepPoint): PolicySummary {
  return byCost(point.policies)[0];
}

/** The point whose cheapest policy is cheapest of all (ties: the first point). */
export function bestPoint(result: SweepResult): SweepPoint {
  let best = result.points[0];
  for (const point of result.points) if (cheapestOf(point).costUsd.total < cheapestOf(best).costUsd.total) best = point;
  return best;
}

/** `workload.gap.mean=10m, ttl=30m`: where a point sits in the sweep. */
export function pointLabel(result: SweepResult, point: SweepPoint): string {
  const parts = result.params.map((p, i) => `${p.path}=${point.params[i].written}`);
  if (point.ttl !== null) parts.push(`ttl=${point.ttl.written}`);
  return parts.join(', ');
}

/** Whether a policy slides a tier longer than five minutes (the reading of 1h that docs/model.md calls into question). */
export function slidesLong(policy: PolicySummary): boolean {
  return Object.entries(policy.refresh).some(
    ([label, mode]) => mode === 'sliding' && (parseDuration(label) ?? 0) > FIVE_MINUTES_MS,
  );
}

/** A TTL sweep's line for a policy: `no-cache`, `fixed`, or `sliding` (every TTL up to 5m slides). */
export function refreshFamily(policy: PolicySummary): 'no-cache' | 'fixed' | 'sliding' {
  const modes = Object.values(policy.refresh);
  if (modes.length === 0) return 'no-cache';
  return modes.includes('fixed') ? 'fixed' : 'sliding';
}

/** Per combination of the params: the point (its first) and the cheapest policy over its TTLs. */
export function bestOfCells(result: SweepResult): { point: SweepPoint; best: PolicySummary }[] {
  const cells = new Map<string, { point: SweepPoint; best: PolicySummary }>();
  for (const point of result.points) {
    const key = point.params.map((v) => String(v.written)).join('\u0000');
    const best = cheapestOf(point);
    const cell = cells.get(key);
    if (cell === undefined) cells.set(key, { point, best });
    else if (best.costUsd.total < cell.best.costUsd.total) cell.best = best;
  }
  return [...cells.values()];
}
