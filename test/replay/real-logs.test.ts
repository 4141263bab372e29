// Replaying the real recorded sessions of test/fixtures/real/ (PROVENANCE.md there): the as-recorded
// cost must equal an independent computation from the usage fields to the cent, the simulation under
// the TTLs the requests used must reproduce ≥ 95% of requests and the cost within 1%, and
// counterfactual TTLs may change only what a TTL changes.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { replayLogs, type ReplayResult } from '../../src/replay/replay-logs.js';

const REAL = join(process.cwd(), 'test', 'fixtures', 'real');
const replay = (...paths: string[]): ReplayResult =>
  replayLogs({ paths: paths.map((p) => join(REAL, p)), cwd: process.cwd(), env: {} });

/** docs/pricing.md, $/MTok: input, 5m write, 1h write, read, output. Typed in by hand, not read from src/pricing. */
const PRICES: Record<string, [number, number, number, number, number]> = {
  'claude-opus-4-6': [5, 6.25, 10, 0.5, 25],
  'claude-haiku-4-5-20251001': [1, 1.25, 2, 0.1, 5],
  'claude-sonnet-4-5-20250929': [3, 3.75, 6, 0.3, 15],
  'claude-sonnet-4-20250514': [3, 3.75, 6, 0.3, 15],
};

/** The fields of a raw Claude Code transcript line that the independent bill reads. */
interface RawUsage {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_creation_input_tokens: number;
  readonly cache_read_input_tokens: number;
  readonly cache_creation?: { readonly ephemeral_1h_input_tokens?: number };
}
interface RawLine {
  readonly type?: string;
  readonly requestId?: string;
  readonly message?: { readonly id: string; readonly model: string; readonly usage?: RawUsage };
  /** An agent_progress line's subagent message: `{ type, requestId, message }` as an assistant line has them. */
  readonly data?: { readonly type?: string; readonly message?: RawLine };
}

/**
 * The bill from the raw lines: one request per (message.id, requestId), the largest output count, 1h at the
 * 1h price; a subagent's assistant messages inside agent_progress lines count too (no fixture holds both a
 * subagent's own file and its progress lines, so none is counted twice).
 */
function independentCostUsd(dir: string): number {
  const files = (function walk(d: string): string[] {
    return readdirSync(d).flatMap((name) =>
      statSync(join(d, name)).isDirectory() ? walk(join(d, name)) : name.endsWith('.jsonl') ? [join(d, name)] : [],
    );
  })(join(REAL, dir));
  const requests = new Map<string, { model: string; usage: RawUsage; oneHour: number; output: number }>();
  for (const file of files) {
    for (const text of readFileSync(file, 'utf8').split('\n')) {
      if (text.trim() === '') continue;
      const raw = JSON.parse(text) as RawLine;
      const line = raw.type === 'progress' && raw.data?.type === 'agent_progress' ? (raw.data.message ?? {}) : raw;
      const message = line.message;
      const usage = message?.usage;
      if (line.type !== 'assistant' || message === undefined || usage === undefined) continue;
      const key = `${message.id}|${line.requestId}`;
      const seen = requests.get(key);
      if (seen !== undefined) seen.output = Math.max(seen.output, usage.output_tokens);
      else
        requests.set(key, {
          model: message.model,
          usage,
          oneHour: usage.cache_creation?.ephemeral_1h_input_tokens ?? 0,
          output: usage.output_tokens,
        });
    }
  }
  let usd = 0;
  for (const { model, usage, oneHour, output } of requests.values()) {
    const [input, write5m, write1h, read, out] = PRICES[model];
    usd +=
      (usage.input_tokens * input +
        (usage.cache_creation_input_tokens - oneHour) * write5m +
        oneHour * write1h +
        usage.cache_read_input_tokens * read +
        output * out) /
      1e6;
  }
  return usd;
}

describe('replaying real Claude Code sessions', () => {
  const spotter = replay('spotter');
  const sniffly = replay('sniffly');

  it('prices the recorded usage exactly as an independent computation does (to the cent)', () => {
    expect(spotter.asRecorded!.costUsd.total).toBeCloseTo(independentCostUsd('spotter'), 2);
    expect(sniffly.asRecorded!.costUsd.total).toBeCloseTo(independentCostUsd('sniffly'), 2);
    expect(spotter.asRecorded!.requests).toBe(534);
    expect(sniffly.asRecorded!.requests).toBe(62);
  });

  it('reproduces at least 95% of requests and the recorded cost within 1% under the TTLs they used', () => {
    for (const result of [spotter, sniffly]) {
      const r = result.reconciliation!;
      expect(r.agreement).toBeGreaterThanOrEqual(0.95);
      expect(Math.abs(r.costDifference)).toBeLessThan(0.01);
      expect(result.policies[0].policy).toBe('as-recorded');
    }
    // The old-format session (no TTL split: all 5m) is reproduced to the token.
    expect(sniffly.reconciliation!.tokenExact).toBe(62);
  });

  it('explains the one spotter request it does not reproduce', () => {
    const [d] = spotter.reconciliation!.disagreements;
    expect(spotter.reconciliation!.requests - spotter.reconciliation!.agreeing).toBe(1);
    expect(d.file).toMatch(/sessions_usage_projection\.jsonl$/);
    expect(d.recorded.read).toBe(21_448);
    expect(d.gapMs).toBeGreaterThan(300_000);
  });

  it('sees the 5-minute expiry where the log shows it: three idle gaps over 5 minutes in the 1.0.17 session', () => {
    expect(sniffly.missCauses.recorded).toEqual({ 'idle-expiry': 3 });
    expect(sniffly.missCauses.recordedIdleGapsMs.map((ms) => Math.round(ms / 1000))).toEqual([523, 335, 334]);
    expect(sniffly.missCauses.byPolicy['as-recorded']).toEqual({ 'idle-expiry': 3 });
    // A 1h TTL bridges those gaps (333–523 s): no idle expiry left.
    expect(sniffly.missCauses.byPolicy['1h']).toEqual({});
  });

  it('changes only what a TTL changes: same requests, tails and output under every policy', () => {
    for (const result of [spotter, sniffly]) {
      const caching = result.policies.filter((p) => p.policy !== 'no-cache' && p.policy !== 'keepalive');
      for (const p of caching) {
        expect(p.requests).toBe(result.asRecorded!.requests);
        expect(p.tokens.output).toBe(result.asRecorded!.tokens.output);
        expect(p.tokens.input).toBe(result.asRecorded!.tokens.input);
        // Every prompt token is billed once, as a read, a write or input.
        const prompt = (t: typeof p.tokens) => t.input + t.cacheRead + t.cacheWrite5m + t.cacheWrite1h;
        expect(prompt(p.tokens)).toBe(prompt(result.policies[0].tokens));
      }
    }
  });

  it('agrees with the hand model of docs/replay.md on session 8463c716 (1h recorded): 5m $12.13, 1h $11.50', () => {
    const row = spotter.breakdowns.bySession.find((r) => r.key.endsWith('8463c716-a2ea-4c14-9efa-87158ebd9f20'))!;
    expect(row.costUsd['5m']).toBeCloseTo(12.13, 2);
    expect(row.costUsd['1h']).toBeCloseTo(11.5, 2);
    expect(row.asRecordedUsd).toBeCloseTo(row.costUsd['1h'], 2);
  });

  it('breaks the bill down by thread kind: main, subagent and the compaction call', () => {
    const kinds = spotter.breakdowns.byThreadKind.map((r) => [r.key, r.requests]);
    expect(kinds).toEqual([
      ['compaction', 1],
      ['main', 516],
      // 12 in the subagent file of session 4d5611e5, 5 in the progress lines of session 491e126e.
      ['subagent', 17],
    ]);
    const total = spotter.breakdowns.byThreadKind.reduce((sum, r) => sum + (r.asRecordedUsd ?? 0), 0);
    expect(total).toBeCloseTo(spotter.asRecorded!.costUsd.total, 4);
  });

  it('is deterministic: the same logs give byte-identical results', () => {
    expect(JSON.stringify(replay('spotter'))).toBe(JSON.stringify(spotter));
  });
});
