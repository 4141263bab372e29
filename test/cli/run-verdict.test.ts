// `ttlsim run` draws its conclusion from the one verdict (verdict/verdict.ts) that `tune` and `replay` draw:
// same decision, policy, baseline and saving as `tune` on a scenario that lists the target's candidates;
// `--baseline` moves the baseline; what the target cannot run is never the verdict; and the JSON, the
// terminal and the HTML header all say the same.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ttlsim, type Captured } from './capture.js';
import { verdictLines } from '../../src/report/verdict-text.js';
import { cliMessages } from '../../src/cli/messages.js';
import { configurable } from '../../src/verdict/targets.js';
import { readScenarioFile } from '../../src/run/scenario-files.js';
import type { RunReport } from '../../src/report/json.js';
import type { TuneResult } from '../../src/tune/tune.js';

// One role (a renewal workload), so the API's candidates are exactly no-cache, 5m and 1h (verdict/targets.ts),
// all listed here; gaps of 6–9 minutes sit in the band where 5m and 1h part, and keep-alive pings and a
// sliding 1h (neither configurable) cost less than a fixed 1h. 5m comes first: the default baseline.
const SCENARIO = `name: run-verdict
seed: 7
horizon: 12h
pricing: { provider: anthropic, model: claude-sonnet-4-5 }
workload: { kind: renewal, keys: 30, gap: { dist: uniform, min: 6m, max: 9m }, prefixTokens: 20000 }
policies:
  - { name: 5m, ttl: 5m }
  - { name: no-cache, cache: false }
  - { name: 1h, ttl: 1h }
  - { name: 1h-sliding, ttl: 1h, refresh: sliding }
  - { name: keepalive, ttl: 5m, keepalive: { every: 4m30s, maxIdle: 30m } }
`;
const NAMES = ['5m', 'no-cache', '1h', '1h-sliding', 'keepalive'];

let dir: string;
let scenario: string;
let run: Captured;
let runJson: RunReport;
let vsNoCache: RunReport;
let tuneJson: TuneResult;
let tuneVsNoCache: TuneResult;
const parse = <T>(c: Captured): T => JSON.parse(c.stdout) as T;
/** The parts of a verdict both commands must agree on (the reason and actions follow from them). */
const core = (r: RunReport | TuneResult) => ({
  target: r.target,
  decision: r.verdict.decision,
  policy: r.verdict.policy,
  baseline: r.verdict.baseline,
  savingUsd: r.verdict.savingUsd,
  savingPct: r.verdict.savingPct,
  ci: r.verdict.ci,
});

// Each run and tune simulates the scenario end to end and writes its report: computed once for the file.
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ttlsim-run-verdict-'));
  scenario = join(dir, 'run-verdict.yaml');
  writeFileSync(scenario, SCENARIO);
  run = await ttlsim(['run', scenario, '--out', join(dir, 'run')]);
  runJson = parse(await ttlsim(['run', scenario, '--out', join(dir, 'run-json'), '--json']));
  vsNoCache = parse(await ttlsim(['run', scenario, '--out', join(dir, 'run-nc'), '--json', '--baseline', 'no-cache']));
  tuneJson = parse(await ttlsim(['tune', scenario, '--out', join(dir, 'tune'), '--json']));
  tuneVsNoCache = parse(
    await ttlsim(['tune', scenario, '--out', join(dir, 'tune-nc'), '--json', '--baseline', 'no-cache']),
  );
}, 300_000);

describe('ttlsim run: the one verdict', { timeout: 180_000 }, () => {
  it('is the verdict tune draws on the same scenario, with the default baseline and with --baseline', () => {
    expect(run.code).toBe(0);
    expect(core(runJson)).toEqual(core(tuneJson));
    expect(core(vsNoCache)).toEqual(core(tuneVsNoCache));
    // Not a vacuous agreement: a change, with an interval, in a run where the baseline matters.
    expect(runJson.verdict.decision).toBe('change');
    expect(runJson.verdict.ci).not.toBeNull();
  });

  it("takes the scenario's first policy as the baseline, and the one --baseline names instead", () => {
    const cost = (r: RunReport, name: string) => r.policies.find((p) => p.policy === name)!.costUsd.total;
    expect(runJson.target).toBe('api');
    expect(runJson.verdict.baseline).toEqual({ policy: '5m', costUsd: cost(runJson, '5m') });
    expect(vsNoCache.verdict.baseline).toEqual({ policy: 'no-cache', costUsd: cost(vsNoCache, 'no-cache') });
    // Positive saving = money saved against the baseline, whichever it is.
    for (const r of [runJson, vsNoCache])
      expect(r.verdict.savingUsd).toBeCloseTo(r.verdict.baseline.costUsd - cost(r, r.verdict.policy), 5);
  });

  it('never recommends what the target cannot run: cheaper keep-alive and sliding 1h are notConfigurable', () => {
    const specs = readScenarioFile(scenario).policies;
    const spec = (name: string) => specs.find((s) => s.name === name)!;
    expect(configurable('api', spec(runJson.verdict.policy))).toBe(true);
    const chosenUsd = runJson.verdict.baseline.costUsd - runJson.verdict.savingUsd;
    const cheaperUnrunnable = runJson.policies
      .filter((p) => !configurable('api', spec(p.policy)) && p.costUsd.total < chosenUsd)
      .map((p) => p.policy);
    expect(cheaperUnrunnable).toEqual(expect.arrayContaining(['keepalive', '1h-sliding']));
    expect(runJson.notConfigurable.map((n) => n.policy).sort()).toEqual([...cheaperUnrunnable].sort());
    for (const n of runJson.notConfigurable) {
      expect(n.savingUsd).toBeCloseTo(runJson.verdict.baseline.costUsd - n.costUsd, 5);
      expect(run.stdout).toContain(`${n.policy} would save`);
      expect(run.stdout).toContain('not configurable in the Anthropic API');
    }
  });

  it('the JSON, the terminal and the HTML header carry the same decision and saving', () => {
    const summary = JSON.parse(readFileSync(join(dir, 'run', 'summary.json'), 'utf8')) as RunReport;
    expect(summary.verdict).toEqual(runJson.verdict);
    expect(summary.notConfigurable).toEqual(runJson.notConfigurable);
    expect(readFileSync(join(dir, 'run-json', 'summary.json'), 'utf8')).toBe(JSON.stringify(runJson, null, 2) + '\n');
    const lines = verdictLines(summary, null);
    expect(run.stdout).toContain(lines.join('\n'));
    expect(run.stdout).toContain(`saves vs ${summary.verdict.baseline.policy}`);
    expect(run.stdout).not.toContain('is cheapest');
    const html = readFileSync(join(dir, 'run', 'index.html'), 'utf8');
    // The header gives the terminal's verdict lines, one element each, the actions as code lines.
    const header = /<p class="recommendation">(.*?)<\/p>/.exec(html)![1];
    const shown = [...header.matchAll(/<span class="(line|action)">([^<]*)<\/span>/g)].map((m) => m[2]);
    const escape = (t: string) =>
      t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    expect(shown.slice(0, lines.length)).toEqual(lines.map((l) => escape(l.trim())));
    expect(header).toContain(`Verdict (api): Change to ${summary.verdict.policy}`);
  });

  it('--target and the thresholds apply as they do to tune', async () => {
    const strict = parse<RunReport>(
      await ttlsim(['run', scenario, '--out', join(dir, 'strict'), '--json', '--min-sessions', '31']),
    );
    expect(strict.verdict.decision).toBe('undecided');
    expect(strict.verdict.reason).toContain('30 sessions');
    const cc = parse<RunReport>(
      await ttlsim(['run', scenario, '--out', join(dir, 'cc'), '--json', '--target', 'claude-code']),
    );
    expect(cc.target).toBe('claude-code');
    expect(cc.verdict.actions.map((a) => a.target)).not.toContain('request');
  });
});

describe('ttlsim run and tune: an unknown --baseline', { timeout: 180_000 }, () => {
  it('run: exit 2 naming the file, the flag and the policies, nothing written, no stack', async () => {
    const out = join(dir, 'unknown');
    const { code, stdout, stderr } = await ttlsim(['run', scenario, '--out', out, '--baseline', '2h']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${scenario}: --baseline: ${cliMessages.unknownBaseline('2h', NAMES)}`);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('tune: exit 2 naming the flag given, --baseline or its alias --current', async () => {
    for (const flag of ['--baseline', '--current']) {
      const out = join(dir, `tune-unknown${flag}`);
      const { code, stderr } = await ttlsim(['tune', scenario, '--out', out, flag, '2h']);
      expect(code).toBe(2);
      expect(stderr).toMatch(new RegExp(`^${flag}: no policy "2h" was evaluated; one of .*"no-cache"`));
      expect(existsSync(out)).toBe(false);
    }
  });

  it('tune: --current still works, as an alias of --baseline', async () => {
    const viaCurrent = parse<TuneResult>(
      await ttlsim(['tune', scenario, '--out', join(dir, 'tune-current'), '--json', '--current', 'no-cache']),
    );
    expect(core(viaCurrent)).toEqual(core(tuneVsNoCache));
    const both = await ttlsim(['tune', scenario, '--baseline', '5m', '--current', '1h']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--baseline');
  });
});
