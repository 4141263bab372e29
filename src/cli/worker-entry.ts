// cli/ (layer 12), EDGE: the file a worker thread of the CLI runs (the shards' cli/shard-worker.ts, the
// bootstrap's cli/resample-worker.ts). A thread loads tsc's compiled dist/ code: from dist/cli/ the entry sits
// beside this module; from the bundle (dist/bundle/) and from src/ under vitest (transformed in memory,
// which a thread cannot load) it is dist/cli/'s. (sweep/pool.ts finds its own worker the same way, from a
// layer below this one.)
import { existsSync } from 'node:fs';

/** Where tsc compiles `file` of src/cli/ (the path a missing build is reported with). */
export function compiledCliFile(file: string): URL {
  return new URL(`../../dist/cli/${file}`, import.meta.url);
}

/** The compiled worker entry `file` (`shard-worker.js`), or null when neither place has it. */
export function cliWorkerUrl(file: string): URL | null {
  const beside = new URL(`./${file}`, import.meta.url);
  if (existsSync(beside)) return beside;
  const compiled = compiledCliFile(file);
  return existsSync(compiled) ? compiled : null;
}
