// What a process loads follows what it does (docs/architecture.md; docs/performance.md, "Start-up"): a
// scenario run in this one thread, without a report, loads none of the code of sharding, replays of logs,
// tune, merge or reports. The launcher runs as a user runs it, with a module listing loaded by `--import`
// (test/fixtures/startup/loaded-modules.mjs), and must print the same JSON as without the listing.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const LISTING = resolve('test/fixtures/startup/loaded-modules.mjs');

/** `node bin/ttlsim.js …args`: what it printed and every module it loaded (file URLs, paths, node: names). */
function loadedBy(args: string[]): { status: number | null; stdout: string; stderr: string; modules: string[] } {
  const listed = join(mkdtempSync(join(tmpdir(), 'ttlsim-modules-')), 'modules.txt');
  const result = spawnSync(process.execPath, ['--import', LISTING, 'bin/ttlsim.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, TTLSIM_LOADED_MODULES: listed },
  });
  const modules = readFileSync(listed, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .flatMap(unbundled);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, modules };
}

/**
 * The launcher loads the CLI from dist/bundle/ (scripts/bundle.mjs): a chunk stands for the modules bundled
 * into it, which esbuild's metafile lists (paths from the repository), so that a loaded chunk counts as
 * every module it holds.
 */
const CHUNKS = (() => {
  const meta = JSON.parse(readFileSync('dist/bundle/meta.json', 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, unknown> }>;
  };
  return new Map(
    Object.entries(meta.outputs).map(([chunk, { inputs }]) => [
      pathToFileURL(resolve(chunk)).href,
      Object.keys(inputs).map((input) => pathToFileURL(resolve(input)).href),
    ]),
  );
})();
const unbundled = (module: string): string[] => CHUNKS.get(module) ?? [module];

const SCENARIO = 'scenarios/claude-code-dev-day.yaml';

// Child processes loading the CLI from dist/ (`npm test` builds it first): seconds each on a loaded machine.
describe('modules loaded at start-up', { timeout: 240_000 }, () => {
  let run: ReturnType<typeof loadedBy>;
  let plain: ReturnType<typeof spawnSync>;
  beforeAll(() => {
    run = loadedBy(['run', SCENARIO, '--no-report', '--json']);
    plain = spawnSync(process.execPath, ['bin/ttlsim.js', 'run', SCENARIO, '--no-report', '--json'], {
      encoding: 'utf8',
    });
  });

  it('the listing sees the run and changes nothing it prints', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(plain.stdout);
    // The listing itself works: the simulation's own modules are in it, loaded from the bundle.
    expect(run.modules.some((m) => m.endsWith('/dist/cli/main.js'))).toBe(true);
    expect(run.modules.some((m) => m.endsWith('/dist/engine/simulate.js'))).toBe(true);
    expect(run.modules.some((m) => m.endsWith('/dist/scenario/read.js'))).toBe(true);
    expect(run.modules.some((m) => m.endsWith('/node_modules/seedrandom/lib/alea.js'))).toBe(true);
  });

  it.each([
    ['the shards, their tasks and worker threads', /\/dist\/cli\/shard-(pool|tasks)\.js$|^node:worker_threads$/],
    ['merge', /\/dist\/merge\//],
    ['replay of logs and tune', /\/dist\/(replay\/replay-logs|tune\/[^/]+)\.js$/],
    [
      'the report: page, charts, CSV, SVG, vega',
      /\/dist\/report\/(html|charts\/|csv|render-svg|vendor)|node_modules\/vega/,
    ],
    ['the terminal table and progress bar', /node_modules\/(cli-table3|cli-progress)\//],
    // workload/rng.ts imports Alea alone; seedrandom's main module would load all seven generators.
    ["seedrandom's main module and its six other generators", /node_modules\/seedrandom\/(?!lib\/alea\.js$)/],
    // report/write-files.ts requires it for its temporary names, when a report is written.
    ['node:crypto', /^node:crypto$/],
  ])('run --no-report --json in one thread loads none of %s', (_what, pattern) => {
    expect(run.modules.filter((m) => pattern.test(m))).toEqual([]);
  });
});
