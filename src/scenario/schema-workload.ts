// The shape of one workload in a scenario file (docs/scenario-format.md): renewal, periodic and sessions, each a
// strict mapping of unit-parsed fields. Defaults and cross-field rules are applied in normalise-workload.ts.
import * as z from 'zod';
import { messages } from './messages.js';
import { dist } from './dist.js';
import {
  byShape,
  count,
  Failure,
  durationMs,
  isMapping,
  name,
  nonEmptyText,
  positiveDurationMs,
  probability,
  ratePerMs,
  strict,
  text,
  tokens,
  value,
  weights,
} from './values.js';
import { LOG_FORMATS, type LogFormat } from '../model/log-format.js';

export const PROFILE_PRESETS = ['office-hours', 'flat'] as const;
export type ProfilePreset = (typeof PROFILE_PRESETS)[number];

const profile = byShape(
  value((input) =>
    (PROFILE_PRESETS as readonly unknown[]).includes(input)
      ? (input as ProfilePreset)
      : new Failure(messages.unknownProfilePreset(input, PROFILE_PRESETS)),
  ),
  strict({ hourly: weights(24).optional(), weekly: weights(7).optional() }),
);

/** Fields every synthetic kind takes. */
const common = {
  model: text.optional(),
  scope: text.optional(),
  label: name.optional(),
  profile: profile.optional(),
};

const renewal = strict({
  kind: z.literal('renewal'),
  ...common,
  keys: count(1),
  gap: dist('duration'),
  prefixTokens: dist('tokens'),
  suffixTokens: dist('tokens').optional(),
  outputTokens: dist('tokens').optional(),
  role: name.optional(),
});

const periodic = strict({
  kind: z.literal('periodic'),
  ...common,
  every: positiveDurationMs,
  jitter: durationMs.optional(),
  jobs: count(1).optional(),
  requestsPerRun: dist('count').optional(),
  spacing: dist('duration').optional(),
  prefixTokens: dist('tokens'),
  suffixTokens: dist('tokens').optional(),
  outputTokens: dist('tokens').optional(),
  role: name.optional(),
});

const sessions = strict({
  kind: z.literal('sessions'),
  ...common,
  arrivals: ratePerMs,
  turns: dist('count'),
  requestsPerTurn: dist('count').optional(),
  toolGap: dist('duration').optional(),
  thinkTime: dist('duration'),
  longBreak: strict({ probability, duration: dist('duration') }).optional(),
  prompt: strict({
    tools: tokens,
    system: tokens,
    project: tokens.optional(),
    projects: count(1).optional(),
    userMessage: dist('tokens'),
    toolResult: dist('tokens').optional(),
    output: dist('tokens'),
    tail: tokens.optional(),
  }),
  compaction: strict({ threshold: count(1), summary: tokens }).optional(),
  subagents: strict({
    probability,
    requests: dist('count'),
    gap: dist('duration'),
    system: tokens,
    task: dist('tokens'),
    toolResult: dist('tokens').optional(),
    output: dist('tokens'),
  }).optional(),
});

/** Recorded logs (docs/scenario-format.md): the path is relative to the scenario file. */
const replay = strict({
  kind: z.literal('replay'),
  model: text.optional(),
  scope: text.optional(),
  label: name.optional(),
  format: value((input) =>
    (LOG_FORMATS as readonly unknown[]).includes(input)
      ? (input as LogFormat)
      : new Failure(messages.unknownLogFormat(input, LOG_FORMATS)),
  ).optional(),
  path: nonEmptyText,
  columns: z.record(z.string(), z.string()).optional(),
  project: text.optional(),
});

export const WORKLOAD_KINDS = ['renewal', 'periodic', 'sessions', 'replay'] as const;

export const workloadSchema = z.discriminatedUnion('kind', [renewal, periodic, sessions, replay], {
  error: (issue) => {
    if (issue.code !== 'invalid_union') return undefined;
    const kind = isMapping(issue.input) ? issue.input.kind : undefined;
    return kind === undefined
      ? messages.missingWorkloadKind(WORKLOAD_KINDS)
      : messages.unknownWorkloadKind(kind, WORKLOAD_KINDS);
  },
});

export type RawWorkload = z.output<typeof workloadSchema>;
export type RawSyntheticWorkload = Exclude<RawWorkload, { kind: 'replay' }>;
export type RawReplayWorkload = Extract<RawWorkload, { kind: 'replay' }>;
export type RawProfile = z.output<typeof profile>;
