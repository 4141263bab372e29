// verdict/collect.ts `pairs`: the verdict's bootstrap units read off the session costs' table (IdColumns.sortedBy)
// must be exactly what verdict.ts drew from the Maps of `usd`: the baseline's session ids sorted, each one's USD
// under the chosen policy and the baseline, 0 where a policy has none, bit for bit and in that order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SessionCostsByPolicy } from '../../src/verdict/collect.js';
import { IdColumns } from '../../src/util/id-columns.js';
import { emptyOutcome } from '../../src/cache/prefix-cache.js';
import { request } from '../helpers.js';
import { UNIT_PROFILE } from '../helpers.js';

/** What verdictOf computes from two Maps (verdict.ts pairsOf). */
function fromMaps(chosen: ReadonlyMap<string, number>, baseline: ReadonlyMap<string, number>) {
  const units = [...baseline.keys()].sort();
  return {
    sessions: units.length,
    chosenUsd: units.map((u) => chosen.get(u) ?? 0),
    baselineUsd: units.map((u) => baseline.get(u) ?? 0),
  };
}

describe('SessionCostsByPolicy.pairs', () => {
  const bill = fc.record({
    // Ids that sort apart from their numbers ('k10' < 'k9'), non-ASCII ones, a prefix of another.
    key: fc.integer({ min: 0, max: 60 }),
    policy: fc.integer({ min: 0, max: 2 }),
    input: fc.integer({ min: 0, max: 50_000 }),
    ping: fc.boolean(),
  });

  it("gives the sorted baseline sessions and both policies' USD as the Maps do", () => {
    fc.assert(
      fc.property(fc.array(bill, { maxLength: 300 }), (bills) => {
        const costs = new SessionCostsByPolicy();
        const names = ['5m', '1h', 'ka'];
        const observers = names.map((name, i) => costs.observe(i, name, () => UNIT_PROFILE));
        for (const { key, policy, input, ping } of bills) {
          const numbered = key % 4 !== 0;
          const id = key % 5 === 0 ? `é${key}` : key % 7 === 0 ? `k${key}x` : `k${key}`;
          const r = request(key, [], {
            threadId: id,
            sessionId: id,
            outputTokens: 3,
            ...(numbered ? { threadIndex: key } : {}),
          });
          const outcome = { ...emptyOutcome(), inputTokens: input };
          if (ping) observers[policy].onPing?.(r, outcome, 0);
          else observers[policy].onRequest?.(r, outcome);
        }
        for (const chosen of names)
          for (const baseline of names) {
            const expected = fromMaps(costs.usd(chosen)!, costs.usd(baseline)!);
            expect(costs.pairs(chosen, baseline)).toEqual(expected);
          }
      }),
      { numRuns: 200 },
    );
  });

  it('leaves an id with two rows (numbered in some bills only) to the Maps', () => {
    const table = new IdColumns();
    const column = table.addColumn();
    table.add('a', 1, column, 1);
    table.add('a', undefined, column, 2);
    expect(table.sortedBy(column, [column])).toBeNull();
  });
});
