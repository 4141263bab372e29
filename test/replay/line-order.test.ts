// Order by thread, not by file: the real Claude Code sessions of test/fixtures/real (PROVENANCE.md there)
// replayed split into one file per session, concatenated into one file, concatenated in a shuffled
// session order, and that shuffled file gzipped, must give the same replay to the cent and the request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { replayLogs, type ReplayResult } from '../../src/replay/replay-logs.js';

const REAL = join(process.cwd(), 'test', 'fixtures', 'real');
const CLAUDE_FOLDERS = ['spotter', 'sniffly', 'ccusage'];

/** The lines of every real Claude Code file, grouped by (file, session) in file order. */
function sessionGroups(): { name: string; lines: string[] }[] {
  const groups: { name: string; lines: string[] }[] = [];
  const files = CLAUDE_FOLDERS.flatMap((folder) => walk(join(REAL, folder))).sort();
  for (const file of files) {
    const byId = new Map<string, string[]>();
    let current = '';
    for (const text of readFileSync(file, 'utf8').split('\n')) {
      if (text.trim() === '') continue;
      const session = (JSON.parse(text) as { sessionId?: string }).sessionId;
      // A line without a session (a summary) stays with the session before it.
      if (typeof session === 'string') current = session;
      let lines = byId.get(current);
      if (lines === undefined) byId.set(current, (lines = []));
      lines.push(text);
    }
    for (const [session, lines] of byId)
      groups.push({ name: `${relative(REAL, file).replace(/[/.]/g, '_')}-${session.slice(0, 8)}`, lines });
  }
  return groups;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : name.endsWith('.jsonl') ? [path] : [];
  });
}

/** A fixed, seeded permutation (a linear congruential generator: reproducible without a library). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** What must not depend on how the sessions are laid out in files (file:line of disagreements aside). */
function outcome(result: ReplayResult): unknown {
  const reconciliation = Object.fromEntries(
    Object.entries(result.reconciliation!).filter(([field]) => field !== 'disagreements'),
  );
  return {
    startIso: result.startIso,
    horizonMs: result.horizonMs,
    asRecorded: result.asRecorded,
    reconciliation,
    policies: result.policies,
    breakdowns: result.breakdowns,
    missCauses: result.missCauses,
    problems: result.problems.count,
    reordered: result.problems.reordered,
    outOfOrder: result.problems.outOfOrder,
  };
}

let dir = '';
const replay = (path: string): ReplayResult => replayLogs({ paths: [join(dir, path)], cwd: dir, env: {} });

describe('several sessions in one file, in any order, replay as the same sessions in separate files', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ttlsim-line-order-'));
    const groups = sessionGroups();
    // Every layout keeps one project folder name, so that the project breakdown is comparable.
    for (const layout of ['split', 'concatenated', 'shuffled', 'gzip', 'projection', 'projection-split'])
      mkdirSync(join(dir, layout, 'proj'), { recursive: true });
    for (const group of groups)
      writeFileSync(join(dir, 'split', 'proj', `${group.name}.jsonl`), group.lines.join('\n') + '\n');
    const all = (order: typeof groups) => order.flatMap((group) => group.lines).join('\n') + '\n';
    writeFileSync(join(dir, 'concatenated', 'proj', 'all.jsonl'), all(groups));
    const mixed = all(shuffled(groups, 7));
    writeFileSync(join(dir, 'shuffled', 'proj', 'all.jsonl'), mixed);
    writeFileSync(join(dir, 'gzip', 'proj', 'all.jsonl.gz'), gzipSync(mixed));
    // The three sessions of sessions_usage_projection.jsonl, alone: as shipped, and one file each.
    const projection = 'spotter_sessions_usage_projection_jsonl';
    writeFileSync(
      join(dir, 'projection', 'proj', 'all.jsonl'),
      readFileSync(join(REAL, 'spotter', 'sessions_usage_projection.jsonl')),
    );
    for (const group of groups.filter((g) => g.name.startsWith(projection)))
      writeFileSync(join(dir, 'projection-split', 'proj', `${group.name}.jsonl`), group.lines.join('\n') + '\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the layouts really differ: more than one session per file, and not in time order', () => {
    const concatenated = readFileSync(join(dir, 'concatenated', 'proj', 'all.jsonl'), 'utf8').split('\n');
    const shuffledLines = readFileSync(join(dir, 'shuffled', 'proj', 'all.jsonl'), 'utf8').split('\n');
    expect(shuffledLines).not.toEqual(concatenated);
    expect(
      new Set(concatenated.filter((l) => l !== '').map((l) => (JSON.parse(l) as { sessionId: string }).sessionId)).size,
    ).toBeGreaterThan(8);
    expect(readdirSync(join(dir, 'split', 'proj')).length).toBeGreaterThan(8);
  });

  it('split, concatenated, shuffled by session and gzipped give identical results', () => {
    const split = replay('split');
    expect(split.files).toBeGreaterThan(8);
    expect(split.reconciliation!.agreement).toBeGreaterThan(0.98);
    for (const layout of ['concatenated', 'shuffled', 'gzip']) {
      const result = replay(layout);
      expect(result.files, layout).toBe(1);
      expect(outcome(result), layout).toEqual(outcome(split));
    }
  }, 240_000);

  it('sessions_usage_projection.jsonl (three sessions one after another) reconciles like its sessions split', () => {
    const together = replay('projection');
    const apart = replay('projection-split');
    expect(outcome(together)).toEqual(outcome(apart));
    // 498 of 499 requests, the as-recorded simulation within 1% of the $26.34 recorded (docs/replay.md).
    expect(together.reconciliation!.requests).toBe(499);
    expect(together.reconciliation!.agreement).toBeGreaterThan(0.995);
    expect(Math.abs(together.reconciliation!.costDifference)).toBeLessThan(0.01);
    expect(together.startIso).toBe('2026-02-11T21:41:44.800Z');
    // Three sessions over two days, not the minute the first and last lines suggested.
    expect(together.horizonMs).toBeGreaterThan(23 * 3_600_000);
    expect(together.problems.reordered).toBe(0);
  }, 240_000);
});
