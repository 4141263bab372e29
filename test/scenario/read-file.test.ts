import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenarioText } from '../../src/scenario/read.js';
import { readScenarioFile, readScenarioFiles, validateScenarioFiles } from '../../src/run/scenario-files.js';
import { messages } from '../../src/scenario/messages.js';
import { InputError } from '../../src/model/errors.js';

/** The example docs/scenario-format.md says every build must accept, verbatim. */
const FORMAT_EXAMPLE = `name: steady-keys            # report folder and titles
seed: 42
horizon: 12h                 # simulated time for synthetic workloads
pricing: { provider: anthropic, model: claude-sonnet-4-5 }   # plus optional price overrides
workload:
  kind: renewal              # independent keys, each its own cached prefix, i.i.d. gaps
  keys: 500
  gap: { dist: exponential, mean: 4m }   # also: constant {value}, uniform {min,max},
                                         # lognormal {median,sigma}, pareto {scale,shape},
                                         # weibull {scale,shape}, empirical {values}
  prefixTokens: 20000        # cached part (one breakpoint, role "context")
  suffixTokens: 300          # uncached tail
  outputTokens: { dist: lognormal, median: 400, sigma: 0.6 }
policies:
  - { name: no-cache, cache: false }
  - { name: 5m, ttl: 5m }                      # sliding by default
  - { name: 1h, ttl: 1h }                      # fixed by default
  - { name: 1h-sliding, ttl: 1h, refresh: sliding }
  - { name: mixed, ttl: { system: 1h, default: 5m } }
  - { name: keepalive, ttl: 5m, keepalive: { every: 4m30s, maxIdle: 30m } }
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ttlsim-scenario-'));
  writeFileSync(join(dir, 'design.yaml'), FORMAT_EXAMPLE);
  writeFileSync(
    join(dir, 'broken.yaml'),
    FORMAT_EXAMPLE.replace('keys: 500', 'kyes: 500').replace('horizon: 12h', 'horizon: 12'),
  );
  writeFileSync(
    join(dir, 'ok.json'),
    JSON.stringify({
      name: 'j',
      horizon: '1h',
      pricing: { model: 'claude-haiku-4-5' },
      workload: { kind: 'renewal', keys: 1, gap: '1m', prefixTokens: 5000 },
    }),
  );
  mkdirSync(join(dir, 'folder.yaml'));
});

describe('reading scenario files', () => {
  it('accepts the docs/scenario-format.md example as written', () => {
    const s = parseScenarioText(FORMAT_EXAMPLE, 'design.yaml');
    expect(s.policies.map((p) => p.name)).toEqual(['no-cache', '5m', '1h', '1h-sliding', 'mixed', 'keepalive']);
    expect(s.workloads[0]).toMatchObject({
      keys: 500,
      gapMs: { dist: 'exponential', mean: 240_000 },
      outputTokens: { dist: 'lognormal', median: 400, sigma: 0.6 },
    });
  });

  it('reads YAML and JSON files, recording the path it opened', () => {
    expect(readScenarioFile(join(dir, 'design.yaml')).sourcePath).toBe(join(dir, 'design.yaml'));
    expect(readScenarioFile(join(dir, 'ok.json'), 'ok.json')).toMatchObject({
      name: 'j',
      sourcePath: join(dir, 'ok.json'),
    });
  });

  it('a missing file and a folder are input errors naming the file as the user wrote it', () => {
    const issueOf = (path: string) => {
      try {
        readScenarioFile(join(dir, path), path);
      } catch (error) {
        if (error instanceof InputError) return error.issues;
        throw error;
      }
      return [];
    };
    expect(issueOf('none.yaml')).toEqual([
      { file: 'none.yaml', line: 0, column: 0, path: '', message: messages.fileNotFound() },
    ]);
    expect(issueOf('folder.yaml')).toEqual([
      { file: 'folder.yaml', line: 0, column: 0, path: '', message: messages.isDirectory() },
    ]);
    expect(issueOf('ok.json/inner.yaml')[0].message).toBe(messages.fileNotFound());
  });

  it('validateScenarioFiles reports every file, with every problem of each, paths relative to cwd', () => {
    const reports = validateScenarioFiles(['design.yaml', 'broken.yaml', 'none.yaml'], dir);
    expect(reports.map((r) => [r.file, r.ok, r.issues.length])).toEqual([
      ['design.yaml', true, 0],
      ['broken.yaml', false, 3],
      ['none.yaml', false, 1],
    ]);
    expect(reports[1].issues.map((i) => [i.file, i.line, i.column, i.path, i.message])).toEqual([
      ['broken.yaml', 3, 10, 'horizon', messages.badDuration(12)],
      ['broken.yaml', 6, 3, 'workload.keys', messages.missingField()],
      ['broken.yaml', 7, 3, 'workload.kyes', messages.unknownField('kyes', 'keys')],
    ]);
  });

  it('readScenarioFiles reads each file once: the scenarios, or every problem validate lists, together', () => {
    expect(readScenarioFiles(['design.yaml', 'ok.json'], dir)).toEqual([
      readScenarioFile(join(dir, 'design.yaml'), 'design.yaml'),
      readScenarioFile(join(dir, 'ok.json'), 'ok.json'),
    ]);
    const files = ['design.yaml', 'broken.yaml', 'none.yaml'];
    let thrown: unknown;
    try {
      readScenarioFiles(files, dir);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).issues).toEqual(validateScenarioFiles(files, dir).flatMap((r) => r.issues));
    expect((thrown as InputError).issues).toHaveLength(4);
  });
});

describe('the catalogue keeps the wording the docs quote', () => {
  it('a bare number where a duration belongs, and an unknown field with a suggestion', () => {
    expect(messages.badDuration(10)).toBe('expected a duration like "5m", got "10"');
    expect(messages.unknownField('kyes', 'keys')).toBe('unknown field "kyes" (did you mean "keys"?)');
    expect(messages.ttlOrder('history', '1h', 'system', '5m', 'anthropic')).toBe(
      'a 1h breakpoint on "history" may not follow a 5m breakpoint on "system" (anthropic requires non-increasing TTLs in prompt order)',
    );
  });
});
