import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readScenarioFile } from '../../src/run/scenario-files.js';
import { runReport } from '../../src/cli/run-report.js';
import type { RunReport } from '../../src/report/json.js';
import { findProfile } from '../../src/pricing/lookup.js';

// Every shipped scenario runs with its seed, as `ttlsim run` reports it, against golden files
// (docs/architecture.md): `<name>.json` holds the summary a reviewer reads (costs, tokens, counts, and the
// verdict: target api, baseline the first policy), `<name>.histograms.json` the gap, lifetime and
// reads-per-entry histograms, one line per array. Time series are left out (the determinism test covers
// them byte for byte). `npm run goldens` rewrites both; a missing golden fails. A commit that changes a
// golden says why; the formulas below check the goldens' plausibility.
const SCENARIOS = 'scenarios';
const GOLDEN = join('test', 'scenarios', 'golden');
const UPDATE = process.env.UPDATE_GOLDENS === '1';
const results = new Map<string, RunReport>();

function resultOf(file: string): RunReport {
  let result = results.get(file);
  if (result === undefined) {
    // As `ttlsim run` reports it: the verdict (target api, baseline the first policy) goes to the golden too.
    result = runReport(readScenarioFile(join(SCENARIOS, file)));
    results.set(file, result);
  }
  return result;
}

/** The fields of a policy's result that go to the histograms golden (and the time series to neither). */
const NOT_IN_SUMMARY = ['timeseries', 'gaps', 'entryLifetimes', 'readsPerEntry'] as const;
const summaryOf = (result: RunReport) => ({
  ...result,
  policies: result.policies.map((p) => {
    const rest: Partial<typeof p> = { ...p };
    for (const field of NOT_IN_SUMMARY) delete rest[field];
    return rest;
  }),
});
const histogramsOf = (result: RunReport) =>
  result.policies.map(({ policy, gaps, entryLifetimes, readsPerEntry }) => ({
    policy,
    gaps,
    entryLifetimes,
    readsPerEntry,
  }));

/** Pretty JSON with every array of numbers or strings on one line, so a histogram reads as a row. */
function stringify(value: unknown): string {
  const text = JSON.stringify(value, null, 2);
  return `${text.replace(
    /\[\s*\n([^[\]{}]*?)\n\s*\]/g,
    (_all, items: string) =>
      `[${items
        .split(',')
        .map((item) => item.trim())
        .join(', ')}]`,
  )}\n`;
}

function expectGolden(path: string, actual: string): void {
  if (UPDATE) writeFileSync(path, actual);
  if (!existsSync(path)) expect.fail(`${path} is missing: run \`npm run goldens\` and check the new file by hand`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const policy = (result: RunReport, name: string) => result.policies.find((p) => p.policy === name)!;

describe('shipped scenarios against their goldens', () => {
  for (const file of readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml'))) {
    it(file, () => {
      const name = file.replace(/\.yaml$/, '');
      expectGolden(join(GOLDEN, `${name}.json`), stringify(summaryOf(resultOf(file))));
      expectGolden(join(GOLDEN, `${name}.histograms.json`), stringify(histogramsOf(resultOf(file))));
    });
  }

  it('the golden folder holds no file for a scenario that is not shipped', () => {
    const shipped = new Set(
      readdirSync(SCENARIOS)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => f.replace(/\.yaml$/, '')),
    );
    const orphans = readdirSync(GOLDEN).filter((f) => !shipped.has(f.replace(/(\.histograms)?\.json$/, '')));
    expect(orphans).toEqual([]);
  });
});

describe('the decision table in docs/model.md, under its reading: 5m sliding, 1h fixed', () => {
  const cheapestOf = (file: string, names: string[]) =>
    resultOf(file)
      .policies.filter((p) => names.includes(p.policy))
      .sort((a, b) => a.costUsd.total - b.costUsd.total)[0].policy;
  const STATIC = ['no-cache', '5m', '1h'];
  const table: [string, string[], string][] = [
    ['claude-code-high-frequency.yaml', STATIC, '5m'],
    ['support-bot.yaml', STATIC, '5m'],
    ['document-agent.yaml', STATIC, '1h'],
    ['scheduled-batch.yaml', STATIC, '1h'],
    ['low-frequency-api.yaml', STATIC, 'no-cache'],
    ['stable-system-prompt.yaml', [...STATIC, 'mixed'], 'mixed'],
  ];
  for (const [file, candidates, expected] of table) {
    it(`${file}: ${expected}`, () => expect(cheapestOf(file, candidates)).toBe(expected));
  }

  it('with a sliding 1h, 1h also wins the rows where the prefix stays warm (the decision table depends on fixed 1h there)', () => {
    const result = resultOf('scheduled-batch.yaml');
    expect(policy(result, '1h-sliding').costUsd.total).toBeLessThan(policy(result, '1h').costUsd.total);
  });
});

describe('goldens checked by formula', () => {
  it('scheduled batch under 5m: each run writes the 30k prefix once and every other request reads it', () => {
    const result = resultOf('scheduled-batch.yaml');
    const fiveMin = policy(result, '5m');
    const runs = fiveMin.entriesWritten;
    // Runs are 30 min apart: the entry always expires between runs, never within one (10 requests ≤ 60 s).
    // 96 scheduled runs in two days, plus the one at 48h when its jitter pulls it inside the horizon.
    expect([96, 97]).toContain(runs);
    expect(fiveMin.tokens.cacheWrite5m).toBe(runs * 30_000);
    expect(fiveMin.tokens.cacheRead).toBe((fiveMin.requests - runs) * 30_000);
    expect(fiveMin.wastedWrites).toBe(0);
  });

  it('low-frequency calls: gaps over an hour almost surely, so caching adds exactly the write premium', () => {
    const result = resultOf('low-frequency-api.yaml');
    const sonnet = findProfile('anthropic', 'claude-sonnet-4-5')!.usdPerMTok;
    const none = policy(result, 'no-cache');
    for (const name of ['5m', '1h']) {
      const p = policy(result, name);
      // P(gap < 1h) for lognormal(median 2h30m, σ 0.25) is Φ(ln(0.4)/0.25) ≈ 1e-4: at most a handful of hits.
      expect(p.hits).toBeLessThanOrEqual(5);
      const premium = name === '5m' ? sonnet.cacheWrite5m - sonnet.input : sonnet.cacheWrite1h - sonnet.input;
      const writeTokens = p.tokens.cacheWrite5m + p.tokens.cacheWrite1h;
      const readSaving = (p.tokens.cacheRead * (sonnet.input - sonnet.cacheRead)) / 1e6;
      expect(p.costUsd.total).toBeCloseTo(none.costUsd.total + (writeTokens * premium) / 1e6 - readSaving, 4);
    }
  });

  it('support bot: the shared system prompt is read by nearly every request under 5m', () => {
    const p = policy(resultOf('support-bot.yaml'), '5m');
    expect(p.hitRate).toBeGreaterThan(0.99);
  });
});

describe('time series of the shipped scenarios (sparse: docs/json.md)', () => {
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  for (const file of readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml'))) {
    it(`${file}: the buckets sum to the totals, in time order, inside the horizon`, () => {
      const result = resultOf(file);
      for (const p of result.policies) {
        const t = p.timeseries;
        expect(sum(t.requests), p.policy).toBe(p.requests);
        expect(sum(t.hits), p.policy).toBe(p.hits);
        expect(sum(t.keepalivePings), p.policy).toBe(p.keepalivePings);
        // Storage is billed on the whole run only, not per bucket.
        expect(sum(t.costUsd), p.policy).toBeCloseTo(p.costUsd.total - p.costUsd.storage, 4);
        expect(t.startMs.every((ms, k) => ms % t.bucketMs === 0 && (k === 0 || ms > t.startMs[k - 1]))).toBe(true);
        expect(t.startMs[t.startMs.length - 1]).toBeLessThan(result.horizonMs);
        // A bucket is there because something happened in it: a request, a ping, or the live state changed.
        t.startMs.forEach((_, k) => {
          const changed =
            k === 0 || t.liveEntries[k] !== t.liveEntries[k - 1] || t.liveTokens[k] !== t.liveTokens[k - 1];
          expect(t.requests[k] + t.keepalivePings[k] > 0 || changed || p.policy === 'no-cache').toBe(true);
        });
      }
    });
  }
});
