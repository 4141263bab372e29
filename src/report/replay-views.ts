// report/ (layer 11): `ttlsim replay --by day|week|month|session|project|model`, the tables a Claude Code
// user knows from ccusage: one row per key, what the logs were billed (recorded), what the simulation of
// their own TTLs gives (as-recorded) and every counterfactual, and a total row that is the sum of the
// rows, so the table adds up to the policy totals above it (to the cent).
import type { ReplayResult } from '../replay/replay-logs.js';
import { VIEWS, type BreakdownRow, type View } from '../replay/breakdowns.js';
import { decodeProject } from '../replay/project-path.js';
import { LocalCalendar } from '../replay/time-window.js';
import { replayMessages } from '../replay/messages.js';
import { formatCount, formatUsd } from '../model/format.js';
import { compactTable } from './comparison.js';

/** A view's rows with their shown key (a project folder decoded to its path) and the total row. */
export function viewRows(result: ReplayResult, view: View): { rows: BreakdownRow[]; total: BreakdownRow } {
  const rows = result.breakdowns[VIEWS[view]].map((row) =>
    view === 'project' ? { ...row, key: result.projectPaths?.[row.key] ?? decodeProject(row.key) } : row,
  );
  const costUsd: Record<string, number> = {};
  for (const p of result.policies) costUsd[p.policy] = sum(rows.map((r) => r.costUsd[p.policy] ?? 0));
  const recorded = result.asRecorded === null ? null : sum(rows.map((r) => r.asRecordedUsd ?? 0));
  const total = { key: 'total', requests: sum(rows.map((r) => r.requests)), asRecordedUsd: recorded, costUsd };
  return { rows, total };
}

/** The terminal table of `--by <view>`. */
export function viewTable(result: ReplayResult, view: View): string {
  const names = result.policies.map((p) => p.policy);
  const recorded = result.asRecorded !== null;
  const head = [view, 'requests', ...(recorded ? ['recorded'] : []), ...names];
  const table = compactTable(head);
  const { rows, total } = viewRows(result, view);
  for (const row of [...rows, total])
    table.push([
      row.key === '' ? '(none)' : row.key,
      formatCount(row.requests),
      ...(recorded ? [formatUsd(row.asRecordedUsd ?? 0)] : []),
      ...names.map((n) => formatUsd(row.costUsd[n] ?? 0)),
    ]);
  return `Cost by ${view} (${result.window.timeZone} calendar):\n${table.toString()}`;
}

/** Sums in cents' millionths, so that adding 200 rows does not drift (rows are rounded to 1e-6 USD). */
function sum(values: readonly number[]): number {
  return Math.round(values.reduce((s, v) => s + Math.round(v * 1e6), 0)) / 1e6;
}

/**
 * The window --since/--until selected, in its zone's wall-clock time, and the first and last request in
 * it; undefined when the flags were not given (the replay covers the logs' whole span).
 */
export function windowText(result: ReplayResult): string | undefined {
  const w = result.window;
  if (w.sinceIso === null && w.untilIso === null) return undefined;
  const calendar = new LocalCalendar(w.timeZone);
  const local = (iso: string | null, open: string) => (iso === null ? open : calendar.wallClock(Date.parse(iso)));
  return replayMessages.windowSpan(
    local(w.sinceIso, 'the first log'),
    local(w.untilIso, 'the last'),
    local(w.firstRequestIso, ''),
    local(w.lastRequestIso, ''),
    w.timeZone,
  );
}
