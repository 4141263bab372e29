// run/ (layer 8): scenario files as `ttlsim run`, `validate`, `tune`, `sweep` and `fit` read them. The
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
 * Checks several files (for `ttlsim validate` and before `ttlsim run`), collecting each one's problems
 * rather than stopping at the first bad file. Paths are taken relative to `cwd` and reported as given.
 */
export function validateScenarioFiles(paths: readonly string[], cwd = '.', limits?: WorkLimits): FileReport[] {
  return paths.map((file) => {
    try {
      readScenarioFile(resolve(cwd, file), file, limits);
      return { file, ok: true, issues: [] };
    } catch (error) {
      if (error instanceof InputError) return { file, ok: false, issues: [...error.issues] };
      throw error;
    }
  });
}
