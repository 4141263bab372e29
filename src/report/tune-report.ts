// The readable answer of `ttlsim tune`: every policy evaluated, cheapest first, then the decision with
// its saving, interval, regret against the oracle and reason.
import type { TuneResult } from '../tune/tune.js';
import type { ReportPage } from './html.js';
import { byCost, type PolicySummary } from '../metrics/summarise.js';
import { compactTable } from './comparison.js';
import { formatCount, formatDuration, formatPercent, formatUsd } from '../model/format.js';
import { policyCharts } from './charts/policy-charts.js';
import { tuneChart } from './charts/tune-charts.js';
import { savesColumn, verdictLines } from './verdict-text.js';
import { replayMessages } from '../replay/messages.js';
import type { ReplayResult } from '../replay/replay-logs.js';
import type { ScenarioResult } from '../run/run-scenario.js';

/** The prices of tuned logs (replay-logs.ts); undefined for a scenario, whose pricing its file names. */
const logPricing = (result: TuneResult): ReplayResult['pricing'] | undefined =>
  'asRecorded' in result.run ? result.run.pricing : undefined;

/** Whose prices the tune used, in the words of the run's and the replay's report headers. */
function pricesFact(result: TuneResult): string {
  const pricing = logPricing(result);
  if (pricing !== undefined)
    return `${replayMessages.pricedBy(pricing.provider, pricing.providerFrom)}, as of ${pricing.asOf}`;
  const scenario = (result.run as ScenarioResult).pricing;
  return `${scenario.displayName} (${scenario.provider}, as of ${scenario.asOf})`;
}

/** The decision as sentences (the terminal, the HTML header and the JSON's reason share them). */
export function decisionText(result: TuneResult, withVerdict = true): string {
  const r = result.recommendation;
  // The verdict first (verdict/verdict.ts, the same as replay's); then what tune adds around it.
  const recorded = 'asRecorded' in result.run ? (result.run.asRecorded?.costUsd.total ?? null) : null;
  // In the HTML each verdict line keeps its own line (html.ts); the JSON's reason is the verdict's own.
  const parts = withVerdict ? [verdictLines(result, recorded).join('\n') + '\n'] : [];
  parts.push(`Tune's own reading (${r.policy}, any policy in the space):`);
  const regret = r.regretVsOracle;
  const vsOracle =
    regret === null
      ? ''
      : regret >= 0
        ? `, and costs ${formatPercent(regret)} more than the offline optimum`
        : `, and costs ${formatPercent(-regret)} less than the per-thread oracle`;
  parts.push(`${formatPercent(r.savingsVsNoCache)} against no cache${vsOracle}.`);
  parts.push(r.reason);
  const oracle = result.policies.find((p) => p.policy === 'oracle');
  const beating =
    oracle === undefined
      ? 0
      : result.policies.filter((p) => p.policy !== 'oracle' && p.costUsd.total < oracle.costUsd.total).length;
  if (beating > 0)
    parts.push(
      `The oracle optimises each thread on its own and does not see prefixes shared across threads: ${beating} polic${beating === 1 ? 'y costs' : 'ies cost'} less than it here, so its regret figures are a yardstick, not a bound.`,
    );
  if (r.ifOneHourSlides !== null)
    parts.push(
      `With 1h entries sliding on reads, ${r.ifOneHourSlides.policy} would be cheapest (${formatUsd(r.ifOneHourSlides.costUsd)}): the answer depends on the 1h semantics.`,
    );
  return parts.join(' ').replace(/, (\d)/, ', $1');
}

export function formatTune(result: TuneResult): string {
  const oracle = result.policies.find((p) => p.policy === 'oracle');
  // One sign convention with replay and run: positive is money saved against the verdict's baseline.
  // Against no-cache the column would repeat `vs no-cache` (run's table leaves it out too).
  const saves = savesColumn(result.verdict.baseline);
  const head = [
    'policy',
    'total',
    ...(saves === null ? [] : [saves.head]),
    'vs no-cache',
    ...(oracle === undefined ? [] : ['regret']),
    'hit rate',
    'token hit',
    'pings',
  ];
  const table = compactTable(head);
  for (const p of byCost(result.policies)) {
    table.push([
      p.policy === result.verdict.policy ? `${p.policy} ◀` : p.policy,
      formatUsd(p.costUsd.total),
      ...(saves === null ? [] : [saves.cell(p.costUsd.total)]),
      formatPercent(p.savingsVsNoCache),
      ...(oracle === undefined
        ? []
        : [oracle.costUsd.total === 0 ? '' : formatPercent(p.costUsd.total / oracle.costUsd.total - 1)]),
      formatPercent(p.hitRate),
      formatPercent(p.tokenHitRate),
      formatCount(p.keepalivePings),
    ]);
  }
  const header = `Tune ${result.scenario} (${result.source}) · seed ${result.seed} · horizon ${formatDuration(result.horizonMs)} · ${formatCount(result.policies[0]?.requests ?? 0)} requests · ${result.policies.length} policies evaluated`;
  const recorded = 'asRecorded' in result.run ? (result.run.asRecorded?.costUsd.total ?? null) : null;
  const pricing = logPricing(result);
  const prices =
    pricing === undefined
      ? ''
      : `Prices: ${replayMessages.pricedBy(pricing.provider, pricing.providerFrom)}, as of ${pricing.asOf}\n`;
  return `${header}\n${prices}${table.toString()}\n${verdictLines(result, recorded).join('\n')}\n${decisionText(result, false)}\n`;
}

export function tunePage(result: TuneResult): ReportPage {
  const policies: readonly PolicySummary[] = result.policies;
  return {
    title: `ttlsim · tune ${result.scenario}`,
    facts: [
      { label: 'source', value: result.source },
      { label: 'seed', value: String(result.seed) },
      { label: 'horizon', value: formatDuration(result.horizonMs) },
      { label: 'policies evaluated', value: String(policies.length) },
      { label: 'prices', value: pricesFact(result) },
    ],
    recommendation: decisionText(result),
    notes: [],
    // The oracle stays in the table as a yardstick row; the charts of policies leave it out.
    policies,
    verdict: result.verdict,
    charts: [
      tuneChart(policies, result.verdict),
      ...policyCharts(
        policies.filter((p) => p.policy !== 'oracle'),
        'startIso' in result.run && !result.run.startIso.startsWith('1970-01-01')
          ? Date.parse(result.run.startIso)
          : undefined,
        result.verdict,
      ),
    ],
  };
}

export function tuneJson(result: TuneResult): string {
  // The run's full summaries are in `policies` already; the JSON leaves the raw run out.
  // For logs, the replay's `pricing` (which provider priced them and why) is kept: an additive field.
  return `${JSON.stringify({ ...result, pricing: logPricing(result), run: undefined }, null, 2)}\n`;
}
