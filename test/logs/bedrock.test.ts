import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bedrockModelId, isBedrockLine, readBedrockCalls } from '../../src/logs/bedrock.js';
import { bedrockMessages as m } from '../../src/logs/messages.js';
import { ProblemLog, type LogLine, type RecordedCall } from '../../src/logs/types.js';

const FIXTURES = join('test', 'fixtures', 'bedrock');
const ALICE = 'arn:aws:sts::123456789012:assumed-role/dev/alice';
const S46 = 'us.anthropic.claude-sonnet-4-6-v1:0';
const at = (iso: string) => Date.parse(iso);

/** A fixture's lines as logs/read-lines.ts yields them: numbered from 1, empty lines left out. */
function fixtureLines(name: string): LogLine[] {
  const file = join(FIXTURES, name);
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((text, i) => ({ file, line: i + 1, text }))
    .filter((line) => line.text !== '');
}

function read(lines: LogLine[], project?: string): { calls: RecordedCall[]; problems: ProblemLog } {
  const problems = new ProblemLog();
  const calls = readBedrockCalls(lines, problems, project === undefined ? {} : { project });
  return { calls, problems };
}

/** One inline record, InvokeModel-shaped unless `patch` says otherwise. */
function record(patch: Record<string, unknown> = {}): string {
  return JSON.stringify({
    schemaType: 'ModelInvocationLog',
    schemaVersion: '1.0',
    timestamp: '2025-10-01T12:00:00Z',
    accountId: '123456789012',
    identity: { arn: ALICE },
    operation: 'InvokeModel',
    modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    input: { inputTokenCount: 10, cacheReadInputTokenCount: 0, cacheWriteInputTokenCount: 100 },
    output: { outputTokenCount: 5 },
    ...patch,
  });
}
const inline = (...texts: string[]): LogLine[] => texts.map((text, i) => ({ file: 'inline.jsonl', line: i + 1, text }));

describe('readBedrockCalls on documented records', () => {
  const { calls, problems } = read(fixtureLines('invocations.jsonl'));
  const byLine = (line: number) => calls.find((c) => c.line === line)!;

  it('reads every good record and reports none', () => {
    expect(problems.count).toBe(0);
    expect(calls).toHaveLength(6);
  });

  it('sorts calls by start time, keeping file order within a millisecond', () => {
    expect(calls.map((c) => c.line)).toEqual([6, 2, 4, 5, 1, 3]);
    expect(calls.map((c) => c.startMs)).toEqual([
      at('2025-10-01T09:59:00Z'),
      at('2025-10-01T10:00:00Z'),
      at('2025-10-01T10:02:00Z'),
      at('2025-10-01T10:02:00Z'),
      at('2025-10-01T10:05:00Z'),
      at('2025-10-01T10:10:00Z'),
    ]);
  });

  it('InvokeModel takes its counts from input.* and output.*; writes without a split are 5m', () => {
    expect(byLine(2).usage).toEqual({ input: 50, cacheWrite5m: 12000, cacheWrite1h: 0, cacheRead: 0, output: 300 });
    expect(byLine(2).ttl).toBe('5m');
  });

  it('Converse cacheDetails split the writes into 1h and 5m; mostly 1h makes the call 1h', () => {
    expect(byLine(1).usage).toEqual({
      input: 120,
      cacheWrite5m: 10000,
      cacheWrite1h: 20000,
      cacheRead: 0,
      output: 400,
    });
    expect(byLine(1).ttl).toBe('1h');
  });

  it('written tokens the split does not cover are 5m', () => {
    expect(byLine(3).usage).toEqual({
      input: 80,
      cacheWrite5m: 2000,
      cacheWrite1h: 500,
      cacheRead: 30000,
      output: 250,
    });
    expect(byLine(3).ttl).toBe('5m');
  });

  it('an Anthropic body cache_creation splits an InvokeModel call', () => {
    expect(byLine(4).usage).toEqual({ input: 15, cacheWrite5m: 0, cacheWrite1h: 8000, cacheRead: 0, output: 60 });
    expect(byLine(4).ttl).toBe('1h');
  });

  it('cache counts absent from input.* are taken from the body usage', () => {
    expect(byLine(5).usage).toEqual({ input: 10, cacheWrite5m: 100, cacheWrite1h: 0, cacheRead: 900, output: 20 });
  });

  it('equal 1h and 5m writes make the call 1h', () => {
    expect(byLine(6).usage).toEqual({ input: 5, cacheWrite5m: 1000, cacheWrite1h: 1000, cacheRead: 0, output: 70 });
    expect(byLine(6).ttl).toBe('1h');
  });

  it('maps inference-profile and foundation-model ids to Anthropic ids; an application profile ARN stays', () => {
    expect(byLine(1).model).toBe('claude-sonnet-4-6');
    expect(byLine(2).model).toBe('claude-sonnet-4-5-20250929');
    expect(byLine(4).model).toBe('claude-haiku-4-5-20251001');
    expect(byLine(5).model).toBe('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6');
    expect(byLine(6).model).toBe('claude-opus-4-1-20250805');
  });

  it('a requestMetadata session or conversation id names the thread', () => {
    expect(byLine(4).threadId).toBe('ticket-42');
    expect(byLine(5).threadId).toBe('conv-7');
  });

  it('without one, a thread is one caller (identity, else account) and one logged model id', () => {
    expect(byLine(1).threadId).toBe(`${ALICE}/${S46}`);
    expect(byLine(3).threadId).toBe(`${ALICE}/${S46}`);
    expect(byLine(2).threadId).toBe(`${ALICE}/anthropic.claude-sonnet-4-5-20250929-v1:0`);
    expect(byLine(6).threadId).toBe('111122223333/eu.anthropic.claude-opus-4-1-20250805-v1:0');
    expect(new Set(calls.map((c) => c.threadId)).size).toBe(5);
  });

  it('fills the fields Bedrock does not log with the neutral values', () => {
    const call = byLine(1);
    expect(call).toMatchObject({
      threadKind: 'main',
      sessionId: call.threadId,
      version: '',
      afterCompaction: false,
      parentThreadId: '',
    });
    expect(call.file).toBe(join(FIXTURES, 'invocations.jsonl'));
    expect(byLine(4).sessionId).toBe('ticket-42');
  });

  it('the project is the option when given, else the account id', () => {
    expect(byLine(1).project).toBe('123456789012');
    expect(byLine(6).project).toBe('111122223333');
    const named = read(fixtureLines('invocations.jsonl'), 'payments').calls;
    expect(new Set(named.map((c) => c.project))).toEqual(new Set(['payments']));
  });
});

describe('readBedrockCalls on bad lines', () => {
  const { calls, problems } = read(fixtureLines('bad-lines.jsonl'));
  const file = join(FIXTURES, 'bad-lines.jsonl');

  it('skips every bad line and keeps the good ones around them', () => {
    // Line 7 logs no cache read count: a call without caching, read as 0 and kept.
    expect(calls.map((c) => c.line)).toEqual([1, 7, 17]);
    expect(calls[1].usage.cacheRead).toBe(0);
    expect(problems.count).toBe(14);
  });

  it('reports each bad line with its number, field and reason', () => {
    const invalidJson = problems.shown[0];
    expect(invalidJson).toMatchObject({ file, line: 2, field: '' });
    expect(invalidJson.reason.startsWith(m.invalidJson(''))).toBe(true);
    expect(problems.shown.slice(1)).toEqual([
      { file, line: 3, field: 'schemaType', reason: m.notInvocationLog('CloudTrailEvent') },
      { file, line: 4, field: '', reason: m.notInvocationLog(undefined) },
      { file, line: 5, field: 'timestamp', reason: m.badTimestamp('yesterday') },
      { file, line: 6, field: 'timestamp', reason: m.badTimestamp('2025-10-01T11:00:00') },
      { file, line: 8, field: 'input.inputTokenCount', reason: m.badCount(null) },
      { file, line: 9, field: 'input.cacheWriteInputTokenCount', reason: m.badCount(-5) },
      { file, line: 10, field: 'output.outputTokenCount', reason: m.badCount(12.5) },
      { file, line: 11, field: 'input.cacheReadInputTokenCount', reason: m.absurdCount(20_000_000) },
      { file, line: 12, field: 'output.outputTokenCount', reason: m.erroredInvocation() },
      { file, line: 13, field: 'output.outputBodyJson.usage.cacheDetails[0].ttl', reason: m.badTtl('10m') },
      { file, line: 14, field: 'output.outputBodyJson.usage.cacheDetails', reason: m.splitExceedsWrites(120, 100) },
      { file, line: 15, field: 'modelId', reason: m.badModelId(undefined) },
      { file, line: 16, field: 'input.inputTokenCount', reason: m.badCount('10') },
    ]);
  });

  it('a count at exactly the limit is read; one above it is refused', () => {
    const limit = { inputTokenCount: 10_000_000, cacheReadInputTokenCount: 0, cacheWriteInputTokenCount: 0 };
    const over = { ...limit, inputTokenCount: 10_000_001 };
    const { calls: ok, problems: refused } = read(inline(record({ input: limit }), record({ input: over })));
    expect(ok.map((c) => c.usage.input)).toEqual([10_000_000]);
    expect(refused.shown).toEqual([
      { file: 'inline.jsonl', line: 2, field: 'input.inputTokenCount', reason: m.absurdCount(10_000_001) },
    ]);
  });

  it('a bad count inside the body usage is reported at its body path', () => {
    const input = { inputTokenCount: 10 };
    const output = {
      outputTokenCount: 5,
      outputBodyJson: { usage: { cacheReadInputTokens: -1, cacheWriteInputTokens: 0 } },
    };
    const { problems: bad } = read(inline(record({ input, output })));
    expect(bad.shown).toEqual([
      {
        file: 'inline.jsonl',
        line: 1,
        field: 'output.outputBodyJson.usage.cacheReadInputTokens',
        reason: m.badCount(-1),
      },
    ]);
  });
});

describe('readBedrockCalls on streamed bodies', () => {
  it('reads the split from an Anthropic stream message_start and the final counts from its last chunk', () => {
    const chunks = [
      {
        type: 'message_start',
        message: {
          usage: {
            input_tokens: 7,
            output_tokens: 1,
            cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 900 },
          },
        },
      },
      { type: 'message_delta', usage: { output_tokens: 321 } },
    ];
    const input = { inputTokenCount: 7, cacheReadInputTokenCount: 50, cacheWriteInputTokenCount: 1000 };
    const line = record({ operation: 'InvokeModelWithResponseStream', input, output: { outputBodyJson: chunks } });
    const { calls, problems } = read(inline(line));
    expect(problems.count).toBe(0);
    expect(calls[0].usage).toEqual({ input: 7, cacheWrite5m: 100, cacheWrite1h: 900, cacheRead: 50, output: 321 });
    expect(calls[0].ttl).toBe('1h');
  });
});

describe('bedrockModelId', () => {
  it.each([
    ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5-20250929'],
    ['us.anthropic.claude-sonnet-4-6-v1:0', 'claude-sonnet-4-6'],
    ['eu.anthropic.claude-haiku-4-5-20251001-v1:0', 'claude-haiku-4-5-20251001'],
    ['apac.anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-3-5-sonnet-20241022'],
    ['global.anthropic.claude-opus-4-5-20251101-v1:0', 'claude-opus-4-5-20251101'],
    ['arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0', 'claude-3-haiku-20240307'],
    [
      'arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.anthropic.claude-sonnet-4-6-v1:0',
      'claude-sonnet-4-6',
    ],
  ])('%s → %s', (bedrock, anthropic) => {
    expect(bedrockModelId(bedrock)).toBe(anthropic);
  });

  it.each([
    'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6',
    'meta.llama3-70b-instruct-v1:0',
    'amazon.nova-pro-v1:0',
    'claude-sonnet-4-5',
  ])('leaves %s unchanged', (id) => {
    expect(bedrockModelId(id)).toBe(id);
  });
});

describe('isBedrockLine', () => {
  it('recognises an invocation log record without parsing it', () => {
    expect(isBedrockLine(record())).toBe(true);
    expect(isBedrockLine(`  ${record()}`)).toBe(true);
    expect(isBedrockLine('{"schemaType": "ModelInvocationLog", "timestamp": ')).toBe(true);
  });

  it('rejects other JSON lines and other formats', () => {
    expect(isBedrockLine(record({ schemaType: 'CloudTrailEvent' }))).toBe(false);
    expect(isBedrockLine('{"type":"assistant","message":{"usage":{"input_tokens":3}}}')).toBe(false);
    expect(isBedrockLine('timestamp,model,input\n')).toBe(false);
    expect(isBedrockLine('')).toBe(false);
  });
});
