// verdict/ (layer 9): every user-facing text of a verdict, as functions worded once (tests assert against
// the same functions). Money saved is positive; the baseline is what the user runs now.
import { formatCount, formatUsd } from '../model/format.js';

const pct = (value: number): string => `${value.toFixed(1)}%`;
const targetName: Record<string, string> = {
  'claude-code': 'Claude Code',
  api: 'the Anthropic API',
  bedrock: 'Bedrock',
  vertex: 'Vertex AI',
};

export const verdictMessages = {
  change: (policy: string, baseline: string, savingUsd: number, savingPct: number, ci: readonly [number, number]) =>
    `Change to ${policy}: it saves ${formatUsd(savingUsd)} (${pct(savingPct)}) against ${baseline}, 95% interval ${pct(ci[0])} to ${pct(ci[1])}.`,
  keepBest: (baseline: string) => `Keep ${baseline}: no policy this target can run costs less.`,
  keepNoise: (baseline: string, policy: string, ci: readonly [number, number], minPct: number) =>
    `Keep ${baseline}: ${policy} would save at most ${pct(ci[1])} (95% interval ${pct(ci[0])} to ${pct(ci[1])}), under the ${pct(minPct)} worth changing for.`,
  fewSessions: (sessions: number, min: number) =>
    `Undecided: only ${formatCount(sessions)} session${sessions === 1 ? '' : 's'}, fewer than the ${formatCount(min)} needed to decide.`,
  fewGaps: (gaps: number, band: string, min: number) =>
    `Undecided: only ${formatCount(gaps)} idle gaps of ${band}, the band that decides, fewer than ${formatCount(min)}.`,
  noInterval: () => 'Undecided: fewer than two sessions, so no interval on the saving.',
  intervalIncludesZero: (policy: string, ci: readonly [number, number]) =>
    `Undecided: ${policy}'s saving has a 95% interval of ${pct(ci[0])} to ${pct(ci[1])}, which includes no saving.`,
  bestWouldBe: (policy: string, savingUsd: number, savingPct: number) =>
    `The cheapest policy it can run is ${policy} (${formatUsd(savingUsd)}, ${pct(savingPct)}).`,
  notConfigurable: (policy: string, target: string, savingUsd: number) =>
    `${policy} would save ${formatUsd(savingUsd)} more, but is not configurable in ${targetName[target] ?? target}.`,
  recordedBeside: (baselineUsd: number, recordedUsd: number) =>
    `Baseline simulated at ${formatUsd(baselineUsd)}; the logs billed ${formatUsd(recordedUsd)} (see the reconciliation).`,
  // The action lines (actions.ts).
  keepLine: (policy: string, text: string) => `keep ${policy}: ${text}`,
  tryLine: (policy: string, text: string) => `to try ${policy}: ${text}`,
  noSingleSetting: (share1h: Readonly<Record<string, number>>, policy: string) =>
    `the logs ran no single setting (${Object.entries(share1h)
      .map(
        ([kind, share]) => `${kind === 'main' ? 'main conversation' : `${kind}s`} ${pct(100 * share)} of writes at 1h`,
      )
      .join(', ')}); the setting that pins the majority is ${policy}`,
  changeNothing: () => 'change nothing; the TTLs the logs used cost no more than any the target can be set to',
  beforeVersion: (from: string, version: string, env: string) =>
    `${env} (the environment form, for Claude Code ${from} up to before ${version})`,
  sameSettingsEnv: (env: string, version: string) =>
    `${env} (the same settings as environment variables, for Claude Code ${version} and later)`,
  noOlderEnv: (env: string) =>
    `no environment form gives subagents 1h: ${env}=1 sets only the main conversation to 1h, subagents stay 5m`,
  disableAll: (env: string, perFamily: readonly string[]) =>
    `${env} (every model; ${perFamily.map((name) => `${name}=1`).join(', ')} turn caching off for one model family)`,
  noCacheControl: (target: string) => `send no cache_control blocks to ${targetName[target] ?? target}`,
  everyBreakpoint: (target: string, fragment: string) =>
    `every cache breakpoint of the request to ${targetName[target] ?? target}: ${fragment}`,
  onBreakpoint: (target: string, role: string, fragment: string | null) =>
    fragment === null
      ? `the ${role} breakpoint of the request to ${targetName[target] ?? target}: no cache_control`
      : `the ${role} breakpoint of the request to ${targetName[target] ?? target}: ${fragment}`,
} as const;
