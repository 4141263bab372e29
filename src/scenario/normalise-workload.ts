// Parsed workloads → the WorkloadSpecs that workload/ generates from: defaults filled in, day/week profiles
// scaled, labels made unique, and the rules that span fields (jitter below half the period, a compaction
// summary below its threshold). Problems are collected, never thrown one by one.
import type { Dist, RateProfile, ReplayWorkload, WorkloadSpec } from '../model/scenario.js';
import type { FieldPath, PathIssue } from './locate.js';
import type { Item } from './schema.js';
import type { RawProfile, RawReplayWorkload, RawSyntheticWorkload, RawWorkload } from './schema-workload.js';
import { messages } from './messages.js';
import { formatDuration } from '../model/format.js';
import { isMapping } from './values.js';

const constant = (value: number): Dist => ({ dist: 'constant', value });

/** Weekdays 9–18 at full rate, 7–9 and 18–22 at 15%, nights at 2%; weekends at 10%. Day 0 is taken as a Monday. */
const OFFICE_HOURS: RateProfile = {
  hourly: Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 18 ? 1 : h >= 7 && h < 22 ? 0.15 : 0.02)),
  weekly: [1, 1, 1, 1, 1, 0.1, 0.1],
};

/** The model each workload runs on, resolved by normalise.ts (canonical id; undefined if unknown). */
export type ModelOf = (model: string | undefined, path: FieldPath) => string | undefined;

/** Where a replay workload's logs are and how long they run, or what is wrong with them (scenario/read.ts looks). */
export type LogInspector = (
  writtenPath: string,
  format?: ReplayWorkload['format'],
  columns?: Readonly<Record<string, string>>,
) => { readonly path: string; readonly spanMs: number } | { readonly problem: string };

/** One spec per workload that parsed, in file order; `undefined` where it did not. */
export function normaliseWorkloads(
  items: readonly Item<RawWorkload>[],
  modelOf: ModelOf,
  issues: PathIssue[],
  inspectLogs: LogInspector,
): (WorkloadSpec | ReplayWorkload | undefined)[] {
  const labelAt = new Map<string, FieldPath>();
  return items.map((item, index) => {
    const written = isMapping(item.input) && typeof item.input.label === 'string' ? item.input.label : undefined;
    const label = written ?? `w${index}`;
    // Labels prefix thread and segment ids: two workloads with one label would share cache entries.
    if (labelAt.has(label))
      issues.push({
        path: written === undefined ? item.path : [...item.path, 'label'],
        message: messages.duplicateLabel(label),
      });
    labelAt.set(label, item.path);
    const w = item.parsed;
    if (w === undefined) return undefined;
    if (w.kind === 'replay') return normaliseReplay(w, label, modelOf, item.path, issues, inspectLogs);
    const model = modelOf(w.model, [...item.path, 'model']);
    const profile = normaliseProfile(w.profile, [...item.path, 'profile'], issues);
    if (model === undefined || profile === undefined) return undefined;
    return normaliseWorkload(w, { model, scope: w.scope ?? 'default', profile, label }, item.path, issues);
  });
}

function normaliseReplay(
  w: RawReplayWorkload,
  label: string,
  modelOf: ModelOf,
  path: FieldPath,
  issues: PathIssue[],
  inspectLogs: LogInspector,
): ReplayWorkload | undefined {
  const model = modelOf(w.model, [...path, 'model']);
  const logs = inspectLogs(w.path, w.format, w.columns);
  if ('problem' in logs) {
    issues.push({ path: [...path, 'path'], message: messages.replayLogs(logs.problem) });
    return undefined;
  }
  if (model === undefined) return undefined;
  return {
    kind: 'replay',
    label,
    path: logs.path,
    shownPath: w.path,
    format: w.format,
    model,
    scope: w.scope ?? 'default',
    columns: w.columns,
    project: w.project,
    spanMs: logs.spanMs,
  };
}

/** `flat` and no profile are both "no modulation" (null); weights are scaled so the largest is 1. */
function normaliseProfile(
  raw: RawProfile | undefined,
  path: FieldPath,
  issues: PathIssue[],
): RateProfile | null | undefined {
  if (raw === undefined || raw === 'flat') return null;
  if (raw === 'office-hours') return OFFICE_HOURS;
  const scaled = (key: 'hourly' | 'weekly', length: number) => {
    const weights = raw[key] ?? Array<number>(length).fill(1);
    const max = Math.max(...weights);
    if (max > 0) return weights.map((w) => w / max);
    issues.push({ path: [...path, key], message: messages.allZeroProfile() });
    return undefined;
  };
  const hourly = scaled('hourly', 24);
  const weekly = scaled('weekly', 7);
  return hourly === undefined || weekly === undefined ? undefined : { hourly, weekly };
}

type Common = Pick<WorkloadSpec, 'model' | 'scope' | 'profile' | 'label'>;

function normaliseWorkload(
  w: RawSyntheticWorkload,
  common: Common,
  path: FieldPath,
  issues: PathIssue[],
): WorkloadSpec {
  switch (w.kind) {
    case 'renewal':
      return {
        kind: 'renewal',
        ...common,
        keys: w.keys,
        gapMs: w.gap,
        prefixTokens: w.prefixTokens,
        suffixTokens: w.suffixTokens ?? constant(0),
        outputTokens: w.outputTokens ?? constant(0),
        role: w.role ?? 'context',
      };
    case 'periodic': {
      const jitterMs = w.jitter ?? 0;
      if (jitterMs * 2 >= w.every)
        issues.push({
          path: [...path, 'jitter'],
          message: messages.jitterTooLarge(formatDuration(jitterMs), formatDuration(w.every)),
        });
      return {
        kind: 'periodic',
        ...common,
        everyMs: w.every,
        jitterMs,
        jobs: w.jobs ?? 1,
        requestsPerRun: w.requestsPerRun ?? constant(1),
        spacingMs: w.spacing ?? constant(2000),
        prefixTokens: w.prefixTokens,
        suffixTokens: w.suffixTokens ?? constant(0),
        outputTokens: w.outputTokens ?? constant(0),
        role: w.role ?? 'context',
      };
    }
    case 'sessions': {
      const { prompt, compaction, subagents } = w;
      if (compaction !== undefined && compaction.summary >= compaction.threshold) {
        issues.push({
          path: [...path, 'compaction', 'summary'],
          message: messages.summaryNotBelowThreshold(compaction.summary, compaction.threshold),
        });
      }
      return {
        kind: 'sessions',
        ...common,
        arrivalRatePerMs: w.arrivals,
        turns: w.turns,
        requestsPerTurn: w.requestsPerTurn ?? constant(1),
        toolGapMs: w.toolGap ?? constant(5000),
        thinkTimeMs: w.thinkTime,
        longBreakProbability: w.longBreak?.probability ?? 0,
        longBreakMs: w.longBreak?.duration ?? constant(0),
        prompt: {
          toolsTokens: prompt.tools,
          systemTokens: prompt.system,
          projectTokens: prompt.project ?? 0,
          projects: prompt.projects ?? 1,
          userMessageTokens: prompt.userMessage,
          toolResultTokens: prompt.toolResult ?? constant(0),
          outputTokens: prompt.output,
          tailTokens: prompt.tail ?? 0,
        },
        compaction:
          compaction === undefined
            ? null
            : { thresholdTokens: compaction.threshold, summaryTokens: compaction.summary },
        subagents:
          subagents === undefined
            ? null
            : {
                probability: subagents.probability,
                requests: subagents.requests,
                gapMs: subagents.gap,
                systemTokens: subagents.system,
                taskTokens: subagents.task,
                toolResultTokens: subagents.toolResult ?? constant(0),
                outputTokens: subagents.output,
              },
      };
    }
  }
}
