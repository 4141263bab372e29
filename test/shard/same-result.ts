// The comparison of a merged result with the unsplit one (docs/scale.md): everything deep-equal, numbers
// within $0.000001 (a merge sums unrounded dollars in another order than the unsplit run, then rounds
// once), except what the merge marks as not exact: the peaks it lists in `inexact`, which must then be an
// upper bound of the unsplit peaks.
import { expect } from 'vitest';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Paths (a.b[3].c) where `actual` and `expected` differ beyond `tolerance`; [] when they agree. */
export function differences(actual: Json, expected: Json, tolerance = 1e-6, path = ''): string[] {
  if (typeof actual === 'number' && typeof expected === 'number')
    return Math.abs(actual - expected) <= tolerance + 1e-12 ? [] : [`${path}: ${actual} ≠ ${expected}`];
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) return [`${path}: length ${actual.length} ≠ ${expected.length}`];
    return actual.flatMap((a, i) => differences(a, expected[i], tolerance, `${path}[${i}]`));
  }
  if (isObject(actual) && isObject(expected)) {
    const keys = [...new Set([...Object.keys(actual), ...Object.keys(expected)])];
    return keys.flatMap((k) =>
      k in actual && k in expected
        ? differences(actual[k], expected[k], tolerance, `${path}.${k}`)
        : [`${path}.${k}: only in the ${k in actual ? 'merged' : 'unsplit'} result`],
    );
  }
  return actual === expected ? [] : [`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`];
}

const isObject = (v: Json): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

interface WithPolicies {
  readonly policies: readonly {
    readonly policy: string;
    readonly peakLiveEntries: number;
    readonly peakLiveTokens: number;
  }[];
  readonly inexact?: readonly string[];
}

/**
 * The merged result is the unsplit one (see the header). Returns whether the merge summed the peaks
 * (then it says so, and each is at least the unsplit peak).
 */
export function expectSameResult(merged: WithPolicies, unsplit: WithPolicies): boolean {
  const note = merged.inexact?.find((n) => n.startsWith('peakLiveEntries and peakLiveTokens of ')) ?? null;
  const strip = (result: WithPolicies) => {
    const copy = JSON.parse(JSON.stringify(result)) as {
      inexact?: unknown;
      shards?: unknown;
      policies: Record<string, unknown>[];
    };
    delete copy.inexact;
    // What `ttlsim merge` says of its shards (how many units and scopes): not part of the unsplit result.
    delete copy.shards;
    if (note !== null)
      for (const p of copy.policies) {
        delete p.peakLiveEntries;
        delete p.peakLiveTokens;
      }
    return copy as unknown as Json;
  };
  expect(differences(strip(merged), strip(unsplit))).toEqual([]);
  merged.policies.forEach((m, i) => {
    const u = unsplit.policies[i];
    expect(m.peakLiveEntries).toBeGreaterThanOrEqual(u.peakLiveEntries);
    expect(m.peakLiveTokens).toBeGreaterThanOrEqual(u.peakLiveTokens);
  });
  // Nothing else may be marked: only the peaks are allowed to differ here.
  expect((merged.inexact ?? []).filter((n) => n !== note)).toEqual([]);
  return note !== null;
}
