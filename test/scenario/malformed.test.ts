import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenarioText, readScenarioFile } from '../../src/scenario/read.js';
import { messages } from '../../src/scenario/messages.js';
import { InputError, formatIssue, type InputIssue } from '../../src/errors.js';

/** A valid scenario; each case below breaks one line of it. */
const VALID = `name: steady-keys
seed: 42
horizon: 12h
pricing: { provider: anthropic, model: claude-sonnet-4-5 }
workload:
  kind: renewal
  keys: 500
  gap: { dist: exponential, mean: 4m }
  prefixTokens: 20000
  suffixTokens: 300
policies:
  - { name: no-cache, cache: false }
  - { name: 5m, ttl: 5m }
  - { name: mixed, ttl: { context: 1h, default: 5m } }
`;

function issuesOf(text: string): InputIssue[] {
  try {
    parseScenarioText(text, 'x.yaml');
  } catch (error) {
    if (error instanceof InputError) return [...error.issues];
    throw error;
  }
  return [];
}

const replaceLine = (line: number, text: string) => VALID.split('\n').map((l, i) => (i === line - 1 ? text : l)).join('\n');

interface Case {
  readonly name: string;
  readonly text: string;
  readonly expected: readonly { line: number; column: number; path: string; message: string }[];
}

const cases: Case[] = [
  {
    name: 'unknown field, with a suggestion',
    text: replaceLine(7, '  kyes: 500'),
    expected: [
      { line: 6, column: 3, path: 'workload.keys', message: messages.missingField() },
      { line: 7, column: 3, path: 'workload.kyes', message: messages.unknownField('kyes', 'keys') },
    ],
  },
  { name: 'wrong type', text: replaceLine(7, '  keys: many'), expected: [{ line: 7, column: 9, path: 'workload.keys', message: messages.badCount(1, 'many') }] },
  { name: 'bad duration (a bare number)', text: replaceLine(3, 'horizon: 10'), expected: [{ line: 3, column: 10, path: 'horizon', message: messages.badDuration(10) }] },
  { name: 'bad duration unit', text: replaceLine(8, '  gap: { dist: exponential, mean: 4 minutes }'), expected: [{ line: 8, column: 35, path: 'workload.gap.mean', message: messages.badDuration('4 minutes') }] },
  { name: 'negative tokens', text: replaceLine(9, '  prefixTokens: -5'), expected: [{ line: 9, column: 17, path: 'workload.prefixTokens', message: messages.badTokens(-5) }] },
  {
    name: '1h after 5m on Anthropic',
    text: `${VALID}  - { name: backwards, ttl: { context: 1h, system: 5m } }\n`.replace('kind: renewal', 'kind: renewal\n  role: context').replace(
      '  - { name: backwards, ttl: { context: 1h, system: 5m } }',
      '  - { name: backwards, ttl: { tools: 5m, context: 1h } }',
    ),
    expected: [],
  },
  {
    name: 'unknown model, with a suggestion',
    text: replaceLine(4, 'pricing: { provider: anthropic, model: claude-sonet-4-5 }'),
    expected: [{ line: 4, column: 40, path: 'pricing.model', message: messages.unknownModel('anthropic', 'claude-sonet-4-5', 'claude-sonnet-4-5') }],
  },
  { name: 'unknown distribution', text: replaceLine(8, '  gap: { dist: gaussian, mean: 4m }'), expected: [{ line: 8, column: 16, path: 'workload.gap.dist', message: messages.unknownDist('gaussian', ['constant', 'uniform', 'exponential', 'lognormal', 'pareto', 'weibull', 'empirical']) }] },
  { name: 'uniform with min above max', text: replaceLine(8, '  gap: { dist: uniform, min: 10m, max: 5m }'), expected: [{ line: 8, column: 40, path: 'workload.gap.max', message: messages.minAboveMax('10m', '5m') }] },
  { name: 'duplicate policy names', text: replaceLine(14, '  - { name: 5m, ttl: 1h }'), expected: [{ line: 14, column: 13, path: 'policies[2].name', message: messages.duplicatePolicy('5m') }] },
  { name: 'empty file', text: '', expected: [{ line: 1, column: 1, path: '', message: messages.emptyFile() }] },
  { name: 'a list instead of a mapping', text: '- a\n- b\n', expected: [{ line: 1, column: 1, path: '', message: messages.notMapping(['a', 'b']) }] },
  {
    name: 'two problems at once are both reported',
    text: replaceLine(3, 'horizon: soon').replace('keys: 500', 'keys: 0'),
    expected: [
      { line: 3, column: 10, path: 'horizon', message: messages.badDuration('soon') },
      { line: 7, column: 9, path: 'workload.keys', message: messages.badCount(1, 0) },
    ],
  },
  { name: 'bad rate', text: VALID.replace(/workload:[\s\S]*?policies:/, 'workload:\n  kind: sessions\n  arrivals: lots\n  turns: 3\n  thinkTime: 1m\n  prompt: { tools: 100, system: 2000, userMessage: 50, output: 100 }\npolicies:'), expected: [{ line: 7, column: 13, path: 'workload.arrivals', message: messages.badRate('lots') }] },
  { name: 'replay is not supported yet', text: VALID.replace(/workload:[\s\S]*?policies:/, 'workload: { kind: replay, format: csv, path: x.csv }\npolicies:'), expected: [{ line: 5, column: 19, path: 'workload.kind', message: messages.replayNotSupported() }] },
  { name: 'keepalive not shorter than the TTL', text: replaceLine(13, '  - { name: 5m, ttl: 5m, keepalive: { every: 6m, maxIdle: 30m } }'), expected: [{ line: 13, column: 46, path: 'policies[1].keepalive.every', message: messages.keepaliveNotBelowTtl('6m', '5m') }] },
];

describe('malformed scenarios: every problem named with file:line:col and field', () => {
  for (const c of cases.filter((c) => c.expected.length > 0)) {
    it(c.name, () => {
      const issues = issuesOf(c.text);
      expect(issues.map(({ line, column, path, message }) => ({ line, column, path, message }))).toEqual(c.expected);
      for (const issue of issues) expect(formatIssue(issue)).toBe(`x.yaml:${issue.line}:${issue.column}: ${issue.path === '' ? '' : `${issue.path}: `}${issue.message}`);
    });
  }

  it('a 1h breakpoint after a 5m one is rejected on Anthropic, naming both roles', () => {
    const text = VALID.replace('kind: sessions', 'kind: sessions').replace(/workload:[\s\S]*?policies:/, 'workload:\n  kind: sessions\n  arrivals: 4/h\n  turns: 3\n  thinkTime: 1m\n  prompt: { tools: 100, system: 2000, userMessage: 50, output: 100 }\npolicies:');
    const issues = issuesOf(`${text}  - { name: backwards, ttl: { system: 5m, history: 1h } }\n`);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'policies[3].ttl', message: messages.ttlOrder('history', '1h', 'system', '5m', 'anthropic') });
  });

  it('invalid YAML reports the parser position', () => {
    const issues = issuesOf('name: x\nhorizon: [1h\n');
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0].line).toBeGreaterThan(0);
    expect(issues[0].message).toMatch(/^not valid YAML or JSON: /);
  });

  it('a 1h TTL on a model that offers only 5m is rejected', () => {
    const issues = issuesOf(replaceLine(4, 'pricing: { provider: bedrock, model: claude-3-7-sonnet }').replace('- { name: mixed, ttl: { context: 1h, default: 5m } }', '- { name: long, ttl: 1h }'));
    expect(issues.map((i) => i.message)).toEqual([messages.ttlNotOffered('bedrock', 'claude-3-7-sonnet', '1h', ['5m'])]);
  });

  it('a missing file and a folder are input errors naming the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttlsim-scn-'));
    mkdirSync(join(dir, 'folder.yaml'));
    expect(() => readScenarioFile(join(dir, 'none.yaml'))).toThrow(messages.fileNotFound());
    expect(() => readScenarioFile(join(dir, 'folder.yaml'))).toThrow(messages.isDirectory());
    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ name: 'j', horizon: '1h', pricing: { model: 'claude-haiku-4-5' }, workload: { kind: 'renewal', keys: 1, gap: '1m', prefixTokens: 5000 } }));
    expect(readScenarioFile(join(dir, 'ok.json')).name).toBe('j');
  });
});
