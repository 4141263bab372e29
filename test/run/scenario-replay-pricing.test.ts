// A scenario's replay workload whose logs hold models the scenario's provider does not price: those
// requests are left out and counted with the unusable lines, located, and the run goes on.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readScenarioFile } from '../../src/run/scenario-files.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { messages } from '../../src/scenario/messages.js';

const MIXED = resolve('test', 'fixtures', 'pricing', 'bedrock-mixed.jsonl');

describe('replay workloads with unpriced models', () => {
  it('skips and locates them, and bills the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttlsim-unpriced-'));
    const file = join(dir, 'mixed.yaml');
    writeFileSync(
      file,
      `name: mixed\npricing: { provider: bedrock, model: claude-opus-4-1 }\nworkload:\n  kind: replay\n  path: ${MIXED}\npolicies:\n  - { name: 5m, ttl: 5m }\n`,
    );
    const result = runScenario(readScenarioFile(file));
    expect(result.policies[0].requests).toBe(2);
    expect(result.logProblems?.count).toBe(2);
    expect(result.logProblems?.shown.map((p) => [p.line, p.field, p.reason])).toEqual([
      [3, 'model', messages.replayedModelUnpriced('mistral.mistral-large-2407-v1:0', 'bedrock')],
      [
        4,
        'model',
        messages.replayedModelUnpriced(
          'arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/k2l3m4n5o6p7',
          'bedrock',
        ),
      ],
    ]);
  });
});
