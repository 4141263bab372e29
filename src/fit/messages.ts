// fit/ (layer 10): every user-facing text of `ttlsim fit`, as functions worded once: the fitted scenario's
// comments and the command's messages (tests assert against the same functions).
import { formatCount } from '../model/format.js';
import {
  LONG_BREAK_MIN_MS,
  MIN_HORIZON_DAYS,
  THINK_TIME_CAP_MS,
  TOOL_GAP_MAX_MS,
  TOOLS_SHARE,
  type LognormalFit,
} from './fit.js';
import { fitDuration, fitNumber as num, fitRate as rate } from './fit-format.js';

const d = (ms: number): string => fitDuration(ms);
const pct = (share: number): string => `${Math.round(share * 100)}%`;

/** Every user-facing text of `ttlsim fit` (docs/architecture.md): the scenario's comments and the command's messages. */
export const fitMessages = {
  header: (requests: number, sources: readonly string[], fromIso: string, toIso: string, spanMs: number) =>
    `Fitted by \`ttlsim fit\` from ${formatCount(requests)} requests in ${sources.join(', ')}, ${fromIso} to ${toIso} (${d(spanMs)}).`,
  description: (sessions: number, requests: number) =>
    `A sessions workload fitted to ${formatCount(sessions)} recorded session(s), ${formatCount(requests)} requests`,
  horizon: (days: number) =>
    `${days} days: the span of the logs rounded up to whole days, at least ${MIN_HORIZON_DAYS} so the check sees many sessions (the rate is per hour, so a longer run means more sessions, not another mix).`,
  pricing: (model: string, requests: number, total: number, others: string) =>
    `The model of ${formatCount(requests)} of ${formatCount(total)} requests (${model})${others === '' ? '' : `; the logs also used ${others}, priced here as this model`}.`,
  provider: (provider: string, from: string, asked: string) =>
    from === 'fallback'
      ? `Priced at ${provider}'s prices: ${asked} (the logs' provider) has no price for this model.`
      : `Priced at ${provider}'s prices (${from === '--provider' ? 'given by --provider' : from === 'logs' ? 'the provider of the logs' : 'the default; --provider chooses another'}).`,
  ttlMix: (fiveMinute: number, oneHour: number) =>
    `Recorded TTLs: 5m on ${formatCount(fiveMinute)} requests, 1h on ${formatCount(oneHour)}.`,
  arrivals: (sessions: number, spanMs: number, perHour: number, peakPerHour: number, profiled: boolean) =>
    `${formatCount(sessions)} session(s) (main threads) over ${d(spanMs)}${spanMs < 3_600_000 ? ' (counted as an hour)' : ''}: ${rate(perHour)} on average${profiled ? `, ${rate(peakPerHour)} at the profile's peak hour (the profile thins it to the average)` : ''}.`,
  spanUnderDay: () =>
    "Under a day of logs: the rate is the logs' own pace, not a daily average, and the daily profile is not fitted (flat).",
  profile: (starts: readonly number[]) =>
    `Session starts by UTC hour (hour 0 of the run is 00:00 UTC): ${starts.join(' ')}. Weekly profile flat: fitting one needs weeks of logs.`,
  turns: (f: LognormalFit | null) =>
    f === null
      ? 'No sessions: default.'
      : `${formatCount(f.count)} session(s); median ${num(f.median)} turns (a turn ends at a gap over ${d(TOOL_GAP_MAX_MS)}), capped at the most seen.`,
  requestsPerTurn: (f: LognormalFit | null) =>
    f === null
      ? 'No turns: default.'
      : `${formatCount(f.count)} turns; median ${num(f.median)} requests (a run of gaps ≤ ${d(TOOL_GAP_MAX_MS)}, plus one), capped at the most seen.`,
  toolGap: (f: LognormalFit | null) =>
    f === null
      ? 'No tool-loop gaps: default.'
      : `${formatCount(f.count)} tool-loop gaps (≤ ${d(TOOL_GAP_MAX_MS)}); median ${d(f.median)}, capped at the threshold.`,
  thinkTime: (f: LognormalFit | null) =>
    f === null
      ? 'No think gaps: default.'
      : `${formatCount(f.count)} think gaps (${d(TOOL_GAP_MAX_MS)}–${d(LONG_BREAK_MIN_MS)}); median ${d(f.median)}, capped at ${d(THINK_TIME_CAP_MS)}.`,
  longBreak: (long: number, think: number, f: LognormalFit | null) =>
    f === null
      ? `None of ${formatCount(think)} think gaps was over ${d(LONG_BREAK_MIN_MS)}: no long breaks.`
      : `${formatCount(long)} of ${formatCount(think)} think gaps over ${d(LONG_BREAK_MIN_MS)}; median ${d(f.median)}, capped at the longest seen.`,
  sharedPrefix: (tokens: number, threads: number, sessions: number) =>
    tokens === 0
      ? "No main thread's first request read a cached prefix: tools and system are 0."
      : `tools + system = ${formatCount(tokens)}, the most common first-request cache read of main threads (${threads} of ${sessions}), split ${pct(TOOLS_SHARE)} tools / ${pct(1 - TOOLS_SHARE)} system (a log cannot tell them apart).`,
  project: (threads: number) =>
    `project: median of what ${threads} first request(s) cached beyond that prefix (CLAUDE.md, environment, first message); shared by a project's sessions here, rewritten by each session in the logs. projects: distinct project folders.`,
  growth: (steady: number) =>
    `Per-request growth: the cache write of ${formatCount(steady)} steady-state requests (prompt only grew, cache warm) minus the previous output; after a tool gap it is a tool result, after a think gap a user message.`,
  sample: (what: string, f: LognormalFit | null) =>
    f === null
      ? `${what}: none in the logs, default.`
      : `${what}: ${formatCount(f.count)}; median ${num(f.median, 0)}, capped at the largest seen.`,
  sampleDuration: (what: string, f: LognormalFit | null) =>
    f === null ? `${what}: none in the logs, default.` : `${what}: ${formatCount(f.count)}; median ${d(f.median)}.`,
  tail: () => 'tail: median uncached input.',
  compaction: (count: number) =>
    `${count} compaction(s): threshold = median context cached before, summary = median write after.`,
  noCompaction: () => 'No compaction in the logs.',
  subagents: (threads: number, probability: number, fromLogs: boolean) =>
    `${threads} subagent thread(s): ${num(probability)} per turn. system = ${fromLogs ? 'median first-request read + write minus the task' : 'default (no first request seen)'}; task: not in usage logs, claude-code-dev-day's value.`,
  noSubagents: () => 'No subagent threads in the logs.',
  policies: () => 'The policies the fit check compares with a replay of the logs.',
  // The command's own words.
  outRequired: () => 'name the scenario file to write, e.g. -o scenario.yaml',
  outIsFolder: () => 'is a folder; name a file to write',
  notUsageLogs: () => 'fit needs usage logs (Claude Code or Bedrock): these requests record no usage',
  noProject: (project: string) => `no log files of a project matching "${project}"`,
  invalidOutput: () => 'ttlsim fit wrote a scenario that does not validate (a bug of fit):',
  noSessions: () => 'the logs hold no main session threads to fit',
  wrote: (file: string) => `Scenario: ${file}`,
  fitSummary: (requests: number, sessions: number, spanMs: number, model: string) =>
    `Fitted ${formatCount(requests)} requests, ${formatCount(sessions)} session(s) over ${d(spanMs)} · model ${model}`,
  qualityTitle: (fittedRequests: number, logRequests: number) =>
    `Fit check: the fitted scenario (${formatCount(fittedRequests)} requests) against the logs (${formatCount(logRequests)} requests)`,
  gapTitle: () => 'Per-thread request gaps',
  costTitle: () => 'Cost per request by policy',
} as const;
