// What the logs ran, in words (replay/ttl-mix.ts): one line for the whole replay and one per Claude Code
// version when there are several, shared by the terminal (replay-report.ts) and the HTML header
// (report-page.ts) so the two never say different things.
import type { TtlMix, TtlShare } from '../replay/ttl-mix.js';
import { replayMessages } from '../replay/messages.js';
import { formatPercent } from '../model/format.js';

/** Versions listed at most (newest kept): a home with months of logs may hold dozens. */
export const SHOWN_VERSIONS = 8;

export function whatRanLines(mix: TtlMix): string[] {
  const kinds = kindParts(mix.byThreadKind);
  if (kinds.length === 0) return [];
  const named = mix.byVersion.filter((v) => v.version !== '');
  const setup =
    mix.matches !== null
      ? replayMessages.matchesSetup(
          mix.matches.description,
          mix.matches.isDefault,
          mix.matches.sourceUrl,
          mix.matches.asOf,
        )
      : named.length > 1 && named.some((v) => v.matches !== null)
        ? replayMessages.setupChanged()
        : named.length === 0
          ? ''
          : Object.values(mix.byThreadKind).every((k) => k.ttl === 'none')
            ? replayMessages.nothingWritten()
            : replayMessages.noKnownSetup();
  const lines = [replayMessages.whatRan(kinds, setup)];
  if (mix.byVersion.length > 1)
    for (const v of mix.byVersion.slice(-SHOWN_VERSIONS))
      lines.push(
        replayMessages.versionRan(
          v.version,
          v.firstIso.slice(0, 10),
          v.lastIso.slice(0, 10),
          v.requests,
          kindParts(v.byThreadKind),
          v.matches !== null
            ? replayMessages.matchesShort(v.matches.label)
            : Object.values(v.byThreadKind).every((k) => k.ttl === 'none')
              ? replayMessages.nothingWritten()
              : replayMessages.noKnownSetup(),
        ),
      );
  return lines;
}

function kindParts(byThreadKind: Readonly<Record<string, TtlShare>>): string[] {
  return Object.entries(byThreadKind).map(([kind, s]) =>
    replayMessages.kindRan(
      kind,
      s.ttl,
      formatPercent(s.ttl === '5m' ? 1 - (s.share1h ?? 0) : (s.share1h ?? 0)),
      s.requests,
      s.ttl === 'mixed' ? replayMessages.sessionsRan(s.sessions['5m'], s.sessions['1h'], s.sessions.mixed) : '',
    ),
  );
}
