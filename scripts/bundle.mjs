// The CLI as bin/ttlsim.js loads it: dist/cli/main.js (compiled by tsc) and everything it imports, npm
// packages included, bundled by esbuild into dist/bundle/. Loading ~360 modules one by one was a third of
// a short run's time (docs/performance.md, "Start-up"); the bundle is a few files. Code that is imported
// with import() stays in chunks of its own (--splitting), so a command still loads only what it needs: the
// report, vega and vega-lite only when a report is written. dist/bundle/meta.json says which source
// module went into which chunk (test/cli/startup-modules.test.ts reads it).
//
// Modules that are not bundled: Node's own, the CommonJS packages src/ requires on first use through
// createRequire (cli-table3, cli-progress, fflate: resolved from dist/bundle/ at run time, like the rest of
// node_modules), and the worker threads' entries (src/sweep/pool.ts, src/cli/shard-pool.ts and
// src/cli/resample-thread.ts start dist/sweep/sweep-worker.js, dist/cli/shard-worker.js and
// dist/cli/resample-worker.js, which tsc compiled).
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';

const result = await build({
  entryPoints: ['dist/cli/main.js'],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Bundled CommonJS code (yaml's build for Node, @colors/colors) requires Node's own modules; an ES module
  // has no `require` of its own to give it.
  banner: {
    js: "import { createRequire as __ttlsimRequire } from 'node:module'; const require = __ttlsimRequire(import.meta.url);",
  },
  metafile: true,
  logLevel: 'warning',
});
writeFileSync('dist/bundle/meta.json', JSON.stringify(result.metafile));
