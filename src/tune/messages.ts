// tune/ (layer 10): every user-facing text of the tuning, as functions worded once (the recommendation's
// reason; tests assert against the same functions).
import { formatPercent } from '../model/format.js';
import type { GapShares } from '../metrics/histograms.js';

const gapsOf = (shares: GapShares): string => shares.gaps.toLocaleString('en-US');

export const tuneMessages = {
  gapsOverHour: (shares: GapShares) =>
    `${formatPercent(shares.over1h)} of ${gapsOf(shares)} idle gaps are over an hour, where both TTLs have expired and every write is wasted.`,
  gapsBetween5mAnd1h: (shares: GapShares) =>
    `${formatPercent(shares.from5mTo1h)} of ${gapsOf(shares)} idle gaps fall between 5 and 60 minutes, where only 1h hits (${formatPercent(shares.under5m)} are under 5 minutes, ${formatPercent(shares.over1h)} over an hour).`,
  gapsUnder5m: (shares: GapShares) =>
    `${formatPercent(shares.under5m)} of ${gapsOf(shares)} idle gaps are under 5 minutes, where a sliding 5m entry never expires and its cheaper write wins.`,
  alreadyCheapest: (current: string, reason: string) =>
    `${current}, the current policy, is already the cheapest. ${reason}`,
  beyondTtlPolicies: (policy: string, saving: number) =>
    `Beyond TTL policies, ${policy} costs ${formatPercent(saving)} less still.`,
  tooFewSessions: (units: number) => `Only ${units} sessions: too few to decide.`,
  intervalIncludesNoSaving: (low: number, high: number) =>
    `The 95% interval of the saving (${formatPercent(low)} to ${formatPercent(high)}) includes no saving: the data do not decide between them.`,
} as const;
