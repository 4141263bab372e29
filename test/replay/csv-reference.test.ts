// The CSV replay of a large trace against a plain reference loop of the same single-prefix model (one
// entry per key, alive on [t, t+T), sliding 5m or fixed 1h): they must agree request for request.
import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renewalTrace } from '../bench/trace.js';
import { findLogFiles } from '../../src/logs/find-logs.js';
import { RecordedArrivals } from '../../src/logs/recorded-arrivals.js';
import { SegmentKeys } from '../../src/workload/segment-keys.js';
import { ProblemLog } from '../../src/logs/types.js';
import { simulate } from '../../src/engine/simulate.js';
import { createRng } from '../../src/workload/rng.js';
import { counterfactualPolicies } from '../../src/replay/counterfactuals.js';
import { findProfile } from '../../src/pricing/lookup.js';
import { ENGINE } from '../helpers.js';

const REQUESTS = 200_000;
const KEYS = 20_000;
const ORIGIN_MS = Date.parse('2026-01-01T00:00:00Z');
let file: string;
let trace: { atMs: Float64Array; key: Int32Array; keys: number };

beforeAll(() => {
  trace = renewalTrace({ keys: KEYS, requests: REQUESTS, meanGapMs: 240_000, seed: 7 });
  const rows = ['timestamp,key,prefixTokens,suffixTokens,outputTokens'];
  for (let n = 0; n < REQUESTS; n++) rows.push(`${ORIGIN_MS + trace.atMs[n]},k${trace.key[n]},20000,300,100`);
  file = join(mkdtempSync(join(tmpdir(), 'ttlsim-csv-ref-')), 'trace.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);
});

/** Hit (1) or miss (0) per request, for one entry per key. */
function referenceHits(ttlMs: number, sliding: boolean): Uint8Array {
  const expiresAtMs = new Float64Array(trace.keys).fill(-Infinity);
  const hits = new Uint8Array(REQUESTS);
  for (let n = 0; n < REQUESTS; n++) {
    const k = trace.key[n];
    const now = trace.atMs[n];
    if (now < expiresAtMs[k]) {
      hits[n] = 1;
      if (sliding) expiresAtMs[k] = now + ttlMs;
    } else expiresAtMs[k] = now + ttlMs;
  }
  return hits;
}

function replayedHits(policyName: string): Uint8Array {
  const problems = new ProblemLog();
  const files = findLogFiles([file], { cwd: '.', env: {} }, problems);
  const arrivals = new RecordedArrivals({
    files,
    originMs: files[0].firstMs,
    scope: 's',
    defaultModel: 'claude-sonnet-4-5',
    keys: new SegmentKeys(),
    problems,
  });
  const hits = new Uint8Array(REQUESTS);
  let n = 0;
  simulate({
    arrivals,
    policy: counterfactualPolicies().find((p) => p.name === policyName)!,
    priceOf: () => findProfile('anthropic', 'claude-sonnet-4-5')!,
    engine: ENGINE,
    horizonMs: trace.atMs[REQUESTS - 1] + 1,
    rng: createRng(1),
    onRequest: (_request, outcome) => void (hits[n++] = outcome.readTokens > 0 ? 1 : 0),
  });
  expect(problems.count).toBe(0);
  expect(n).toBe(REQUESTS);
  return hits;
}

describe('CSV replay against the reference loop (200,000 requests, 20,000 keys)', { timeout: 240_000 }, () => {
  for (const [policy, ttlMs, sliding] of [
    ['5m', 300_000, true],
    ['1h', 3_600_000, false],
  ] as const) {
    it(`${policy} ${sliding ? 'sliding' : 'fixed'}: every request hits or misses exactly as in the reference loop`, () => {
      const expected = referenceHits(ttlMs, sliding);
      const actual = replayedHits(policy);
      let differing = 0;
      for (let n = 0; n < REQUESTS; n++) if (expected[n] !== actual[n]) differing++;
      expect(differing).toBe(0);
      // Not a vacuous agreement: both hits and misses occur.
      const hits = expected.reduce((a, b) => a + b, 0);
      expect(hits).toBeGreaterThan(REQUESTS * 0.3);
      expect(hits).toBeLessThan(REQUESTS * 0.99);
    });
  }
});
