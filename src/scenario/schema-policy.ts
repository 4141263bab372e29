// The shape of one TTL policy in a scenario file (docs/scenario-format.md): a single ttl or one per role, refresh
// modes, keep-alive. normalise-policy.ts turns it into tiers against the provider's rules.
import * as z from 'zod';
import { messages } from './messages.js';
import {
  boundedDuration,
  byShape,
  Failure,
  flag,
  policyName,
  nonNegativeNumber,
  oneOf,
  positiveDurationMs,
  strict,
  tokens,
  value,
} from './values.js';

/** A ttl as written: `none` (no breakpoint) or a duration above zero, keeping the text for the tier's label. */
export interface RawTtl {
  readonly written: string;
  /** 0 for `none`. */
  readonly ms: number;
}

const ttlValue = value((input): RawTtl | Failure => {
  if (input === 'none') return { written: 'none', ms: 0 };
  const ms = boundedDuration(input);
  if (ms instanceof Failure) return ms;
  return ms > 0 ? { written: String(input), ms } : new Failure(messages.durationNotPositive(input));
});

const REFRESH_MODES = ['sliding', 'fixed'] as const;
/** Thread kinds a policy may set a ttl for (model/request.ts ThreadKind). */
export const THREAD_KINDS = ['main', 'subagent', 'compaction', 'key', 'batch'] as const;
const refreshMode = oneOf(REFRESH_MODES);

export const policySchema = strict({
  name: policyName,
  cache: flag.optional(),
  /** One ttl for every role, or `{ role: ttl, …, default: ttl }`. */
  ttl: byShape(ttlValue, z.record(z.string(), ttlValue)).optional(),
  /** One mode for every tier, or `{ tierLabel: mode }`. */
  refresh: byShape(refreshMode, z.record(z.string(), refreshMode)).optional(),
  keepalive: strict({
    every: positiveDurationMs,
    maxIdle: positiveDurationMs,
    tail: tokens.optional(),
    output: tokens.optional(),
  }).optional(),
  /** A ttl per thread kind (`{ subagent: 5m, compaction: none }`), over the roles' for those threads' requests. */
  threads: z.partialRecord(z.enum(THREAD_KINDS), ttlValue).optional(),
  /** `true`, or `{ prior: N }`: choose each request's tier from the gaps seen so far (cache/adaptive.ts). */
  adaptive: byShape(flag, strict({ prior: nonNegativeNumber.optional() })).optional(),
});

export type RawPolicy = z.output<typeof policySchema>;
