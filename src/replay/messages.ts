// replay/ (layer 9): every user-facing text of replaying logs beyond the readers' own (logs/messages.ts),
// as functions worded once.

import { formatCount } from '../model/format.js';

/** ` after a 42 s gap`, or nothing for a thread's first request. */
const afterGap = (gapMs: number | null): string => (gapMs === null ? '' : ` after a ${Math.round(gapMs / 1000)} s gap`);

/** How to give a model a price: the two flags, spelt out with the model's own id. */
const priceHint = (model: string) =>
  `use --price ${model}=INPUT,WRITE5M,WRITE1H,READ,OUTPUT (USD per million tokens) or --model-map ${model}=MODEL`;

const requests = (count: number): string => `${formatCount(count)} request${count === 1 ? '' : 's'}`;

export const replayMessages = {
  noProject: (project: string) => `no log files of a project matching "${project}"`,
  // --since/--until/--timezone (time-window.ts).
  badWhen: (text: string) =>
    `expected a date (2026-12-01 or 20261201), an ISO time (2026-12-01T09:30, with or without a zone), today, yesterday or a span back from now (30m, 12h, 7d, 2w); got "${text}"`,
  badTimeZone: (zone: string) =>
    `unknown time zone "${zone}"; expected an IANA name such as UTC, Europe/Paris or America/New_York`,
  windowForLogs: () => 'applies to logs only; a scenario has no dates',
  windowSpan: (since: string, until: string, first: string, last: string, zone: string) =>
    `in the window ${since} to ${until} (${zone}), from ${first} to ${last}`,
  emptyWindow: (sinceIso: string, untilIso: string) =>
    `the window from ${sinceIso} to ${untilIso} is empty: --since must be before --until`,
  /** Which provider priced the replay and why (replay-logs.ts providerOf): the header's `Prices:`. */
  pricedBy: (provider: string, from: string) =>
    from === '--provider'
      ? `${provider} (--provider)`
      : from === 'logs'
        ? `${provider} (detected: Bedrock invocation logs; --provider to change)`
        : `${provider} (the default; --provider to change)`,
  unknownProvider: (provider: string, known: readonly string[]) =>
    `unknown price provider "${provider}"; known: ${known.join(', ')}`,
  // A request nothing prices: skipped, counted and located (price-requests.ts).
  unpricedModel: (model: string, provider: string) => `"${model}" has no ${provider} price; ${priceHint(model)}`,
  opaqueModel: (model: string) =>
    `"${model}" names no model (an application inference profile or custom model); use --model-map ${model}=MODEL`,
  unpricedFast: (model: string, provider: string, key: string) =>
    `fast mode ("speed": "fast") has no known ${provider} price for ${model}; use --price "${key}=INPUT,WRITE5M,WRITE1H,READ,OUTPUT"`,
  unpricedServiceTier: (tier: string, model: string, provider: string, key: string) =>
    `service tier "${tier}" has no known ${provider} price for ${model}; use --price "${key}=INPUT,WRITE5M,WRITE1H,READ,OUTPUT"`,
  noOneHourPrice: (model: string, provider: string) =>
    `1h cache writes recorded, but ${provider} lists no 1h price for ${model}; use --price ${model}=INPUT,WRITE5M,WRITE1H,READ,OUTPUT to give one`,
  unpricedSummary: (count: number, shown: number) =>
    `${count} request(s) skipped: nothing prices them${shown > 0 ? ` (the first ${shown}):` : '.'}`,
  unpricedNote: (count: number, models: readonly string[]) =>
    `${count} request(s) left out: no price for ${models.join(', ')} (listed in summary.json).`,
  fiveMinuteOnlyNote: (models: readonly string[]) =>
    `${models.join(', ')}: no 1h tier on this provider, so the 1h policies write ${models.length === 1 ? 'it' : 'them'} at 5m.`,
  pricedByFlag: () => 'Prices given with --price.',
  badPrice: (value: string) =>
    `expected MODEL=INPUT,WRITE5M,WRITE1H,READ,OUTPUT in USD per million tokens (WRITE1H "-" for none, an optional sixth figure for the minimum cacheable tokens), got "${value}"`,
  priceTooHigh: (value: string, max: number) =>
    `every price is at most ${max.toLocaleString('en-US')} USD per million tokens, got "${value}"`,
  badModelMap: (value: string) => `expected ID=MODEL, got "${value}"`,
  unknownMapTarget: (target: string, provider: string, suggestion: string | undefined) =>
    `"${target}" has no ${provider} price${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}; see \`ttlsim prices\``,
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
  // What the logs ran (ttl-mix.ts): the header line of a replay, and one line per Claude Code version.
  whatRan: (kinds: readonly string[], setup: string) =>
    `What ran: ${kinds.join(', ')}${setup === '' ? '' : `; ${setup}`}.`,
  kindRan: (kind: string, ttl: string, share: string, count: number, sessions = '') =>
    ttl === 'none'
      ? `${kind} wrote nothing (${requests(count)})`
      : ttl === 'mixed'
        ? `${kind} mixed, ${share} of write tokens 1h (${requests(count)}${sessions === '' ? '' : `; ${sessions}`})`
        : `${kind} ${ttl} (${share} of write tokens, ${requests(count)})`,
  matchesSetup: (description: string, isDefault: boolean, sourceUrl: string, asOf: string) =>
    `${isDefault ? 'matches' : 'matches a setting:'} ${description} (${sourceUrl}, as of ${asOf})`,
  /** How a mixed kind's sessions ran: `sessions: 3 at 1h, 2 at 5m, 1 mixed`. */
  sessionsRan: (at5m: number, at1h: number, mixed: number) =>
    `sessions: ${[
      [at1h, 'at 1h'],
      [at5m, 'at 5m'],
      [mixed, 'mixed'],
    ]
      .filter(([n]) => n !== 0)
      .map(([n, what]) => `${formatCount(n as number)} ${what}`)
      .join(', ')}`,
  matchesShort: (description: string) => `matches ${description}`,
  nothingWritten: () => 'no cache writes to tell a setup by',
  noKnownSetup: () => 'matches no known Claude Code setup',
  setupChanged: () => 'the versions below ran different setups',
  versionRan: (version: string, from: string, to: string, count: number, kinds: readonly string[], setup: string) =>
    `  ${version === '' ? 'version not logged' : `Claude Code ${version}`} (${from === to ? from : `${from} to ${to}`}, ${requests(count)}): ${kinds.join(', ')}; ${setup}`,
} as const;
