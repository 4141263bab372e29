// shard/ (between metrics/ and run/): the texts of --shard, --workers and `ttlsim merge` that the layers
// below the CLI produce. Each text is a function; tests assert against the same function.
export const shardMessages = {
  badShard: (given: string) => `expected K/N with 0 ≤ K < N ≤ 4096 (shard K of N, counted from 0), got "${given}"`,
  evictionNotShardable: () =>
    'a scenario with engine.evictionRate draws evictions from one seeded stream per policy, in arrival order across every scope: its shards would not add up to the unsplit run (run it whole)',
  adaptivePooled: (policy: string) =>
    `${policy}: the adaptive policy pools its gap prior over every thread of the run, so a shard's prior differs from the unsplit run's: its figures are not exact`,
  peaksSummed: (policies: readonly string[]) =>
    `peakLiveEntries and peakLiveTokens of ${policies.join(', ')}: the sum of the shards' peaks, an upper bound of the unsplit run's (the peak of a sum is not the sum of peaks)`,
  oneScenario: (given: number) =>
    `one scenario at a time (${given} given): each shard's partial is one file for \`ttlsim merge\``,
  /** The input's shard units are whole cache scopes (Claude Code, Bedrock, a CSV with a scope column). */
  wholeScopes: (scopes: number, shards: number) =>
    scopes === 1
      ? '1 cache scope; one scope cannot be split: its requests all go to one shard, the others are empty'
      : `${scopes} cache scopes; one scope cannot be split: each goes whole to one shard${
          scopes < shards ? `, so at most ${scopes} of the ${shards} shards hold requests` : ''
        }`,
  /** What `--shard K/N` says on stderr beside its partial. */
  shardNote: (index: number, count: number, note: string) => `shard ${index}/${count}: ${note}`,
};

export const mergeMessages = {
  notPartial: () => 'not a partial result of ttlsim (write one with --shard K/N --json)',
  unreadable: (reason: string) => `not readable JSON: ${reason}`,
  empty: () => 'empty: not a partial result (did its shard stop before writing it?)',
  otherFormat: (format: string) =>
    `a partial of format ${JSON.stringify(format)}, but this ttlsim reads "ttlsim-partial/1": merge with the ttlsim that wrote it`,
  otherVersion: (version: string, mine: string) =>
    `written by ttlsim ${version}, but this is ttlsim ${mine}: merge with the ttlsim that wrote the partials`,
  missingField: (expected: string) => `missing (expected ${expected})`,
  badValue: (expected: string, got: string) => `expected ${expected}, got ${got}`,
  inconsistent: (got: string, wanted: string) =>
    `${got}, but ${wanted}: not as ttlsim writes a partial (was it edited?)`,
  recordedTwice: (other: string) =>
    `recorded requests here and in ${other}: recorded logs are one cache scope, which one shard holds (was a partial copied or edited?)`,
  bodyDiffers: (value: string, first: string, firstFile: string) =>
    `${value} here, but ${first} in ${firstFile}: the shards of one run agree on it (was one edited?)`,
  differs: (what: string, first: string, value: string, firstFile: string) =>
    `${what} is ${value}, but ${firstFile} has ${first}: partials of one run share it`,
  duplicate: (index: number, count: number, other: string) => `shard ${index}/${count} again (also in ${other})`,
  missing: (indexes: readonly number[], count: number) =>
    `shard${indexes.length === 1 ? '' : 's'} ${indexes.map((i) => `${i}/${count}`).join(', ')} missing: a merge needs all ${count}`,
  noPartials: () => 'name the partial results to merge (the --json of each --shard K/N)',
  noRequests: () => 'no shard replayed a request (the window, --project or the prices left none)',
  inexact: (notes: readonly string[]) => `not exact: ${notes.join('; ')}`,
};
