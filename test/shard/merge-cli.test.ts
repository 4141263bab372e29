// `ttlsim merge` refuses what it cannot merge, exit 2 naming the files, nothing written; `--shard` refuses
// a bad value naming the flag. Partials of a small shipped scenario, each computed once.
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ttlsim } from '../cli/capture.js';
import { mergeMessages, shardMessages } from '../../src/shard/messages.js';

const SCENARIO = 'scenarios/scheduled-batch.yaml';

describe('ttlsim merge refuses', () => {
  let dir = '';
  const file = (name: string) => join(dir, name);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ttlsim-merge-'));
    for (const [name, args] of [
      ['a0.json', ['--shard', '0/2']],
      ['a1.json', ['--shard', '1/2']],
      ['seed1.json', ['--shard', '1/2', '--seed', '5']],
      ['b0of3.json', ['--shard', '0/3']],
    ] as const) {
      const run = await ttlsim(['run', SCENARIO, ...args]);
      expect(run.code).toBe(0);
      writeFileSync(file(name), run.stdout);
    }
    writeFileSync(file('broken.json'), '{"partial": ');
    writeFileSync(file('other.json'), '{"scenario": "x"}');
    return () => rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  const refused = async (args: string[], ...expected: string[]) => {
    const out = join(dir, 'out');
    const run = await ttlsim(['merge', ...args, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    for (const text of expected) expect(run.stderr).toContain(text);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  };

  it('partials of another seed, naming the file and the field', async () => {
    await refused([file('a0.json'), file('seed1.json')], `${file('seed1.json')}: partial.seed:`, 'partial.input');
  });

  it('a missing shard, and a duplicate one', async () => {
    await refused([file('a0.json')], mergeMessages.missing([1], 2));
    await refused([file('a0.json'), file('a1.json'), file('a1.json')], mergeMessages.duplicate(1, 2, file('a1.json')));
  });

  it('partials of different splits', async () => {
    await refused([file('a0.json'), file('b0of3.json')], 'partial.shard.count');
  });

  it('what is not a partial: broken JSON, another JSON, a folder, nothing', async () => {
    await refused([file('broken.json')], file('broken.json'), 'not readable JSON');
    await refused([file('other.json')], file('other.json'), mergeMessages.notPartial());
    await refused([dir], 'not a file');
  });

  it('merges the two halves into the unsplit run', async () => {
    const merged = await ttlsim(['merge', file('a1.json'), file('a0.json'), '--json', '--out', join(dir, 'm')]);
    expect(merged.code).toBe(0);
    const whole = await ttlsim(['run', SCENARIO, '--json', '--workers', '1', '--out', join(dir, 'w')]);
    const a = JSON.parse(merged.stdout) as { policies: { costUsd: { total: number } }[] };
    const b = JSON.parse(whole.stdout) as typeof a;
    expect(a.policies.map((p) => p.costUsd.total)).toEqual(b.policies.map((p) => p.costUsd.total));
    expect(existsSync(join(dir, 'm', 'index.html'))).toBe(true);
  });
});

describe('--shard', () => {
  it('refuses several scenarios at once, and a scenario with early eviction', async () => {
    const two = await ttlsim(['run', SCENARIO, 'scenarios/support-bot.yaml', '--shard', '0/2']);
    expect(two.code).toBe(2);
    expect(two.stderr).toBe(`--shard: ${shardMessages.oneScenario(2)}\n`);
    const dir = mkdtempSync(join(tmpdir(), 'ttlsim-evict-'));
    try {
      const file = join(dir, 'evict.yaml');
      writeFileSync(
        file,
        readFileSync(SCENARIO, 'utf8').replace('pricing:', 'engine: { earlyEviction: 1/h }\npricing:'),
      );
      const run = await ttlsim(['run', file, '--shard', '0/2']);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`--shard: ${shardMessages.evictionNotShardable()}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const bad of ['3/3', '1', '2/1', 'a/b', '0/0', '1/5000'])
    it(`refuses ${bad} naming the flag`, async () => {
      const run = await ttlsim(['run', SCENARIO, '--shard', bad]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`--shard: ${shardMessages.badShard(bad)}\n`);
    });
});
