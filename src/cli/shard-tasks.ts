// One shard of `run` or `replay` as a task that a worker thread (cli/shard-pool.ts), this thread, or
// another machine (`--shard K/N`, docs/scale.md) runs the same way, and the partial result it gives
// (shard/partial.ts): the shard's own result, its unrounded figures and what the merge needs beyond.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { PolicySpec } from '../model/policy.js';
import type { Target } from '../verdict/targets.js';
import type { VerdictThresholds } from '../verdict/verdict.js';
import { readScenarioFile } from '../run/scenario-files.js';
import { priceResolver, runScenario } from '../run/run-scenario.js';
import { scenarioVerdict, type ScenarioVerdictOptions } from '../verdict/scenario-verdict.js';
import { replayLogs, type ReplayOptions } from '../replay/replay-logs.js';
import { ShardRun } from '../shard/shard-run.js';
import type { ShardSpec } from '../shard/shard-spec.js';
import { PARTIAL_FORMAT, type PartialHeader } from '../shard/partial.js';
import { shardMessages } from '../shard/messages.js';
import type { RunPartial } from '../merge/merge-run.js';
import type { ReplayPartial } from '../merge/merge-replay.js';
import type { TuneExtra, TunePartial } from '../merge/merge-tune.js';
import { evaluateLogs, evaluateScenario, scenarioFacts } from '../tune/tune.js';
import type { Request } from '../model/request.js';
import { logVerdict } from './verdict-flags.js';
import { projectPaths } from './project-paths.js';

export interface RunTask {
  readonly command: 'run';
  /** The scenario file, absolute, and as the user gave it. */
  readonly path: string;
  readonly shown: string;
  readonly seed?: number;
  readonly maxRequests: number;
  /** --baseline, --target and the thresholds: what the verdict of the merged run is drawn with. */
  readonly verdict: ScenarioVerdictOptions;
  readonly shard: ShardSpec;
}

/** ReplayOptions without its callbacks: what crosses to a worker thread. */
export type ReplayTaskOptions = Omit<ReplayOptions, 'onFile' | 'observe' | 'shard' | 'policies'>;

export interface ReplayTask {
  readonly command: 'replay';
  readonly options: ReplayTaskOptions;
  /** The policies of `--policies`. */
  readonly userPolicies: readonly PolicySpec[];
  readonly target: Target | null;
  readonly thresholds: Partial<VerdictThresholds>;
  /** The logs as given (or the default folders), for the project paths. */
  readonly inputs: readonly string[];
  readonly shard: ShardSpec;
}

export interface TuneTask {
  readonly command: 'tune';
  /** A scenario file (absolute, and as given), or logs. */
  readonly scenario: { readonly path: string; readonly shown: string; readonly maxRequests: number } | null;
  readonly logs: ReplayTaskOptions | null;
  readonly options: TuneExtra['options'];
  readonly inputs: readonly string[];
  readonly shard: ShardSpec;
}

export type ShardTask = RunTask | ReplayTask | TuneTask;
export type ShardPartial = RunPartial | ReplayPartial | TunePartial;

/** The ttlsim that writes a partial: a merge refuses another's. */
export function ttlsimVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** A partial of the task's shard. Throws the InputErrors the unsplit command would. */
export function shardPartial(task: ShardTask): ShardPartial {
  return task.command === 'run'
    ? runPartial(task)
    : task.command === 'replay'
      ? replayPartial(task)
      : tunePartial(task);
}

function header(
  task: ShardTask,
  input: string,
  inputs: readonly string[],
  seed: number,
  policies: readonly { readonly policy: string }[],
  shard: ShardRun,
  inexact: readonly string[],
): PartialHeader {
  return {
    format: PARTIAL_FORMAT,
    version: ttlsimVersion(),
    command: task.command,
    input,
    inputs,
    seed,
    policies: policies.map((p) => p.policy),
    shard: task.shard,
    units: shard.unitCounts(),
    inexact: task.shard.count > 1 ? inexact : [],
  };
}

function runPartial(task: RunTask): RunPartial {
  const scenario = readScenarioFile(task.path, task.shown, { maxRequests: task.maxRequests });
  const shard = new ShardRun(task.shard);
  // Each policy's cost per session of this shard's units, for the verdict drawn after the merge.
  const verdict = scenarioVerdict(scenario, priceResolver(scenario), task.verdict);
  const result = runScenario(scenario, { seed: task.seed, shard, observe: verdict.observe, rows: verdict.rows });
  const input = sha256(
    Buffer.concat([readFileSync(task.path), Buffer.from(`\u0000${result.seed}\u0000${JSON.stringify(task.verdict)}`)]),
  );
  const inexact = scenario.policies
    .filter((p) => p.kind === 'adaptive')
    .map((p) => shardMessages.adaptivePooled(p.name));
  return {
    partial: header(task, input, [task.shown], result.seed, result.policies, shard, inexact),
    result,
    raw: shard.raw,
    extra: {
      specs: scenario.policies,
      verdict: task.verdict,
      sessionUsd: scenario.policies.map((p) => [...(verdict.usd(p.name) ?? new Map<string, number>())]),
    },
  };
}

function replayPartial(task: ReplayTask): ReplayPartial {
  const target = task.target ?? undefined;
  const verdictRun = logVerdict(target, task.userPolicies, task.thresholds);
  const shard = new ShardRun(task.shard);
  // The sessions in the order the unsplit stream meets them: every policy bills every request, and a
  // session's first bill is its first request, so the first policy's observer sees that order.
  const { sessions, note } = sessionList(shard);
  const replayed = replayLogs({
    ...task.options,
    policies: verdictRun.policies,
    shard,
    rows: verdictRun.rows,
    observe: (index, name, priceOf) => {
      const observer = verdictRun.observe(index, name, priceOf);
      if (index !== 0) return observer;
      return {
        ...observer,
        onRequest: (request, outcome) => {
          note(request);
          observer.onRequest?.(request, outcome);
        },
      };
    },
  });
  const { shardRaw, ...rest } = replayed;
  const result = {
    ...rest,
    projectPaths: projectPaths(
      task.inputs,
      task.options.cwd,
      rest.breakdowns.byProject.map((row) => row.key),
    ),
  };
  const usd = Object.fromEntries(
    result.policies.map((p) => {
      const bySession = verdictRun.usd(p.policy);
      return [p.policy, sessions.map(([id]) => bySession?.get(id) ?? 0)];
    }),
  );
  // What decides the result, not where it ran: the environment and working directory are left out.
  const flags = Object.fromEntries(Object.entries(task.options).filter(([key]) => key !== 'env' && key !== 'cwd'));
  const input = sha256(
    JSON.stringify({
      flags,
      userPolicies: task.userPolicies,
      target: task.target,
      thresholds: task.thresholds,
      files: result.files,
      bytes: result.bytes,
      formats: result.formats,
      startIso: result.startIso,
      horizonMs: result.horizonMs,
    }),
  );
  const inexact = verdictRun.policies
    .filter((p) => p.kind === 'adaptive')
    .map((p) => shardMessages.adaptivePooled(p.name));
  return {
    partial: header(task, input, task.inputs, result.seed, result.policies, shard, inexact),
    result,
    raw: shard.raw,
    extra: {
      replay: shardRaw!,
      verdict: {
        target: task.target,
        thresholds: task.thresholds,
        userPolicies: task.userPolicies,
        sessions,
        usd,
      },
    },
  };
}

function tunePartial(task: TuneTask): TunePartial {
  const shard = new ShardRun(task.shard);
  // As replayPartial: the sessions in the unsplit order, with their position in it.
  const { sessions, note } = sessionList(shard);
  const options = { ...task.options, shard, onRequest: note };
  let evaluated;
  let input: string;
  let facts = null;
  let replay = null;
  if (task.scenario !== null) {
    const scenario = readScenarioFile(task.scenario.path, task.scenario.shown, {
      maxRequests: task.scenario.maxRequests,
    });
    evaluated = evaluateScenario(scenario, options);
    facts = scenarioFacts(scenario);
    input = sha256(
      Buffer.concat([readFileSync(task.scenario.path), Buffer.from(`\u0000${JSON.stringify(task.options)}`)]),
    );
  } else {
    evaluated = evaluateLogs(task.logs!, options);
    const { shardRaw, ...rest } = evaluated.result;
    replay = shardRaw!;
    evaluated = { ...evaluated, result: rest };
    const flags = Object.fromEntries(Object.entries(task.logs!).filter(([key]) => key !== 'env' && key !== 'cwd'));
    const r = evaluated.result;
    input = sha256(
      JSON.stringify({
        flags,
        options: task.options,
        files: r.files,
        bytes: r.bytes,
        formats: r.formats,
        startIso: r.startIso,
      }),
    );
  }
  const { result, books } = evaluated;
  const usd = Object.fromEntries(
    result.policies.map((p) => {
      const bySession = books.sessionUsd(p.policy);
      return [p.policy, sessions.map(([id]) => bySession?.get(id) ?? 0)];
    }),
  );
  const inexact = [shardMessages.adaptivePooled('adaptive')].filter(() =>
    result.policies.some((p) => p.policy === 'adaptive'),
  );
  return {
    partial: header(task, input, task.inputs, result.seed, result.policies, shard, inexact),
    result,
    raw: shard.raw,
    extra: { options: task.options, scenario: facts, replay, sessions, usd, oracle: books.oracle },
  };
}

/** The sessions a shard meets, each once with its position in the unsplit stream, for `note` called on every
 * request in order. A numbered thread's session (a CSV key) is its thread: marked by number, the Set is asked
 * once per session instead of once per request. */
function sessionList(shard: ShardRun): { sessions: [string, number][]; note: (request: Request) => void } {
  const sessions: [string, number][] = [];
  const seen = new Set<string>();
  const seenNumbered: boolean[] = [];
  const note = (request: Request): void => {
    const number = request.sessionId === request.threadId ? request.threadIndex : undefined;
    if (number !== undefined) {
      if (seenNumbered[number]) return;
      seenNumbered[number] = true;
    }
    if (!seen.has(request.sessionId)) {
      seen.add(request.sessionId);
      sessions.push([request.sessionId, shard.seq]);
    }
  };
  return { sessions, note };
}
