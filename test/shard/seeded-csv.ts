// A generic CSV log of renewal-like traffic from a seeded generator (test/lcg.ts: the same text on every
// machine), for the shard tests.
import { lcg } from '../lcg.js';

/** With `scopes`, a scope column too (`ws0`, `ws1`, …): the same key then turns up in several scopes. */
export function seededCsv(options: {
  rows: number;
  keys: number;
  seed: number;
  meanGapMs?: number;
  burst?: number;
  scopes?: number;
}): string {
  const next = lcg(options.seed);
  let atMs = Date.UTC(2026, 0, 1);
  const scopes = options.scopes;
  const lines = [`timestamp,key,prefixTokens,suffixTokens,outputTokens${scopes === undefined ? '' : ',scope'}`];
  for (let n = 0; n < options.rows; n++) {
    // Mean gap 2 s over all keys unless told; prefixes of three sizes, so a key's prefix sometimes changes.
    atMs += Math.floor(-Math.log(1 - next()) * (options.meanGapMs ?? 2000));
    // With `burst`, runs of that many rows share a key (a session), so a shard holds whole sessions and
    // is idle in between: its time series is sparser than the unsplit one.
    const drawn = Math.floor(next() * options.keys);
    const key = options.burst === undefined ? drawn : Math.floor(n / options.burst) % options.keys;
    const row = `${atMs},k${key},${2000 + Math.floor(next() * 3) * 1000},300,100`;
    lines.push(scopes === undefined ? row : `${row},ws${Math.floor(next() * scopes)}`);
  }
  return `${lines.join('\n')}\n`;
}
