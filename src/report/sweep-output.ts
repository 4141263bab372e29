// The outputs of `ttlsim sweep` but the HTML page: the JSON (an array of points, also sweep.json), the CSV
// (one row per point and policy) and the terminal table (one row per point: its cheapest policy), with
// the decision in one sentence. PURE and deterministic, like the run's outputs.
import { type PolicySummary, byCost } from '../metrics/summarise.js';
import {
  bestOfCells,
  bestPoint,
  cheapestOf,
  pointLabel,
  slidesLong,
  type SweepPoint,
  type SweepResult,
} from '../sweep/result.js';
import { compactTable } from './comparison.js';
import { csvTable } from './csv.js';
import { formatCount, formatDuration, formatPercent, formatUsd } from '../model/format.js';

/** One policy of a point in sweep.json. */
export interface SweepPolicyJson {
  readonly policy: string;
  readonly refresh: Readonly<Record<string, string>>;
  readonly requests: number;
  readonly hits: number;
  readonly hitRate: number;
  readonly tokenHitRate: number;
  readonly costUsd: PolicySummary['costUsd'];
  readonly savingsVsNoCache: number;
  readonly entriesWritten: number;
  readonly wastedWrites: number;
  readonly keepalivePings: number;
}

export interface SweepPointJson {
  /** Each swept field and its value at this point, as the scenario file writes it (`"10m"`, `20000`). */
  readonly params: Readonly<Record<string, string | number>>;
  /** The TTL of this point's policies (--ttl only). */
  readonly ttl?: string;
  readonly ttlMs?: number;
  readonly policies: readonly SweepPolicyJson[];
  /** The cheapest policy of the point. */
  readonly cheapest: string;
}

export function sweepPointsJson(result: SweepResult): SweepPointJson[] {
  return result.points.map((point) => ({
    params: Object.fromEntries(result.params.map((p, i) => [p.path, point.params[i].written])),
    ...(point.ttl === null ? {} : { ttl: String(point.ttl.written), ttlMs: point.ttl.numeric }),
    policies: point.policies.map((p) => ({
      policy: p.policy,
      refresh: p.refresh,
      requests: p.requests,
      hits: p.hits,
      hitRate: p.hitRate,
      tokenHitRate: p.tokenHitRate,
      costUsd: p.costUsd,
      savingsVsNoCache: p.savingsVsNoCache,
      entriesWritten: p.entriesWritten,
      wastedWrites: p.wastedWrites,
      keepalivePings: p.keepalivePings,
    })),
    cheapest: cheapestOf(point).policy,
  }));
}

export function sweepJson(result: SweepResult): string {
  return `${JSON.stringify(sweepPointsJson(result), null, 2)}\n`;
}

/** One row per point and policy; a column per swept field (named by its path), then `ttl` if swept. */
export function sweepCsv(result: SweepResult): string {
  const rows = result.points.flatMap((point, k) => {
    const cheapest = cheapestOf(point).policy;
    return point.policies.map((p) => ({
      point: k,
      ...Object.fromEntries(result.params.map((axis, i) => [axis.path, point.params[i].written])),
      ...(result.ttl === null ? {} : { ttl: String(point.ttl?.written ?? '') }),
      policy: p.policy,
      refresh: Object.entries(p.refresh)
        .map(([label, mode]) => `${label} ${mode}`)
        .join('; '),
      requests: p.requests,
      hits: p.hits,
      hitRate: p.hitRate,
      tokenHitRate: p.tokenHitRate,
      totalUsd: p.costUsd.total,
      savingsVsNoCache: p.savingsVsNoCache,
      entriesWritten: p.entriesWritten,
      expirations: p.expirations,
      wastedWrites: p.wastedWrites,
      keepalivePings: p.keepalivePings,
      cheapest: p.policy === cheapest ? 1 : 0,
    }));
  });
  return csvTable(rows);
}

/**
 * "ttl-1h-sliding at ttl=1h is the cheapest of 20 points: $25.64, 88.1% less than no caching." When it
 * slides a TTL above 5m, the cheapest without sliding long TTLs too (docs/model.md: show both readings).
 */
export function sweepRecommendation(result: SweepResult): string {
  // A swept parameter changes the traffic itself (more sessions cost more under every policy): totals
  // of different points are not comparable, so only the winner of each combination is reported.
  if (result.params.length > 0 && result.ttl === null) {
    const winners = winnersSentence(result).trim();
    if (winners !== '') return winners;
  }
  const point = bestPoint(result);
  const best = cheapestOf(point);
  const where = pointLabel(result, point);
  let sentence = `${best.policy}${where === '' ? '' : ` at ${where}`} is the cheapest of ${formatCount(result.points.length)} points: ${formatUsd(best.costUsd.total)}, ${formatPercent(best.savingsVsNoCache)} less than no caching.`;
  if (slidesLong(best)) {
    let fixed: { point: SweepPoint; policy: PolicySummary } | null = null;
    for (const p of result.points) {
      const candidate = byCost(p.policies.filter((q) => !slidesLong(q)))[0];
      if (candidate !== undefined && (fixed === null || candidate.costUsd.total < fixed.policy.costUsd.total))
        fixed = { point: p, policy: candidate };
    }
    if (fixed !== null) {
      const at = pointLabel(result, fixed.point);
      sentence += ` Without sliding TTLs above 5m (a fixed 1h, the default), ${fixed.policy.policy}${at === '' ? '' : ` at ${at}`} is cheapest at ${formatUsd(fixed.policy.costUsd.total)}.`;
    }
  }
  return `${sentence}${winnersSentence(result)}`;
}

/** " Across the 16 combinations of a × b, the cheapest policy is 5m at 12 and 1h at 4." */
function winnersSentence(result: SweepResult): string {
  if (result.params.length === 0) return '';
  const cells = bestOfCells(result);
  if (cells.length < 2) return '';
  const counts = new Map<string, number>();
  for (const { best } of cells) counts.set(best.policy, (counts.get(best.policy) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const shown = ranked.slice(0, 4).map(([policy, n]) => `${policy} at ${formatCount(n)}`);
  if (ranked.length > 4) shown.push(`${ranked.length - 4} other policies at the rest`);
  const list = shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  return ` Across the ${formatCount(cells.length)} combinations of ${result.params.map((p) => p.path).join(' × ')}, the cheapest policy is ${list}.`;
}

/** The policies a TTL sweep runs at a point: `ttl-<label>` (fixed above 5m) and its sliding twin. */
function ttlColumns(point: SweepPoint): { fixed?: PolicySummary; sliding?: PolicySummary } {
  const caching = point.policies.filter((p) => Object.keys(p.refresh).length > 0);
  return {
    fixed: caching.find((p) => Object.values(p.refresh).includes('fixed')),
    sliding: caching.find((p) => !Object.values(p.refresh).includes('fixed')),
  };
}

export function formatSweep(result: SweepResult): string {
  const byTtl = result.ttl !== null;
  const policiesPerPoint = Math.max(...result.points.map((p) => p.policies.length));
  const horizons = new Set(result.points.map((p) => p.horizonMs));
  const seeds = new Set(result.points.map((p) => p.seed));
  const header = [
    `Sweep of ${result.scenario} · ${formatCount(result.points.length)} points × up to ${policiesPerPoint} policies (${formatCount(result.runs)} runs) · seed ${seeds.size === 1 ? result.points[0].seed : 'swept'} · horizon ${horizons.size === 1 ? formatDuration(result.points[0].horizonMs) : 'swept'} · ${formatCount(result.points[0].policies[0]?.requests ?? 0)} requests at the first point`,
    `Prices: ${result.pricing.displayName} (${result.pricing.provider}, as of ${result.pricing.asOf})${byTtl ? ' · ttl-<T> is sliding up to 5m and fixed above; ttl-<T>-sliding slides' : ''}`,
  ];
  const head = [
    ...result.params.map((p) => p.path),
    ...(byTtl ? ['ttl', 'fixed', 'sliding'] : []),
    'cheapest',
    'total',
    'vs no-cache',
    'hit rate',
    'token hit',
  ];
  const table = compactTable(
    head,
    head.map((h) => (h === 'cheapest' ? 'left' : 'right')),
  );
  const best = bestPoint(result);
  for (const point of result.points) {
    const cheapest = cheapestOf(point);
    const row = result.params.map((_, i) => String(point.params[i].written));
    if (byTtl) {
      const { fixed, sliding } = ttlColumns(point);
      row.push(
        String(point.ttl?.written ?? ''),
        fixed === undefined ? '—' : formatUsd(fixed.costUsd.total),
        sliding === undefined ? '—' : formatUsd(sliding.costUsd.total),
      );
    }
    row.push(
      `${cheapest.policy}${point === best ? ' *' : ''}`,
      formatUsd(cheapest.costUsd.total),
      formatPercent(cheapest.savingsVsNoCache),
      formatPercent(cheapest.hitRate),
      formatPercent(cheapest.tokenHitRate),
    );
    table.push(row);
  }
  return `${header.join('\n')}\n${table.toString()}\n* ${sweepRecommendation(result)}\n`;
}
