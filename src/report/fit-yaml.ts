// `ttlsim fit`, step 2: a SessionsFit (metrics/fit.ts) → a scenario file `ttlsim run` accepts, every block
// commented with what it was fitted from. A template rather than the yaml package's document API, so
// the comments sit exactly where a reader looks for them and the dists stay one flow mapping a line.
import type { LognormalFit, SessionsFit } from '../metrics/fit.js';
import { LONG_BREAK_MIN_MS, THINK_TIME_CAP_MS, TOOL_GAP_MAX_MS, TOOLS_SHARE } from '../metrics/fit.js';
import { formatCount, formatDuration } from './format.js';

const DAY_MS = 86_400_000;
/** The fitted scenario runs at least a week: the fit check compares per-request statistics, which need many sessions. */
export const MIN_HORIZON_DAYS = 7;

/** Used where the logs hold nothing to fit (claude-code-dev-day's values). */
const DEFAULTS = {
  toolGapMs: { median: 6000, sigma: 0.8 },
  thinkTimeMs: { median: 90_000, sigma: 1 },
  requestsPerTurn: { median: 1, sigma: 0 },
  turns: { median: 1, sigma: 0 },
  userMessage: { median: 150, sigma: 0.9 },
  toolResult: { median: 1200, sigma: 1.1 },
  output: { median: 350, sigma: 0.8 },
  subRequests: { median: 10, sigma: 0.6 },
  subGapMs: { median: 5000, sigma: 0.7 },
  subTask: { median: 600, sigma: 0.6 },
  subToolResult: { median: 1500, sigma: 1 },
  subOutput: { median: 300, sigma: 0.7 },
} as const;

const d = (ms: number): string => fitDuration(ms);
const pct = (share: number): string => `${Math.round(share * 100)}%`;

/** Every user-facing text of `ttlsim fit` (STYLE.md §4): the scenario's comments and the command's messages. */
export const fitMessages = {
  header: (requests: number, sources: readonly string[], fromIso: string, toIso: string, spanMs: number) =>
    `Fitted by \`ttlsim fit\` from ${formatCount(requests)} requests in ${sources.join(', ')}, ${fromIso} to ${toIso} (${d(spanMs)}).`,
  description: (sessions: number, requests: number) =>
    `A sessions workload fitted to ${formatCount(sessions)} recorded session(s), ${formatCount(requests)} requests`,
  horizon: (days: number) =>
    `${days} days: the span of the logs rounded up to whole days, at least ${MIN_HORIZON_DAYS} so the check sees many sessions (the rate is per hour, so a longer run means more sessions, not another mix).`,
  pricing: (model: string, requests: number, total: number, others: string) =>
    `The model of ${formatCount(requests)} of ${formatCount(total)} requests (${model})${others === '' ? '' : `; the logs also used ${others}, priced here as this model`}.`,
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

export interface FitYamlOptions {
  /** The log paths as the user gave them (for the header comment). */
  readonly sources: readonly string[];
}

/** The scenario's horizon in days: the logs' span rounded up, at least MIN_HORIZON_DAYS. */
export function fitHorizonDays(spanMs: number): number {
  return Math.max(MIN_HORIZON_DAYS, Math.ceil(spanMs / DAY_MS));
}

export function fitScenarioName(fit: SessionsFit): string {
  const slug = (fit.projects[0] ?? 'logs').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `fitted-${slug === '' ? 'logs' : slug}`;
}

export function renderFitYaml(fit: SessionsFit, options: FitYamlOptions): string {
  const p = fit.prompt;
  const days = fitHorizonDays(fit.spanMs);
  const others = Object.entries(fit.models)
    .filter(([id]) => id !== fit.model.id)
    .map(([id, n]) => `${id} (${formatCount(n)})`)
    .join(', ');
  const comment = (text: string, indent = ''): string =>
    text
      .split('\n')
      .map((line) => `${indent}# ${line}`)
      .join('\n');
  const line = (indent: string, text: string, note?: string): string =>
    `${indent}${text}${note === undefined ? '' : `   # ${note}`}`;
  const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const out: string[] = [
    comment(
      fitMessages.header(
        fit.requests,
        options.sources.map((s) => s.replace(/\s+/g, ' ')),
        iso(fit.firstEpochMs),
        iso(fit.lastEpochMs),
        fit.spanMs,
      ),
    ),
    comment(fitMessages.ttlMix(fit.ttlMix['5m'], fit.ttlMix['1h'])),
    `name: ${fitScenarioName(fit)}`,
    `description: ${JSON.stringify(fitMessages.description(fit.arrivals.sessions, fit.requests))}`,
    'seed: 1',
    comment(fitMessages.horizon(days)),
    `horizon: ${days}d`,
    comment(fitMessages.pricing(fit.model.id, fit.model.requests, fit.requests, others)),
    `pricing: { provider: anthropic, model: ${fit.model.canonical} }`,
    'workload:',
    '  kind: sessions',
    comment(
      fitMessages.arrivals(
        fit.arrivals.sessions,
        fit.spanMs,
        fit.arrivals.perHour,
        fit.arrivals.peakPerHour,
        fit.arrivals.hourly !== null,
      ),
      '  ',
    ),
    `  arrivals: ${rate(fit.arrivals.peakPerHour)}`,
  ];
  if (fit.arrivals.hourly === null) {
    out.push(comment(fitMessages.spanUnderDay(), '  '), '  profile: flat');
  } else {
    out.push(
      comment(fitMessages.profile(fit.arrivals.startsByHour), '  '),
      `  profile: { hourly: [${fit.arrivals.hourly.map((w) => num(w)).join(', ')}] }`,
    );
  }
  out.push(
    line('  ', `turns: ${countDist(fit.turns, DEFAULTS.turns)}`, fitMessages.turns(fit.turns)),
    line(
      '  ',
      `requestsPerTurn: ${countDist(fit.requestsPerTurn, DEFAULTS.requestsPerTurn)}`,
      fitMessages.requestsPerTurn(fit.requestsPerTurn),
    ),
    line(
      '  ',
      `toolGap: ${durationDist(fit.toolGapMs, DEFAULTS.toolGapMs, TOOL_GAP_MAX_MS)}`,
      fitMessages.toolGap(fit.toolGapMs),
    ),
    line(
      '  ',
      `thinkTime: ${durationDist(fit.thinkTimeMs, DEFAULTS.thinkTimeMs, THINK_TIME_CAP_MS)}`,
      fitMessages.thinkTime(fit.thinkTimeMs),
    ),
  );
  const longBreak = fit.longBreak;
  if (longBreak.durationMs === null)
    out.push(comment(fitMessages.longBreak(longBreak.longGaps, longBreak.thinkGaps, null), '  '));
  else {
    out.push(
      comment(fitMessages.longBreak(longBreak.longGaps, longBreak.thinkGaps, longBreak.durationMs), '  '),
      `  longBreak: { probability: ${num(longBreak.probability, 4)}, duration: ${durationDist(longBreak.durationMs, DEFAULTS.thinkTimeMs, Math.ceil(longBreak.durationMs.maxSeen))} }`,
    );
  }
  out.push(
    '  prompt:',
    comment(fitMessages.sharedPrefix(p.sharedPrefixTokens, p.sharedPrefixThreads, fit.arrivals.sessions), '    '),
    `    tools: ${p.toolsTokens}`,
    `    system: ${p.systemTokens}`,
    comment(fitMessages.project(p.projectThreads), '    '),
    `    project: ${p.projectTokens}`,
    `    projects: ${p.projects}`,
    comment(fitMessages.growth(p.steadyRequests), '    '),
    line(
      '    ',
      `userMessage: ${tokenDist(p.userMessage, DEFAULTS.userMessage)}`,
      fitMessages.sample('user messages', p.userMessage),
    ),
    line(
      '    ',
      `toolResult: ${tokenDist(p.toolResult, DEFAULTS.toolResult)}`,
      fitMessages.sample('tool results', p.toolResult),
    ),
    line(
      '    ',
      `output: ${tokenDist(p.output, DEFAULTS.output)}`,
      fitMessages.sample('main-thread outputs', p.output),
    ),
    line('    ', `tail: ${p.tailTokens}`, fitMessages.tail()),
  );
  const c = fit.compaction;
  // The scenario requires summary < threshold; a log's summary never comes near its threshold.
  if (c === null) out.push(comment(fitMessages.noCompaction(), '  '));
  else
    out.push(
      comment(fitMessages.compaction(c.count), '  '),
      `  compaction: { threshold: ${Math.max(2, c.thresholdTokens)}, summary: ${Math.min(c.summaryTokens, Math.max(2, c.thresholdTokens) - 1)} }`,
    );
  const sub = fit.subagents;
  if (sub === null) out.push(comment(fitMessages.noSubagents(), '  '));
  else {
    out.push(
      comment(fitMessages.subagents(sub.threads, sub.probability, sub.systemFromLogs), '  '),
      '  subagents:',
      `    probability: ${num(sub.probability, 4)}`,
      line(
        '    ',
        `requests: ${countDist(sub.requests, DEFAULTS.subRequests)}`,
        fitMessages.sample('subagent threads', sub.requests),
      ),
      line(
        '    ',
        `gap: ${durationDist(sub.gapMs, DEFAULTS.subGapMs, sub.gapMs === null ? undefined : Math.ceil(sub.gapMs.maxSeen))}`,
        fitMessages.sampleDuration('subagent gaps', sub.gapMs),
      ),
      `    system: ${Math.max(0, sub.systemTokens - (sub.systemFromLogs ? DEFAULTS.subTask.median : 0))}`,
      `    task: ${tokenDist(null, DEFAULTS.subTask)}`,
      line(
        '    ',
        `toolResult: ${tokenDist(sub.toolResult, DEFAULTS.subToolResult)}`,
        fitMessages.sample('subagent tool results', sub.toolResult),
      ),
      line(
        '    ',
        `output: ${tokenDist(sub.output, DEFAULTS.subOutput)}`,
        fitMessages.sample('subagent outputs', sub.output),
      ),
    );
  }
  out.push(
    comment(fitMessages.policies()),
    'policies:',
    '  - { name: no-cache, cache: false }',
    '  - { name: 5m, ttl: 5m }',
    '  - { name: 1h, ttl: 1h }',
    '  - { name: 1h-sliding, ttl: 1h, refresh: sliding }',
    '',
  );
  return out.join('\n');
}

type Fallback = { readonly median: number; readonly sigma: number };

function lognormal(median: string, sigma: number, max: string | undefined): string {
  return `{ dist: lognormal, median: ${median}, sigma: ${num(sigma)}${max === undefined ? '' : `, max: ${max}`} }`;
}

/** Whole numbers ≥ 1 (turns, requests); capped at the most seen. */
function countDist(f: LognormalFit | null, fallback: Fallback): string {
  return f === null
    ? lognormal(num(fallback.median), fallback.sigma, undefined)
    : lognormal(num(Math.max(0.01, f.median)), f.sigma, String(Math.max(1, Math.ceil(f.maxSeen))));
}

/** Tokens; a fitted one is capped at the largest seen, which keeps a wide sigma's mean near the logs'. */
function tokenDist(f: LognormalFit | null, fallback: Fallback): string {
  const { median, sigma } = f ?? fallback;
  return lognormal(
    String(Math.max(1, Math.round(median))),
    sigma,
    f === null ? undefined : String(Math.max(1, Math.ceil(f.maxSeen))),
  );
}

function durationDist(f: LognormalFit | null, fallback: Fallback, maxMs: number | undefined): string {
  const { median, sigma } = f ?? fallback;
  return lognormal(fitDuration(median), sigma, maxMs === undefined ? undefined : fitDuration(maxMs));
}

/** A duration the scenario format reads, to about three significant figures: 850ms, 6.6s, 1m38s, 4h12m. */
export function fitDuration(ms: number): string {
  const rounded = Math.max(1, Math.round(ms));
  if (rounded < 1000) return `${rounded}ms`;
  if (rounded < 60_000) return `${Number((rounded / 1000).toFixed(1))}s`;
  if (rounded < 3_600_000) return formatDuration(Math.round(rounded / 1000) * 1000);
  return formatDuration(Math.round(rounded / 60_000) * 60_000);
}

/** A rate the scenario format reads ("0.1273/h"), four significant figures. */
function rate(perHour: number): string {
  return `${num(Number(perHour.toPrecision(4)), 9)}/h`;
}

/** A plain number to `digits` decimals, without trailing zeros (and never in exponent notation). */
function num(value: number, digits = 2): string {
  const text = value.toFixed(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
