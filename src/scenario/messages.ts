// Every user-facing message about scenario files, as functions (vega-lite's log/message.ts): the parsers,
// the normaliser and the tests call the same function, so a message is worded once. read.ts adds the
// file:line:col and the field path in front (model/errors.ts formatIssue).
import { formatCount } from '../model/format.js';

/** A value as the user wrote it: scalars quoted (`got "10"`), containers named. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return JSON.stringify(String(value));
  return 'a value';
}

const didYouMean = (suggestion: string | undefined) =>
  suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
const listOf = (options: readonly string[]) => options.map((o) => `"${o}"`).join(', ');
/** An estimate as words: "about 1,234,567", "about 8.6e+18", "unboundedly many". */
const about = (n: number): string =>
  n === Infinity ? 'unboundedly many' : n < 1e15 ? `about ${formatCount(n)}` : `about ${n.toExponential(1)}`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;

export const messages = {
  fileNotFound: () => 'file not found',
  isDirectory: () => 'is a folder, not a scenario file',
  unreadable: (reason: string) => `cannot be read: ${reason}`,
  emptyFile: () => 'the file is empty: a scenario needs at least name, horizon, pricing and workload',
  invalidYaml: (reason: string) => `not valid YAML or JSON: ${reason}`,
  specialFile: (kind: string) => `is a ${kind}, not a scenario file (only regular files are read)`,
  tooLarge: (bytes: number, maxBytes: number) =>
    `the file is ${formatCount(bytes)} bytes or more; a scenario file may have at most ${mb(maxBytes)}`,
  tooManyAliases: (max: number) =>
    `YAML aliases expand beyond ${formatCount(max)} nodes (a resource exhaustion attack, or a file that should not use aliases)`,
  notMapping: (got: unknown) => `a scenario must be a mapping of fields, got ${show(got)}`,

  missingField: () => 'missing required field',
  unknownField: (field: string, suggestion?: string) => `unknown field "${field}"${didYouMean(suggestion)}`,
  wrongType: (expected: string, got: unknown) => `expected ${expected}, got ${show(got)}`,
  oneOf: (options: readonly string[], got: unknown) => `expected one of ${listOf(options)}, got ${show(got)}`,
  emptyList: (what: string) => `the list is empty: give at least one ${what}`,
  badName: (got: unknown) =>
    `expected a name of letters, digits, ".", "_" or "-", not "." or ".." (it names the report folder), got ${show(got)}`,
  badText: (got: unknown) => `expected text, got ${show(got)}`,
  badPolicyName: (max: number, got: unknown) =>
    `expected a name of 1 to ${max} characters without control characters, line separators or direction overrides, got ${show(got)}`,
  badInteger: (got: unknown) => `expected a whole number, got ${show(got)}`,
  badCount: (minimum: number, got: unknown) => `expected a whole number ≥ ${minimum}, got ${show(got)}`,
  badNumber: (constraint: string, got: unknown) => `expected a number ${constraint}, got ${show(got)}`,
  badProbability: (got: unknown) => `expected a probability between 0 and 1, got ${show(got)}`,
  badTokens: (got: unknown) => `expected a whole number of tokens ≥ 0, got ${show(got)}`,
  badDuration: (got: unknown) => `expected a duration like "5m", got ${show(got)}`,
  durationTooLong: (maxDays: number, got: unknown) =>
    `expected a duration of at most ${maxDays}d (a century), got ${show(got)}`,
  badFiniteRate: (got: unknown) => `expected a rate with a finite count like "15/h", got ${show(got)}`,
  durationNotPositive: (got: unknown) => `expected a duration above zero like "5m", got ${show(got)}`,
  badRate: (got: unknown) => `expected a rate like "15/h" or "1/4m", got ${show(got)}`,
  rateNotPositive: (got: unknown) => `expected a rate above zero like "15/h", got ${show(got)}`,

  missingDist: (options: readonly string[]) => `a distribution needs "dist", one of ${listOf(options)}`,
  unknownDist: (got: unknown, options: readonly string[]) =>
    `unknown distribution ${show(got)}; expected one of ${listOf(options)}`,
  minAboveMax: (min: string, max: string) => `min (${min}) must not exceed max (${max})`,
  emptyEmpirical: () => 'an empirical distribution needs at least one value',

  missingWorkloadKind: (options: readonly string[]) => `a workload needs "kind", one of ${listOf(options)}`,
  unknownWorkloadKind: (got: unknown, options: readonly string[]) =>
    `unknown workload kind ${show(got)}; expected one of ${listOf(options)}`,
  workloadShape: () => 'expected a workload (a mapping with "kind") or a list of workloads',
  unknownLogFormat: (input: unknown, options: readonly string[]) =>
    `unknown log format ${JSON.stringify(input)}: expected one of ${listOf(options)}`,
  replayLogs: (problem: string) => `cannot replay these logs: ${problem}`,
  replayedModelUnpriced: (model: string, provider: string) =>
    `"${model}" has no ${provider} price: this request is left out of the replay workload`,
  replayNeedsFile: () => 'replay workloads need the scenario to be read from a file (the log path is relative to it)',
  horizonOrReplay: () => 'missing required field (a horizon is needed unless every workload replays logs)',
  duplicateLabel: (label: string) =>
    `workload label "${label}" is used twice: labels name threads and must be unique (workloads without one are w0, w1, … by position)`,
  badProfileWeights: (count: number, got: unknown) => `expected a list of ${count} weights ≥ 0, got ${show(got)}`,
  allZeroProfile: () => 'every weight is 0: no arrival would ever happen',
  unknownProfilePreset: (got: unknown, options: readonly string[]) =>
    `unknown profile ${show(got)}; expected one of ${listOf(options)} or { hourly, weekly }`,
  jitterTooLarge: (jitter: string, every: string) =>
    `jitter (${jitter}) must be less than half the period (${every}), or runs could swap order`,
  summaryNotBelowThreshold: (summary: number, threshold: number) =>
    `the compaction summary (${summary} tokens) must be smaller than the threshold (${threshold}), or every request would compact again`,

  unknownProvider: (got: string, options: readonly string[]) =>
    `unknown provider "${got}"; expected one of ${listOf(options)}`,
  unknownModel: (provider: string, model: string, suggestion?: string) =>
    `unknown model "${model}" for provider ${provider}${didYouMean(suggestion)}; \`ttlsim prices --provider ${provider}\` lists them`,

  duplicatePolicy: (name: string) => `policy name "${name}" is used twice: names must be unique`,
  policyNeedsTtl: () => 'a caching policy needs a ttl (or set cache: false)',
  unusedWithoutCache: (field: string) => `${field} means nothing with cache: false (remove one of them)`,
  ttlNotOffered: (provider: string, model: string, ttl: string, offered: readonly string[]) =>
    `model "${model}" on ${provider} does not offer the ${ttl} TTL (it offers ${listOf(offered)})`,
  ttlOrder: (longRole: string, longTtl: string, shortRole: string, shortTtl: string, provider: string) =>
    `a ${longTtl} breakpoint on "${longRole}" may not follow a ${shortTtl} breakpoint on "${shortRole}" (${provider} requires non-increasing TTLs in prompt order)`,
  noLongWritePrice: (provider: string, model: string, ttl: string) =>
    `a ${ttl} TTL bills at the 1h write price, and ${provider} has no 1h tier for ${model}: use 5m or less, or override pricing.cacheWrite1h`,
  badRefreshTier: (tier: string, tiers: readonly string[]) =>
    `refresh names tier "${tier}", which this policy does not use (its tiers: ${listOf(tiers)})`,
  keepaliveNotBelowTtl: (every: string, ttl: string) =>
    `keepalive.every (${every}) must be shorter than the ttl (${ttl}), or the entry expires between pings`,
  keepaliveIdleBelowEvery: (maxIdle: string, every: string) =>
    `keepalive.maxIdle (${maxIdle}) is shorter than keepalive.every (${every}): no ping would ever be sent`,
  adaptiveExclusive: (field: string) =>
    `${field} means nothing with adaptive: the adaptive policy chooses every request's tier itself (remove one of them)`,
  adaptiveNeedsFiveMinutes: (provider: string, model: string, offered: readonly string[]) =>
    `the adaptive policy chooses between the 5m and 1h tiers, and model "${model}" on ${provider} does not offer 5m (it offers ${listOf(offered)})`,

  // Work bounds, checked before anything runs (workload/work-limits.ts; docs/commands.md "Limits").
  tooManyRequests: (total: number, horizon: string, own: number, max: number) =>
    `${about(total)} requests over the ${horizon} horizon${own < total ? ` (${about(own)} from this workload)` : ''}, above the limit of ${formatCount(max)} a run: shorten the horizon or lower the rate, or raise the limit with --max-requests`,
  tooManyDraws: (draws: number, requests: number, max: number) =>
    `the rate profile thins ${about(draws)} arrivals to ${about(requests)} requests; drawing them is above the limit of ${formatCount(max)} arrivals a run (10 per request of the limit): raise the profile's smallest weights or the limit with --max-requests`,
  tooManySegments: (visits: number, max: number) =>
    `each request resends its session's whole history: ${about(visits)} prompt segments to walk per policy, above the limit of ${formatCount(max)} (20 per request of the limit): add compaction, or fewer turns or a shorter horizon, or raise the limit with --max-requests`,
  tooManyKeys: (keys: number, max: number) =>
    `${formatCount(keys)} keys, jobs and projects in the scenario, above the limit of ${formatCount(max)} (a tenth of the request limit, at most 10,000,000): raise it with --max-requests`,
  tooManySweepRequests: (total: number, points: number, max: number) =>
    `the sweep's ${formatCount(points)} points send ${about(total)} requests together, above the limit of ${formatCount(max)}: fewer points or a shorter horizon, or raise the limit with --max-requests`,
  tooManyItems: (what: string, count: number, max: number) =>
    `${formatCount(count)} ${what}, above the limit of ${formatCount(max)} a scenario`,
  tooManyPolicyRuns: (requests: number, policies: number, max: number) =>
    `${about(requests)} requests offered to each of ${formatCount(policies)} policies, above the limit of ${formatCount(max)} request runs (20 per request of the limit): fewer policies or a shorter horizon, or raise the limit with --max-requests`,
  tooManyBuckets: (buckets: number, bucket: string, horizon: string, policies: number, max: number) =>
    `${about(buckets)} time-series buckets of ${bucket} over the ${horizon} horizon for each of ${policies} policies, above the limit of ${formatCount(max)} buckets in all: use a wider bucket`,
} as const;
