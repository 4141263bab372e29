// The library API of ttlsim. Importing it has no side effects.
export { runScenario, priceResolver, type ScenarioResult, type RunOptions } from './run-scenario.js';
export { simulate, type SimInput, type SimResult } from './engine/simulate.js';
export { summarise, type PolicySummary, type TimeSeries } from './metrics/summarise.js';
export { readScenarioFile, parseScenarioText } from './scenario/read.js';
export { createArrivals } from './workload/arrivals.js';
export { createRng, type Rng } from './workload/rng.js';
export { findProfile, listProfiles } from './pricing/lookup.js';
export type { Request, Segment } from './workload/request.js';
export type { Scenario, PolicySpec, Tier, WorkloadSpec } from './scenario/types.js';
export type { PriceProfile } from './pricing/profile.js';
export { InputError, formatIssue, type InputIssue } from './errors.js';
export { Simulation, type SimSetup } from './engine/simulate.js';
export { replayLogs, openLogs, type ReplayOptions, type ReplayResult } from './replay.js';
export { tuneScenario, tuneLogs, policySpace, type TuneResult, type Recommendation } from './tune.js';
export { oracleCost } from './metrics/oracle.js';
