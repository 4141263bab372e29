// A ping's copy updated field by field (engine/ping-copy.ts) must be what Object.assign made it, whichever
// optional fields the earlier and the later request carry. FULL names every field of Request (Required<…>:
// a field added to Request does not compile here until it is added), and every one of them differs between
// FULL and LATER, so a field the update does not copy fails the comparison.
import { describe, it, expect } from 'vitest';
import type { Request } from '../../src/model/request.js';
import { pingCopy, updatePingCopy } from '../../src/engine/ping-copy.js';

const FULL: Required<Request> = {
  atMs: 1_000,
  scope: 'org',
  model: 'claude-sonnet-4-5',
  segments: [{ id: 's', key: 1, tokens: 2_000, role: 'system', breakpoint: true }],
  segmentCount: 1,
  tailTokens: 5,
  outputTokens: 7,
  threadId: 'csv/a',
  threadKind: 'key',
  sessionId: 'csv/a',
  threadIndex: 3,
  warmSegments: 1,
  recordedTtl: '1h',
  priceKey: 'claude-sonnet-4-5/long',
};

const LATER: Required<Request> = {
  atMs: 2_000,
  scope: 'org-2',
  model: 'claude-haiku-4-5',
  segments: [
    { id: 's', key: 1, tokens: 2_000, role: 'system', breakpoint: true },
    { id: 'h', key: 2, tokens: 900, role: 'history', breakpoint: false },
  ],
  segmentCount: 2,
  tailTokens: 50,
  outputTokens: 70,
  threadId: 'csv/b',
  threadKind: 'main',
  sessionId: 'session-b',
  threadIndex: 4,
  warmSegments: 2,
  recordedTtl: '5m',
  priceKey: 'claude-haiku-4-5/fast',
};

const FIELDS = Object.keys(FULL) as (keyof Request)[];
// The fields a request may leave out (FULL without them is still a Request, or BARE_IS_A_REQUEST does not
// compile). A field added to Request as optional and not listed here is tested as an always-present one, and
// still fails if not copied.
type Optional = 'threadIndex' | 'warmSegments' | 'recordedTtl' | 'priceKey';
const OPTIONAL: readonly (keyof Request)[] = [
  'threadIndex',
  'warmSegments',
  'recordedTtl',
  'priceKey',
] satisfies Optional[];
const BARE_IS_A_REQUEST: Omit<Required<Request>, Optional> extends Request ? true : false = true;

/** `base` with only the optional fields picked by the bits of `mask`; with `undefinedToo`, the others present as undefined. */
function withOptional(base: Required<Request>, mask: number, undefinedToo: boolean): Request {
  const request: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const bit = OPTIONAL.indexOf(field);
    if (bit < 0 || (mask & (1 << bit)) !== 0) request[field] = base[field];
    else if (undefinedToo) request[field] = undefined;
  }
  return request as unknown as Request;
}

describe('updatePingCopy', () => {
  it('LATER differs from FULL in every field', () => {
    expect(BARE_IS_A_REQUEST).toBe(true);
    for (const field of FIELDS) expect(LATER[field]).not.toEqual(FULL[field]);
  });

  it('leaves the copy as Object.assign does, for every mix of optional fields before and after', () => {
    const masks = 1 << OPTIONAL.length;
    for (let before = 0; before < masks; before++)
      for (let after = 0; after < masks; after++)
        for (const undefinedToo of [false, true]) {
          const earlier = withOptional(FULL, before, false);
          const later = withOptional(LATER, after, undefinedToo);
          const expected = Object.assign(pingCopy(earlier), later);
          const copy = pingCopy(earlier);
          updatePingCopy(copy, later);
          expect(copy).toStrictEqual(expected);
          expect(Object.keys(copy).sort()).toEqual(Object.keys(expected).sort());
        }
  });

  it('pingCopy copies every field, as a spread does', () => {
    const copy = pingCopy(FULL);
    expect(copy).not.toBe(FULL);
    expect(copy).toStrictEqual({ ...FULL });
  });
});
