// The shape of a scenario file (DESIGN.md §3) as zod schemas: strict objects (unknown fields are
// errors), unit parsing on the leaves. Cross-field rules and defaults that need prices live in normalise.ts.
import * as z from 'zod';
import { count, dist, field, durationMs, nonNegativeNumber, positiveDurationMs, probability, rateOrZeroPerMs, ratePerMs, value } from './schema-values.js';
import { messages } from './messages.js';

const NAME = /^[A-Za-z0-9._-]+$/;
const name = value((input) => (typeof input === 'string' && NAME.test(input) ? (input as string) : { error: messages.badName(input) }));
const text = z.string();

export const PROFILE_PRESETS = ['office-hours', 'flat'] as const;
const weights = (length: number) =>
  value((input) => (Array.isArray(input) && input.length === length && input.every((w) => typeof w === 'number' && Number.isFinite(w) && w >= 0) ? (input as number[]) : { error: messages.badProfileWeights(length, input) }));
const profile = z.union([
  value((input) => (typeof input === 'string' && (PROFILE_PRESETS as readonly string[]).includes(input) ? (input as string) : { error: messages.unknownProfilePreset(input, PROFILE_PRESETS) })),
  z.strictObject({ hourly: weights(24).optional(), weekly: weights(7).optional() }),
]);

const common = {
  model: text.optional(),
  scope: text.optional(),
  label: name.optional(),
  profile: profile.optional(),
};

const renewal = z.strictObject({
  kind: z.literal('renewal'),
  ...common,
  keys: count(1),
  gap: dist('duration'),
  prefixTokens: dist('tokens'),
  suffixTokens: dist('tokens').optional(),
  outputTokens: dist('tokens').optional(),
  role: name.optional(),
});

const periodic = z.strictObject({
  kind: z.literal('periodic'),
  ...common,
  every: positiveDurationMs,
  jitter: durationMs.optional(),
  jobs: count(1).optional(),
  requestsPerRun: dist('tokens').optional(),
  spacing: dist('duration').optional(),
  prefixTokens: dist('tokens'),
  suffixTokens: dist('tokens').optional(),
  outputTokens: dist('tokens').optional(),
  role: name.optional(),
});

const sessions = z.strictObject({
  kind: z.literal('sessions'),
  ...common,
  arrivals: ratePerMs,
  turns: dist('tokens'),
  requestsPerTurn: dist('tokens').optional(),
  toolGap: dist('duration').optional(),
  thinkTime: dist('duration'),
  longBreak: z.strictObject({ probability, duration: dist('duration') }).optional(),
  prompt: z.strictObject({
    tools: count(0),
    system: count(0),
    project: count(0).optional(),
    projects: count(1).optional(),
    userMessage: dist('tokens'),
    toolResult: dist('tokens').optional(),
    output: dist('tokens'),
    tail: count(0).optional(),
  }),
  compaction: z.strictObject({ threshold: count(1), summary: count(0) }).optional(),
  subagents: z
    .strictObject({
      probability,
      requests: dist('tokens'),
      gap: dist('duration'),
      system: count(0),
      task: dist('tokens'),
      toolResult: dist('tokens').optional(),
      output: dist('tokens'),
    })
    .optional(),
});

/** Recorded logs arrive with issue 3; accepted here only to answer with a clear message. */
const replay = z.looseObject({ kind: z.literal('replay') });

export const WORKLOAD_KINDS = ['renewal', 'periodic', 'sessions', 'replay'] as const;
const workload = z.discriminatedUnion('kind', [renewal, periodic, sessions, replay], {
  error: (issue) => (issue.code === 'invalid_union' ? messages.unknownWorkloadKind(field(issue.input, 'kind'), WORKLOAD_KINDS) : undefined),
});

const ttlLabel = value((input) => {
  if (input === 'none') return { label: 'none', ms: 0 };
  const ms = durationMs.safeParse(input);
  return ms.success && ms.data > 0 ? { label: String(input), ms: ms.data } : { error: messages.badDuration(input) };
});
const refreshMode = z.enum(['sliding', 'fixed']);

const policy = z.strictObject({
  name: text,
  cache: z.boolean().optional(),
  ttl: z.union([ttlLabel, z.record(z.string(), ttlLabel)]).optional(),
  refresh: z.union([refreshMode, z.record(z.string(), refreshMode)]).optional(),
  keepalive: z
    .strictObject({ every: positiveDurationMs, maxIdle: positiveDurationMs, tail: count(0).optional(), output: count(0).optional() })
    .optional(),
});

const price = nonNegativeNumber.optional();

export const scenarioSchema = z.strictObject({
  name,
  description: text.optional(),
  seed: count(0).optional(),
  horizon: positiveDurationMs,
  pricing: z.strictObject({
    provider: text.optional(),
    model: text,
    input: price,
    cacheWrite5m: price,
    cacheWrite1h: price,
    cacheRead: price,
    output: price,
    storagePerHour: price,
    minCacheableTokens: count(0).optional(),
  }),
  engine: z
    .strictObject({ lookback: count(1).optional(), firstTokenDelay: durationMs.optional(), earlyEviction: rateOrZeroPerMs.optional(), bucket: positiveDurationMs.optional() })
    .optional(),
  workload: z.union([workload, z.array(workload).min(1)]),
  policies: z.array(policy).min(1).optional(),
});

export type RawScenario = z.output<typeof scenarioSchema>;
export type RawWorkload = z.output<typeof workload>;
export type RawPolicy = z.output<typeof policy>;
/** Every field name the format knows, for "did you mean" suggestions. */
export const KNOWN_FIELDS = [
  ...Object.keys(scenarioSchema.shape), ...Object.keys(renewal.shape), ...Object.keys(periodic.shape), ...Object.keys(sessions.shape),
  ...Object.keys(policy.shape), 'provider', 'input', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead', 'output', 'storagePerHour', 'minCacheableTokens',
  'lookback', 'firstTokenDelay', 'earlyEviction', 'bucket', 'tools', 'system', 'project', 'projects', 'userMessage', 'toolResult', 'tail',
  'threshold', 'summary', 'probability', 'requests', 'task', 'duration', 'every', 'maxIdle', 'hourly', 'weekly',
  'dist', 'value', 'min', 'max', 'mean', 'median', 'sigma', 'scale', 'shape', 'values',
];
