// `ttlsim replay` on logs a user got wrong: what reaches stderr must name the file, the line and the field,
// and say what to do; the exit code is 2, there is no stack trace, and no report folder is created.
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ttlsim, type Captured } from './capture.js';
import {
  bedrockMessages,
  claudeCodeMessages,
  csvMessages,
  logMessages,
  mooncakeMessages,
} from '../../src/logs/messages.js';
import { cliMessages } from '../../src/cli/messages.js';
import { LISTED_PROBLEMS } from '../../src/logs/no-requests.js';

const CSV = join('test', 'fixtures', 'csv');
const UNUSABLE = join('test', 'fixtures', 'unusable');
const MAPPING = 'timestamp=ts,key=user,prefixTokens=prefix,suffixTokens=suffix,outputTokens=out';
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ttlsim-messages-'));
});

/** Replays `args` into a fresh report folder; returns what the user saw and whether the folder exists. */
async function replay(args: string[]): Promise<Captured & { wrote: boolean }> {
  const out = join(tmp, `out-${Math.random().toString(36).slice(2)}`);
  const captured = await ttlsim(['replay', ...args, '--out', out]);
  return { ...captured, wrote: existsSync(out) };
}

/** Exit 2, nothing on stdout, nothing written, no stack trace; the stderr lines. */
function refused(result: Captured & { wrote: boolean }): string[] {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.wrote).toBe(false);
  expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
  return result.stderr.trimEnd().split('\n');
}

// Each case runs the CLI in-process over small files; the successful ones write a report.
describe('replay: the specific reader message reaches the user', { timeout: 240_000 }, () => {
  it('a CSV missing a required column: the column, the header line, the header, and --columns as the fix', async () => {
    const file = join(CSV, 'missing-column.csv');
    const header = ['timestamp', 'key', 'prefixTokens', 'suffixTokens'];
    expect(refused(await replay([file]))).toEqual([
      `${file}: ${logMessages.noRequests(1, 1)}`,
      `${file}:1: outputTokens: ${csvMessages.missingColumn('outputTokens', 'outputTokens', header)}`,
    ]);
    expect(csvMessages.missingColumn('outputTokens', 'outputTokens', header)).toContain(
      '--columns outputTokens=<your column>',
    );
  });

  it('a column under a near name: the message proposes the --columns pair that reads it', async () => {
    const file = join(CSV, 'renamed-column.csv');
    const lines = refused(await replay([file]));
    expect(lines[1]).toBe(
      `${file}:1: suffixTokens: ${csvMessages.missingColumn(
        'suffixTokens',
        'suffixTokens',
        ['timestamp', 'key', 'prefixTokens', 'suffix_tokens', 'outputTokens'],
        'suffix_tokens',
      )}`,
    );
    expect(lines[1]).toContain('--columns suffixTokens=suffix_tokens');
    // …and the pair it proposes does read the file.
    const fixed = await replay([file, '--columns', 'suffixTokens=suffix_tokens', '--json']);
    expect(fixed.code).toBe(0);
    expect((JSON.parse(fixed.stdout) as { policies: { requests: number }[] }).policies[0].requests).toBe(2);
  });

  it('a mapped column the header lacks names the mapping it came from, and the near header name', async () => {
    const file = join(CSV, 'mapped.csv');
    const lines = refused(await replay([file, '--columns', MAPPING.replace('=suffix', '=sufix')]));
    expect(lines[1]).toBe(
      `${file}:1: sufix: ${csvMessages.missingColumn('suffixTokens', 'sufix', ['ts', 'user', 'prefix', 'suffix', 'out'], 'suffix')}`,
    );
    expect(lines[1]).toContain('mapped from suffixTokens by --columns');
    expect(lines[1]).toContain('--columns suffixTokens=suffix');
  });

  it('an unknown --columns field: the flag, the known fields and a did-you-mean, before any log is read', async () => {
    const typo = await replay([join(CSV, 'e2e.csv'), '--columns', 'sufixTokens=s']);
    expect(refused(typo)).toEqual([`--columns: ${csvMessages.unknownField('sufixTokens', 'suffixTokens=s')}`]);
    expect(typo.stderr).toContain('timestamp, key, prefixTokens, suffixTokens, outputTokens, model');
    // Written the other way round (theirs=ours), the pair is proposed the right way.
    expect(refused(await replay([join(CSV, 'e2e.csv'), '--columns', 'ts=timestamp']))).toEqual([
      `--columns: ${csvMessages.unknownField('ts', 'timestamp=ts')}`,
    ]);
    // Nothing close: no guess. The flag is wrong whatever the logs are, so a Claude Code log is refused too.
    expect(refused(await replay([join(UNUSABLE, 'claude-code.jsonl'), '--columns', 'foo=bar']))).toEqual([
      `--columns: ${csvMessages.unknownField('foo')}`,
    ]);
    expect(refused(await replay([join(CSV, 'e2e.csv'), '--columns', 'key=a,key=b']))).toEqual([
      `--columns: ${csvMessages.fieldMappedTwice('key')}`,
    ]);
    expect(refused(await replay([join(CSV, 'e2e.csv'), '--columns', '__proto__=x']))).toEqual([
      `--columns: ${csvMessages.unknownField('__proto__')}`,
    ]);
  });

  it('a bad token count on the first row is blamed on that cell, not on the timestamp; the rest replays', async () => {
    const file = join(CSV, 'bad-first-row.csv');
    const { code, stderr, stdout } = await replay([file, '--json']);
    expect(code).toBe(0);
    expect(stderr.split('\n').slice(0, 2)).toEqual([
      logMessages.problemsSummary(1, 1),
      `  ${file}:2: prefixTokens: ${csvMessages.notCount('20k')}`,
    ]);
    const parsed = JSON.parse(stdout) as { startIso: string; policies: { requests: number }[] };
    expect(parsed.policies[0].requests).toBe(2);
    // Time 0 is the first row's own time, though the row itself is not replayed.
    expect(parsed.startIso).toBe('2025-03-01T10:00:00.000Z');
  });

  it('a bad timestamp and a bad count on later rows: the line and the column as the file names it', async () => {
    const file = join(CSV, 'mapped-bad-rows.csv');
    const { code, stderr } = await replay([file, '--columns', MAPPING, '--json']);
    expect(code).toBe(0);
    expect(stderr.split('\n').slice(1, 3)).toEqual([
      `  ${file}:3: ts: ${csvMessages.badTimestamp('monday')}`,
      `  ${file}:4: suffix: ${csvMessages.notCount('ten')}`,
    ]);
  });

  it('a CSV with no usable row lists the first five problems, each located, and how many there were', async () => {
    const file = join(CSV, 'unusable.csv');
    const lines = refused(await replay([file]));
    expect(lines).toEqual([
      `${file}: ${logMessages.noRequests(7, LISTED_PROBLEMS)}`,
      `${file}:2: ${csvMessages.fieldCount(5, 4)}`,
      `${file}:3: outputTokens: ${csvMessages.negativeCount('-4')}`,
      `${file}:4: key: ${csvMessages.emptyKey()}`,
      `${file}:5: timestamp: ${csvMessages.badTimestamp('soon')}`,
      `${file}:6: suffixTokens: ${csvMessages.fractionalCount('1.5')}`,
    ]);
    expect(lines[0]).toContain(`7 log lines could not be used (${LISTED_PROBLEMS} of them below)`);
  });

  it('a Claude Code transcript with no usable request names each bad line and field', async () => {
    const file = join(UNUSABLE, 'claude-code.jsonl');
    expect(refused(await replay([file]))).toEqual([
      `${file}: ${logMessages.noRequests(5, 5)}`,
      `${file}:2: message.usage.output_tokens: ${claudeCodeMessages.badCount('12')}`,
      `${file}:3: timestamp: ${claudeCodeMessages.badTimestamp('yesterday')}`,
      `${file}:4: message.model: ${claudeCodeMessages.missingModel()}`,
      `${file}:5: message.usage.cache_read_input_tokens: ${claudeCodeMessages.badCount(-5)}`,
      `${file}:6: ${claudeCodeMessages.notJson()}`,
    ]);
  });

  it('a Bedrock invocation log with no usable record names each bad line and field', async () => {
    const file = join(UNUSABLE, 'bedrock.jsonl');
    expect(refused(await replay([file]))).toEqual([
      `${file}: ${logMessages.noRequests(4, 4)}`,
      `${file}:1: timestamp: ${bedrockMessages.badTimestamp('2025-10-01T10:05:00')}`,
      `${file}:2: input.cacheReadInputTokenCount: ${bedrockMessages.badCount(-1)}`,
      `${file}:3: modelId: ${bedrockMessages.badModelId(undefined)}`,
      `${file}:4: output.outputTokenCount: ${bedrockMessages.erroredInvocation()}`,
    ]);
  });

  it('a Mooncake trace with no usable line names each bad line and field', async () => {
    const file = join(UNUSABLE, 'mooncake.jsonl');
    expect(refused(await replay([file]))).toEqual([
      `${file}: ${logMessages.noRequests(5, 5)}`,
      `${file}:1: timestamp: ${mooncakeMessages.badTimestamp('0')}`,
      `${file}:2: input_length: ${mooncakeMessages.badCount(-7322)}`,
      `${file}:3: output_length: ${mooncakeMessages.badCount(794.5)}`,
      `${file}:4: hash_ids: ${mooncakeMessages.badHashIds()}`,
      `${file}:5: ${mooncakeMessages.notJson()}`,
    ]);
  });

  it('a folder of several bad files is named as given, with lines from each file', async () => {
    const lines = refused(await replay([UNUSABLE]));
    expect(lines[0]).toBe(`${UNUSABLE}: ${logMessages.noRequests(14, LISTED_PROBLEMS)}`);
    // Each bad file's first problem is listed, not five lines of whichever file opened first.
    expect(new Set(lines.slice(1).map((line) => line.split(':')[0]))).toEqual(
      new Set(['bedrock.jsonl', 'claude-code.jsonl', 'mooncake.jsonl'].map((f) => join(UNUSABLE, f))),
    );
    expect(lines).toContain(
      `${join(UNUSABLE, 'bedrock.jsonl')}:1: timestamp: ${bedrockMessages.badTimestamp('2025-10-01T10:05:00')}`,
    );
  });

  it('logs that record no request at all (only user lines) say so, not "unusable lines"', async () => {
    const file = join(tmp, 'prompts-only.jsonl');
    writeFileSync(file, `${readFileSync(join(UNUSABLE, 'claude-code.jsonl'), 'utf8').split('\n')[0]}\n`);
    expect(refused(await replay([file]))).toEqual([`${file}: ${logMessages.noRequests(0, 0)}`]);
  });

  it('requests that all fall outside --since/--until: the window and when the requests are', async () => {
    const file = join(CSV, 'e2e.csv');
    expect(refused(await replay([file, '--since', '2030-01-01']))).toEqual([
      logMessages.noRequestsInWindow(7, '2025-03-01T10:00:00.000Z', '2025-03-01T10:20:00.000Z'),
    ]);
  });

  it('a file given by name that cannot be read at all says why', async () => {
    const empty = join(CSV, 'empty.csv');
    expect(refused(await replay([empty]))).toEqual([`${empty}: ${logMessages.unusableFile(logMessages.emptyFile())}`]);
    const text = join(tmp, 'notes.jsonl');
    writeFileSync(text, 'remember the milk\n');
    const lines = refused(await replay([text]));
    expect(lines).toEqual([`${text}: ${logMessages.unusableFile(logMessages.unknownFormat())}`]);
    expect(lines[0]).toContain('--format');
  });

  it('one CSV missing a column among good files: located with its fix, and the rest replays', async () => {
    const logs = join(tmp, 'mixed');
    mkdirSync(logs);
    writeFileSync(join(logs, 'a.csv'), readFileSync(join(CSV, 'e2e.csv')));
    writeFileSync(join(logs, 'b.csv'), readFileSync(join(CSV, 'renamed-column.csv')));
    const { code, stderr } = await replay([logs, '--json']);
    expect(code).toBe(0);
    expect(stderr).toContain(`${join(logs, 'b.csv')}:1: suffixTokens: missing column "suffixTokens"`);
    expect(stderr).toContain('--columns suffixTokens=suffix_tokens');
  });

  it('--strict on the same logs refuses them and still writes nothing', async () => {
    const lines = refused(await replay([join(CSV, 'bad-first-row.csv'), '--strict']));
    expect(lines).toEqual([
      `${join(CSV, 'bad-first-row.csv')}:2: prefixTokens: ${csvMessages.notCount('20k')} (${logMessages.strict()})`,
    ]);
  });

  it('the usage hint stays out of reader errors (they are not usage errors)', async () => {
    const { stderr } = await replay([join(CSV, 'missing-column.csv')]);
    expect(stderr).not.toContain(cliMessages.usageHint());
  });
});

describe('run: a scenario replaying logs reports them as replay does', { timeout: 240_000 }, () => {
  const scenarioOf = (logs: string) => {
    const file = join(tmp, `replay-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(
      file,
      [
        'name: t',
        'pricing: { provider: anthropic, model: claude-sonnet-4-5 }',
        'horizon: 1h',
        `workload: { kind: replay, path: ${JSON.stringify(resolve(logs))} }`,
        'policies: [{ name: 5m, ttl: 5m }]',
      ].join('\n'),
    );
    return file;
  };

  it('logs with no usable line: exit 2 with the lines, not a run of 0 requests', async () => {
    const out = join(tmp, 'run-unusable');
    const result = await ttlsim(['run', scenarioOf(join(CSV, 'unusable.csv')), '--out', out]);
    const lines = refused({ ...result, wrote: existsSync(out) });
    expect(lines[0]).toBe(`${resolve(CSV, 'unusable.csv')}: ${logMessages.noRequests(7, LISTED_PROBLEMS)}`);
    expect(lines[1]).toBe(`${resolve(CSV, 'unusable.csv')}:2: ${csvMessages.fieldCount(5, 4)}`);
  });

  it('unusable lines beside good ones are printed on stderr', async () => {
    const result = await ttlsim(['run', scenarioOf(join(CSV, 'bad-first-row.csv')), '--out', join(tmp, 'run-bad')]);
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n').slice(0, 2)).toEqual([
      logMessages.problemsSummary(1, 1),
      `  ${resolve(CSV, 'bad-first-row.csv')}:2: prefixTokens: ${csvMessages.notCount('20k')}`,
    ]);
  });
});

describe('tune: the logs it tunes on report their bad lines too', { timeout: 240_000 }, () => {
  it('unusable lines beside good ones are printed on stderr', async () => {
    const file = join(CSV, 'bad-first-row.csv');
    const result = await ttlsim(['tune', file, '--out', join(tmp, 'tune-bad')]);
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n').slice(0, 2)).toEqual([
      logMessages.problemsSummary(1, 1),
      `  ${file}:2: prefixTokens: ${csvMessages.notCount('20k')}`,
    ]);
  });
});

describe('fit: the logs it fits report their bad lines too', { timeout: 240_000 }, () => {
  it('a corrupt line beside a real session is printed on stderr; with no usable line, exit 2 and no file', async () => {
    const logs = join(tmp, 'fit-logs');
    mkdirSync(logs);
    const session = join(logs, 'session.jsonl');
    const real = readFileSync(
      join('test', 'fixtures', 'real', 'sniffly', 'd3ad4cdc-5657-435d-98fa-0035d53e383d.jsonl'),
    );
    writeFileSync(session, `${real.toString('utf8')}{"type":"assistant","message":{"usage":\n`);
    const lineCount = real.toString('utf8').split('\n').filter(Boolean).length + 1;
    const ok = await ttlsim(['fit', logs, '--out', join(tmp, 'fit.yaml')]);
    expect(ok.code).toBe(0);
    expect(ok.stderr.split('\n').slice(0, 2)).toEqual([
      logMessages.problemsSummary(1, 1),
      `  ${session}:${lineCount}: ${claudeCodeMessages.notJson()}`,
    ]);
    const file = join(UNUSABLE, 'claude-code.jsonl');
    const out = join(tmp, 'fit-unusable.yaml');
    const bad = await ttlsim(['fit', file, '--out', out]);
    expect(refused({ ...bad, wrote: existsSync(out) })[0]).toBe(`${file}: ${logMessages.noRequests(5, 5)}`);
  });
});

describe('the messages themselves', () => {
  it('every message that reports a missing column or an unknown field says what to do', () => {
    expect(csvMessages.missingColumn('key', 'key', ['ts'])).toMatch(/--columns key=/);
    expect(csvMessages.unknownField('x')).toMatch(/timestamp, key, prefixTokens, suffixTokens, outputTokens, model/);
    expect(logMessages.unknownFormat()).toMatch(/--format/);
    expect(csvMessages.timestampBackwards('t')).toMatch(/time order/);
  });

  it('a value from a log is named, never dumped: an object where a count or a time should be', () => {
    const big = { text: 'x'.repeat(10_000) };
    expect(claudeCodeMessages.badCount(big)).toBe('expected a token count, got an object');
    expect(claudeCodeMessages.badTimestamp(big)).toBe(
      'expected an ISO-8601 time in the years 0000–9999, got an object',
    );
    expect(mooncakeMessages.badTimestamp([1])).toMatch(/got a list$/);
  });
});
