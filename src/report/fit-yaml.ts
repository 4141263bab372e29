// report/ (layer 11), `ttlsim fit` step 2: a SessionsFit (fit/fit.ts) → a scenario file `ttlsim run`
// accepts, every block commented with what it was fitted from (fit/messages.ts). A template rather than the
// yaml package's document API, so the comments sit exactly where a reader looks for them and the dists
// stay one flow mapping a line.
import {
  MIN_HORIZON_DAYS,
  THINK_TIME_CAP_MS,
  TOOL_GAP_MAX_MS,
  type LognormalFit,
  type SessionsFit,
} from '../fit/fit.js';
import { fitDuration, fitNumber as num, fitRate as rate } from '../fit/fit-format.js';
import { fitMessages } from '../fit/messages.js';
import type { FittedLogs } from '../fit/fit-logs.js';
import { formatCount } from '../model/format.js';
import { DAY_MS } from '../model/time.js';

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

export interface FitYamlOptions {
  /** The log paths as the user gave them (for the header comment). */
  readonly sources: readonly string[];
  /** Whose prices the scenario names, and why (fit/fit-logs.ts). */
  readonly pricing: FittedLogs['pricing'];
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
    comment(fitMessages.provider(options.pricing.provider, options.pricing.from, options.pricing.asked)),
    `pricing: { provider: ${options.pricing.provider}, model: ${fit.model.canonical} }`,
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
