// util/rebin.ts: items in time order gathered into wider buckets, the first moved to its bucket's start,
// the others added into it; an empty stretch stays empty (the series is sparse).
import { describe, expect, it } from 'vitest';
import { rebin } from '../../src/util/rebin.js';

interface Item {
  startMs: number;
  n: number;
  last: number;
}

describe('rebin', () => {
  it('sums the items of each bucket, keeps the later state, and leaves gaps out', () => {
    const items: Item[] = [0, 1, 2, 6, 7, 15].map((startMs) => ({ startMs, n: 1, last: startMs }));
    const out = rebin(
      items,
      4,
      (item, startMs) => ({ ...item, startMs }),
      (into, from) => {
        into.n += from.n;
        into.last = from.last;
      },
    );
    expect(out).toEqual([
      { startMs: 0, n: 3, last: 2 },
      { startMs: 4, n: 2, last: 7 },
      { startMs: 12, n: 1, last: 15 },
    ]);
    // The input is not changed: the first item of a bucket was copied before anything was added into it.
    expect(items[0]).toEqual({ startMs: 0, n: 1, last: 0 });
  });
});
