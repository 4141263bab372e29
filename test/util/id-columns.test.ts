// util/id-columns.ts: several columns of sums per id side by side must add up exactly as one Map of sums per
// column, for ids with a reader index and ids without, with columns added before and after the first sums;
// a one-column table swaps values as a Map would (the gap clock).
import { describe, expect, it } from 'vitest';
import { IdColumns } from '../../src/util/id-columns.js';
import { lcg } from '../lcg.js';

describe('IdColumns', () => {
  it('sums each column as a Map per column would, in first-seen order, over random ids and columns', () => {
    const table = new IdColumns();
    const columns = [table.addColumn(), table.addColumn(), table.addColumn()];
    const expected = columns.map(() => new Map<string, number>());
    const firstSeen = new Set<string>();
    const random = lcg(11);
    for (let n = 0; n < 30_000; n++) {
      if (n === 10_000) {
        // A column added once sums exist: the rows are widened, every earlier sum kept.
        columns.push(table.addColumn());
        expected.push(new Map());
      }
      const k = Math.floor(random() * 4000);
      const index = k % 3 !== 0 ? k : undefined;
      const id = `key${k}`;
      // Most requests reach every column in turn, as a pass offers them to every policy; some reach one.
      const reached = random() < 0.9 ? columns : [columns[Math.floor(random() * columns.length)]];
      firstSeen.add(id);
      for (const column of reached) {
        const usd = random() * 0.01;
        table.add(id, index, column, usd);
        expected[column].set(id, (expected[column].get(id) ?? 0) + usd);
      }
    }
    columns.forEach((column) => {
      const sums = table.toMap(column);
      expect(sums.size).toBe(expected[column].size);
      // Same sums, bit for bit; the order is the order any column first saw each id.
      expect(new Map([...sums].sort())).toEqual(new Map([...expected[column]].sort()));
    });
    // The order is the one in which any column first saw each id (in a pass, every policy sees every
    // request, so it is each column's own order too).
    for (const column of columns)
      expect([...table.toMap(column).keys()]).toEqual([...firstSeen].filter((id) => expected[column].has(id)));
  });

  it('swaps a value per id (NaN for one the column has none for), for numbered ids and others alike', () => {
    const table = new IdColumns();
    const clock = table.addColumn();
    const last = new Map<string, number>();
    const random = lcg(7);
    for (let n = 0; n < 20_000; n++) {
      const k = Math.floor(random() * 3000);
      // An id comes with its index every time or never (Request.threadIndex); numbers up to 5,000 grow the rows.
      const index = k % 3 !== 0 ? k + 2000 : undefined;
      const id = `key${k}`;
      expect(table.swap(id, index, clock, n)).toBe(last.get(id) ?? NaN);
      last.set(id, n);
    }
    expect([...table.toMap(clock)]).toEqual([...last]);
  });

  it('leaves out of a column the ids it never saw', () => {
    const table = new IdColumns();
    const [a, b] = [table.addColumn(), table.addColumn()];
    table.add('x', 3, a, 1);
    table.add('y', undefined, b, 2);
    table.add('x', 3, b, 4);
    expect([...table.toMap(a)]).toEqual([['x', 1]]);
    expect([...table.toMap(b)]).toEqual([
      ['x', 4],
      ['y', 2],
    ]);
  });
});
