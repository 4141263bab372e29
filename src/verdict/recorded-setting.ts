// verdict/ (layer 9): the setting the logs ran, as a candidate the target can be configured to run, so
// that `keep` names it (docs/verdict.md). The as-recorded baseline has no policy of its own: what it ran is
// the write mix by thread kind (replay/ttl-mix.ts). A kind settled on one TTL gives that TTL; a kind that
// wrote nothing takes the other kind's; a mixed kind takes its majority, and the setting is then marked
// inexact so that the keep line can say the logs ran no single setting.
import type { PolicySpec } from '../model/policy.js';
import { LOG_ROLES, targetCandidates, type Target } from './targets.js';

/**
 * What a thread kind wrote, as replay/ttl-mix.ts's TtlShare has it (a sibling layer: the shape is restated,
 * and a TtlMix is one of these).
 */
export interface TtlShare {
  readonly writeTokens5m: number;
  readonly writeTokens1h: number;
  readonly share1h: number | null;
  readonly ttl: '5m' | '1h' | 'mixed' | 'none';
}
export interface RecordedMix {
  readonly byThreadKind: Readonly<Record<string, TtlShare>>;
}

export interface RecordedSetting {
  /** The candidate reproducing what the logs ran, or pinning its majority. */
  readonly spec: PolicySpec;
  /** False when a kind ran both TTLs, or the target cannot set the kinds apart: the spec pins a majority. */
  readonly exact: boolean;
  /** The 1h share of write tokens by thread kind (main, subagent), for the words when inexact. */
  readonly share1h: Readonly<Record<string, number>>;
}

type Ttl = '5m' | '1h';

const majority = (share: TtlShare): Ttl => ((share.share1h ?? 0) >= 0.5 ? '1h' : '5m');
const settled = (share: TtlShare | undefined): Ttl | null =>
  share === undefined || share.ttl === 'none' || share.ttl === 'mixed' ? null : share.ttl;
const wrote = (share: TtlShare | undefined): share is TtlShare => share !== undefined && share.ttl !== 'none';

/** What the logs ran, as one of `target`'s candidates; null when neither main nor subagents wrote. */
export function recordedSetting(mix: RecordedMix, target: Target): RecordedSetting | null {
  const main = mix.byThreadKind.main;
  const subagent = mix.byThreadKind.subagent;
  if (!wrote(main) && !wrote(subagent)) return null;
  const share1h: Record<string, number> = {};
  if (wrote(main)) share1h.main = main.share1h ?? 0;
  if (wrote(subagent)) share1h.subagent = subagent.share1h ?? 0;
  const mainTtl = wrote(main) ? majority(main) : majority(subagent);
  const subagentTtl = wrote(subagent) ? majority(subagent) : mainTtl;
  const exact = (!wrote(main) || settled(main) !== null) && (!wrote(subagent) || settled(subagent) !== null);
  const candidates = targetCandidates(target, LOG_ROLES);
  const name = mainTtl === subagentTtl ? mainTtl : `${mainTtl} · subagents ${subagentTtl}`;
  const found = candidates.find((p) => p.name === name);
  if (found !== undefined) return { spec: found, exact, share1h };
  // The API, Bedrock and Vertex set TTLs per breakpoint, not per thread kind: the majority of all writes.
  const w5m = (main?.writeTokens5m ?? 0) + (subagent?.writeTokens5m ?? 0);
  const w1h = (main?.writeTokens1h ?? 0) + (subagent?.writeTokens1h ?? 0);
  const overall: Ttl = w1h >= w5m ? '1h' : '5m';
  return { spec: candidates.find((p) => p.name === overall)!, exact: false, share1h };
}
