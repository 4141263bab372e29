// A generic CSV log of renewal-like traffic from a seeded generator (a linear congruential one: the
// same text on every machine), for the shard tests.
export function seededCsv(options: { rows: number; keys: number; seed: number }): string {
  let state = options.seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  let atMs = Date.UTC(2026, 0, 1);
  const lines = ['timestamp,key,prefixTokens,suffixTokens,outputTokens'];
  for (let n = 0; n < options.rows; n++) {
    // Mean gap 2 s over all keys; prefixes of three sizes, so a key's prefix sometimes changes.
    atMs += Math.floor(-Math.log(1 - next()) * 2000);
    const key = Math.floor(next() * options.keys);
    lines.push(`${atMs},k${key},${2000 + Math.floor(next() * 3) * 1000},300,100`);
  }
  return `${lines.join('\n')}\n`;
}
