// The verdict (verdict/verdict.ts) as the terminal and the HTML header show it: the decision and its
// reason, the exact change to make, the recorded bill beside the simulated baseline (never in a delta),
// and what the target cannot run. `replay`, `tune` and `run` all print it through here.
import type { VerdictReport } from '../verdict/verdict.js';
import { verdictMessages } from '../verdict/messages.js';
import { formatPercent } from '../model/format.js';

/** The decision line, then one indented line per action, the recorded bill, and what is not configurable. */
export function verdictLines(report: VerdictReport, recordedUsd: number | null): string[] {
  const v = report.verdict;
  // The reason opens with the decision in words ("Change to 1h: …", "Keep …", "Undecided: …").
  const lines = [`Verdict (${report.target}): ${v.reason}`];
  for (const a of v.actions) lines.push(`  ${a.target}: ${a.text}`);
  if (recordedUsd !== null && v.baseline.policy === 'as-recorded')
    lines.push(verdictMessages.recordedBeside(v.baseline.costUsd, recordedUsd));
  const chosen = v.baseline.costUsd - v.savingUsd;
  for (const n of report.notConfigurable.slice(0, 3))
    lines.push(verdictMessages.notConfigurable(n.policy, report.target, chosen - n.costUsd));
  return lines;
}

/** 1 − cost / baseline: positive is money saved against the baseline, the verdict's one sign convention. */
export function savedAgainst(costUsd: number, baselineUsd: number): number {
  return baselineUsd === 0 ? 0 : 1 - costUsd / baselineUsd;
}

/** +12.3% / -4.5%: a saving with its sign, as the tables of `run` and `replay` print it. */
export const signedPercent = (fraction: number): string => `${fraction >= 0 ? '+' : ''}${formatPercent(fraction)}`;

/**
 * The tables' `saves vs <baseline>` column (run, replay and tune in the terminal, the HTML table): its head
 * and cells, or null against a no-cache baseline, where it would repeat `vs no-cache`.
 */
export function savesColumn(baseline: {
  readonly policy: string;
  readonly costUsd: number;
}): { readonly head: string; readonly cell: (costUsd: number) => string } | null {
  if (baseline.policy === 'no-cache') return null;
  return {
    head: `saves vs ${baseline.policy}`,
    cell: (costUsd) => signedPercent(savedAgainst(costUsd, baseline.costUsd)),
  };
}
