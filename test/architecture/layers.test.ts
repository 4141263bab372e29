// The layering of src/ (LAYERS in layers.ts, quoted by docs/architecture.md): imports run with the data,
// from model/ and util/ up to cli/, never back and never between siblings of one layer.
import { describe, it, expect } from 'vitest';
import { LAYERS, folderOf, importsOf, layerOf, layerViolations, sources } from './layers.js';

describe('layers', () => {
  it('every folder of src/ is in exactly one layer', () => {
    const folders = [...new Set(sources('src').map((file) => folderOf(file.split(/[\\/]/).slice(1).join('/'))))];
    expect(folders.filter((folder) => layerOf(folder) < 0)).toEqual([]);
    const listed = LAYERS.flat();
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('no import goes to a later layer or a sibling, and model/ and util/ import nothing', () => {
    expect(layerViolations('src')).toEqual([]);
  });

  it('sees every kind of import', () => {
    const text = [
      "import { a } from '../engine/simulate.js';",
      "import type { B } from '../cache/policy.js';",
      "export { c } from '../metrics/summarise.js';",
      "export * from '../report/json.js';",
      "import '../cli/main.js';",
      "const d = await import('../tune/tune.js');",
      "import { readFileSync } from 'node:fs';",
      "// import { e } from '../replay/replay-logs.js';",
    ].join('\n');
    expect(importsOf('src/model/x.ts', text).map((i) => i.target ?? i.specifier)).toEqual([
      'engine',
      'cache',
      'metrics',
      'report',
      'cli',
      'tune',
      'node:fs',
    ]);
  });
});
