// The layers of src/, in data-flow order (docs/architecture.md quotes this table). A folder may import only
// from folders of an earlier layer or from itself: siblings in one layer never import each other, model/
// and util/ import nothing outside themselves (not even a node: module), and `index.ts` at the top is the
// library API. layers.test.ts checks every import of every src/**/*.ts against it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';

export const LAYERS: readonly (readonly string[])[] = [
  /* 0 */ ['model', 'util'],
  /* 1 */ ['pricing'],
  /* 2 */ ['scenario'],
  /* 3 */ ['workload'],
  /* 4 */ ['logs'],
  /* 5 */ ['cache'],
  /* 6 */ ['engine'],
  /* 7 */ ['metrics'],
  /* 8 */ ['shard'],
  /* 9 */ ['run', 'replay', 'estimate', 'verdict'],
  /* 10 */ ['tune', 'fit', 'sweep'],
  /* 11 */ ['report', 'merge'],
  /* 12 */ ['cli'],
  /* top: src/index.ts, the library API */ ['.'],
];

/** Folders that import nothing outside themselves, no node: module either. */
export const SELF_CONTAINED: readonly string[] = ['model', 'util'];

/** The layer of a top-level folder of src/ ('.' = a file at the root), or -1 for a folder the table lacks. */
export function layerOf(folder: string): number {
  return LAYERS.findIndex((layer) => layer.includes(folder));
}

export interface Import {
  /** The importing file, relative to the repository (`src/cache/policy.ts`). */
  readonly file: string;
  /** The specifier as written (`../model/policy.js`, `node:fs`, `yaml`). */
  readonly specifier: string;
  /** For a relative specifier, the top-level folder of src/ it points into ('.' = the root); else null. */
  readonly target: string | null;
}

/** Every `import … from`, `export … from`, side-effect `import '…'` and dynamic `import('…')` of a file. */
const IMPORT =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

export function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** The top-level folder of a path under src/ ('.' for a file at the root of src/). */
export function folderOf(srcRelative: string): string {
  const parts = srcRelative.split('/');
  return parts.length === 1 ? '.' : parts[0];
}

export function importsOf(file: string, text: string): Import[] {
  const path = file.split(sep).join('/');
  const found: Import[] = [];
  // Comments are not imports: blank them out (keeping string contents, which never hold `//` here).
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const match of code.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2];
    let target: string | null = null;
    if (specifier.startsWith('.')) {
      const resolved = posix.normalize(posix.join(posix.dirname(path), specifier));
      target = resolved.startsWith('src/') ? folderOf(resolved.slice('src/'.length)) : resolved;
    }
    found.push({ file: path, specifier, target });
  }
  return found;
}

/** Every import of src/ that breaks the layering, as `file → specifier (why)`. */
export function layerViolations(root = 'src'): string[] {
  const offences: string[] = [];
  for (const file of sources(root)) {
    const from = folderOf(relative(root, file).split(sep).join('/'));
    const fromLayer = layerOf(from);
    for (const imp of importsOf(file, readFileSync(file, 'utf8'))) {
      const where = `${imp.file} → ${imp.specifier}`;
      if (fromLayer < 0) {
        offences.push(`${where} (src/${from}/ is in no layer)`);
        continue;
      }
      if (imp.target === null) {
        if (SELF_CONTAINED.includes(from) && imp.specifier.startsWith('node:'))
          offences.push(`${where} (${from}/ imports nothing, no node: module either)`);
        else if (SELF_CONTAINED.includes(from)) offences.push(`${where} (${from}/ imports nothing outside itself)`);
        continue;
      }
      const to = imp.target;
      if (to === from) continue;
      const toLayer = layerOf(to);
      if (SELF_CONTAINED.includes(from)) offences.push(`${where} (${from}/ imports nothing outside itself)`);
      else if (toLayer < 0) offences.push(`${where} (${to} is in no layer)`);
      else if (toLayer > fromLayer)
        offences.push(`${where} (layer ${fromLayer} ${from}/ imports later layer ${toLayer} ${to}/)`);
      else if (toLayer === fromLayer)
        offences.push(`${where} (${from}/ and ${to}/ are siblings in layer ${fromLayer})`);
    }
  }
  return offences;
}
