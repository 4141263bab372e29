import { describe, it, expect } from 'vitest';
import { parseScenarioText } from '../../src/scenario/read.js';
import { messages } from '../../src/scenario/messages.js';
import { DIST_NAMES } from '../../src/scenario/dist.js';
import { WORKLOAD_KINDS } from '../../src/scenario/schema-workload.js';
import { providers } from '../../src/pricing/lookup.js';
import { InputError, formatIssue, type InputIssue } from '../../src/model/errors.js';

/** A valid scenario; each case below breaks a line or two of it. */
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
  - { name: 1h, ttl: { context: 1h } }
`;

/** The same, on a sessions workload (roles tools, system, project, history). */
const SESSIONS = VALID.replace(
  /workload:[\s\S]*?policies:/,
  `workload:
  kind: sessions
  arrivals: 4/h
  turns: 3
  thinkTime: 1m
  prompt: { tools: 100, system: 2000, userMessage: 50, output: 100 }
policies:`,
).replace('ttl: { context: 1h }', 'ttl: 1h');

/** VALID with line `line` (1-based) replaced; several lines may follow in `text`. */
const withLine = (line: number, text: string, base = VALID) =>
  base
    .split('\n')
    .map((l, i) => (i === line - 1 ? text : l))
    .join('\n');
const withPolicy = (policy: string, base = VALID) => `${base}  - ${policy}\n`;

function issuesOf(text: string): InputIssue[] {
  try {
    parseScenarioText(text, 'x.yaml');
  } catch (error) {
    if (error instanceof InputError) return [...error.issues];
    throw error;
  }
  return [];
}

type Expected = readonly [line: number, column: number, path: string, message: string];
const cases: [name: string, text: string, expected: Expected[]][] = [
  [
    'unknown field, with a suggestion from its own mapping',
    withLine(7, '  kyes: 500'),
    [
      [6, 3, 'workload.keys', messages.missingField()],
      [7, 3, 'workload.kyes', messages.unknownField('kyes', 'keys')],
    ],
  ],
  ['unknown top-level field', withLine(2, 'sead: 42'), [[2, 1, 'sead', messages.unknownField('sead', 'seed')]]],
  [
    'unknown field far from any known one',
    withLine(10, '  colour: blue'),
    [[10, 3, 'workload.colour', messages.unknownField('colour')]],
  ],
  [
    'wrong type: text for a count',
    withLine(7, '  keys: many'),
    [[7, 9, 'workload.keys', messages.badCount(1, 'many')]],
  ],
  [
    'wrong type: a scalar for a mapping',
    withLine(4, 'pricing: claude'),
    [[4, 10, 'pricing', messages.wrongType('a mapping', 'claude')]],
  ],
  ['wrong type: a fraction of a key', withLine(7, '  keys: 2.5'), [[7, 9, 'workload.keys', messages.badCount(1, 2.5)]]],
  ['bad duration: a bare number', withLine(3, 'horizon: 10'), [[3, 10, 'horizon', messages.badDuration(10)]]],
  [
    'bad duration: an unknown unit inside a distribution',
    withLine(8, '  gap: { dist: exponential, mean: 4 minutes }'),
    [[8, 35, 'workload.gap.mean', messages.badDuration('4 minutes')]],
  ],
  [
    'bad duration: compound parts out of order',
    withLine(3, 'horizon: 30m12h'),
    [[3, 10, 'horizon', messages.badDuration('30m12h')]],
  ],
  [
    'bad duration: zero where time must pass',
    withLine(3, 'horizon: 0s'),
    [[3, 10, 'horizon', messages.durationNotPositive('0s')]],
  ],
  ['negative tokens', withLine(9, '  prefixTokens: -5'), [[9, 17, 'workload.prefixTokens', messages.badTokens(-5)]]],
  [
    'a 1h breakpoint after a 5m one on Anthropic',
    withPolicy('{ name: backwards, ttl: { system: 5m, history: 1h } }', SESSIONS),
    [[15, 29, 'policies[3].ttl', messages.ttlOrder('history', '1h', 'system', '5m', 'anthropic')]],
  ],
  [
    'a 1h TTL on a model that offers only 5m',
    withLine(4, 'pricing: { provider: bedrock, model: claude-3-7-sonnet }'),
    [[14, 33, 'policies[2].ttl.context', messages.ttlNotOffered('bedrock', 'claude-3-7-sonnet', '1h', ['5m'])]],
  ],
  [
    'unknown model, with a suggestion',
    withLine(4, 'pricing: { provider: anthropic, model: claude-sonet-4-5 }'),
    [[4, 40, 'pricing.model', messages.unknownModel('anthropic', 'claude-sonet-4-5', 'claude-sonnet-4-5')]],
  ],
  [
    'unknown provider, listing the known ones',
    withLine(4, 'pricing: { provider: acme, model: claude-sonnet-4-5 }'),
    [[4, 22, 'pricing.provider', messages.unknownProvider('acme', providers())]],
  ],
  ['empty file', '', [[1, 1, '', messages.emptyFile()]]],
  ['a file of comments only', '# nothing yet\n', [[1, 1, '', messages.emptyFile()]]],
  ['a list instead of a mapping', '- a\n- b\n', [[1, 1, '', messages.notMapping(['a', 'b'])]]],
  [
    'a repeated key is invalid YAML',
    withLine(2, 'name: again'),
    [[2, 1, '', messages.invalidYaml('Map keys must be unique')]],
  ],
  ['bad rate', withLine(7, '  arrivals: lots', SESSIONS), [[7, 13, 'workload.arrivals', messages.badRate('lots')]]],
  [
    'bad rate: zero session starts',
    withLine(7, '  arrivals: 0/h', SESSIONS),
    [[7, 13, 'workload.arrivals', messages.rateNotPositive('0/h')]],
  ],
  [
    'bad distribution: min above max',
    withLine(8, '  gap: { dist: uniform, min: 10m, max: 5m }'),
    [[8, 40, 'workload.gap.max', messages.minAboveMax('10m', '5m')]],
  ],
  [
    'bad distribution: sigma below zero and shape zero',
    withLine(
      8,
      '  gap: { dist: lognormal, median: 3m, sigma: -1 }\n  outputTokens: { dist: pareto, scale: 100, shape: 0 }',
    ),
    [
      [8, 46, 'workload.gap.sigma', messages.badNumber('≥ 0', -1)],
      [9, 52, 'workload.outputTokens.shape', messages.badNumber('> 0', 0)],
    ],
  ],
  [
    'bad distribution: a zero mean',
    withLine(8, '  gap: { dist: exponential, mean: 0s }'),
    [[8, 35, 'workload.gap.mean', messages.durationNotPositive('0s')]],
  ],
  [
    'bad distribution: no values',
    withLine(8, '  gap: { dist: empirical, values: [] }'),
    [[8, 35, 'workload.gap.values', messages.emptyEmpirical()]],
  ],
  [
    'bad distribution: an unknown name',
    withLine(8, '  gap: { dist: gaussian, mean: 4m }'),
    [[8, 16, 'workload.gap.dist', messages.unknownDist('gaussian', DIST_NAMES)]],
  ],
  [
    'bad distribution: no name',
    withLine(8, '  gap: { mean: 4m }'),
    [[8, 8, 'workload.gap.dist', messages.missingDist(DIST_NAMES)]],
  ],
  [
    'bad distribution: a field of another one',
    withLine(8, '  gap: { dist: exponential, mean: 4m, sigma: 1 }'),
    [[8, 39, 'workload.gap.sigma', messages.unknownField('sigma')]],
  ],
  [
    'duplicate policy names',
    withLine(14, '  - { name: 5m, ttl: 1h }'),
    [[14, 13, 'policies[2].name', messages.duplicatePolicy('5m')]],
  ],
  [
    'two problems at once: a shape problem and an unknown model',
    withLine(3, 'horizon: soon').replace('model: claude-sonnet-4-5', 'model: gpt-9'),
    [
      [3, 10, 'horizon', messages.badDuration('soon')],
      [4, 40, 'pricing.model', messages.unknownModel('anthropic', 'gpt-9')],
    ],
  ],
  [
    'two problems at once in one workload',
    withLine(7, '  keys: 0').replace('mean: 4m', 'mean: 4'),
    [
      [7, 9, 'workload.keys', messages.badCount(1, 0)],
      [8, 35, 'workload.gap.mean', messages.badDuration(4)],
    ],
  ],
  [
    'an unknown workload kind',
    withLine(6, '  kind: batch'),
    [[6, 9, 'workload.kind', messages.unknownWorkloadKind('batch', WORKLOAD_KINDS)]],
  ],
  [
    'replay logs named in scenario text that is not a file',
    VALID.replace(/workload:[\s\S]*?policies:/, 'workload: { kind: replay, format: csv, path: x.csv }\npolicies:'),
    [[5, 46, 'workload.path', messages.replayLogs(messages.replayNeedsFile())]],
  ],
  [
    'an unknown log format',
    VALID.replace(/workload:[\s\S]*?policies:/, 'workload: { kind: replay, format: excel, path: x.csv }\npolicies:'),
    [[5, 35, 'workload.format', messages.unknownLogFormat('excel', ['claude-code', 'csv', 'bedrock', 'mooncake'])]],
  ],
  [
    'no horizon for a synthetic workload',
    VALID.replace('horizon: 12h\n', ''),
    [[1, 1, 'horizon', messages.horizonOrReplay()]],
  ],
  [
    'no workload',
    VALID.replace(/workload:[\s\S]*?policies:/, 'policies:'),
    [[1, 1, 'workload', messages.missingField()]],
  ],
  [
    'an empty workload list',
    VALID.replace(/workload:[\s\S]*?policies:/, 'workload: []\npolicies:'),
    [[5, 11, 'workload', messages.emptyList('workload')]],
  ],
  [
    'a caching policy without a ttl',
    withLine(13, '  - { name: 5m }'),
    [[13, 5, 'policies[1].ttl', messages.policyNeedsTtl()]],
  ],
  [
    'a ttl on a no-cache policy',
    withLine(12, '  - { name: no-cache, cache: false, ttl: 5m }'),
    [[12, 42, 'policies[0].ttl', messages.unusedWithoutCache('ttl')]],
  ],
  [
    'refresh for a tier the policy does not use',
    withLine(13, '  - { name: 5m, ttl: 5m, refresh: { 1h: fixed } }'),
    [[13, 37, 'policies[1].refresh.1h', messages.badRefreshTier('1h', ['5m'])]],
  ],
  [
    'keepalive not shorter than the TTL',
    withLine(13, '  - { name: 5m, ttl: 5m, keepalive: { every: 6m, maxIdle: 30m } }'),
    [[13, 46, 'policies[1].keepalive.every', messages.keepaliveNotBelowTtl('6m', '5m')]],
  ],
  [
    'jitter of half the period or more',
    VALID.replace(
      /workload:[\s\S]*?policies:/,
      'workload: { kind: periodic, every: 30m, jitter: 15m, prefixTokens: 1000 }\npolicies:',
    ),
    [[5, 49, 'workload.jitter', messages.jitterTooLarge('15m', '30m')]],
  ],
  [
    'two workloads with one label',
    VALID.replace(
      /workload:[\s\S]*?policies:/,
      'workload:\n  - { kind: periodic, every: 30m, prefixTokens: 1000, label: batch }\n  - { kind: periodic, every: 1h, prefixTokens: 1000, label: batch }\npolicies:',
    ),
    [[7, 61, 'workload[1].label', messages.duplicateLabel('batch')]],
  ],
  [
    'a profile whose weights are all zero',
    withLine(10, `  profile: { weekly: [0, 0, 0, 0, 0, 0, 0] }`),
    [[10, 22, 'workload.profile.weekly', messages.allZeroProfile()]],
  ],
  [
    'a compaction summary not below its threshold',
    withLine(11, '  compaction: { threshold: 1000, summary: 1000 }\npolicies:', SESSIONS),
    [[11, 43, 'workload.compaction.summary', messages.summaryNotBelowThreshold(1000, 1000)]],
  ],
];

describe('malformed scenarios: every problem at file:line:col, with its field and catalogue message', () => {
  for (const [name, text, expected] of cases) {
    it(name, () => {
      const issues = issuesOf(text);
      expect(issues.map((i) => [i.line, i.column, i.path, i.message])).toEqual(expected);
      for (const issue of issues)
        expect(formatIssue(issue)).toBe(
          `x.yaml:${issue.line}:${issue.column}: ${issue.path === '' ? '' : `${issue.path}: `}${issue.message}`,
        );
    });
  }

  it('the valid bases are valid (so each case above tests only its own break)', () => {
    expect(issuesOf(VALID)).toEqual([]);
    expect(issuesOf(SESSIONS)).toEqual([]);
  });

  it("invalid YAML is reported at the parser's position", () => {
    const issues = issuesOf('name: x\nhorizon: [1h\n');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'x.yaml', line: 3, column: 1, path: '' });
    expect(issues[0].message.startsWith(messages.invalidYaml(''))).toBe(true);
  });

  it('a JSON scenario is located the same way', () => {
    const json =
      '{\n  "name": "j",\n  "horizon": "1h",\n  "pricing": { "model": "claude-haiku-4-5" },\n  "workload": { "kind": "renewal", "keys": 1, "gap": 60, "prefixTokens": 5000 }\n}\n';
    expect(issuesOf(json).map((i) => [i.line, i.column, i.path, i.message])).toEqual([
      [5, 54, 'workload.gap', messages.badDuration(60)],
    ]);
  });
});
