// EDGE: replay workloads name logs relative to the scenario file; each sweep point is parsed from text,
// so it gets the inspector readScenarioFile builds for a file (scenario/read.ts keeps its own private:
// this is the same rule, and would go if read.ts exported it).
import { resolve } from 'node:path';
import type { LogInspector } from '../scenario/normalise-workload.js';
import { findLogFiles } from '../logs/find-logs.js';
import { ProblemLog } from '../workload/recorded/types.js';
import { InputError } from '../errors.js';

/** Replay paths are relative to `baseDir`; the logs must exist and hold timestamps (for the horizon). */
export function sweepLogInspector(baseDir: string): LogInspector {
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
