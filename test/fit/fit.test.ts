// `ttlsim fit`: the statistics on a stream small enough to check by hand, then the whole command on the
// real sessions of test/fixtures/real/ (PROVENANCE.md there): the written scenario validates and runs, and
// the fitted simulation reproduces the logs' gaps and cost per request within the stated tolerances.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ttlsim } from '../cli/capture.js';
import {
  fitSessions,
  LONG_BREAK_MIN_MS,
  TOOL_GAP_MAX_MS,
  type FitQuality,
  type SessionsFit,
} from '../../src/fit/fit.js';
import { renderFitYaml } from '../../src/report/fit-yaml.js';
import { fitMessages } from '../../src/fit/messages.js';
import { parseScenarioText } from '../../src/scenario/read.js';
import { readScenarioFile } from '../../src/run/scenario-files.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { logMessages } from '../../src/logs/messages.js';
import type { RecordedRequest } from '../../src/logs/usage-chain.js';

const REAL = join(process.cwd(), 'test', 'fixtures', 'real');
const FIXTURES = join(process.cwd(), 'test', 'fixtures');

interface Call {
  atMs: number;
  thread: string;
  read: number;
  write: number;
  output: number;
  change?: RecordedRequest['change'];
  previous?: number;
}

function recorded(calls: readonly Call[]): RecordedRequest[] {
  return calls.map((c) => ({
    atMs: c.atMs,
    scope: 'logs',
    model: 'claude-sonnet-4-5-20250929',
    segments: [],
    segmentCount: 0,
    tailTokens: 3,
    outputTokens: c.output,
    threadId: c.thread,
    threadKind: 'main',
    sessionId: c.thread,
    recordedTtl: '5m',
    recorded: { input: 3, cacheRead: c.read, cacheWrite5m: c.write, cacheWrite1h: 0, output: c.output },
    startEpochMs: 1_770_000_000_000 + c.atMs,
    project: 'p',
    change: c.change ?? 'none',
    gapMs: -1,
    previousCachedTokens: c.previous ?? 0,
    file: 'f.jsonl',
    line: 1,
  }));
}

// Session a: a tool loop (5 s, then exactly the threshold), a think time just over it, a long break that
// let the cache lapse, and a compaction; session b opens on the same shared prefix.
const HAND = recorded([
  { atMs: 0, thread: 'a', read: 10_000, write: 2000, output: 10, change: 'first-request' },
  { atMs: 1000, thread: 'b', read: 10_000, write: 1000, output: 7, change: 'first-request' },
  { atMs: 5000, thread: 'a', read: 12_000, write: 510, output: 20 },
  { atMs: 5000 + TOOL_GAP_MAX_MS, thread: 'a', read: 12_510, write: 320, output: 30 },
  { atMs: 5000 + 2 * TOOL_GAP_MAX_MS + 1, thread: 'a', read: 12_830, write: 230, output: 40 },
  { atMs: 5000 + 2 * TOOL_GAP_MAX_MS + 1 + 700_000, thread: 'a', read: 0, write: 13_100, output: 5 },
  {
    atMs: 5000 + 2 * TOOL_GAP_MAX_MS + 1 + 705_000,
    thread: 'a',
    read: 10_000,
    write: 9000,
    output: 50,
    change: 'compaction',
    previous: 150_000,
  },
]);

describe('fitting a sessions workload to recorded requests', () => {
  const fit = fitSessions(HAND);

  it(`a gap of ${TOOL_GAP_MAX_MS} ms is a tool-loop gap, one ms more is a think time, over ${LONG_BREAK_MIN_MS} ms a long break`, () => {
    expect(fit.toolGapMs!.count).toBe(3);
    expect(fit.thinkTimeMs).toMatchObject({ count: 1, sigma: 0 });
    expect(fit.thinkTimeMs!.median).toBeCloseTo(TOOL_GAP_MAX_MS + 1, 6);
    expect(fit.longBreak).toMatchObject({ thinkGaps: 2, longGaps: 1, probability: 0.5 });
    expect(fit.longBreak.durationMs!.median).toBeCloseTo(700_000, 6);
  });

  it('a turn is a run of tool-loop gaps plus one; a session is a main thread', () => {
    // a: [0, 5s, 65s] | [125s] | [825s, 830s] ; b: [1s]
    expect(fit.requestsPerTurn!.count).toBe(4);
    expect(fit.requestsPerTurn!.median).toBeCloseTo(Math.exp((Math.log(3) + Math.log(2)) / 4), 9);
    expect(fit.turns!.median).toBeCloseTo(Math.sqrt(3), 9);
    expect(fit.arrivals.sessions).toBe(2);
    expect(fit.arrivals.spanUnderDay).toBe(true);
    expect(fit.arrivals.hourly).toBeNull();
  });

  it('the shared prefix is the commonest first read, split 80/20; the project is the median first write beyond it', () => {
    expect(fit.prompt).toMatchObject({
      sharedPrefixTokens: 10_000,
      sharedPrefixThreads: 2,
      toolsTokens: 8000,
      systemTokens: 2000,
      projectTokens: 1500,
    });
  });

  it('growth is the steady-state write minus the previous output: a tool result after a tool gap, a user message after a think gap', () => {
    expect(fit.prompt.steadyRequests).toBe(3);
    expect(fit.prompt.toolResult!.count).toBe(2);
    expect(fit.prompt.toolResult!.median).toBeCloseTo(Math.sqrt(500 * 300), 6);
    expect(fit.prompt.userMessage!.count).toBe(1);
    expect(fit.prompt.userMessage!.median).toBeCloseTo(200, 6);
  });

  it('compaction: the context cached before it, the write after it', () => {
    expect(fit.compaction).toEqual({ count: 1, thresholdTokens: 150_000, summaryTokens: 9000 });
    expect(fit.subagents).toBeNull();
  });

  it('per-thread gap quantiles are nearest-rank over every thread', () => {
    expect(fit.gaps).toEqual({ count: 5, p50Ms: TOOL_GAP_MAX_MS, p90Ms: 700_000, p99Ms: 700_000 });
  });

  it('renders a scenario the schema accepts, with the counts in its comments', () => {
    const text = renderFitYaml(fit, {
      sources: ['hand'],
      pricing: { provider: 'anthropic', from: 'default', asked: 'anthropic' },
    });
    const scenario = parseScenarioText(text, 'fitted.yaml');
    expect(scenario.name).toBe('fitted-p');
    expect(scenario.policies.map((p) => p.name)).toEqual(['no-cache', '5m', '1h', '1h-sliding']);
    expect(text).toContain(fitMessages.toolGap(fit.toolGapMs));
    expect(text).toContain(fitMessages.spanUnderDay());
  });
});

interface FitJson {
  readonly scenario: string;
  readonly fit: SessionsFit;
  readonly quality: FitQuality;
}

async function fitReal(dir: string): Promise<{ code: number; out: string; json: FitJson; folder: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'ttlsim-fit-'));
  const out = join(folder, 'scenario.yaml');
  const result = await ttlsim(['fit', join(REAL, dir), '-o', out, '--json'], folder);
  expect(result.stderr).toBe('');
  return { code: result.code, out, json: JSON.parse(result.stdout) as FitJson, folder };
}

// Tolerances, stated once: gap p50 within a factor of 2, p90 within 2.5, p99 within 3; cost per request
// of every policy between 0.5× and 2× the replay's. The spotter fit prices every request at the model of
// most requests (Opus), while the replay prices its Haiku and Sonnet requests at their own prices.
const GAP_FACTOR = { p50Ms: 2, p90Ms: 2.5, p99Ms: 3 } as const;
const COST_RANGE = [0.5, 2] as const;

describe.each(['spotter', 'sniffly'])('ttlsim fit on the real %s logs', (dir) => {
  const fitted = fitReal(dir);

  it('writes a scenario that validates and runs, and exits 0', async () => {
    const { code, out, folder } = await fitted;
    expect(code).toBe(0);
    expect(readdirSync(folder)).toEqual(['scenario.yaml']);
    const scenario = readScenarioFile(out);
    expect(scenario.workloads[0].kind).toBe('sessions');
    const result = runScenario(scenario);
    expect(result.policies.map((p) => p.policy)).toEqual(['no-cache', '5m', '1h', '1h-sliding']);
    expect(result.policies[0].requests).toBeGreaterThan(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Fitted by `ttlsim fit` from [\d,]+ requests/);
  });

  it('reproduces the per-thread gap quantiles: p50 within 2×, p90 within 2.5×, p99 within 3×', async () => {
    const { gaps } = (await fitted).json.quality;
    for (const [key, factor] of Object.entries(GAP_FACTOR) as [keyof typeof GAP_FACTOR, number][]) {
      const ratio = gaps.fitted[key] / gaps.logs[key];
      expect(ratio, `${key}: fitted ${gaps.fitted[key]} ms, logs ${gaps.logs[key]} ms`).toBeGreaterThan(1 / factor);
      expect(ratio, key).toBeLessThan(factor);
    }
  });

  it('reproduces the cost per request of every policy within 0.5×–2× of the replay', async () => {
    const { costPerRequest } = (await fitted).json.quality;
    expect(costPerRequest.map((c) => c.policy)).toEqual(['no-cache', '5m', '1h', '1h-sliding']);
    for (const c of costPerRequest) {
      expect(c.ratio, c.policy).toBeGreaterThan(COST_RANGE[0]);
      expect(c.ratio, c.policy).toBeLessThan(COST_RANGE[1]);
    }
  });
});

describe('ttlsim fit on the command line', () => {
  it('prints the fit check and the file it wrote; --quiet prints nothing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ttlsim-fit-'));
    const shown = await ttlsim(['fit', join(REAL, 'sniffly'), '-o', 'fitted.yaml'], folder);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(fitMessages.gapTitle());
    expect(shown.stdout).toContain(fitMessages.wrote('fitted.yaml'));
    const quiet = await ttlsim(['fit', join(REAL, 'sniffly'), '-o', 'quiet.yaml', '--quiet'], folder);
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(existsSync(join(folder, 'quiet.yaml'))).toBe(true);
  });

  it('a missing log path is bad input: exit 2, the path named, nothing written', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ttlsim-fit-'));
    const result = await ttlsim(['fit', 'no-such-logs', '-o', 'out.yaml'], folder);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`no-such-logs: ${logMessages.noSuchPath()}\n`);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('without -o is bad input naming --out', async () => {
    const result = await ttlsim(['fit', join(REAL, 'sniffly')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`--out: ${fitMessages.outRequired()}\n`);
  });

  it('logs without usage (CSV) are bad input naming the file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ttlsim-fit-'));
    const result = await ttlsim(['fit', join(FIXTURES, 'csv', 'e2e.csv'), '-o', 'out.yaml'], folder);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(fitMessages.notUsageLogs());
    expect(result.stderr).toContain('e2e.csv');
    expect(readdirSync(folder)).toEqual([]);
  });

  it('Bedrock logs are priced at Bedrock prices, as replay prices them; --provider chooses; an unknown one is exit 2 before reading', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ttlsim-fit-'));
    const logs = join(FIXTURES, 'bedrock', 'invocations.jsonl');
    const bedrock = await ttlsim(['fit', logs, '-o', 'bedrock.yaml', '--json'], folder);
    expect(bedrock.code).toBe(0);
    const text = readFileSync(join(folder, 'bedrock.yaml'), 'utf8');
    expect(text).toMatch(/^pricing: \{ provider: bedrock, model: claude-/m);
    expect(text).toContain(fitMessages.provider('bedrock', 'logs', 'bedrock'));
    expect((JSON.parse(bedrock.stdout) as { pricing: unknown }).pricing).toEqual({
      provider: 'bedrock',
      from: 'logs',
      asked: 'bedrock',
    });
    // The written scenario runs at the prices it names.
    expect(readScenarioFile(join(folder, 'bedrock.yaml'), 'bedrock.yaml').pricing.provider).toBe('bedrock');

    const api = await ttlsim(['fit', logs, '-o', 'api.yaml', '--provider', 'anthropic', '--quiet'], folder);
    expect(api.code).toBe(0);
    expect(readFileSync(join(folder, 'api.yaml'), 'utf8')).toMatch(/^pricing: \{ provider: anthropic, model: claude-/m);

    const unknown = await ttlsim(['fit', logs, '-o', 'nope.yaml', '--provider', 'acme'], folder);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--provider');
    expect(unknown.stderr).toContain('acme');
    expect(existsSync(join(folder, 'nope.yaml'))).toBe(false);
  });
});
