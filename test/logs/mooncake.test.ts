// The Mooncake reader: the real first ten minutes of the FAST'25 conversation trace (test/fixtures/real,
// provenance in its PROVENANCE.md §4), and hand-made lines for everything the trace does not contain.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLines } from '../../src/logs/read-lines.js';
import { MooncakeArrivals } from '../../src/logs/mooncake.js';
import { mooncakeMessages } from '../../src/logs/messages.js';
import { ProblemLog, type LogLine } from '../../src/logs/types.js';
import { SegmentKeys } from '../../src/workload/segment-keys.js';
import { promptTokens, type Request } from '../../src/model/request.js';
import { simulate } from '../../src/engine/simulate.js';
import { createRng } from '../../src/workload/rng.js';
import { ENGINE, MINUTE_MS, UNIT_PROFILE, policy, tier } from '../helpers.js';

const TRACE = join(process.cwd(), 'test', 'fixtures', 'real', 'mooncake', 'conversation_trace_first10min.jsonl');
const OPTIONS = { model: 'unit', scope: 'kimi' };

interface Read {
  readonly requests: Request[];
  readonly problems: ProblemLog;
}

function read(lines: Iterable<LogLine>): Read {
  const problems = new ProblemLog(10_000);
  const arrivals = new MooncakeArrivals(lines[Symbol.iterator](), OPTIONS, new SegmentKeys(), problems);
  const requests: Request[] = [];
  for (let next = arrivals.next(); next.done !== true; next = arrivals.next()) requests.push(next.value);
  return { requests, problems };
}

const linesOf = (texts: readonly string[]): LogLine[] =>
  texts.map((text, i) => ({ file: 'trace.jsonl', line: i + 1, text }));
const line = (timestamp: unknown, input: unknown, output: unknown, hashIds: unknown) =>
  JSON.stringify({ timestamp, input_length: input, output_length: output, hash_ids: hashIds });
const blockTokens = (r: Request) => r.segments.slice(0, r.segmentCount).map((s) => s.tokens);

describe('Mooncake reader: the real trace', () => {
  const { requests, problems } = read(readLines(TRACE));
  const records = readFileSync(TRACE, 'utf8')
    .trim()
    .split('\n')
    .map(
      (text) =>
        JSON.parse(text) as { timestamp: number; input_length: number; output_length: number; hash_ids: number[] },
    );

  it('reads every one of the 1,756 lines, in time order, without a problem', () => {
    expect(problems.count).toBe(0);
    expect(requests.length).toBe(1756);
    expect(requests.every((r, i) => i === 0 || r.atMs >= requests[i - 1].atMs)).toBe(true);
    expect(requests.map((r) => r.atMs)).toEqual(records.map((r) => r.timestamp));
    expect(requests[requests.length - 1].atMs).toBeLessThanOrEqual(10 * MINUTE_MS);
  });

  it('block 0 is one shared system segment; later blocks are history; every block is a breakpoint', () => {
    const first = requests[0].segments[0];
    expect(requests.every((r) => r.segments[0].id === first.id && r.segments[0].key === first.key)).toBe(true);
    expect(first).toMatchObject({ id: 'mc/0', role: 'system', breakpoint: true });
    expect(
      requests.every((r) => r.segments.slice(1, r.segmentCount).every((s) => s.role === 'history' && s.breakpoint)),
    ).toBe(true);
  });

  it('prompt tokens total the sum of input_length, output tokens the sum of output_length; nothing is uncached tail', () => {
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(requests.map(promptTokens))).toBe(sum(records.map((r) => r.input_length)));
    expect(sum(requests.map(promptTokens))).toBe(24_587_692);
    expect(sum(requests.map((r) => r.outputTokens))).toBe(sum(records.map((r) => r.output_length)));
    expect(requests.every((r) => r.tailTokens === 0)).toBe(true);
  });

  it('a conversation is its second block: later turns repeat an earlier thread and its leading blocks', () => {
    const threads = new Map<string, Request>();
    let repeats = 0;
    for (const r of requests) {
      const earlier = threads.get(r.threadId);
      if (earlier !== undefined) {
        repeats++;
        expect(r.segments[1].key).toBe(earlier.segments[1].key);
      }
      threads.set(r.threadId, r);
    }
    expect(repeats).toBeGreaterThan(100);
    expect(
      requests.every(
        (r) => r.threadKind === 'key' && r.sessionId === r.threadId && r.model === 'unit' && r.scope === 'kimi',
      ),
    ).toBe(true);
  });

  it('replays through the engine: shared prefixes are read from the cache', () => {
    let readTokens = 0;
    const result = simulate({
      arrivals: new MooncakeArrivals(readLines(TRACE)[Symbol.iterator](), OPTIONS, new SegmentKeys(), new ProblemLog()),
      policy: policy('5m', tier('5m')),
      priceOf: () => UNIT_PROFILE,
      engine: ENGINE,
      horizonMs: 60 * MINUTE_MS,
      rng: createRng(1),
      onRequest: (_request, outcome) => (readTokens += outcome.readTokens),
    });
    expect(result.requests).toBe(1756);
    expect(result.hits).toBeGreaterThan(0);
    expect(readTokens).toBeGreaterThan(0);
  });
});

describe('Mooncake reader: block sizes', () => {
  it('every block is 512 tokens but the last, which takes the rest of input_length', () => {
    const { requests } = read(linesOf([line(0, 1100, 5, [7, 8, 9])]));
    expect(blockTokens(requests[0])).toEqual([512, 512, 76]);
    expect(requests[0].segments.map((s) => [s.id, s.role, s.breakpoint])).toEqual([
      ['mc/7', 'system', true],
      ['mc/8', 'history', true],
      ['mc/9', 'history', true],
    ]);
    expect(requests[0].threadId).toBe('mc/8');
  });

  it('input_length beyond the blocks goes to the last block; short of them, the last block keeps 1 token', () => {
    const { requests, problems } = read(linesOf([line(0, 1500, 5, [1, 2]), line(1, 600, 5, [1, 2, 3])]));
    expect(problems.count).toBe(0);
    expect(blockTokens(requests[0])).toEqual([512, 988]);
    expect(blockTokens(requests[1])).toEqual([512, 512, 1]);
  });

  it('a one-block request is its own thread; no blocks and no input is a request with no prompt', () => {
    const { requests, problems } = read(linesOf([line(0, 300, 5, [4]), line(0, 0, 9, [])]));
    expect(problems.count).toBe(0);
    expect(requests.map((r) => [r.threadId, blockTokens(r), r.outputTokens])).toEqual([
      ['mc/4', [300], 5],
      ['mc/', [], 9],
    ]);
    expect(requests[0].segments[0]).toMatchObject({ role: 'system', breakpoint: true });
  });

  it('each request owns its segments array', () => {
    const { requests } = read(linesOf([line(0, 1024, 1, [0, 1]), line(1, 1024, 1, [0, 1])]));
    expect(requests[0].segments).not.toBe(requests[1].segments);
    expect(requests[0].segments.map((s) => s.key)).toEqual(requests[1].segments.map((s) => s.key));
  });
});

describe('Mooncake reader: unusable lines are reported with line and field, and skipped', () => {
  it('each kind of bad line', () => {
    const texts = [
      line(100, 600, 5, [0, 1]), // 1: fine
      '{"timestamp": 200, "input_length": 6', // 2: truncated
      '[1, 2, 3]', // 3: not an object
      '"text"', // 4: not an object
      line(undefined, 600, 5, [0, 1]), // 5: no timestamp
      line(-1, 600, 5, [0, 1]), // 6
      line(150.5, 600, 5, [0, 1]), // 7
      line('200', 600, 5, [0, 1]), // 8
      line(99, 600, 5, [0, 1]), // 9: back in time: read (the replay's reorder buffer places it)
      line(200, -1, 5, [0, 1]), // 10
      line(200, 600, 2.5, [0, 1]), // 11
      line(200, 20_000_000, 5, [0, 1]), // 12
      line(200, 600, 5, '0,1'), // 13
      line(200, 600, 5, [0, 1.5]), // 14
      line(200, 600, 5, [0, 'a']), // 15
      line(200, 600, 5, []), // 16: input without blocks
      line(200, 600, undefined, [0, 1]), // 17
      line(300, 600, 5, [0, 2]), // 18: fine
    ];
    const { requests, problems } = read(linesOf(texts));
    expect(requests.map((r) => r.atMs)).toEqual([100, 99, 300]);
    expect(problems.shown.map(({ line, field, reason }) => ({ line, field, reason }))).toEqual([
      { line: 2, field: '', reason: mooncakeMessages.notJson() },
      { line: 3, field: '', reason: mooncakeMessages.notObject() },
      { line: 4, field: '', reason: mooncakeMessages.notObject() },
      { line: 5, field: 'timestamp', reason: mooncakeMessages.badTimestamp(undefined) },
      { line: 6, field: 'timestamp', reason: mooncakeMessages.badTimestamp(-1) },
      { line: 7, field: 'timestamp', reason: mooncakeMessages.badTimestamp(150.5) },
      { line: 8, field: 'timestamp', reason: mooncakeMessages.badTimestamp('200') },
      { line: 10, field: 'input_length', reason: mooncakeMessages.badCount(-1) },
      { line: 11, field: 'output_length', reason: mooncakeMessages.badCount(2.5) },
      { line: 12, field: 'input_length', reason: mooncakeMessages.badCount(20_000_000) },
      { line: 13, field: 'hash_ids', reason: mooncakeMessages.badHashIds() },
      { line: 14, field: 'hash_ids', reason: mooncakeMessages.badHashIds() },
      { line: 15, field: 'hash_ids', reason: mooncakeMessages.badHashIds() },
      { line: 16, field: 'hash_ids', reason: mooncakeMessages.noBlocks(600) },
      { line: 17, field: 'output_length', reason: mooncakeMessages.badCount(undefined) },
    ]);
    expect(mooncakeMessages.badCount(undefined)).toBe('missing token count');
    expect(mooncakeMessages.badCount(2.5)).toBe('expected a whole number of tokens, got 2.5');
  });

  it('a skipped line is reported with its line; the reader tells which line each request came from', () => {
    const arrivals = new MooncakeArrivals(
      linesOf([line(100, 600, 5, [0]), line(500, -1, 5, [0]), line(200, 600, 5, [0])])[Symbol.iterator](),
      { model: 'm', scope: 's' },
      new SegmentKeys(),
      new ProblemLog(),
    );
    const lines: number[] = [];
    for (let next = arrivals.next(); next.done !== true; next = arrivals.next()) lines.push(arrivals.line);
    expect(lines).toEqual([1, 3]);
  });

  it('blank lines are ignored, not reported', () => {
    const { requests, problems } = read(linesOf(['   ', line(0, 512, 1, [0])]));
    expect(requests.length).toBe(1);
    expect(problems.count).toBe(0);
  });
});
