// The library API of ttlsim, on top of every layer (docs/architecture.md). Importing it has no side effects.
export { runScenario, priceResolver, type ScenarioResult, type RunOptions } from './run/run-scenario.js';
export { simulate, type SimInput, type SimResult } from './engine/simulate.js';
export { summarise, type PolicySummary, type TimeSeries } from './metrics/summarise.js';
export { parseScenarioText } from './scenario/read.js';
export { readScenarioFile } from './run/scenario-files.js';
export { createArrivals } from './workload/arrivals.js';
export { createRng, type Rng } from './workload/rng.js';
export { findProfile, listProfiles } from './pricing/lookup.js';
export type { Request, Segment } from './model/request.js';
export type { Scenario, WorkloadSpec } from './model/scenario.js';
export type {
  AdaptivePolicy,
  AsRecordedPolicy,
  KeepAlivePolicy,
  NoCachePolicy,
  PolicyKind,
  PolicySpec,
  StaticPolicy,
  Tier,
} from './model/policy.js';
export type { PriceProfile } from './pricing/profile.js';
export { InputError, formatIssue, type InputIssue } from './model/errors.js';
export { Simulation, type SimSetup } from './engine/simulate.js';
export { replayLogs, openLogs, type ReplayOptions, type ReplayResult } from './replay/replay-logs.js';
export { runReport } from './cli/run-report.js';
export type { RunReport } from './report/json.js';
export type { VerdictReport, Verdict } from './verdict/verdict.js';
export { tuneScenario, tuneLogs, type TuneResult } from './tune/tune.js';
export type { Recommendation } from './tune/recommend.js';
export { policySpace } from './tune/policy-space.js';
export { oracleCost } from './tune/oracle.js';
