// tune/ (layer 10), `ttlsim tune`: evaluates the policy space (policy-space.ts) on a scenario (run/) or on
// replayed logs (replay/), with the offline optimum riding along, and recommends one policy
// (recommend.ts). The command is described in docs/commands.md.
import type { Scenario } from '../model/scenario.js';
import type { PolicySpec } from '../model/policy.js';
import type { Request } from '../model/request.js';
import { type PolicySummary, emptyTimeSeries, round, roundCost } from '../metrics/summarise.js';
import { runScenario, priceResolver, type ScenarioResult } from '../run/run-scenario.js';
import { replayLogs, type PriceOf, type ReplayOptions, type ReplayResult } from '../replay/replay-logs.js';
import { Oracle, type OracleResult } from './oracle.js';
import type { ShardRun } from '../shard/shard-run.js';
import { SessionCosts } from '../verdict/session-costs.js';
import { IdColumns } from '../util/id-columns.js';
import { KEEPALIVE_EVERY_MS, policy, policySpace, scenarioRoles, scenarioThreadKinds, tier } from './policy-space.js';
import { recommend, type Recommendation } from './recommend.js';
import { verdictReport, type VerdictReport, type VerdictThresholds } from '../verdict/verdict.js';
import { detectTarget, LOG_ROLES, targetCandidates, type Target } from '../verdict/targets.js';

export interface TuneResult {
  readonly scenario: string;
  readonly seed: number;
  readonly horizonMs: number;
  readonly source: 'scenario' | 'logs';
  readonly policies: readonly PolicySummary[];
  readonly recommendation: Recommendation;
  /** The one verdict (verdict/verdict.ts): the same as `replay`'s on the same logs. */
  readonly target: Target;
  readonly verdict: VerdictReport['verdict'];
  readonly notConfigurable: VerdictReport['notConfigurable'];
  readonly run: ScenarioResult | ReplayResult;
}

export interface TuneOptions {
  readonly seed?: number;
  /** The policy to compare against; default as-recorded for logs, 5m for scenarios. */
  readonly current?: string;
  /** Where the policies run (default: detected from the logs; api for scenarios). */
  readonly target?: Target;
  readonly thresholds?: Partial<VerdictThresholds>;
  readonly onPolicy?: (index: number, count: number, name: string) => void;
  /** Evaluate only this shard's requests (docs/scale.md): `evaluate…` then, after a merge, `conclude…`. */
  readonly shard?: ShardRun;
  /** Each request as the first policy bills it (a shard notes the order its sessions come in). */
  readonly onRequest?: (request: Request) => void;
}

/** What tune concludes from beyond the evaluated table: USD per session under each policy, and the optimum. */
export interface TuneBooks {
  readonly sessionUsd: (name: string) => ReadonlyMap<string, number> | undefined;
  readonly oracle: OracleResult;
}

/** The books' session costs in the shape recommend() reads (the oracle row has none). */
const costsOf = (books: TuneBooks, policies: readonly PolicySummary[]) =>
  policies.map((p) => ({ usdBySession: books.sessionUsd(p.policy) ?? new Map<string, number>() }));

/**
 * The offline optimum (oracle.ts) as a row of the table, named `oracle`. Per thread, it does not
 * see prefixes shared across threads: where those matter, evaluated policies can cost less than it.
 */
function oracleRow(o: OracleResult, noCache: PolicySummary | undefined): PolicySummary {
  const prompt = o.tokens.input + o.tokens.cacheWrite5m + o.tokens.cacheWrite1h + o.tokens.cacheRead;
  const noCacheUsd = noCache?.costUsd.total ?? 0;
  return {
    policy: 'oracle',
    refresh: {},
    requests: o.requests,
    hits: o.hits,
    hitRate: o.requests === 0 ? 0 : round(o.hits / o.requests),
    tokenHitRate: prompt === 0 ? 0 : round(o.tokens.cacheRead / prompt),
    tokens: o.tokens,
    costUsd: roundCost(o.costUsd),
    savingsVsNoCache: noCacheUsd === 0 ? 0 : round(1 - o.costUsd.total / noCacheUsd),
    noCacheCostUsd: noCacheUsd,
    partialHits: 0,
    keepalivePings: o.keepalivePings,
    entriesWritten: 0,
    expirations: 0,
    wastedWrites: 0,
    evictions: 0,
    peakLiveEntries: 0,
    peakLiveTokens: 0,
    tokenHoursStored: 0,
    meanEntryLifetimeMs: 0,
    timeseries: emptyTimeSeries(0),
  };
}

export function tuneScenario(scenario: Scenario, options: TuneOptions = {}): TuneResult {
  const { result, books } = evaluateScenario(scenario, options);
  return concludeScenario(scenarioFacts(scenario), options, result, books);
}

/** What tune's conclusion reads of a scenario (a merge of shards has these, not the file). */
export interface ScenarioFacts {
  readonly name: string;
  readonly seed: number;
  readonly horizonMs: number;
  readonly roles: readonly string[];
  readonly threadKinds: readonly string[];
  /** The scenario's own first policy, if any. */
  readonly firstPolicy: string | null;
}

export function scenarioFacts(scenario: Scenario): ScenarioFacts {
  return {
    name: scenario.name,
    seed: scenario.seed,
    horizonMs: scenario.horizonMs,
    roles: scenarioRoles(scenario),
    threadKinds: scenarioThreadKinds(scenario),
    firstPolicy: scenario.policies[0]?.name ?? null,
  };
}

/** The policy space over the scenario's requests (or one shard's), with the books tune concludes from. */
export function evaluateScenario(
  scenario: Scenario,
  options: TuneOptions = {},
): { result: ScenarioResult; books: TuneBooks } {
  const space = policySpace(scenarioRoles(scenario), scenarioThreadKinds(scenario));
  // One table for the whole space: a session's totals under every policy side by side (util/id-columns.ts).
  const table = new IdColumns();
  const costs = space.map(() => new SessionCosts(priceResolver(scenario), table));
  // The oracle rides along the same pass: every policy sees every request, so the first one feeds it.
  const optimum = new Oracle(priceResolver(scenario), { keepaliveEveryMs: KEEPALIVE_EVERY_MS });
  const result = runScenario(
    { ...scenario, policies: space },
    {
      seed: options.seed,
      onPolicy: options.onPolicy,
      shard: options.shard,
      rows: table,
      observe: (index) => ({
        onRequest: (request, outcome) => {
          if (index === 0) {
            optimum.add(request);
            options.onRequest?.(request);
          }
          costs[index].add(request, outcome, request.outputTokens);
        },
        onPing: (request, outcome) => costs[index].add(request, outcome, 1),
      }),
    },
  );
  const byName = new Map(space.map((p, i) => [p.name, costs[i].usdBySession]));
  return { result, books: { sessionUsd: (name) => byName.get(name), oracle: optimum.result() } };
}

/** Tune's conclusion on a scenario from its evaluated table (whole, or merged from shards). */
export function concludeScenario(
  scenario: ScenarioFacts,
  options: TuneOptions,
  result: ScenarioResult,
  books: TuneBooks,
): TuneResult {
  const space = policySpace([...scenario.roles], [...scenario.threadKinds]);
  const seed = options.seed ?? scenario.seed;
  const oracle = oracleRow(
    books.oracle,
    result.policies.find((p) => p.policy === 'no-cache'),
  );
  const policies = [...result.policies, oracle];
  const specs = [...space, policy('oracle', {}, null)];
  const target = options.target ?? 'api';
  // The baseline: --current, else the scenario's own first policy when the space holds one of its name.
  const first = scenario.firstPolicy;
  const wanted = options.current ?? (first !== null && space.some((p) => p.name === first) ? first : '5m');
  // An unknown --current is refused by the command once the table is known (cli/tune.ts).
  const baseline = policies.some((p) => p.policy === wanted) ? wanted : '5m';
  const report = verdictReport({
    policies,
    specOf: (name) => specs.find((s) => s.name === name),
    sessionUsd: (name) => books.sessionUsd(name) ?? (name === 'oracle' ? new Map() : undefined),
    baseline,
    candidates: targetCandidates(target, [...scenario.roles]).map((p) => p.name),
    target,
    thresholds: options.thresholds,
  });
  return {
    scenario: scenario.name,
    seed,
    horizonMs: scenario.horizonMs,
    source: 'scenario',
    policies,
    // The tune-only detail (regret, Pareto front) is measured against the verdict's baseline.
    recommendation: recommend(policies, specs, costsOf(books, policies), baseline, seed),
    ...report,
    run: result,
  };
}

export function tuneLogs(replay: ReplayOptions, options: TuneOptions = {}): TuneResult {
  const { result, books } = evaluateLogs(replay, options);
  return concludeLogs(options, result, books);
}

/** The policy space over the logs' requests (or one shard's), with the books tune concludes from. */
export function evaluateLogs(
  replay: ReplayOptions,
  options: TuneOptions = {},
): { result: ReplayResult; books: TuneBooks } {
  const byName = new Map<string, SessionCosts>();
  const table = new IdColumns();
  // The replay's own prices (price keys, --price, --model-map, the provider the logs imply), handed to
  // each observer once the logs are open.
  let optimum: Oracle | undefined;
  const result = replayLogs({
    ...replay,
    policies: logSpaceExtra(),
    shard: options.shard,
    rows: table,
    observe: (index, name, priceOf: PriceOf) => {
      const costs = new SessionCosts(priceOf, table);
      byName.set(name, costs);
      if (index === 0) optimum = new Oracle(priceOf, { keepaliveEveryMs: KEEPALIVE_EVERY_MS });
      return {
        onRequest: (request, outcome) => {
          // The oracle rides along the replay's one pass over the logs, fed by the first policy.
          if (index === 0) {
            optimum!.add(request);
            options.onRequest?.(request);
          }
          costs.add(request, outcome, request.outputTokens);
        },
        onPing: (request, outcome) => costs.add(request, outcome, 1),
      };
    },
  });
  // replayLogs builds every policy's observer before its pass, so the optimum exists here.
  return { result, books: { sessionUsd: (name) => byName.get(name)?.usdBySession, oracle: optimum!.result() } };
}

const logSpace = () => policySpace(['system', 'project', 'history'], ['subagent', 'compaction']);

/** The space beyond the replay's own counterfactuals. */
export function logSpaceExtra(): PolicySpec[] {
  const builtIn = new Set(['no-cache', '5m', '1h', '1h-sliding']);
  return logSpace().filter((p) => !builtIn.has(p.name));
}

/** Tune's conclusion on logs from their evaluated table (whole, or merged from shards). */
export function concludeLogs(options: TuneOptions, result: ReplayResult, books: TuneBooks): TuneResult {
  const space = logSpace();
  // The replay's own counterfactual keep-alive duplicates keepalive-4m30s-30m; tune shows the named ones.
  const oracle = oracleRow(
    books.oracle,
    result.policies.find((p) => p.policy === 'no-cache'),
  );
  const policies = [...result.policies.filter((p) => p.policy !== 'keepalive'), oracle];
  const specs = policies.map(
    (p) =>
      space.find((s) => s.name === p.policy) ??
      (p.policy === 'oracle' ? policy('oracle', {}, null) : policy(p.policy, {}, tier('5m', 'sliding'))),
  );
  const seed = options.seed ?? 1;
  const current = options.current ?? (result.asRecorded === null ? '5m' : 'as-recorded');
  const target = options.target ?? detectTarget(result.formats);
  const report = verdictReport({
    policies,
    specOf: (name) => space.find((s) => s.name === name),
    sessionUsd: (name) => books.sessionUsd(name) ?? (name === 'oracle' ? new Map() : undefined),
    // An unknown --current is refused by the command once the table is known (cli/tune.ts).
    baseline: policies.some((p) => p.policy === current) ? current : policies[0].policy,
    candidates: targetCandidates(target, LOG_ROLES).map((p) => p.name),
    target,
    thresholds: options.thresholds,
    // What the logs ran, so that keep names its setting exactly as replay's verdict does (cli/verdict-flags.ts).
    recorded: result.asRecorded?.ttlMix ?? null,
  });
  return {
    scenario: 'replay',
    seed,
    horizonMs: result.horizonMs,
    source: 'logs',
    policies,
    recommendation: recommend(policies, specs, costsOf(books, policies), current, seed),
    ...report,
    run: result,
  };
}
