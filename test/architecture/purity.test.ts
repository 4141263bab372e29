import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// docs/architecture.md: the pure folders never touch the file system, the process, the console, the clock
// or a global random source. The edges (scenario/, logs/, sweep/'s worker pool, cli/, and the few files
// below) may. The layers themselves are checked by layers.test.ts.
const PURE = [
  'model',
  'util',
  'pricing',
  'workload',
  'cache',
  'engine',
  'metrics',
  'run',
  'replay',
  'estimate',
  'verdict',
  'shard',
  'merge',
  'tune',
  'fit',
  'report',
];
const EDGE_FILES = new Set([
  // Replay workloads' logs are found on disk, relative to the scenario file, with the process's environment.
  join('src', 'run', 'scenario-files.ts'),
  join('src', 'report', 'write-files.ts'),
  join('src', 'report', 'vendor.ts'),
]);
const FORBIDDEN: [RegExp, string][] = [
  [/from 'node:fs'|from "node:fs"|require\('fs'\)/, 'node:fs'],
  [/\bprocess\./, 'process'],
  [/\bconsole\./, 'console'],
  [/Date\.now\(\)|new Date\(\)/, 'the clock'],
  [/Math\.random\(\)/, 'Math.random'],
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('architecture', () => {
  for (const folder of PURE) {
    it(`src/${folder} is pure`, () => {
      const offences: string[] = [];
      for (const file of sources(join('src', folder))) {
        if (EDGE_FILES.has(file)) continue;
        const text = readFileSync(file, 'utf8');
        for (const [pattern, what] of FORBIDDEN) if (pattern.test(text)) offences.push(`${file} uses ${what}`);
      }
      expect(offences).toEqual([]);
    });
  }

  it('only cli/ knows argv and exit codes', () => {
    const offences = sources('src')
      .filter((file) => !file.startsWith(join('src', 'cli')))
      .filter((file) => /process\.(argv|exit)/.test(readFileSync(file, 'utf8')));
    expect(offences).toEqual([]);
  });
});
