// shard/: which shard a request belongs to. A shard is the set of SHARD UNITS whose hash falls in it; a
// unit is a set of requests that can share a cache entry, a gap clock or a keep-alive thread, so that no
// shard's simulation depends on another's requests and the shards add up to the unsplit run
// (docs/scale.md proves it per source).
import type { Request } from '../model/request.js';
import { inputError } from '../model/errors.js';
import { shardMessages } from './messages.js';
import { SCOPED_THREAD_PREFIX } from '../logs/csv-scopes.js';

/** Shard `index` of `count`, counted from 0. */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/** A thousand machines each with four cores is 4096 shards; more is a typo. */
export const MAX_SHARDS = 4096;

/** `--shard K/N`: an InputError naming the flag unless 0 ≤ K < N ≤ MAX_SHARDS. */
export function parseShard(text: unknown, flag = '--shard'): ShardSpec {
  const given = Array.isArray(text) ? text.join(' ') : String(text);
  const match = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(given);
  const index = match === null ? NaN : Number(match[1]);
  const count = match === null ? NaN : Number(match[2]);
  if (!(index >= 0 && count >= 1 && index < count && count <= MAX_SHARDS))
    throw inputError('', flag, shardMessages.badShard(given));
  return { index, count };
}

/** The cache scope without the suffix fast mode adds (logs/usage-chain.ts): a thread may switch to it. */
export function baseScope(scope: string): string {
  const cut = scope.indexOf('\u0000');
  return cut < 0 ? scope : scope.slice(0, cut);
}

/**
 * The shard unit of a request (docs/scale.md#units):
 * - a renewal key, a periodic job, a CSV key (thread kind `key` or `batch`): its thread. Their segment
 *   ids are the thread's own (`<label>/key<k>`, `<label>/job<j>`, `csv/<key>/…`), so no entry, gap clock
 *   or ping is shared with another thread;
 * - everything else (conversations of a `sessions` workload, Claude Code and Bedrock logs, Mooncake
 *   traces, whose requests share a system prompt or hash blocks across threads; the keys of a CSV with a
 *   `scope` column, which declares what the provider lets share entries): its whole cache scope.
 */
export function shardUnitOf(request: Request): string {
  const kind = request.threadKind;
  const { threadId } = request;
  if ((kind === 'key' || kind === 'batch') && !threadId.startsWith('mc/') && !threadId.startsWith(SCOPED_THREAD_PREFIX))
    return `${baseScope(request.scope)}\u0000${threadId}`;
  return baseScope(request.scope);
}

/** FNV-1a (32 bit) of a unit: the same on every machine and Node version, unlike a Map's order. */
export function unitHash(unit: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < unit.length; i++) {
    hash ^= unit.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export const shardOfUnit = (unit: string, count: number): number => unitHash(unit) % count;
