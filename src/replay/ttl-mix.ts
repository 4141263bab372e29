// replay/ (layer 9): what the logs ran, said plainly: the share of 5m and 1h cache writes by thread kind
// (main, subagent, compaction) and per Claude Code version, and which known Claude Code setup that
// matches (known-ttl-setups.ts). The as-recorded policy replays these TTLs request by request; this is
// the summary a user reads to know what "as recorded" was before changing anything.
import type { Request } from '../model/request.js';
import { isRecorded } from '../logs/usage-chain.js';
import { round } from '../metrics/summarise.js';
import { KNOWN_TTL_SETUPS, type KnownTtlSetup, type SetupTtl } from './known-ttl-setups.js';

/** What one thread kind (or one version's thread kind) wrote. */
export interface TtlShare {
  /** Requests of this kind (whether they wrote or not). */
  readonly requests: number;
  /** Requests that wrote mostly at 5m / at 1h (the TTL the as-recorded policy gives them). */
  readonly writing5m: number;
  readonly writing1h: number;
  readonly writeTokens5m: number;
  readonly writeTokens1h: number;
  /** 1h write tokens / all write tokens; null when nothing was written. */
  readonly share1h: number | null;
  /** The TTL the kind ran: one of them (at least SETTLED of the write tokens), `mixed`, or `none` written. */
  readonly ttl: SetupTtl | 'mixed' | 'none';
  /**
   * Sessions whose writes of this kind ran 5m, 1h or a mix (by the same SETTLED rule): a mixed kind whose
   * sessions each ran one TTL had its setting changed between sessions; mixed sessions, within them.
   */
  readonly sessions: { readonly '5m': number; readonly '1h': number; readonly mixed: number };
}

/** The known setup a mix matches: its id and wording, with the source it comes from. */
export interface SetupMatch {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly isDefault: boolean;
  readonly sourceUrl: string;
  readonly asOf: string;
}

export interface VersionMix {
  /** Claude Code version as logged; '' when the log names none (Bedrock, older exports). */
  readonly version: string;
  readonly requests: number;
  readonly firstIso: string;
  readonly lastIso: string;
  readonly byThreadKind: Readonly<Record<string, TtlShare>>;
  /** The known setup this version's writes match, or null (mixed, or nothing known fits). */
  readonly matches: SetupMatch | null;
}

export interface TtlMix {
  /** Every recorded request, by thread kind (main, subagent, compaction, …), in that order. */
  readonly byThreadKind: Readonly<Record<string, TtlShare>>;
  /** The same per client version, oldest version first. */
  readonly byVersion: readonly VersionMix[];
  /**
   * The known setup the whole replay matches, or null: it ran several (a default changed between
   * versions, a setting was changed) or none that is known. The versions then say which ran when.
   */
  readonly matches: SetupMatch | null;
}

/**
 * The share of a kind's write tokens at one TTL above which it "ran" that TTL. Not 1: a log may show a
 * stray write at the other TTL (a request whose `cache_creation` split is rounded, a forked subagent
 * writing at its parent's TTL) without the setting being different.
 */
export const SETTLED = 0.95;

const KIND_ORDER = ['main', 'subagent', 'compaction', 'key', 'batch'];

interface Counts {
  /** Write tokens [5m, 1h] per session. */
  sessions: Map<string, [number, number]>;
  requests: number;
  writing5m: number;
  writing1h: number;
  writeTokens5m: number;
  writeTokens1h: number;
}

interface VersionCounts {
  kinds: Map<string, Counts>;
  requests: number;
  firstMs: number;
  lastMs: number;
}

const emptyCounts = (): Counts => ({
  sessions: new Map(),
  requests: 0,
  writing5m: 0,
  writing1h: 0,
  writeTokens5m: 0,
  writeTokens1h: 0,
});

/** Sees every replayed request once (replay-logs.ts, on arrival) and sums what each one wrote. */
export class TtlMixTally {
  private readonly kinds = new Map<string, Counts>();
  private readonly versions = new Map<string, VersionCounts>();

  add(request: Request): void {
    if (!isRecorded(request)) return;
    const version = request.version ?? '';
    let byVersion = this.versions.get(version);
    if (byVersion === undefined)
      this.versions.set(version, (byVersion = { kinds: new Map(), requests: 0, firstMs: Infinity, lastMs: -Infinity }));
    byVersion.requests++;
    byVersion.firstMs = Math.min(byVersion.firstMs, request.startEpochMs);
    byVersion.lastMs = Math.max(byVersion.lastMs, request.startEpochMs);
    const usage = request.recorded;
    for (const into of [counts(this.kinds, request.threadKind), counts(byVersion.kinds, request.threadKind)]) {
      into.requests++;
      into.writeTokens5m += usage.cacheWrite5m;
      into.writeTokens1h += usage.cacheWrite1h;
      let session = into.sessions.get(request.sessionId);
      if (session === undefined) into.sessions.set(request.sessionId, (session = [0, 0]));
      session[0] += usage.cacheWrite5m;
      session[1] += usage.cacheWrite1h;
      if (usage.cacheWrite5m + usage.cacheWrite1h > 0) {
        if (usage.cacheWrite1h > usage.cacheWrite5m) into.writing1h++;
        else into.writing5m++;
      }
    }
  }

  /** The mix (empty where no request recorded its usage: CSV, Mooncake logs say nothing of what ran). */
  result(): TtlMix {
    const byThreadKind = shares(this.kinds);
    const byVersion = [...this.versions]
      .sort(([a], [b]) => compareVersions(a, b))
      .map(([version, v]): VersionMix => {
        const kinds = shares(v.kinds);
        return {
          version,
          requests: v.requests,
          firstIso: new Date(v.firstMs).toISOString(),
          lastIso: new Date(v.lastMs).toISOString(),
          byThreadKind: kinds,
          matches: version === '' ? null : matchSetup(kinds, version, v.lastMs),
        };
      });
    // The whole replay matches a setup only when every version that names itself ran that same one.
    const named = byVersion.filter((v) => v.version !== '');
    const ids = new Set(named.map((v) => v.matches?.id ?? null));
    const matches = named.length > 0 && ids.size === 1 && !ids.has(null) ? named[0].matches : null;
    return { byThreadKind, byVersion, matches };
  }
}

function counts(map: Map<string, Counts>, kind: string): Counts {
  let found = map.get(kind);
  if (found === undefined) map.set(kind, (found = emptyCounts()));
  return found;
}

function shares(map: Map<string, Counts>): Record<string, TtlShare> {
  const rank = (kind: string) => {
    const i = KIND_ORDER.indexOf(kind);
    return i < 0 ? KIND_ORDER.length : i;
  };
  const kinds = [...map.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(kinds.map((kind) => [kind, share(map.get(kind)!)]));
}

function share(c: Counts): TtlShare {
  const share1h = shareOf1h(c.writeTokens5m, c.writeTokens1h);
  const sessions = { '5m': 0, '1h': 0, mixed: 0 };
  for (const [w5m, w1h] of c.sessions.values()) {
    const ttl = ttlOf(shareOf1h(w5m, w1h));
    if (ttl !== 'none') sessions[ttl]++;
  }
  return {
    requests: c.requests,
    writing5m: c.writing5m,
    writing1h: c.writing1h,
    writeTokens5m: c.writeTokens5m,
    writeTokens1h: c.writeTokens1h,
    share1h: share1h === null ? null : round(share1h),
    ttl: ttlOf(share1h),
    sessions,
  };
}

const shareOf1h = (w5m: number, w1h: number): number | null => (w5m + w1h === 0 ? null : w1h / (w5m + w1h));

function ttlOf(share1h: number | null): TtlShare['ttl'] {
  return share1h === null ? 'none' : share1h >= SETTLED ? '1h' : 1 - share1h >= SETTLED ? '5m' : 'mixed';
}

/**
 * The known setup whose main and subagent TTLs the mix shows. A kind that wrote nothing agrees with
 * any setup; compaction calls are not matched (no source says which TTL Claude Code gives them). A setup
 * introduced in a later version than the one logged, or gone before its last request, cannot have run.
 */
export function matchSetup(
  byThreadKind: Readonly<Record<string, TtlShare>>,
  version: string,
  lastMs: number,
  setups: readonly KnownTtlSetup[] = KNOWN_TTL_SETUPS,
): SetupMatch | null {
  const fits = (kind: 'main' | 'subagent', ttl: SetupTtl) => {
    const seen = byThreadKind[kind]?.ttl ?? 'none';
    return seen === 'none' || seen === ttl;
  };
  const wrote = ['main', 'subagent'].some((k) => (byThreadKind[k]?.ttl ?? 'none') !== 'none');
  if (!wrote) return null;
  for (const setup of setups) {
    if (setup.sinceVersion !== '' && compareVersions(version, setup.sinceVersion) < 0) continue;
    if (setup.beforeDate !== '' && lastMs >= Date.parse(setup.beforeDate)) continue;
    if (fits('main', setup.main) && fits('subagent', setup.subagent))
      return {
        id: setup.id,
        label: setup.label,
        description: setup.description,
        isDefault: setup.isDefault,
        sourceUrl: setup.sourceUrl,
        asOf: setup.asOf,
      };
  }
  return null;
}

/** Dotted versions by their numbers (`2.1.9` before `2.1.38`); '' (unknown) last; ties by text. */
export function compareVersions(a: string, b: string): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1;
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = Number(pa[i] ?? 0);
    const y = Number(pb[i] ?? 0);
    if (Number.isFinite(x) && Number.isFinite(y) && x !== y) return x - y;
    if (!(Number.isFinite(x) && Number.isFinite(y)) && pa[i] !== pb[i]) return (pa[i] ?? '') < (pb[i] ?? '') ? -1 : 1;
  }
  return 0;
}
