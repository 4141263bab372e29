import { describe, it, expect } from 'vitest';
import { MINUTE_MS, NO_CACHE, UNIT_PROFILE, policy, prefixAt, request, run, segment, tier } from '../helpers.js';
import { costOf } from '../../src/pricing/cost.js';

const usdOf = (recorded: ReturnType<typeof run>) => costOf(recorded.result.ledger.total(), 0, UNIT_PROFILE).total;

// A prompt of tools (no breakpoint) + system (breakpoint) + history (last segment: breakpoint) + tail.
const tools = segment('tools', 3000, 'tools');
const system = segment('system', 2000, 'system', true);
const history = (n: number) => segment(`h${n}`, 1000 * n, 'history');

describe("Anthropic's A/B/C billing rule", () => {
  it('bills B−A at the 1h price and C−B at the 5m price on a cold request with mixed TTLs', () => {
    const mixed = policy('mixed', tier('5m'), { system: tier('1h') });
    const { outcomes } = run([request(0, [tools, system, history(1)], { tailTokens: 50 })], mixed);
    expect(outcomes[0]).toMatchObject({
      readTokens: 0,
      write1hTokens: 5000,
      write5mTokens: 1000,
      inputTokens: 50,
      entriesWritten: 2,
    });
  });

  it('reads A up to the hit point and writes only past it', () => {
    const mixed = policy('mixed', tier('5m'), { system: tier('1h') });
    const first = request(0, [tools, system, history(1)]);
    // Ten minutes later the 5m history entry is gone but the 1h system entry is live: a partial hit.
    const second = request(10 * MINUTE_MS, [tools, system, history(1), history(2)]);
    const { outcomes } = run([first, second], mixed);
    expect(outcomes[1]).toMatchObject({ readTokens: 5000, write1hTokens: 0, write5mTokens: 3000, inputTokens: 0 });
  });

  it('a hit through lookback reads the earlier entry and writes the new tail', () => {
    const single = policy('5m', tier('5m'));
    const turn1 = request(0, [tools, system, history(1)]);
    const turn2 = request(MINUTE_MS, [tools, system, history(1), history(2)]);
    const { outcomes } = run([turn1, turn2], single);
    expect(outcomes[1]).toMatchObject({ readTokens: 6000, write5mTokens: 2000, inputTokens: 0 });
  });

  it('an entry more than `lookback` positions behind the breakpoint is not found', () => {
    const single = policy('5m', tier('5m'));
    const base = [segment('s', 2000, 'system')];
    const long = [...base, ...Array.from({ length: 25 }, (_, i) => segment(`b${i}`, 10, 'history'))];
    const { outcomes } = run([request(0, base), request(1000, long)], single, { lookback: 20 });
    expect(outcomes[1].readTokens).toBe(0);
    const near = run([request(0, base), request(1000, long.slice(0, 20))], single, { lookback: 20 });
    expect(near.outcomes[1].readTokens).toBe(2000);
  });

  it('a prefix below the minimum cacheable length is billed as uncached input and nothing is stored', () => {
    const short = prefixAt([0, 1000], UNIT_PROFILE.minCacheableTokens - 1);
    const { outcomes, result } = run(short, policy('5m', tier('5m')));
    expect(outcomes.map((o) => o.inputTokens)).toEqual([1023, 1023]);
    expect(result.entriesWritten).toBe(0);
  });

  it('a role mapped to no tier places no breakpoint', () => {
    const historyOnly = policy('history-only', tier('5m'), { system: null });
    const { outcomes } = run([request(0, [tools, system, history(1)])], historyOnly);
    expect(outcomes[0].entriesWritten).toBe(1);
  });
});

describe('break-even (docs/model.md)', () => {
  const cost = (label: '5m' | '1h', reads: number) => {
    const times = Array.from({ length: reads + 1 }, (_, i) => i * MINUTE_MS);
    return usdOf(run(prefixAt(times, 1_000_000), policy(label, tier(label))));
  };
  const uncached = (requests: number) =>
    usdOf(
      run(
        prefixAt(
          Array.from({ length: requests }, (_, i) => i * MINUTE_MS),
          1_000_000,
        ),
        NO_CACHE,
      ),
    );

  it('a 5m write pays back after one read', () => {
    expect(cost('5m', 0)).toBeGreaterThan(uncached(1));
    expect(cost('5m', 1)).toBeLessThan(uncached(2));
  });

  it('a 1h write pays back after two reads, not one', () => {
    expect(cost('1h', 1)).toBeGreaterThan(uncached(2));
    expect(cost('1h', 2)).toBeLessThan(uncached(3));
  });
});

describe('keep-alive', () => {
  // One write, then an idle gap of `gapMin` minutes bridged by pings every 4m30s, then one more request.
  const keepaliveCost = (gapMin: number) => {
    const spec = policy(
      'ka',
      tier('5m'),
      {},
      { keepalive: { everyMs: 270_000, maxIdleMs: 24 * 60 * MINUTE_MS, tailTokens: 0, outputTokens: 0 } },
    );
    // The horizon ends just after the second request, so only the pings inside the gap are billed.
    return run(prefixAt([0, gapMin * MINUTE_MS], 1_000_000), spec, {}, gapMin * MINUTE_MS + 1);
  };

  it('bills each ping as a read and keeps the entry warm across the gap', () => {
    const { result, outcomes } = keepaliveCost(30);
    expect(outcomes[1].readTokens).toBe(1_000_000);
    expect(result.keepalivePings).toBeGreaterThanOrEqual(6);
  });

  it('pays back only while pings < (w − r) / r = 11.5', () => {
    const plain = (gapMin: number) =>
      usdOf(run(prefixAt([0, gapMin * MINUTE_MS], 1_000_000), policy('5m', tier('5m'))));
    // 11 pings (gap 50 min at 4m30s) still beat a rewrite; 13 (gap 60 min) cost more.
    const eleven = keepaliveCost(50);
    const thirteen = keepaliveCost(60);
    expect(eleven.result.keepalivePings).toBe(11);
    expect(thirteen.result.keepalivePings).toBe(13);
    expect(usdOf(eleven)).toBeLessThan(plain(50));
    expect(usdOf(thirteen)).toBeGreaterThan(plain(60));
  });
});
