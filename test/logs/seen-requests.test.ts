// De-duplication of requests across files (seen-requests.ts): the first copy is kept, later ones are
// counted and dropped, a larger output count raises the kept call's while it waits to be replayed.
import { describe, expect, it } from 'vitest';
import { SeenRequests } from '../../src/logs/seen-requests.js';
import type { RecordedCall } from '../../src/logs/types.js';

const call = (requestKey: string | undefined, output: number, file = 'a.jsonl'): RecordedCall => ({
  startMs: 0,
  model: 'claude-opus-4-6',
  usage: { input: 1, cacheWrite5m: 100, cacheWrite1h: 0, cacheRead: 0, output },
  ttl: '5m',
  threadId: 't',
  threadKind: 'main',
  sessionId: 's',
  project: 'p',
  version: '',
  afterCompaction: false,
  parentThreadId: '',
  requestKey,
  file,
  line: 1,
});

describe('SeenRequests', () => {
  it('keeps the first copy of a request, drops and counts the others, within a list and across lists', () => {
    const seen = new SeenRequests();
    const first = [call('m1\u0000r1', 10), call('m2\u0000r2', 10), call('m2\u0000r2', 10)];
    expect(seen.firstCopies(first)).toEqual([first[0], first[1]]);
    const copy = [call('m1\u0000r1', 10, 'b.jsonl'), call('m3\u0000r3', 10, 'b.jsonl')];
    expect(seen.firstCopies(copy)).toEqual([copy[1]]);
    expect(seen.duplicates).toBe(2);
  });

  it('never drops a call whose log names no request', () => {
    const seen = new SeenRequests();
    const calls = [call('', 1), call(undefined, 1), call('', 1)];
    expect(seen.firstCopies(calls)).toHaveLength(3);
    expect(seen.duplicates).toBe(0);
  });

  it('raises the kept output count to a copy’s larger one until the call is replayed', () => {
    const seen = new SeenRequests();
    const [kept] = seen.firstCopies([call('m1\u0000r1', 9)]);
    seen.firstCopies([call('m1\u0000r1', 250, 'b.jsonl')]);
    expect(kept.usage.output).toBe(250);
    seen.firstCopies([call('m1\u0000r1', 100, 'c.jsonl')]);
    expect(kept.usage.output).toBe(250);
    // Once replayed, a request's counts are final: a later copy is still dropped, and changes nothing.
    seen.replayed(kept);
    expect(seen.firstCopies([call('m1\u0000r1', 999, 'd.jsonl')])).toEqual([]);
    expect(kept.usage.output).toBe(250);
    expect(seen.duplicates).toBe(3);
  });
});
