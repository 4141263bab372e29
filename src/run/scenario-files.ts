// run/ (layer 9): scenario files as `ttlsim run`, `validate`, `tune`, `sweep` and `fit` read them. The
// scenario layer reads and validates the file; a `kind: replay` workload's logs are found here (logs/),
// checked to exist and dated, so the horizon can default to their span.
import { resolve } from 'node:path';
import type { Scenario } from '../model/scenario.js';
import { InputError, type InputIssue } from '../model/errors.js';
import { loadScenarioFile } from '../scenario/read.js';
import type { LogInspector } from '../scenario/normalise-workload.js';
import { findLogFiles } from '../logs/find-logs.js';
import { ProblemLog } from '../logs/types.js';
import { workCheck, type WorkLimits } from '../workload/work-limits.js';

/** Replay paths are relative to the scenario file; the logs must exist and hold timestamps (for the horizon). */
export function logInspector(baseDir: string): LogInspector {
  return (written, format, csvColumns) => {
    const path = resolve(baseDir, written);
    try {
      const files = findLogFiles([path], { cwd: baseDir, env: process.env, format, csvColumns }, new ProblemLog());
      const epoch = files.filter((f) => f.format !== 'mooncake');
      const origin = epoch.length === 0 ? 0 : Math.min(...epoch.map((f) => f.firstMs));
      const last = Math.max(...files.map((f) => f.lastMs - (f.format === 'mooncake' ? 0 : origin)));
      return { path, spanMs: Number.isFinite(last) ? last : 0 };
    } catch (error) {
      if (error instanceof InputError) return { problem: error.issues[0].message };
      throw error;
    }
  };
}

/**
 * Reads and parses a scenario file, its replay workloads' logs inspected and its work checked against
 * `limits` (workload/work-limits.ts); a missing, unreadable or folder path is an InputError too. Messages
 * name the file as `shownAs` (what the user typed); `path` is what is opened and becomes `sourcePath`.
 */
export function readScenarioFile(path: string, shownAs: string = path, limits?: WorkLimits): Scenario {
  return loadScenarioFile(path, shownAs, logInspector, workCheck(limits));
}

export interface FileReport {
  readonly file: string;
  readonly ok: boolean;
  readonly issues: InputIssue[];
}

/**
 * Checks several files (for `ttlsim validate`), collecting each one's problems rather than stopping at the
 * first bad file. Paths are taken relative to `cwd` and reported as given.
 */
export function validateScenarioFiles(paths: readonly string[], cwd = '.', limits?: WorkLimits): FileReport[] {
  return paths.map((file) => {
    const read = tryReadScenarioFile(file, cwd, limits);
    return { file, ok: read.issues.length === 0, issues: read.issues };
  });
}

/**
 * Reads several files (for `ttlsim run` and `tune`), each once: every problem of every file is thrown
 * together, as `validate` would list them, before any scenario is returned.
 */
export function readScenarioFiles(paths: readonly string[], cwd = '.', limits?: WorkLimits): Scenario[] {
  const reads = paths.map((file) => tryReadScenarioFile(file, cwd, limits));
  const issues = reads.flatMap((read) => read.issues);
  if (issues.length > 0) throw new InputError(issues);
  return reads.map((read) => read.scenario as Scenario);
}

function tryReadScenarioFile(
  file: string,
  cwd: string,
  limits: WorkLimits | undefined,
): { scenario?: Scenario; issues: InputIssue[] } {
  try {
    return { scenario: readScenarioFile(resolve(cwd, file), file, limits), issues: [] };
  } catch (error) {
    if (error instanceof InputError) return { issues: [...error.issues] };
    throw error;
  }
}
