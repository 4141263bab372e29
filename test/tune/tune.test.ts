// `tune` against the decision table in docs/model.md, its JSON contract, and its statistics.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readScenarioFile } from '../../src/run/scenario-files.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { tuneLogs, tuneScenario } from '../../src/tune/tune.js';
import { policySpace } from '../../src/tune/policy-space.js';
import { bootstrapSaving } from '../../src/verdict/bootstrap.js';
import { paretoFront } from '../../src/report/charts/tune-charts.js';
import { createRng } from '../../src/workload/rng.js';
import { tunePage } from '../../src/report/tune-report.js';
import { replayMessages } from '../../src/replay/messages.js';
import type { ReplayResult } from '../../src/replay/replay-logs.js';
import { ttlsim } from '../cli/capture.js';

/** Tunes a shipped scenario afresh. */
const tuneAfresh = (file: string) => tuneScenario(readScenarioFile(resolve('scenarios', `${file}.yaml`)));
/**
 * Tunes a shipped scenario once per file: the result is a pure function of the scenario (seeded), so the
 * tests below read one computation instead of repeating the same tune; the determinism test uses tuneAfresh.
 */
const tuned = new Map<string, ReturnType<typeof tuneScenario>>();
const tune = (file: string) => {
  let result = tuned.get(file);
  if (result === undefined) tuned.set(file, (result = tuneAfresh(file)));
  return result;
};
/** The tiers a policy gives each role (its default for the rest). */
const tiersOf = (file: string, name: string) => {
  const spec = policySpace(['tools', 'system', 'project', 'history'])
    .concat(policySpace(['system', 'project', 'history']))
    .find((p) => p.name === name)!;
  if (spec.kind !== 'static' && spec.kind !== 'keepalive') return { byRole: {}, default: 'none', file };
  return {
    byRole: Object.fromEntries(Object.entries(spec.tierByRole).map(([role, t]) => [role, t?.label])),
    default: spec.defaultTier?.label ?? 'none',
    file,
  };
};

describe('tune reproduces the decision table (5m sliding, 1h fixed)', () => {
  it.each([
    ['claude-code-high-frequency', '5m'],
    ['support-bot', '5m'],
    ['document-agent', '1h'],
    ['scheduled-batch', '1h'],
    ['low-frequency-api', 'no-cache'],
  ])('%s → %s', (file, expected) => {
    expect(tune(file).recommendation.policy).toBe(expected);
  });

  it('stable-system-prompt → 1h on the system prompt, 5m on the history', () => {
    const { recommendation } = tune('stable-system-prompt');
    const tiers = tiersOf('stable-system-prompt', recommendation.policy);
    expect(tiers.byRole.system).toBe('1h');
    expect(tiers.byRole.history).toBe('5m');
  });

  it('says when a sliding 1h changes the answer, and gives both', () => {
    const { recommendation } = tune('document-agent');
    expect(recommendation.ifOneHourSlides?.policy).toBe('1h-sliding');
    expect(recommendation.ifOneHourSlides!.costUsd).toBeLessThan(
      tune('document-agent').policies.find((p) => p.policy === '1h')!.costUsd.total,
    );
  });

  it('names a cheaper policy beyond static TTLs without recommending it (scheduled batch: keep-alive pings)', () => {
    const { recommendation } = tune('scheduled-batch');
    expect(recommendation.beyondStatic?.policy).toMatch(/^keepalive/);
    expect(recommendation.beyondStatic!.savingsVsRecommended).toBeGreaterThan(0);
    expect(recommendation.reason).toContain('Beyond TTL policies');
  });

  it('gives the reason in the gap distribution for the tier it relies on', () => {
    expect(tune('document-agent').recommendation.reason).toMatch(
      /of \d[\d,]* idle gaps fall between 5 and 60 minutes, where only 1h hits/,
    );
    expect(tune('support-bot').recommendation.reason).toMatch(/idle gaps are under 5 minutes/);
    expect(tune('low-frequency-api').recommendation.reason).toMatch(/idle gaps are over an hour/);
  });
});

describe('the offline optimum and the adaptive policy in the table', () => {
  it('has a row named oracle, and the regret is measured against it', () => {
    const result = tune('document-agent');
    const oracle = result.policies.find((p) => p.policy === 'oracle')!;
    const recommended = result.policies.find((p) => p.policy === result.recommendation.policy)!;
    expect(result.recommendation.regretVsOracle).toBeCloseTo(recommended.costUsd.total / oracle.costUsd.total - 1, 5);
  });

  it('on independent single-prefix keys the oracle is a bound: no policy costs less', () => {
    const result = tune('low-frequency-api');
    const oracle = result.policies.find((p) => p.policy === 'oracle')!;
    for (const p of result.policies) expect(p.costUsd.total).toBeGreaterThanOrEqual(oracle.costUsd.total - 1e-6);
  });

  it('evaluates the adaptive policy; on the developer day it beats static 5m and 1h', () => {
    const result = tune('claude-code-dev-day');
    const cost = (name: string) => result.policies.find((p) => p.policy === name)!.costUsd.total;
    expect(cost('adaptive')).toBeLessThan(Math.min(cost('5m'), cost('1h')));
    expect(result.recommendation.beyondStatic?.policy).toBe('adaptive');
  });
});

describe('policies per thread kind', () => {
  it('tune evaluates subagents on a tier of their own, and the scenario syntax gives the same bill', () => {
    const result = tune('claude-code-dev-day');
    const row = result.policies.find((p) => p.policy === '1h · subagents 5m')!;
    expect(row).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'ttlsim-threads-'));
    const text = readFileSync(resolve('scenarios', 'claude-code-dev-day.yaml'), 'utf8').replace(
      /policies:[\s\S]*$/,
      'policies:\n  - { name: per-thread, ttl: 1h, threads: { subagent: 5m, compaction: 5m } }\n',
    );
    writeFileSync(join(dir, 'dev-day.yaml'), text);
    const run = runScenario(readScenarioFile(join(dir, 'dev-day.yaml')));
    expect(run.policies[0].costUsd).toEqual(row.costUsd);
    expect(run.policies[0].refresh).toEqual({ '1h': 'fixed', '5m': 'sliding' });
  });
});

describe('the recommendation statistics', () => {
  it('a bootstrap interval over sessions, seeded: the same seed gives the same interval', () => {
    const a = tune('scheduled-batch').recommendation;
    const b = tuneAfresh('scheduled-batch').recommendation;
    expect(a.ci).toEqual(b.ci);
    expect(a.ci![0]).toBeLessThanOrEqual(a.savingsVsCurrent);
    expect(a.ci![1]).toBeGreaterThanOrEqual(a.savingsVsCurrent);
    expect(a.units).toBe(97);
  });

  it('says plainly when the data are too few to decide', () => {
    const { recommendation } = tune('claude-code-high-frequency');
    expect(recommendation.undecided).toBe(true);
    expect(recommendation.reason).toMatch(/too few to decide/);
  });

  it('bootstrap: a saving on every unit has an interval above zero; none at all gives [0, 0]', () => {
    const rng = createRng(1);
    const boot = bootstrapSaving([1, 2, 3, 4, 5, 6], [2, 4, 6, 8, 10, 12], rng)!;
    expect(boot.ci).toEqual([0.5, 0.5]);
    const mixed = bootstrapSaving([1, 3, 1, 3, 1, 3, 1, 3], [2, 2, 2, 2, 2, 2, 2, 2], createRng(2))!;
    expect(mixed.ci[0]).toBeLessThan(0);
    expect(mixed.ci[1]).toBeGreaterThan(0);
    expect(bootstrapSaving([1], [2], rng)).toBeNull();
  });

  it('the Pareto front: no policy on it is both costlier and hits less than another', () => {
    const { policies } = tune('claude-code-dev-day');
    const front = paretoFront(policies);
    for (const p of policies.filter((q) => front.has(q.policy))) {
      expect(policies.some((q) => q.costUsd.total < p.costUsd.total && q.hitRate > p.hitRate)).toBe(false);
    }
  });
});

/** The parts of `ttlsim tune --json` these tests read. */
interface TuneJson {
  readonly recommendation: { readonly policy: string } & Record<string, unknown>;
  readonly policies: readonly { readonly policy: string }[];
}

describe('ttlsim tune', { timeout: 240_000 }, () => {
  it('--json prints the evaluated table and the recommendation object', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ttlsim-tune-'));
    const { code, stdout } = await ttlsim(['tune', 'scenarios/document-agent.yaml', '--out', out, '--json']);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as TuneJson;
    expect(Object.keys(parsed.recommendation)).toEqual(
      expect.arrayContaining(['policy', 'savingsVsNoCache', 'regretVsOracle', 'ci', 'reason']),
    );
    expect(parsed.policies.map((p) => p.policy)).toContain(parsed.recommendation.policy);
    expect(readFileSync(join(out, 'tune.json'), 'utf8')).toBe(stdout);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('id="chart-tune-pareto"');
    // Whose prices the answer rests on, as the run report says it.
    const pricing = tunePage(tuneScenario(readScenarioFile('scenarios/document-agent.yaml'))).facts.find(
      (f) => f.label === 'prices',
    );
    expect(pricing?.value).toMatch(/^Claude .+ \(anthropic, as of \d{4}-\d{2}-\d{2}\)$/);
    expect(html).toContain(pricing!.value);
  });

  it('tunes recorded logs against what they ran (as recorded)', () => {
    const result = tuneLogs({ paths: [resolve('scenarios', 'logs', 'claude-code')], cwd: '.', env: {} });
    expect(result.recommendation.current).toBe('as-recorded');
    expect(tunePage(result).facts.find((f) => f.label === 'prices')?.value).toBe(
      `${replayMessages.pricedBy('anthropic', 'default')}, as of ${(result.run as ReplayResult).pricing.asOf}`,
    );
    expect(result.policies.some((p) => p.policy === 'as-recorded')).toBe(true);
    expect(result.policies.map((p) => p.policy)).toContain(result.recommendation.policy);
  });

  it('an unknown --current is a usage error naming the flag', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ttlsim-tune-bad-'));
    const { code, stderr } = await ttlsim(['tune', 'scenarios/support-bot.yaml', '--current', 'forever', '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^--current: no policy "forever" was evaluated/);
  });
});
