// Bedrock invocation logs are priced as Bedrock unless --provider says otherwise (replay/replay-logs.ts
// providerOf), in `replay` and `tune` alike, and the JSON and header say which provider priced the run and why.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ttlsim } from './capture.js';
import { replayMessages } from '../../src/replay/messages.js';

const LOGS = resolve('test/fixtures/bedrock/invocations.jsonl');

interface Priced {
  pricing: { provider: string; providerFrom: string };
  policies: { policy: string; costUsd: { total: number } }[];
}

async function run(args: string[]): Promise<{ stdout: string; code: number; stderr: string }> {
  const out = mkdtempSync(join(tmpdir(), 'ttlsim-bedrock-provider-'));
  return ttlsim([...args, '--out', join(out, 'report')]);
}

async function json(args: string[]): Promise<Priced> {
  const { stdout, code, stderr } = await run([...args, '--json', '--quiet']);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as Priced;
}

describe('the price provider of Bedrock logs', () => {
  let detected: Priced;
  let flagged: Priced;
  let anthropic: Priced;
  beforeAll(async () => {
    detected = await json(['replay', LOGS]);
    flagged = await json(['replay', LOGS, '--provider', 'bedrock']);
    anthropic = await json(['replay', LOGS, '--provider', 'anthropic']);
  }, 240_000);

  it('is bedrock without --provider, detected from the logs, and costs what --provider bedrock costs', () => {
    expect(detected.pricing.provider).toBe('bedrock');
    expect(detected.pricing.providerFrom).toBe('logs');
    expect(flagged.pricing.providerFrom).toBe('--provider');
    expect(detected.policies).toEqual(flagged.policies);
  });

  it('--provider always wins', () => {
    expect(anthropic.pricing).toMatchObject({ provider: 'anthropic', providerFrom: '--provider' });
    // The fixture's models are priced differently by the two providers: the default was not silently kept.
    expect(anthropic.policies.map((p) => p.costUsd.total)).not.toEqual(detected.policies.map((p) => p.costUsd.total));
  });

  it('tune prices the same logs the same way', async () => {
    const tuned = await json(['tune', LOGS]);
    expect(tuned.pricing).toMatchObject({ provider: 'bedrock', providerFrom: 'logs' });
    const asRecorded = (rows: Priced['policies']) => rows.find((p) => p.policy === 'as-recorded')?.costUsd.total;
    expect(asRecorded(tuned.policies)).toBe(asRecorded(detected.policies));
  }, 240_000);

  it('the header says which provider priced the run and why', async () => {
    const { stdout, code } = await run(['replay', LOGS]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Prices: ${replayMessages.pricedBy('bedrock', 'logs')}`);
  }, 240_000);

  it('an unknown --provider is refused before any log is read', async () => {
    const { stdout, code, stderr } = await run(['replay', resolve('test/fixtures/no-such-logs'), '--provider', 'nope']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^--provider: unknown price provider "nope"/);
  }, 240_000);
});
