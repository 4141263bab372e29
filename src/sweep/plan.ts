// A sweep's plan: the scenario file read once into plain data, its axes (--param paths checked against
// that data; --ttl as generated policies), the grid of points, and how one point becomes a Scenario: set
// each value at its path, stringify, and parse the text like a file, so every point is validated as one.
// PURE: the log inspector for replay workloads is passed in.
import YAML from 'yaml';
import type { Scenario } from '../model/scenario.js';
import type { LogInspector } from '../scenario/normalise-workload.js';
import { parseScenarioText } from '../scenario/read.js';
import { dottedPath, type ScenarioCheck } from '../scenario/locate.js';
import { InputError, inputError, type InputIssue } from '../model/errors.js';
import { parseAxisValues, parseTtlValues, type AxisValue, type AxisValues } from './range.js';
import { sweepMessages } from './messages.js';
import { FIVE_MINUTES_MS } from '../model/time.js';

/** Policy runs in one sweep (points × policies): beyond this it is a typo, not a plan. */
export const MAX_RUNS = 20_000;
/** Problems shown when many points fail: the rest are counted. */
const MAX_POINT_ISSUES = 20;

export type FieldSegment = string | number;

export interface ParamAxis extends AxisValues {
  /** The field as the user addressed it: `workload.gap.mean`, `policies.1.keepalive.every`. */
  readonly path: string;
  readonly segments: readonly FieldSegment[];
}

export interface TtlPolicy {
  readonly name: string;
  /** The policy as a scenario file writes it. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** One TTL of the axis and the policies it became (`ttl-30m`, and `ttl-30m-sliding` above 5m). */
export interface TtlGroup {
  readonly ttl: AxisValue;
  readonly policies: readonly TtlPolicy[];
}

export interface TtlAxis extends AxisValues {
  readonly groups: readonly TtlGroup[];
}

/** What every thread needs to turn a point into a Scenario (sent to each worker once). */
export interface SweepBase {
  /** The scenario file's text. */
  readonly text: string;
  /** The file as messages name it (what the user typed). */
  readonly file: string;
  /** The --ttl policies (no-cache first), replacing the file's; null keeps the file's policies. */
  readonly policies: readonly Readonly<Record<string, unknown>>[] | null;
}

export interface Override {
  readonly segments: readonly FieldSegment[];
  readonly value: string | number;
}

export interface SweepPlan {
  readonly base: SweepBase;
  readonly params: readonly ParamAxis[];
  readonly ttl: TtlAxis | null;
  /** Every combination of the params' values, the first param outermost; one empty combination without --param. */
  readonly combos: readonly (readonly AxisValue[])[];
}

export interface SweepRequest {
  readonly text: string;
  readonly file: string;
  /** `--ttl` as typed, if given. */
  readonly ttl?: string;
  /** Each `--param path=values` as typed. */
  readonly params: readonly string[];
}

export const NO_CACHE_POLICY: TtlPolicy = { name: 'no-cache', raw: { name: 'no-cache', cache: false } };

/** The scenario text as plain data (each thread reads it once). */
export function scenarioData(text: string): Record<string, unknown> {
  return YAML.parse(text) as Record<string, unknown>;
}

export function planSweep(request: SweepRequest): SweepPlan {
  if (request.ttl === undefined && request.params.length === 0) throw inputError('', '', sweepMessages.needsAxis());
  if (request.params.length > 2) throw inputError('', '--param', sweepMessages.tooManyParams(request.params.length));
  const data = scenarioData(request.text);
  const params = request.params.map((text) => paramAxis(text, data));
  const seen = new Set<string>();
  for (const p of params) {
    if (seen.has(dottedPath(p.segments))) throw inputError('', `--param ${p.path}`, sweepMessages.paramTwice(p.path));
    seen.add(dottedPath(p.segments));
  }
  const ttl = request.ttl === undefined ? null : ttlAxis(request.ttl);
  let combos: AxisValue[][] = [[]];
  for (const p of params) combos = combos.flatMap((combo) => p.values.map((v) => [...combo, v]));
  const policiesPerCombo = ttl === null ? policyCount(data) : 1 + ttl.groups.reduce((n, g) => n + g.policies.length, 0);
  if (combos.length * policiesPerCombo > MAX_RUNS)
    throw inputError('', '', sweepMessages.tooManyRuns(combos.length * policiesPerCombo, MAX_RUNS));
  const policies = ttl === null ? null : [NO_CACHE_POLICY, ...ttl.groups.flatMap((g) => g.policies)].map((p) => p.raw);
  return { base: { text: request.text, file: request.file, policies }, params, ttl, combos };
}

/** Policies a file lists (without a list, the provider's defaults: about four). */
function policyCount(data: Record<string, unknown>): number {
  return Array.isArray(data.policies) ? data.policies.length : 4;
}

/** `ttl-<label>` with the tier's default refresh (sliding up to 5m, fixed above) and `ttl-<label>-sliding` above 5m. */
function ttlAxis(text: string): TtlAxis {
  const axis = parseTtlValues(text);
  const groups = axis.values.map((ttl): TtlGroup => {
    const label = String(ttl.written);
    const long = ttl.numeric > FIVE_MINUTES_MS;
    const policies: TtlPolicy[] = [
      { name: `ttl-${label}`, raw: { name: `ttl-${label}`, ttl: label, refresh: long ? 'fixed' : 'sliding' } },
    ];
    if (long)
      policies.push({
        name: `ttl-${label}-sliding`,
        raw: { name: `ttl-${label}-sliding`, ttl: label, refresh: 'sliding' },
      });
    return { ttl, policies };
  });
  return { ...axis, groups };
}

function paramAxis(text: string, data: Record<string, unknown>): ParamAxis {
  const at = text.indexOf('=');
  if (at <= 0) throw inputError('', '--param', sweepMessages.paramShape(text));
  const path = text.slice(0, at).trim();
  const flag = `--param ${path}`;
  const segments = fieldSegments(data, path, flag);
  return { ...parseAxisValues(text.slice(at + 1), flag), path, segments };
}

/**
 * Walks `path` through the file's data: mappings by field name, lists by index (`workload.0.keys`); the
 * field must exist in the file and hold a number or a string (a duration, a rate), not a mapping.
 */
function fieldSegments(data: Record<string, unknown>, path: string, flag: string): FieldSegment[] {
  const segments: FieldSegment[] = [];
  let node: unknown = data;
  for (const part of path.split('.')) {
    const here = dottedPath(segments);
    if (Array.isArray(node)) {
      const index = /^\d+$/.test(part) ? Number(part) : NaN;
      if (Number.isNaN(index)) throw inputError('', flag, sweepMessages.isList(here, node.length));
      if (index >= node.length) throw inputError('', flag, sweepMessages.badIndex(here, part, node.length));
      segments.push(index);
      node = node[index];
    } else if (isRecord(node)) {
      if (!Object.hasOwn(node, part)) throw inputError('', flag, sweepMessages.noField(here, part, Object.keys(node)));
      segments.push(part);
      node = node[part];
    } else {
      throw inputError('', flag, sweepMessages.pastScalar(here, node));
    }
  }
  if (Array.isArray(node) || isRecord(node))
    throw inputError('', flag, sweepMessages.notScalar(dottedPath(segments), isRecord(node) ? Object.keys(node) : []));
  return segments;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a combination sets in the file's data. */
export function comboOverrides(plan: SweepPlan, combo: readonly AxisValue[]): Override[] {
  return plan.params.map((p, i) => ({ segments: p.segments, value: combo[i].written }));
}

/** One point as a Scenario: the file's data with the overrides (and the --ttl policies), parsed as a file. */
export function pointScenario(
  data: Readonly<Record<string, unknown>>,
  base: SweepBase,
  overrides: readonly Override[],
  inspectLogs?: LogInspector,
  check?: ScenarioCheck,
): Scenario {
  const point = structuredClone(data) as Record<string, unknown>;
  for (const { segments, value } of overrides) {
    let node = point as Record<string | number, unknown>;
    for (const s of segments.slice(0, -1)) node = node[s] as Record<string | number, unknown>;
    node[segments[segments.length - 1]] = value;
  }
  if (base.policies !== null) point.policies = base.policies;
  return parseScenarioText(YAML.stringify(point), base.file, inspectLogs, check);
}

/**
 * Parses every point before anything runs (bad input writes nothing). A point's problems are reported
 * against the flags that made it: the --param whose field is at fault, `--ttl <value>` for a generated
 * policy, else every flag of the point. The text of each point is not a file the user has, so no line.
 */
export function pointScenarios(
  plan: SweepPlan,
  data: Readonly<Record<string, unknown>>,
  inspectLogs?: LogInspector,
  check?: ScenarioCheck,
): Scenario[] {
  const scenarios: Scenario[] = [];
  const messages = new Set<string>();
  for (const combo of plan.combos) {
    try {
      scenarios.push(pointScenario(data, plan.base, comboOverrides(plan, combo), inspectLogs, check));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      for (const issue of error.issues)
        messages.add(sweepMessages.atPoint(blame(plan, combo, issue), issue.path, issue.message));
    }
  }
  if (messages.size === 0) return scenarios;
  const shown = [...messages].slice(0, MAX_POINT_ISSUES);
  const issues: InputIssue[] = shown.map((message) => ({
    file: plan.base.file,
    line: 0,
    column: 0,
    path: '',
    message,
  }));
  if (messages.size > shown.length)
    issues.push({
      file: plan.base.file,
      line: 0,
      column: 0,
      path: '',
      message: sweepMessages.morePoints(messages.size - shown.length),
    });
  throw new InputError(issues);
}

function blame(plan: SweepPlan, combo: readonly AxisValue[], issue: InputIssue): string {
  const flags = plan.params.map((p, i) => ({
    field: dottedPath(p.segments),
    flag: `--param ${p.path}=${combo[i].written}`,
  }));
  const hit = flags.find(
    (f) => issue.path === f.field || issue.path.startsWith(`${f.field}.`) || issue.path.startsWith(`${f.field}[`),
  );
  if (hit !== undefined) return hit.flag;
  const policy = /^policies\[(\d+)\]/.exec(issue.path);
  if (plan.ttl !== null && policy !== null) {
    const name = plan.base.policies?.[Number(policy[1])]?.name;
    const group = plan.ttl.groups.find((g) => g.policies.some((p) => p.name === name));
    if (group !== undefined) return `--ttl ${group.ttl.written}`;
  }
  return flags.length === 0 ? '--ttl' : flags.map((f) => f.flag).join(' ');
}
