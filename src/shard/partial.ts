// shard/: the partial result a shard writes with --json (docs/json.md#partial-results) and the checks
// a merge makes before adding partials up: one run's shards (same command, input, seed, policies and
// version), each once, none missing. The command-specific bodies are src/merge/'s.
import type { InputIssue } from '../model/errors.js';
import type { ShardSpec } from './shard-spec.js';
import type { RawFigures } from './raw-figures.js';
import { mergeMessages, shardMessages } from './messages.js';

export const PARTIAL_FORMAT = 'ttlsim-partial/1';

export interface PartialHeader {
  readonly format: typeof PARTIAL_FORMAT;
  /** The ttlsim that wrote it (package.json). */
  readonly version: string;
  readonly command: 'run' | 'replay' | 'tune';
  /** SHA-256 of what decides the result: the input files' bytes and the flags that change it. */
  readonly input: string;
  /** The inputs as given, for the messages. */
  readonly inputs: readonly string[];
  readonly seed: number;
  readonly policies: readonly string[];
  readonly shard: ShardSpec;
  /** Shard units of the whole stream, of this shard, and how many are whole cache scopes. */
  readonly units: { readonly total: number; readonly here: number; readonly scopes: number };
  /** Figures this partial cannot give exactly, and why (the merge repeats them). */
  readonly inexact: readonly string[];
}

export interface PartialResult<Result, Extra = undefined> {
  readonly partial: PartialHeader;
  readonly result: Result;
  /** Per policy, by its index in `result.policies`. */
  readonly raw: readonly RawFigures[];
  readonly extra: Extra;
}

/** What a merged result says of its shards (`shards` in `ttlsim merge --json`, docs/json.md). */
export interface ShardsNote {
  readonly count: number;
  /** Shard units of the whole input, and how many of them are whole cache scopes. */
  readonly units: number;
  readonly scopes: number;
  /** Sentences: how many scopes, when the units are whole scopes (one scope cannot be split). */
  readonly notes: readonly string[];
}

/** What the shards of `header`'s run say of how the input divided. */
export function shardsNote(header: Pick<PartialHeader, 'shard' | 'units'>): ShardsNote {
  const { shard, units } = header;
  const whole = shard.count > 1 && units.total > 0 && units.scopes === units.total;
  return {
    count: shard.count,
    units: units.total,
    scopes: units.scopes,
    notes: whole ? [shardMessages.wholeScopes(units.scopes, shard.count)] : [],
  };
}

/** A partial read from `file`, for the messages. */
export interface NamedPartial<P> {
  readonly file: string;
  readonly body: P;
}

/** The problems that forbid merging these partials, each naming its file ([] when they merge). */
export function mergeProblems(partials: readonly NamedPartial<{ readonly partial: PartialHeader }>[]): InputIssue[] {
  const issues: InputIssue[] = [];
  const issue = (file: string, path: string, message: string) =>
    issues.push({ file, line: 0, column: 0, path, message });
  const [first, ...rest] = partials;
  const head = first.body.partial;
  const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  for (const { file, body } of rest) {
    const h = body.partial;
    const same = (path: string, a: unknown, b: unknown) => {
      if (shown(a) !== shown(b)) issue(file, path, mergeMessages.differs(path, shown(a), shown(b), first.file));
    };
    same('partial.command', head.command, h.command);
    same('partial.version', head.version, h.version);
    same('partial.input', head.input, h.input);
    same('partial.seed', head.seed, h.seed);
    same('partial.policies', head.policies, h.policies);
    same('partial.shard.count', head.shard.count, h.shard.count);
  }
  if (issues.length > 0) return issues;
  const count = head.shard.count;
  const byIndex = new Map<number, string>();
  for (const { file, body } of partials) {
    const index = body.partial.shard.index;
    const other = byIndex.get(index);
    if (other !== undefined) issue(file, 'partial.shard', mergeMessages.duplicate(index, count, other));
    else byIndex.set(index, file);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0) issue('', '', mergeMessages.missing(missing, count));
  return issues;
}
