// replay/ (layer 8): every user-facing text of replaying logs beyond the readers' own (logs/messages.ts),
// as functions worded once.

/** ` after a 42 s gap`, or nothing for a thread's first request. */
const afterGap = (gapMs: number | null): string => (gapMs === null ? '' : ` after a ${Math.round(gapMs / 1000)} s gap`);

export const replayMessages = {
  noProject: (project: string) => `no log files of a project matching "${project}"`,
  unknownModel: (provider: string, model: string, canonical: string) =>
    `no ${provider} price for model "${model}" (canonical "${canonical}"); see \`ttlsim prices\``,
  otherSessions: (count: number) => `(other ${count} sessions)`,
  // Why the as-recorded simulation used the cache differently from the log (the reconciliation).
  belowMinimum: (cached: number, minimum: number) =>
    `the log cached ${cached} tokens, below the model's minimum cacheable length of ${minimum} (not a real capture?)`,
  readMoreThanCached: () =>
    'the log read more than this thread had cached: written by a parallel request or another thread',
  keptLonger: (gapMs: number | null) =>
    `the simulated entry had expired${afterGap(gapMs)}, but the log still read it (the provider kept it longer than the TTL)`,
  missedWhereHit: (gapMs: number | null) =>
    `the log missed where the simulation hit${afterGap(gapMs)}: evicted early, or the prompt changed in a way usage does not show`,
  writeMismatch: () =>
    'same read, but the log wrote nothing where the simulation wrote (or the reverse): the prompt did not grow as rebuilt',
} as const;
