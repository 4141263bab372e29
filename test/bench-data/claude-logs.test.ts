// The benchmark's Claude Code projects generator (test/bench/claude-logs.js): every line is JSON in the
// transcript format, the usage numbers are self-consistent enough for a cache simulator to reproduce
// (steady state read[n] = read[n-1] + write[n-1] within the TTL), and the output is byte-deterministic.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Summary {
  files: number;
  bytes: number;
  requests: number;
  lines: number;
}
type Generate = (dir: string, options?: { targetBytes?: number; seed?: number }) => Summary;

const SHARED_PREFIX = 17_842;
const POST_COMPACT_PREFIX = 21_000;
const TTL_5M = 300_000;
const TTL_1H = 3_600_000;

interface Usage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
  cache_creation?: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

/** A transcript line as the generator writes it (what `analyse` reads of it). */
interface TranscriptLine {
  uuid?: string;
  parentUuid?: string | null;
  type: string;
  subtype?: string;
  timestamp: string;
  message?: { id: string; usage?: Usage };
}

interface Request {
  line: number;
  startMs: number;
  usage: Usage;
}

interface Analysis {
  files: number;
  bytes: number;
  lines: number;
  requests: number;
  problems: string[];
  warmPairs: number;
  coldRestarts: number;
  compactions: number;
  subagentFiles: number;
  ttls: Set<number>;
}

function listFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else found.push(path);
    }
  };
  walk(dir);
  return found;
}

function digest(dir: string): string {
  const hash = createHash('sha256');
  for (const path of listFiles(dir)) {
    hash.update(relative(dir, path));
    hash.update('\u0000');
    hash.update(readFileSync(path));
  }
  return hash.digest('hex');
}

function analyse(dir: string): Analysis {
  const result: Analysis = {
    files: 0,
    bytes: 0,
    lines: 0,
    requests: 0,
    problems: [],
    warmPairs: 0,
    coldRestarts: 0,
    compactions: 0,
    subagentFiles: 0,
    ttls: new Set(),
  };
  const problem = (where: string, what: string): void => {
    if (result.problems.length < 20) result.problems.push(`${where}: ${what}`);
  };
  for (const path of listFiles(dir)) {
    const name = relative(dir, path);
    const isMain = !name.split(sep).includes('subagents');
    if (!isMain && !name.includes('acompact')) result.subagentFiles++;
    const bytes = readFileSync(path);
    result.files++;
    result.bytes += bytes.length;
    const text = bytes.toString('utf8');
    if (!text.endsWith('\n')) problem(name, 'does not end with a newline');
    const lines = text.slice(0, -1).split('\n');
    result.lines += lines.length;
    const nodes = new Map<string, { type: string; parent: string | null; ts: string }>();
    const assistants: { line: number; parent: string | null; messageId: string; usage: Usage }[] = [];
    const boundaries: number[] = [];
    lines.forEach((raw, i) => {
      let record: TranscriptLine;
      try {
        record = JSON.parse(raw) as TranscriptLine;
      } catch {
        problem(`${name}:${i + 1}`, 'not valid JSON');
        return;
      }
      if (typeof record.uuid === 'string')
        nodes.set(record.uuid, { type: record.type, parent: record.parentUuid ?? null, ts: record.timestamp });
      if (record.type === 'system' && record.subtype === 'compact_boundary') boundaries.push(i);
      if (record.type !== 'assistant') return;
      const message = record.message;
      const usage = message?.usage;
      if (message === undefined || usage === undefined) {
        problem(`${name}:${i + 1}`, 'assistant line without usage');
        return;
      }
      if (usage.input_tokens + usage.cache_creation_input_tokens + usage.cache_read_input_tokens <= 0)
        problem(`${name}:${i + 1}`, 'empty prompt');
      const split = usage.cache_creation;
      if (
        split === undefined ||
        split.ephemeral_5m_input_tokens + split.ephemeral_1h_input_tokens !== usage.cache_creation_input_tokens
      ) {
        problem(`${name}:${i + 1}`, 'ephemeral split does not sum to cache_creation_input_tokens');
      }
      assistants.push({ line: i, parent: record.parentUuid ?? null, messageId: message.id, usage });
    });
    result.compactions += boundaries.length;

    // Every assistant line's parent chain reaches a user line; a request starts at that line's time.
    const userAncestor = (parent: string | null): string | null => {
      for (let p = parent, steps = 0; p !== null && steps < 10_000; steps++) {
        const node = nodes.get(p);
        if (node === undefined) return null;
        if (node.type === 'user') return node.ts;
        p = node.parent;
      }
      return null;
    };
    const requests: Request[] = [];
    const seen = new Set<string>();
    for (const a of assistants) {
      const ts = userAncestor(a.parent);
      if (ts === null) {
        problem(`${name}:${a.line + 1}`, 'parent chain does not reach a user line');
        continue;
      }
      if (seen.has(a.messageId)) continue;
      seen.add(a.messageId);
      requests.push({ line: a.line, startMs: Date.parse(ts), usage: a.usage });
    }
    result.requests += requests.length;

    // Steady state within a thread: a request sent within the TTL of the previous one reads all of it.
    requests.forEach((cur, n) => {
      const u = cur.usage;
      const ttl = (u.cache_creation?.ephemeral_1h_input_tokens ?? 0) > 0 ? TTL_1H : TTL_5M;
      result.ttls.add(ttl);
      const read = u.cache_read_input_tokens;
      if (n === 0) {
        if (isMain && read !== 0 && read !== SHARED_PREFIX)
          problem(`${name}:${cur.line + 1}`, `session start read ${read}`);
        return;
      }
      const prev = requests[n - 1];
      const compacted = boundaries.some((b) => b > prev.line && b < cur.line);
      const gap = cur.startMs - prev.startMs;
      if (gap < 0) problem(`${name}:${cur.line + 1}`, 'request starts before the previous one');
      if (compacted) {
        if (![0, SHARED_PREFIX, POST_COMPACT_PREFIX].includes(read))
          problem(`${name}:${cur.line + 1}`, `read ${read} after a compaction`);
      } else if (gap < ttl) {
        result.warmPairs++;
        const expected = prev.usage.cache_read_input_tokens + prev.usage.cache_creation_input_tokens;
        if (read !== expected)
          problem(`${name}:${cur.line + 1}`, `read ${read}, expected ${expected} (gap ${gap} ms < TTL)`);
      } else {
        result.coldRestarts++;
        if (isMain && read !== 0 && read !== SHARED_PREFIX)
          problem(`${name}:${cur.line + 1}`, `read ${read} after a ${gap} ms break`);
      }
    });
  }
  return result;
}

let generate: Generate;
const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'ttlsim-cc-logs-'));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  // Imported by URL: a plain JS bench module without type declarations.
  const mod = (await import(new URL('../bench/claude-logs.js', import.meta.url).href)) as {
    writeClaudeProjects: Generate;
  };
  generate = mod.writeClaudeProjects;
});

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('Claude Code projects generator', { timeout: 240_000 }, () => {
  it('writes ~2 MB of valid, self-consistent transcripts, byte-identical for the same seed', () => {
    const a = tempDir();
    const b = tempDir();
    const summary = generate(a, { targetBytes: 2_000_000, seed: 42 });
    const again = generate(b, { targetBytes: 2_000_000, seed: 42 });
    expect(again).toEqual(summary);
    expect(digest(b)).toBe(digest(a));

    const found = analyse(a);
    expect(found.problems).toEqual([]);
    expect(summary.bytes).toBeGreaterThanOrEqual(2_000_000);
    expect(summary.bytes).toBeLessThan(4_000_000);
    expect({ files: found.files, bytes: found.bytes, lines: found.lines, requests: found.requests }).toEqual(summary);
    expect(found.warmPairs).toBeGreaterThan(50);

    const other = tempDir();
    generate(other, { targetBytes: 2_000_000, seed: 7 });
    expect(digest(other)).not.toBe(digest(a));
  });

  it('keeps the invariants through compactions, subagents, long breaks and both TTLs (~25 MB)', () => {
    const dir = tempDir();
    const summary = generate(dir, { targetBytes: 25_000_000, seed: 42 });
    const found = analyse(dir);
    expect(found.problems).toEqual([]);
    expect(found.requests).toBe(summary.requests);
    expect(found.compactions).toBeGreaterThan(0);
    expect(found.subagentFiles).toBeGreaterThan(0);
    expect(found.coldRestarts).toBeGreaterThan(0);
    expect([...found.ttls].sort()).toEqual([TTL_5M, TTL_1H].sort());
  });
});
