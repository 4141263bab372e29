// Attacks on the work ttlsim may be asked to do and on what it reads (docs/commands.md "Limits"): each
// case runs bin/ttlsim.js (over dist/) in a fresh temporary folder and asserts the exit code, the one
// line on stderr (worded by the same catalogue functions), that it answered at once, and that the folder
// holds exactly the inputs afterwards, unchanged: no report, no temporary file.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { messages } from '../../src/scenario/messages.js';
import { logMessages } from '../../src/logs/messages.js';
import { cliMessages } from '../../src/cli/messages.js';
import { parseScenarioText, MAX_ALIAS_NODES, MAX_SCENARIO_BYTES } from '../../src/scenario/read.js';
import { estimateWork } from '../../src/workload/work-estimate.js';
import {
  DEFAULT_MAX_REQUESTS,
  DRAWS_PER_REQUEST,
  MAX_BUCKET_ROWS,
  MAX_POLICIES,
  MAX_WORKLOADS,
  POLICY_RUNS_PER_REQUEST,
  SEGMENTS_PER_REQUEST,
} from '../../src/workload/work-limits.js';
import { MAX_DURATION_DAYS } from '../../src/scenario/values.js';

const BIN = resolve('bin/ttlsim.js');
/** Every refusal here takes a second or two; a hang is killed before the test's own 240 s timeout, with room for a heavily loaded machine. */
const ANSWER_WITHIN_MS = 200_000;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ttlsim-bounds-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function ttlsim(...args: string[]) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: ANSWER_WITHIN_MS,
    env: { ...process.env, HOME: dir },
  });
  return { ...result, ms: Date.now() - started };
}

/** Every entry under the folder with a hash of its content (special files by their kind). */
function snapshot(root = dir): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string, prefix: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      const stats = statSync(path, { throwIfNoEntry: false });
      const key = prefix + name;
      if (stats === undefined) out[key] = 'dangling';
      else if (stats.isDirectory()) {
        out[key] = 'folder';
        walk(path, `${key}/`);
      } else if (stats.isFile()) out[key] = createHash('sha256').update(readFileSync(path)).digest('hex');
      else out[key] = 'special';
    }
  };
  walk(root, '');
  return out;
}

/** Writes the inputs, runs the command, and checks: exit 2, exactly one line `expected`, inputs untouched. */
function refused(args: string[], expected: string, inputs: Record<string, string> = {}) {
  for (const [name, text] of Object.entries(inputs)) writeFileSync(join(dir, name), text);
  const before = snapshot();
  const result = ttlsim(...args);
  expect(result.error).toBeUndefined(); // not killed by the timeout
  expect(result.stderr).toBe(`${expected}\n`);
  expect(result.status).toBe(2);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(snapshot()).toEqual(before);
  return result;
}

const SESSIONS_PROMPT = '{ tools: 1000, system: 1000, userMessage: 10, output: 10 }';
const scenario = (name: string, body: string) =>
  `name: ${name}\npricing: { model: claude-sonnet-4-5 }\n${body.trim()}\n`;

/** The estimate the CLI words (its message depends on it): the file parsed without the work check. */
const estimate = (text: string) => estimateWork(parseScenarioText(text, 'x.yaml'));

describe('work is bounded and refused up front', { timeout: 240_000 }, () => {
  it('a horizon of 100000000000d is refused where it is written', () => {
    const text = scenario(
      'far',
      'horizon: 100000000000d\nworkload: { kind: renewal, keys: 1, gap: 5m, prefixTokens: 2000 }',
    );
    refused(
      ['run', 'far.yaml'],
      `far.yaml:3:10: horizon: ${messages.durationTooLong(MAX_DURATION_DAYS, '100000000000d')}`,
      {
        'far.yaml': text,
      },
    );
  });

  it('a century at a high rate is refused by its request estimate, before anything runs', () => {
    const text = scenario(
      'century',
      `horizon: 36500d\nworkload: { kind: sessions, arrivals: 100/s, turns: 3, thinkTime: 1m, prompt: ${SESSIONS_PROMPT} }`,
    );
    const work = estimate(text);
    expect(work.requests).toBeGreaterThan(1e11);
    const result = refused(
      ['run', 'century.yaml'],
      `century.yaml:4:11: workload: ${messages.tooManyRequests(work.requests, '36500d', work.requests, DEFAULT_MAX_REQUESTS)}`,
      { 'century.yaml': text },
    );
    expect(result.ms).toBeLessThan(ANSWER_WITHIN_MS);
  });

  it('a 1ms bucket over a day is refused at engine.bucket', () => {
    const text = scenario(
      'buckets',
      'horizon: 1d\nengine: { bucket: 1ms }\nworkload: { kind: renewal, keys: 10, gap: 5m, prefixTokens: 2000 }',
    );
    refused(
      ['run', 'buckets.yaml', '--out', 'out'],
      `buckets.yaml:4:19: engine.bucket: ${messages.tooManyBuckets(86_400_000, '1ms', '1d', 4, MAX_BUCKET_ROWS)}`,
      { 'buckets.yaml': text },
    );
  });

  it('a billion keys are refused at workload.keys, without allocating them', () => {
    const text = scenario(
      'keys',
      'horizon: 1d\nworkload: { kind: renewal, keys: 1000000000, gap: 1000d, prefixTokens: 2000 }',
    );
    refused(
      ['run', 'keys.yaml'],
      `keys.yaml:4:34: workload.keys: ${messages.tooManyKeys(1e9, DEFAULT_MAX_REQUESTS / 10)}`,
      { 'keys.yaml': text },
    );
  });

  it('sessions whose history grows without compaction are refused by the segments they would walk', () => {
    // 83,215 requests, but each resends up to 20,000 history segments: 42 s for one policy before.
    const text = scenario(
      'long',
      `horizon: 6h\nseed: 1\nworkload: { kind: sessions, arrivals: 1/h, turns: 20000, thinkTime: 1s, prompt: ${SESSIONS_PROMPT} }`,
    );
    const work = estimate(text);
    expect(work.requests).toBeLessThan(DEFAULT_MAX_REQUESTS);
    refused(
      ['run', 'long.yaml'],
      `long.yaml:5:51: workload.turns: ${messages.tooManySegments(work.segmentVisits, DEFAULT_MAX_REQUESTS * SEGMENTS_PER_REQUEST)}`,
      { 'long.yaml': text },
    );
  });

  it('a profile that thins a flood of arrivals to few requests is refused by the arrivals drawn', () => {
    const hourly = [1, ...Array.from({ length: 23 }, () => 0.000001)];
    const text = scenario(
      'thin',
      `horizon: 10d\nworkload: { kind: sessions, arrivals: 200/s, turns: 1, thinkTime: 1m, profile: { hourly: [${hourly.join(', ')}], weekly: [1, 1, 1, 1, 1, 1, 1] }, prompt: ${SESSIONS_PROMPT} }`,
    );
    const work = estimate(text);
    expect(work.requests).toBeLessThan(DEFAULT_MAX_REQUESTS);
    refused(
      ['validate', 'thin.yaml'],
      `thin.yaml:4:80: workload.profile: ${messages.tooManyDraws(work.draws, work.requests, DEFAULT_MAX_REQUESTS * DRAWS_PER_REQUEST)}`,
      { 'thin.yaml': text },
    );
  });

  it('a rate whose count overflows to Infinity is refused where it is written', () => {
    const count = '9'.repeat(400);
    const text = scenario(
      'inf',
      `horizon: 1h\nworkload: { kind: sessions, arrivals: ${count}/s, turns: 1, thinkTime: 1m, prompt: ${SESSIONS_PROMPT} }`,
    );
    refused(['run', 'inf.yaml'], `inf.yaml:4:39: workload.arrivals: ${messages.badFiniteRate(`${count}/s`)}`, {
      'inf.yaml': text,
    });
  });

  it('--max-requests raises the limit, and lowering it refuses what the default allows', () => {
    const text = scenario('mid', 'horizon: 1d\nworkload: { kind: renewal, keys: 10, gap: 1m, prefixTokens: 2000 }');
    const work = estimate(text);
    expect(work.requests).toBeGreaterThan(10_000);
    refused(
      ['validate', 'mid.yaml', '--max-requests', '10000'],
      `mid.yaml:4:11: workload: ${messages.tooManyRequests(work.requests, '1d', work.requests, 10_000)}`,
      { 'mid.yaml': text },
    );
    const ok = ttlsim('run', 'mid.yaml', '--out', 'report', '--max-requests', '20000', '--quiet');
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(readdirSync(join(dir, 'report'))).toContain('summary.json');
  });

  for (const bad of ['abc', '1.5', '1e308', '0', '-5', '']) {
    it(`--max-requests ${JSON.stringify(bad)} is exit 2 naming the flag`, () => {
      const text = scenario('ok', 'horizon: 1h\nworkload: { kind: renewal, keys: 1, gap: 5m, prefixTokens: 2000 }');
      refused(['run', 'ok.yaml', `--max-requests=${bad}`], `--max-requests: ${cliMessages.badMaxRequests(bad)}`, {
        'ok.yaml': text,
      });
    });
  }

  it('a sweep whose points together exceed the limit is refused before any point runs', () => {
    const text = scenario(
      'sw',
      'seed: 1\nhorizon: 1d\nworkload: { kind: renewal, keys: 10, gap: 1m, prefixTokens: 2000 }',
    );
    const work = estimate(text);
    expect(work.requests).toBeLessThan(20_000);
    // Three seeds of the same scenario: each point within 20,000 requests, together above.
    refused(
      ['sweep', 'sw.yaml', '--param', 'seed=1,2,3', '--max-requests', '20000', '--workers', '1'],
      `sw.yaml: ${messages.tooManySweepRequests(3 * work.requests, 3, 20_000)}`,
      { 'sw.yaml': text },
    );
  });

  it('a sweep point over the limit is refused naming the flag that made it', () => {
    const text = scenario('sp', 'horizon: 1d\nworkload: { kind: renewal, keys: 10, gap: 5m, prefixTokens: 2000 }');
    writeFileSync(join(dir, 'sp.yaml'), text);
    const result = ttlsim('sweep', 'sp.yaml', '--param', 'workload.keys=10,100000', '--workers', '1');
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('--param workload.keys=100000');
    expect(result.stderr).toContain(`above the limit of ${DEFAULT_MAX_REQUESTS.toLocaleString('en-US')} a run`);
    expect(readdirSync(dir)).toEqual(['sp.yaml']);
    expect(readFileSync(join(dir, 'sp.yaml'), 'utf8')).toBe(text);
  });

  it('thousands of workloads are refused (they are merged by a scan per request)', () => {
    const items = Array.from({ length: 1500 }, () => '  - { kind: renewal, keys: 1, gap: 1h, prefixTokens: 2000 }');
    const text = scenario('many', `horizon: 1d\nworkload:\n${items.join('\n')}`);
    refused(
      ['run', 'many.yaml'],
      `many.yaml:5:3: workload: ${messages.tooManyItems('workloads', 1500, MAX_WORKLOADS)}`,
      {
        'many.yaml': text,
      },
    );
  });

  it('more policies than a report can draw are refused (1,000 overflowed the chart library)', () => {
    const items = Array.from({ length: 1000 }, (_, i) => `  - { name: p${i}, ttl: 5m }`);
    const text = scenario(
      'pols',
      `horizon: 1h\nworkload: { kind: renewal, keys: 10, gap: 1m, prefixTokens: 2000 }\npolicies:\n${items.join('\n')}`,
    );
    refused(['run', 'pols.yaml'], `pols.yaml:6:3: policies: ${messages.tooManyItems('policies', 1000, MAX_POLICIES)}`, {
      'pols.yaml': text,
    });
  });

  it('hundreds of policies over millions of requests are refused by the request runs', () => {
    const items = Array.from({ length: 300 }, (_, i) => `  - { name: p${i}, ttl: 5m }`);
    const text = scenario(
      'pol',
      `horizon: 1d\nworkload: { kind: renewal, keys: 100, gap: 1s, prefixTokens: 2000 }\npolicies:\n${items.join('\n')}`,
    );
    const work = estimate(text);
    refused(
      ['run', 'pol.yaml'],
      `pol.yaml:6:3: policies: ${messages.tooManyPolicyRuns(work.requests, 300, DEFAULT_MAX_REQUESTS * POLICY_RUNS_PER_REQUEST)}`,
      { 'pol.yaml': text },
    );
  });

  it('tune refuses the same scenario up front', () => {
    const text = scenario(
      'tuned',
      'horizon: 1d\nengine: { bucket: 1ms }\nworkload: { kind: renewal, keys: 1, gap: 5m, prefixTokens: 2000 }',
    );
    refused(
      ['tune', 'tuned.yaml'],
      `tuned.yaml:4:19: engine.bucket: ${messages.tooManyBuckets(86_400_000, '1ms', '1d', 4, MAX_BUCKET_ROWS)}`,
      { 'tuned.yaml': text },
    );
  });
});

describe('heavy-tailed token distributions', { timeout: 240_000 }, () => {
  it('never reach Infinity: every draw is at most MAX_TOKENS, and no Infinity, NaN or null is written', () => {
    const text = scenario(
      'tails',
      'horizon: 1h\nworkload: { kind: renewal, keys: 5, gap: 5m, prefixTokens: { dist: lognormal, median: 1000, sigma: 400 }, suffixTokens: { dist: pareto, scale: 10, shape: 0.001 } }',
    );
    writeFileSync(join(dir, 'tails.yaml'), text);
    const result = ttlsim('run', 'tails.yaml', '--out', 'report');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/Infinity|NaN/);
    for (const name of ['summary.json', 'summary.csv', 'timeseries.csv']) {
      const written = readFileSync(join(dir, 'report', name), 'utf8');
      expect(written).not.toMatch(/Infinity|NaN|null/);
    }
    expect(readFileSync(join(dir, 'tails.yaml'), 'utf8')).toBe(text);
  });
});

describe('hostile scenario files are refused at once', { timeout: 240_000 }, () => {
  it('a YAML alias bomb (billion laughs) is exit 2 naming the file, not an internal error', () => {
    const lines = ['name: bomb', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    let previous = 'a';
    for (const anchor of 'bcdefghi') {
      lines.push(`${anchor}: &${anchor} [${Array.from({ length: 9 }, () => `*${previous}`).join(',')}]`);
      previous = anchor;
    }
    refused(['run', 'bomb.yaml'], `bomb.yaml:1:1: ${messages.tooManyAliases(MAX_ALIAS_NODES)}`, {
      'bomb.yaml': `${lines.join('\n')}\n`,
    });
  });

  it('a file over the size limit is refused without being parsed', () => {
    const text = `${scenario('big', 'horizon: 1h')}${'# padding\n'.repeat(MAX_SCENARIO_BYTES / 10 + 1)}`;
    const bytes = Buffer.byteLength(text);
    refused(['validate', 'big.yaml'], `big.yaml: ${messages.tooLarge(bytes, MAX_SCENARIO_BYTES)}`, {
      'big.yaml': text,
    });
  });

  it('a folder given as the scenario is refused', () => {
    mkdirSync(join(dir, 'folder.yaml'));
    refused(['run', 'folder.yaml'], `folder.yaml: ${messages.isDirectory()}`);
  });

  it('a folder given as --policies is refused', () => {
    mkdirSync(join(dir, 'policies'));
    refused(['replay', 'calls.csv', '--policies', 'policies'], `policies: ${messages.isDirectory()}`, {
      'calls.csv': 'timestamp,key,prefixTokens,suffixTokens,outputTokens\n2026-01-01T00:00:00Z,a,2000,10,10\n',
    });
  });
});

describe('special files are refused at once, as scenarios and as logs', { timeout: 240_000 }, () => {
  const mkfifo = (name: string) => {
    const made = spawnSync('mkfifo', [join(dir, name)]);
    expect(made.status).toBe(0);
  };

  it('a FIFO as the scenario of run (it would block forever on open)', () => {
    mkfifo('pipe.yaml');
    refused(['run', 'pipe.yaml'], `pipe.yaml: ${messages.specialFile('FIFO')}`);
  });

  it('a FIFO as a log of replay', () => {
    mkfifo('pipe.jsonl');
    refused(['replay', 'pipe.jsonl'], `pipe.jsonl: ${logMessages.specialFile('FIFO')}`);
  });

  it('a FIFO as the logs of fit writes no scenario', () => {
    mkfifo('pipe.jsonl');
    refused(['fit', 'pipe.jsonl', '-o', 'fitted.yaml'], `pipe.jsonl: ${logMessages.specialFile('FIFO')}`);
  });

  it('/dev/zero as a scenario of validate (it would grow to gigabytes)', () => {
    const result = ttlsim('validate', '/dev/zero', '--quiet');
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`/dev/zero: ${messages.specialFile('character device')}\n`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('/dev/zero as a log of replay and tune', () => {
    for (const command of ['replay', 'tune']) {
      const result = ttlsim(command, '/dev/zero');
      expect(result.error).toBeUndefined();
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`/dev/zero: ${logMessages.specialFile('character device')}\n`);
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('a replay workload whose path is a FIFO is reported at its field', () => {
    mkfifo('pipe.csv');
    const text = scenario('rp', 'workload: { kind: replay, path: pipe.csv }');
    const result = refused(
      ['validate', 'rp.yaml', '--quiet'],
      `rp.yaml:3:33: workload.path: ${messages.replayLogs(logMessages.specialFile('FIFO'))}`,
      { 'rp.yaml': text },
    );
    expect(result.stdout).toBe('');
  });
});
