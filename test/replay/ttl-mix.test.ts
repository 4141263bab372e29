// What the logs ran (src/replay/ttl-mix.ts): the 5m/1h write shares by thread kind and version, the known
// Claude Code setup they match (src/replay/known-ttl-setups.ts), and, on the real sessions, shares that
// add up to the recorded write tokens.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { TtlMixTally, compareVersions, SETTLED } from '../../src/replay/ttl-mix.js';
import { replayLogs } from '../../src/replay/replay-logs.js';
import type { RecordedRequest } from '../../src/logs/usage-chain.js';
import type { ThreadKind } from '../../src/model/request.js';
import { KNOWN_TTL_SETUPS } from '../../src/replay/known-ttl-setups.js';
import { replayMessages } from '../../src/replay/messages.js';
import { whatRanLines } from '../../src/report/what-ran.js';

/** A recorded request with only what the tally reads. */
function call(
  kind: ThreadKind,
  write5m: number,
  write1h: number,
  version = '2.1.250',
  at = '2026-09-01T10:00:00Z',
  sessionId = 's1',
): RecordedRequest {
  return {
    threadKind: kind,
    sessionId,
    version,
    startEpochMs: Date.parse(at),
    recorded: { input: 1, cacheRead: 100, cacheWrite5m: write5m, cacheWrite1h: write1h, output: 1 },
  } as unknown as RecordedRequest;
}

const mixOf = (...calls: RecordedRequest[]) => {
  const tally = new TtlMixTally();
  for (const c of calls) tally.add(c);
  return tally.result();
};

describe('TtlMixTally', () => {
  it('sums write tokens and writing requests by thread kind, main first', () => {
    const mix = mixOf(call('subagent', 500, 0), call('main', 0, 2000), call('main', 0, 0), call('compaction', 300, 0));
    expect(Object.keys(mix.byThreadKind)).toEqual(['main', 'subagent', 'compaction']);
    expect(mix.byThreadKind.main).toEqual({
      requests: 2,
      writing5m: 0,
      writing1h: 1,
      writeTokens5m: 0,
      writeTokens1h: 2000,
      share1h: 1,
      ttl: '1h',
      sessions: { '5m': 0, '1h': 1, mixed: 0 },
    });
    expect(mix.byThreadKind.subagent.ttl).toBe('5m');
    expect(mix.byThreadKind.subagent.share1h).toBe(0);
  });

  it('names a TTL only from SETTLED of the write tokens on; below that the kind is mixed', () => {
    const justSettled = mixOf(call('main', 100 - SETTLED * 100, SETTLED * 100));
    expect(justSettled.byThreadKind.main.ttl).toBe('1h');
    const below = mixOf(call('main', 10, 90));
    expect(below.byThreadKind.main.ttl).toBe('mixed');
    expect(below.byThreadKind.main.share1h).toBe(0.9);
    const nothing = mixOf(call('main', 0, 0));
    expect(nothing.byThreadKind.main).toMatchObject({ ttl: 'none', share1h: null });
    expect(nothing.matches).toBeNull();
  });

  it('recognises the subscription default: main 1h, subagents 5m', () => {
    const mix = mixOf(call('main', 0, 5000), call('subagent', 800, 0), call('compaction', 0, 300));
    expect(mix.matches?.id).toBe('subscription-default');
    expect(mix.matches?.isDefault).toBe(true);
    expect(mix.matches?.sourceUrl).toMatch(/^https:\/\/code\.claude\.com\//);
  });

  it('recognises the API-key default: everything 5m', () => {
    expect(mixOf(call('main', 5000, 0), call('subagent', 800, 0)).matches?.id).toBe('api-key-default');
  });

  it('recognises 1h everywhere as the settings from the version that has them, as the old default before March 2026', () => {
    expect(mixOf(call('main', 0, 5000), call('subagent', 0, 800)).matches?.id).toBe('settings-1h');
    const old = mixOf(
      call('main', 0, 5000, '2.1.38', '2026-02-10T10:00:00Z'),
      call('subagent', 0, 8, '2.1.38', '2026-02-10T10:00:00Z'),
    );
    expect(old.matches?.id).toBe('early-2026-default');
    // Neither: a version before the settings, after the old default.
    const neither = mixOf(call('main', 0, 5000, '2.1.200'), call('subagent', 0, 800, '2.1.200'));
    expect(neither.matches).toBeNull();
  });

  it('tells a mix between sessions from a mix within them', () => {
    const at = '2026-09-01T10:00:00Z';
    const mix = mixOf(
      call('main', 0, 5000, '2.1.250', at, 'a'),
      call('main', 5000, 0, '2.1.250', at, 'b'),
      call('main', 5000, 0, '2.1.250', at, 'c'),
      call('main', 5000, 5000, '2.1.250', at, 'd'),
      call('main', 0, 0, '2.1.250', at, 'e'),
    );
    expect(mix.byThreadKind.main).toMatchObject({ ttl: 'mixed', sessions: { '5m': 2, '1h': 1, mixed: 1 } });
    expect(whatRanLines(mix)[0]).toContain(replayMessages.sessionsRan(2, 1, 1));
    expect(replayMessages.sessionsRan(2, 1, 1)).toBe('sessions: 1 at 1h, 2 at 5m, 1 mixed');
  });

  it('matches no setup when a kind mixed its TTLs', () => {
    expect(mixOf(call('main', 5000, 5000), call('subagent', 800, 0)).matches).toBeNull();
  });

  it('lists versions oldest first, each with its own match, and the replay none when they differ', () => {
    const mix = mixOf(
      call('main', 0, 5000, '2.1.250'),
      call('main', 5000, 0, '2.1.9', '2026-05-01T00:00:00Z'),
      call('main', 5000, 0, '2.1.9', '2026-05-03T00:00:00Z'),
    );
    expect(mix.byVersion.map((v) => [v.version, v.requests, v.matches?.id])).toEqual([
      ['2.1.9', 2, 'api-key-default'],
      ['2.1.250', 1, 'subscription-default'],
    ]);
    expect(mix.byVersion[0].firstIso).toBe('2026-05-01T00:00:00.000Z');
    expect(mix.byVersion[0].lastIso).toBe('2026-05-03T00:00:00.000Z');
    expect(mix.matches).toBeNull();
  });

  it('matches the replay when every version ran the same setup; an unlogged version is never matched', () => {
    const mix = mixOf(call('main', 5000, 0, '2.1.9'), call('main', 5000, 0, '2.1.250'), call('main', 5000, 0, ''));
    expect(mix.byVersion.at(-1)).toMatchObject({ version: '', matches: null });
    expect(mix.matches?.id).toBe('api-key-default');
    expect(mixOf(call('main', 5000, 0, '')).matches).toBeNull();
  });
});

describe('compareVersions', () => {
  it('orders dotted versions by number, unknown last', () => {
    expect(['2.1.38', '', '1.0.17', '2.1.9', '2.1.243'].sort(compareVersions)).toEqual([
      '1.0.17',
      '2.1.9',
      '2.1.38',
      '2.1.243',
      '',
    ]);
  });
});

describe('what the real sessions ran', { timeout: 240_000 }, () => {
  it('adds up to the recorded writes and requests, by kind and by version', () => {
    const result = replayLogs({
      paths: [join(process.cwd(), 'test', 'fixtures', 'real')],
      cwd: process.cwd(),
      env: {},
    });
    const recorded = result.asRecorded!;
    const kinds = Object.values(recorded.ttlMix.byThreadKind);
    const sum = (list: readonly { writeTokens5m: number; writeTokens1h: number; requests: number }[]) => ({
      write5m: list.reduce((s, k) => s + k.writeTokens5m, 0),
      write1h: list.reduce((s, k) => s + k.writeTokens1h, 0),
      requests: list.reduce((s, k) => s + k.requests, 0),
    });
    const expected = {
      write5m: recorded.tokens.cacheWrite5m,
      write1h: recorded.tokens.cacheWrite1h,
      requests: recorded.requests,
    };
    expect(sum(kinds)).toEqual(expected);
    expect(sum(recorded.ttlMix.byVersion.flatMap((v) => Object.values(v.byThreadKind)))).toEqual(expected);
    // The fixtures hold v2.1.38's everything-1h sessions (February 2026) and v1.0.17's 5m ones (2025).
    const byVersion = Object.fromEntries(recorded.ttlMix.byVersion.map((v) => [v.version, v.matches?.id ?? null]));
    expect(byVersion['2.1.38']).toBe('early-2026-default');
    expect(byVersion['1.0.17']).toBe('api-key-default');
    expect(recorded.ttlMix.matches).toBeNull();
  });
});

describe('the known setups table', () => {
  it('cites a source and an as-of date for every row, and has unique ids', () => {
    for (const setup of KNOWN_TTL_SETUPS) {
      expect(setup.sourceUrl).toMatch(/^https:\/\//);
      expect(setup.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(setup.beforeDate === '' || Number.isFinite(Date.parse(setup.beforeDate))).toBe(true);
    }
    expect(new Set(KNOWN_TTL_SETUPS.map((s) => s.id)).size).toBe(KNOWN_TTL_SETUPS.length);
  });
});

describe('whatRanLines', () => {
  it('names no setup for logs that log no version (Bedrock), and lists no versions for one', () => {
    const lines = whatRanLines(mixOf(call('main', 5000, 0, ''), call('main', 0, 0, '')));
    expect(lines).toEqual([replayMessages.whatRan([replayMessages.kindRan('main', '5m', '100.0%', 2)], '')]);
  });

  it('says a version wrote nothing rather than that it matches nothing', () => {
    const lines = whatRanLines(mixOf(call('main', 5000, 0, '2.1.250'), call('main', 0, 0, '2.1.9')));
    expect(lines[1]).toContain(replayMessages.nothingWritten());
    expect(lines[2]).toContain(replayMessages.matchesShort(KNOWN_TTL_SETUPS[1].label));
  });

  it('prints nothing when no request recorded its usage', () => {
    expect(whatRanLines(mixOf())).toEqual([]);
  });
});
