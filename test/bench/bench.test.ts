// The benchmark harness is plain JavaScript over dist/, outside the type check: run it whole at 1/500 of its
// size so that a change to the engine's inputs cannot silently break `npm run bench` (it did once, when
// PolicySpec became a union). Checks what the harness itself checks: the engine and the reference loop agree
// hit for hit, and the sweep on 1 and N workers is byte-identical. No timing is asserted.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const RUN = fileURLToPath(new URL('./run.js', import.meta.url));
let output = '';

describe('npm run bench, at 1/500 scale', () => {
  beforeAll(() => {
    output = execFileSync(process.execPath, ['--expose-gc', RUN], {
      encoding: 'utf8',
      env: { ...process.env, TTLSIM_BENCH_SCALE: '0.002' },
      maxBuffer: 16 * 2 ** 20,
    });
  }, 300_000);

  it('engine and reference loop agree hit for hit on both policies', () => {
    expect(output).toMatch(/^5m-sliding .* \(equal\)$/m);
    expect(output).toMatch(/^1h-fixed .* \(equal\)$/m);
    expect(output).not.toMatch(/DIFFERENT|MISMATCH/);
  });

  it('prints every section: end to end, memory, Claude Code replay, CSV replay, start-up, sweep', () => {
    for (const heading of [
      'End to end',
      'Peak memory',
      'Replay of a Claude Code projects folder',
      'generic CSV log',
      'End to end: the CSV as a kind: replay scenario',
      'Start-up, each command in its own process',
      'TTL sweep',
      'Shards on worker threads',
    ])
      expect(output).toContain(heading);
    expect(output).toMatch(/byte-identical: yes/);
    // ttlsim's CSV replay and the plain-JS reference count the same hits under 5m and 1h.
    expect(output).toMatch(/^reference \(reference-csv-replay\.js\) .* \(equal\)$/m);
    // And what of its time is start-up, reading and the bootstrap, each measured alone.
    expect(output).toMatch(/^of which, each measured alone: start-up [\d.]+ s .* leaves them -?[\d.]+ s$/m);
    // And the two policies split over two processes (each must count the hits the one process did, or it exits 1).
    expect(output).toMatch(
      /^split by policy over the two cores, .* best of \d: [\d.]+ s, against [\d.]+ s for both in one/m,
    );
    // Every start-up row has its ratio to the bare node, and the targeted ones say met or missed.
    expect(output.match(/^ttlsim .*× {2}≤ [\d.]+×: (met|missed)$/gm)).toHaveLength(4);
    // The Claude Code folder gzipped replays as the plain one (the harness says so, or exits 1).
    expect(output).toMatch(
      /folder gzipped .* MB\/s compressed = .* MB\/s of JSONL inflated.*, the same replay as the plain folder$/m,
    );
  });
});
