// What the HTML report says above its charts, for `run` and `replay`: the run's facts, the decision in
// one sentence (with where the idle gaps fall against the 5-minute and 1-hour lines), and the charts.
import { windowText } from './replay-views.js';
import type { VerdictReport } from '../verdict/verdict.js';
import { verdictLines } from './verdict-text.js';
import type { ReplayResult } from '../replay/replay-logs.js';
import type { ReportPage } from './html.js';
import { replayMessages } from '../replay/messages.js';
import { policyCharts, type ChartVerdict } from './charts/policy-charts.js';
import { replayCharts } from './charts/replay-charts.js';
import { whatRanLines } from './what-ran.js';
import type { RunReport } from './json.js';
import { byCost } from '../metrics/summarise.js';
import { formatCount, formatDuration, formatPercent, formatUsd } from '../model/format.js';
import { gapShares, type GapShares } from '../metrics/histograms.js';
import { logMessages } from '../logs/messages.js';

/** "82% of idle gaps fall between 5 and 60 minutes": the region most gaps fall in. */
export function gapSentence(shares: GapShares | null): string {
  if (shares === null) return '';
  const regions: [number, string][] = [
    [shares.under5m, 'are under 5 minutes, where a sliding 5m entry never expires'],
    [shares.from5mTo1h, 'fall between 5 and 60 minutes, where only a 1h entry survives'],
    [shares.over1h, 'are over an hour, where both TTLs have expired'],
  ];
  const [share, where] = regions.sort((a, b) => b[0] - a[0])[0];
  return `${formatPercent(share)} of ${formatCount(shares.gaps)} idle gaps ${where}.`;
}

function refreshFacts(refresh: Readonly<Record<string, string>>): string {
  return Object.entries(refresh)
    .map(([label, mode]) => `${label} ${mode}`)
    .join(', ');
}

export function runReportPage(result: RunReport): ReportPage {
  const gaps = gapSentence(gapShares(result.policies[0]));
  const verdict = result.verdict;
  return {
    title: `ttlsim · ${result.scenario}`,
    facts: [
      { label: 'seed', value: String(result.seed) },
      { label: 'horizon', value: formatDuration(result.horizonMs) },
      { label: 'requests', value: formatCount(result.policies[0]?.requests ?? 0) },
      {
        label: 'prices',
        value: `${result.pricing.displayName} (${result.pricing.provider}, as of ${result.pricing.asOf})`,
      },
      { label: 'refresh', value: refreshFacts(result.pricing.refresh) },
    ],
    // The verdict (verdict/verdict.ts) in the terminal's words, as replay's header gives it.
    recommendation: [...verdictLines(result, null), gaps].filter((s) => s !== '').join('\n'),
    notes: result.description === '' ? [] : [result.description],
    policies: result.policies,
    verdict,
    charts: policyCharts(result.policies, undefined, verdict),
  };
}

export function replayReportPage(result: ReplayResult, verdictReport?: VerdictReport): ReportPage {
  const counterfactuals = result.policies.filter((p) => p.policy !== 'as-recorded');
  const best = byCost(counterfactuals)[0];
  const recorded = result.asRecorded?.costUsd.total;
  let decision = best === undefined ? '' : `${best.policy} is the cheapest policy: ${formatUsd(best.costUsd.total)}`;
  if (best !== undefined && recorded !== undefined && recorded > 0) {
    const delta = 1 - best.costUsd.total / recorded;
    decision +=
      delta > 0
        ? `, ${formatPercent(delta)} less than the ${formatUsd(recorded)} the logs were billed.`
        : `; what the logs ran (${formatUsd(recorded)}) was already as cheap.`;
  } else if (best !== undefined) decision += `, ${formatPercent(best.savingsVsNoCache)} less than no caching.`;
  const notes: string[] = [];
  if (result.asRecorded !== null && result.reconciliation !== null) {
    const r = result.reconciliation;
    notes.push(
      `As recorded: ${formatUsd(result.asRecorded.costUsd.total)} for ${formatCount(result.asRecorded.requests)} requests.`,
      ...whatRanLines(result.asRecorded.ttlMix),
      `Reconciliation: the simulation at the TTLs the requests used reproduces ${formatCount(r.agreeing)} of ${formatCount(r.requests)} requests (${formatPercent(r.agreement)}) and the cost within ${formatPercent(Math.abs(r.costDifference))}.`,
    );
  }
  if (result.problems.count > 0)
    notes.push(`${formatCount(result.problems.count)} log line(s) could not be used (listed in summary.json).`);
  const unpriced = result.problems.unpriced;
  if (unpriced.count > 0) notes.push(replayMessages.unpricedNote(unpriced.count, Object.keys(unpriced.byModel)));
  if (result.pricing.fiveMinuteOnly.length > 0)
    notes.push(replayMessages.fiveMinuteOnlyNote(result.pricing.fiveMinuteOnly));
  if (result.problems.duplicates > 0) notes.push(`${logMessages.duplicatesDropped(result.problems.duplicates)}.`);
  if (result.problems.outOfOrder > 0) notes.push(`${logMessages.outOfOrder(result.problems.outOfOrder)}.`);
  return {
    title: 'ttlsim · replay',
    facts: [
      { label: 'logs', value: `${formatCount(result.files)} file(s), ${(result.bytes / 1e6).toFixed(1)} MB` },
      {
        label: 'from',
        value: result.startIso.startsWith('1970-01-01')
          ? 'relative times'
          : `${result.startIso.slice(0, 16).replace('T', ' ')} UTC`,
      },
      { label: 'span', value: formatDuration(result.horizonMs) },
      // --since/--until: the window selected, not the logs' whole span (replay-views.ts).
      ...(windowText(result) === undefined ? [] : [{ label: 'window', value: windowText(result)! }]),
      {
        label: 'prices',
        value: `${replayMessages.pricedBy(result.pricing.provider, result.pricing.providerFrom)}, as of ${result.pricing.asOf}`,
      },
      { label: 'refresh', value: '5m sliding, 1h fixed (1h-sliding shown too)' },
    ],
    // The verdict (verdict/verdict.ts) when the command drew one: the same words as the terminal's.
    recommendation: [
      verdictReport === undefined
        ? decision
        : verdictLines(verdictReport, result.asRecorded?.costUsd.total ?? null).join('\n'),
      gapSentence(gapShares(result.policies[0])),
    ]
      .filter((s) => s !== '')
      .join('\n'),
    notes,
    policies: result.policies,
    verdict: verdictReport?.verdict ?? asRecordedVerdict(result),
    // Dated logs get date axes; a Mooncake trace's times are relative (its start reads as 1970).
    charts: [
      ...policyCharts(
        result.policies,
        result.startIso.startsWith('1970-01-01') ? undefined : Date.parse(result.startIso),
        verdictReport?.verdict ?? asRecordedVerdict(result),
      ),
      ...replayCharts(result, verdictReport?.verdict ?? asRecordedVerdict(result)),
    ],
  };
}

/** Without a verdict, a replay compares against what ran (as-recorded) and highlights the cheapest counterfactual. */
function asRecordedVerdict(result: ReplayResult): ChartVerdict | undefined {
  const recorded = result.policies.find((p) => p.policy === 'as-recorded');
  const best = byCost(result.policies.filter((p) => p.policy !== 'as-recorded'))[0];
  if (recorded === undefined || best === undefined) return undefined;
  return { policy: best.policy, baseline: { policy: recorded.policy, costUsd: recorded.costUsd.total } };
}
