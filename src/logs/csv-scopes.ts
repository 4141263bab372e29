// logs/ (layer 4): the keys of a CSV log with a `scope` column (docs/log-formats.md#generic-csv). A cache
// entry belongs to one scope (a workspace × model at the provider), so the same key in two scopes is two
// threads with entries of their own: each scope has its own key table in the run (csv-keys.ts csvKeysOf),
// whose threads are `csv@<scope>/<key>`, numbered in the run's one sequence. Both row paths (csv.ts,
// csv-plain.ts) share one CsvScopes, so they give the same threads and segment keys.
import type { SegmentKeys } from '../workload/segment-keys.js';
import { csvKeysOf, type CsvKeys } from './csv-keys.js';

/** What marks a thread of a scoped CSV row: shard/shard-spec.ts makes its whole scope the shard unit. */
export const SCOPED_THREAD_PREFIX = 'csv@';

/**
 * The scope in a thread id: `/` (and `%`) escaped, so the first `/` after it ends it and no two
 * (scope, key) pairs give one thread id.
 */
const escapeScope = (scope: string): string => scope.replace(/%/g, '%25').replace(/\//g, '%2F');

export class CsvScopes {
  private readonly byText = new Map<string, CsvKeys>();
  /** The last scope read from bytes: consecutive rows nearly always repeat it, and are not decoded again. */
  private lastBytes = Buffer.alloc(0);
  /** The text of the scope `ofBytes` last found. */
  lastText = '';
  private lastKeys: CsvKeys | null = null;

  constructor(private readonly keys: SegmentKeys) {}

  /** The key table of the scope written `scope` (not empty: the readers refuse an empty scope cell). */
  of(scope: string): CsvKeys {
    let keys = this.byText.get(scope);
    if (keys === undefined) {
      keys = csvKeysOf(this.keys, `${SCOPED_THREAD_PREFIX}${escapeScope(scope)}/`);
      this.byText.set(scope, keys);
    }
    return keys;
  }

  /**
   * The key table of the scope written in the ASCII bytes [start, end) of `bytes` (a plain row's cell); its
   * text is then `lastText` (no object per row: the plain path allocates only the request).
   */
  ofBytes(bytes: Buffer, start: number, end: number): CsvKeys {
    const known = this.lastBytes;
    if (
      this.lastKeys === null ||
      known.length !== end - start ||
      bytes.compare(known, 0, known.length, start, end) !== 0
    ) {
      this.lastBytes = Buffer.from(bytes.subarray(start, end));
      this.lastText = bytes.toString('latin1', start, end);
      this.lastKeys = this.of(this.lastText);
    }
    return this.lastKeys;
  }
}
