// The unusable lines of recorded logs on stderr for `run` (a scenario's replay workload), `tune` and `fit`:
// the count and the first few, located, as `ttlsim replay` prints them (cli/replay.ts).
import { formatIssue } from '../model/errors.js';
import { logMessages } from '../logs/messages.js';
import type { LogProblem } from '../logs/types.js';

const SHOWN_PROBLEMS = 5;

export function formatLogProblems(count: number, problems: readonly LogProblem[]): string {
  const shown = problems
    .slice(0, SHOWN_PROBLEMS)
    .map((p) => `  ${formatIssue({ file: p.file, line: p.line, column: 0, path: p.field, message: p.reason })}\n`);
  return `${logMessages.problemsSummary(count, shown.length)}\n${shown.join('')}`;
}
