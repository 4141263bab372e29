// report/ (layer 11): the answer of `ttlsim estimate` (estimate/) as a terminal table with the sentences
// around it, or as JSON.
import type { PriceProfile } from '../pricing/profile.js';
import type { Estimate } from '../estimate/closed-form.js';
import type { EstimateRun } from '../estimate/gap-input.js';
import { estimateMessages } from '../estimate/messages.js';
import { formatPercent, formatUsd } from '../model/format.js';
import { compactTable } from './comparison.js';

const { showIntervals } = estimateMessages;

/** The JSON of `ttlsim estimate --json` (infinite gaps as null). */
export function estimateJson(run: EstimateRun): string {
  const { gap, prefixTokens, suffixTokens, outputTokens, profile, result } = run;
  return `${JSON.stringify({ gap, prefixTokens, suffixTokens, outputTokens, provider: profile.provider, model: profile.model, asOf: profile.asOf, ...result }, (_key, value: unknown) => (value === Infinity ? null : value), 2)}\n`;
}

export function formatEstimate(
  gapText: string,
  result: Estimate,
  profile: PriceProfile,
  prefix: number,
  suffix: number,
  output: number,
): string {
  const lines = [
    estimateMessages.header(gapText, result.meanGapMs, prefix, suffix, output),
    estimateMessages.prices(profile),
  ];
  if (!result.cacheable) lines.push(estimateMessages.notCacheable(prefix, profile.minCacheableTokens));
  const table = compactTable(
    ['tier', 'hit prob', 'cost/request', 'vs no-cache', 'beats no cache if every gap is'],
    ['left', 'right', 'right', 'right', 'left'],
  );
  for (const t of result.tiers) {
    table.push([
      t.label,
      formatPercent(t.hitProbability),
      formatUsd(t.costPerRequestUsd),
      formatPercent(t.savingVsNoCache),
      t.tier === 'none' ? '' : showIntervals(t.beatsNoCacheGapsMs),
    ]);
  }
  lines.push(table.toString());
  const sorted = [...result.tiers].sort((a, b) => a.costPerRequestUsd - b.costPerRequestUsd);
  const best = sorted.find((t) => t.label === result.cheapest) ?? sorted[0];
  const runnerUp = sorted.find((t) => t !== best);
  lines.push(
    estimateMessages.cheapest(
      best.label,
      best.costPerRequestUsd,
      best.savingVsNoCache,
      runnerUp?.label,
      runnerUp === undefined || runnerUp.costPerRequestUsd === 0
        ? 0
        : 1 - best.costPerRequestUsd / runnerUp.costPerRequestUsd,
    ),
  );
  if (result.cacheable && result.tiers.some((t) => t.tier === '1h'))
    lines.push(
      estimateMessages.oneHourBeats(
        result.oneHourBeatsFiveMinutesGapsMs.sliding,
        result.oneHourBeatsFiveMinutesGapsMs.fixed,
      ),
    );
  return `${lines.join('\n')}\n`;
}
