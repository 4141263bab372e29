// merge/: what `ttlsim merge` checks of a partial before adding it up, so that a hand-edited, truncated or
// foreign file is refused with its name, the field (a JSON path) and what is wrong (exit 2), never a
// crash or a silently wrong sum: its shape (partial-schema.ts), the ttlsim that wrote it, that its parts
// agree with each other (one raw record per policy, series as long as their buckets, a cost per session),
// and that the partials of one merge have the same structure where the merge pairs them up.
import type { InputIssue } from '../model/errors.js';
import { PARTIAL_FORMAT, type NamedPartial, type PartialHeader } from '../shard/partial.js';
import { mergeMessages } from '../shard/messages.js';
import { partialHeader, partialSchema } from './partial-schema.js';
import { firstZodIssue } from './zod-issue.js';

/** A partial whose shape has been checked: the merge's own types (merge-run.ts, merge-replay.ts, merge-tune.ts). */
interface Checked {
  readonly partial: PartialHeader;
  readonly result: {
    readonly policies: readonly {
      readonly policy: string;
      readonly gaps?: {
        readonly edgesMs: readonly number[];
        readonly requests: readonly number[];
        readonly hits: readonly number[];
      };
      readonly entryLifetimes?: {
        readonly edgesMs: readonly number[];
        readonly entries: readonly number[];
        readonly wasted: readonly number[];
      };
      readonly readsPerEntry?: { readonly labels: readonly string[]; readonly entries: readonly number[] };
      readonly timeseries: Readonly<Record<string, unknown>> & {
        readonly startMs: readonly number[];
        readonly bucketMs: number;
      };
    }[];
    readonly asRecorded?: { readonly requests: number } | null;
    readonly reconciliation?: unknown;
    readonly missCauses?: { readonly byPolicy: Readonly<Record<string, unknown>> };
  };
  readonly raw: readonly { readonly bucketCostUsd: readonly number[] }[];
  readonly extra: {
    readonly specs?: readonly { readonly name: string }[];
    readonly sessionUsd?: readonly unknown[];
    readonly verdict?: {
      readonly sessions?: readonly unknown[];
      readonly usd?: Readonly<Record<string, readonly number[]>>;
    };
    readonly sessions?: readonly unknown[];
    readonly usd?: Readonly<Record<string, readonly number[]>>;
    readonly scenario?: unknown;
    readonly replay?: {
      readonly rows: Readonly<Record<string, readonly (readonly [string, number, number, readonly number[]])[]>>;
    } | null;
  };
}

/**
 * The first problem of one partial read from `file`, or null when it can be merged with partials like it:
 * a partial of this format, written by this ttlsim (`version`), in the shape of its command, consistent.
 */
export function partialIssue(file: string, body: unknown, version: string): InputIssue | null {
  const issue = (path: string, message: string): InputIssue => ({ file, line: 0, column: 0, path, message });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return issue('', mergeMessages.notPartial());
  const head = (body as { partial?: unknown }).partial;
  if (typeof head !== 'object' || head === null) return issue('partial', mergeMessages.notPartial());
  const format = (head as { format?: unknown }).format;
  if (format !== PARTIAL_FORMAT)
    return issue(
      'partial.format',
      typeof format === 'string' ? mergeMessages.otherFormat(format) : mergeMessages.notPartial(),
    );
  const header = partialHeader.safeParse(head, { reportInput: true });
  if (!header.success) {
    const { path, message } = firstZodIssue(header.error);
    return issue(path === '' ? 'partial' : `partial.${path}`, message);
  }
  if (header.data.version !== version)
    return issue('partial.version', mergeMessages.otherVersion(header.data.version, version));
  const extra = (body as { extra?: { scenario?: unknown } }).extra;
  const ofLogs = typeof extra === 'object' && extra !== null && extra.scenario === null;
  const parsed = partialSchema(header.data.command, ofLogs).safeParse(body, { reportInput: true });
  if (!parsed.success) {
    const { path, message } = firstZodIssue(parsed.error);
    return issue(path, message);
  }
  const problem = inconsistency(body as Checked);
  return problem === null ? null : issue(problem.path, problem.message);
}

/** The first place where a partial's parts disagree (as ttlsim never writes them), or null. */
function inconsistency(p: Checked): { path: string; message: string } | null {
  const names = p.partial.policies;
  const problems: { path: string; message: string }[] = [];
  const expect = (ok: boolean, path: string, got: string, wanted: string) => {
    if (!ok && problems.length === 0) problems.push({ path, message: mergeMessages.inconsistent(got, wanted) });
  };
  const entries = (n: number) => `${n} entr${n === 1 ? 'y' : 'ies'}`;
  const length = (path: string, list: readonly unknown[], n: number, of: string) =>
    expect(list.length === n, path, entries(list.length), `${of} has ${n}`);
  length('result.policies', p.result.policies, names.length, 'partial.policies');
  length('raw', p.raw, names.length, 'partial.policies');
  p.result.policies.forEach((policy, i) => {
    const at = `result.policies[${i}]`;
    expect(
      policy.policy === names[i],
      `${at}.policy`,
      JSON.stringify(policy.policy),
      `partial.policies[${i}] is ${JSON.stringify(names[i])}`,
    );
    const buckets = policy.timeseries.startMs.length;
    // Sparse buckets (engine/timeseries.ts): whole milliseconds wide, each starting on a multiple of the
    // width, in time order, so that metrics/sparse-series.ts can re-bin them.
    const widthMs = policy.timeseries.bucketMs;
    expect(
      Number.isInteger(widthMs) && widthMs > 0,
      `${at}.timeseries.bucketMs`,
      String(widthMs),
      'a whole number of milliseconds above 0',
    );
    policy.timeseries.startMs.forEach((startMs, k) =>
      expect(
        Number.isInteger(startMs / widthMs) && (k === 0 || startMs > policy.timeseries.startMs[k - 1]),
        `${at}.timeseries.startMs[${k}]`,
        String(startMs),
        `a multiple of bucketMs (${widthMs}) after the bucket before`,
      ),
    );
    for (const [column, values] of Object.entries(policy.timeseries))
      if (Array.isArray(values)) length(`${at}.timeseries.${column}`, values, buckets, `${at}.timeseries.startMs`);
    if (i < p.raw.length)
      length(`raw[${i}].bucketCostUsd`, p.raw[i].bucketCostUsd, buckets, `${at}.timeseries.startMs`);
    const bins = (name: string, edges: readonly unknown[], lists: Record<string, readonly unknown[]>) => {
      for (const [field, list] of Object.entries(lists))
        length(
          `${at}.${name}.${field}`,
          list,
          edges.length + (name === 'readsPerEntry' ? 0 : 1),
          `${at}.${name} (its bins)`,
        );
    };
    if (policy.gaps) bins('gaps', policy.gaps.edgesMs, { requests: policy.gaps.requests, hits: policy.gaps.hits });
    const lifetimes = policy.entryLifetimes;
    if (lifetimes) bins('entryLifetimes', lifetimes.edgesMs, { entries: lifetimes.entries, wasted: lifetimes.wasted });
    if (policy.readsPerEntry)
      bins('readsPerEntry', policy.readsPerEntry.labels, { entries: policy.readsPerEntry.entries });
  });
  const { extra } = p;
  if (extra.specs !== undefined) {
    const specNames = extra.specs.map((s) => s.name);
    expect(
      specNames.join('\u0000') === names.join('\u0000'),
      'extra.specs',
      `policies ${specNames.join(', ')}`,
      `partial.policies has ${names.join(', ')}`,
    );
    length('extra.sessionUsd', extra.sessionUsd ?? [], names.length, 'partial.policies');
  }
  const sessionBooks = (at: string, sessions: readonly unknown[], usd: Readonly<Record<string, readonly number[]>>) => {
    const keys = Object.keys(usd);
    expect(
      keys.length === names.length && names.every((n) => Object.hasOwn(usd, n)),
      at,
      `policies ${keys.join(', ')}`,
      `partial.policies has ${names.join(', ')}`,
    );
    for (const [name, list] of Object.entries(usd))
      length(`${at}.${name}`, list, sessions.length, `${at.replace(/usd$/, 'sessions')}`);
  };
  if (extra.verdict?.usd !== undefined)
    sessionBooks('extra.verdict.usd', extra.verdict.sessions ?? [], extra.verdict.usd);
  if (extra.usd !== undefined) sessionBooks('extra.usd', extra.sessions ?? [], extra.usd);
  if (p.partial.command === 'tune')
    expect(
      (extra.scenario === null) !== (extra.replay === null),
      'extra.replay',
      extra.replay === null ? 'null' : 'present',
      `extra.scenario is ${extra.scenario === null ? 'null' : 'present'} (one of them is)`,
    );
  if (extra.replay)
    for (const [dimension, rows] of Object.entries(extra.replay.rows))
      rows.forEach((row, j) =>
        length(`extra.replay.rows.${dimension}[${j}][3]`, row[3], names.length, 'partial.policies'),
      );
  return problems[0] ?? null;
}

/** A width with its factors of two taken out: widths that re-bin into each other share it. */
function oddPart(widthMs: number): number {
  let odd = widthMs;
  while (odd > 0 && odd % 2 === 0) odd /= 2;
  return odd;
}

/**
 * What the merge pairs up between partials, described so that two partials of one run give the same text:
 * the buckets and bins of each policy, which optional parts are there, and the policies of the miss causes.
 */
function structure(p: Checked): Map<string, string> {
  const facts = new Map<string, string>();
  const present = (value: unknown) => (value === null || value === undefined ? 'absent' : 'present');
  p.result.policies.forEach((policy, i) => {
    const at = `result.policies[${i}]`;
    // Shards' series may differ in width, by powers of two only (metrics/sparse-series.ts re-bins them
    // to the widest): the width's odd part is what every shard shares.
    facts.set(`${at}.timeseries.bucketMs`, `${oddPart(policy.timeseries.bucketMs)} ms × a power of two`);
    facts.set(`${at}.gaps`, policy.gaps ? `${policy.gaps.edgesMs.length} edges` : 'absent');
    facts.set(
      `${at}.entryLifetimes`,
      policy.entryLifetimes ? `${policy.entryLifetimes.edgesMs.length} edges` : 'absent',
    );
    facts.set(`${at}.readsPerEntry`, policy.readsPerEntry ? `${policy.readsPerEntry.labels.length} bins` : 'absent');
  });
  facts.set('result.asRecorded', present(p.result.asRecorded));
  facts.set('result.reconciliation', present(p.result.reconciliation));
  if (p.result.missCauses)
    facts.set('result.missCauses.byPolicy', `policies ${Object.keys(p.result.missCauses.byPolicy).join(', ')}`);
  if (p.partial.command === 'tune') facts.set('extra.scenario', present(p.extra.scenario));
  return facts;
}

/**
 * The places where a partial's structure differs from the first's (each naming its file), for partials
 * that passed `partialIssue` and whose headers agree (shard/partial.ts mergeProblems): [] when they merge.
 */
export function structureProblems(partials: readonly NamedPartial<unknown>[]): InputIssue[] {
  const [first, ...rest] = partials;
  const expected = structure(first.body as Checked);
  const issues: InputIssue[] = [];
  for (const { file, body } of rest)
    for (const [path, value] of structure(body as Checked)) {
      const wanted = expected.get(path);
      if (value !== wanted) {
        issues.push({
          file,
          line: 0,
          column: 0,
          path,
          message: mergeMessages.bodyDiffers(value, wanted ?? 'nothing', first.file),
        });
        break;
      }
    }
  // Recorded logs are one cache scope, so one shard holds their requests (merge-replay.ts takes its books).
  const recorded = partials.filter((p) => ((p.body as Checked).result.asRecorded?.requests ?? 0) > 0);
  if (issues.length === 0 && recorded.length > 1)
    issues.push({
      file: recorded[1].file,
      line: 0,
      column: 0,
      path: 'result.asRecorded.requests',
      message: mergeMessages.recordedTwice(recorded[0].file),
    });
  return issues;
}
