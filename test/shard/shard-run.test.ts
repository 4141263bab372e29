// shard/shard-run.ts admits a numbered thread's later requests from what it worked out for its first one.
// The admissions and unit counts must be those of the definition: every request's unit (shardUnitOf) and
// its shard (shardOfUnit), whatever mix of numbered and unnumbered threads, scopes (one key in two scopes,
// the fast-mode suffix) and thread kinds arrives.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ShardRun } from '../../src/shard/shard-run.js';
import { shardOfUnit, shardUnitOf } from '../../src/shard/shard-spec.js';
import type { Request, ThreadKind } from '../../src/model/request.js';

const SCOPES = ['org', 'org\u0000fast', 'other'];
const KINDS: ThreadKind[] = ['key', 'key', 'batch', 'main'];

function request(key: number, scope: string, kind: ThreadKind, numbered: boolean, atMs: number): Request {
  const threadId = `csv/k${key}`;
  return {
    atMs,
    scope,
    model: 'm',
    segments: [],
    segmentCount: 0,
    tailTokens: 1,
    outputTokens: 1,
    threadId,
    threadKind: kind,
    sessionId: threadId,
    ...(numbered ? { threadIndex: key } : {}),
  };
}

/** The definition: each request's unit and shard worked out from scratch. */
function plainAdmits(requests: readonly Request[], index: number, count: number) {
  const units = new Set<string>();
  const here = new Set<string>();
  const admitted = requests.map((r) => {
    const unit = shardUnitOf(r);
    units.add(unit);
    if (shardOfUnit(unit, count) !== index) return false;
    here.add(unit);
    return true;
  });
  const scopes = [...units].filter((unit) => !unit.includes('\u0000')).length;
  return { admitted, counts: { total: units.size, here: here.size, scopes } };
}

describe('ShardRun.admits', () => {
  it('admits what the definition admits, with numbered threads remembered', () => {
    const row = fc.record({
      key: fc.integer({ min: 0, max: 40 }),
      scope: fc.constantFrom(...SCOPES),
      kind: fc.constantFrom(...KINDS),
      numbered: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 300, size: 'max' }),
        fc.integer({ min: 1, max: 4 }),
        (rows, count) => {
          const requests = rows.map((r, i) => request(r.key, r.scope, r.kind, r.numbered, i));
          for (let index = 0; index < count; index++) {
            const shard = new ShardRun({ index, count });
            const admitted = requests.map((r) => shard.admits(r));
            const plain = plainAdmits(requests, index, count);
            expect(admitted).toEqual(plain.admitted);
            expect(shard.unitCounts()).toEqual(plain.counts);
            expect(shard.admitted).toBe(plain.admitted.filter(Boolean).length);
            expect(shard.seq).toBe(requests.length - 1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('does not reuse a numbered thread’s answer for the same key in another scope', () => {
    // k1 in 'org' and in 'other' are two units; find a count where they land in different shards.
    const a = request(1, 'org', 'key', true, 0);
    const b = request(1, 'other', 'key', true, 1);
    const count = [2, 3, 4, 5, 6, 7].find((n) => shardOfUnit(shardUnitOf(a), n) !== shardOfUnit(shardUnitOf(b), n))!;
    const index = shardOfUnit(shardUnitOf(a), count);
    const shard = new ShardRun({ index, count });
    expect([shard.admits(a), shard.admits(b), shard.admits(a), shard.admits(b)]).toEqual([true, false, true, false]);
  });
});
