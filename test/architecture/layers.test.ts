// The layering of src/ (LAYERS in layers.ts, quoted by docs/architecture.md): imports run with the data,
// from model/ and util/ up to cli/, never back and never between siblings of one layer.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
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

  it("a file's opening comment that names its layer names the table's", () => {
    // `// replay/ (layer 9): …` heads most files; inserting a layer must renumber them, or they mislead.
    const wrong = sources('src').flatMap((file) => {
      const named = /^\/\/ ([a-z-]+)\/ \(layer (\d+)\)/m.exec(readFileSync(file, 'utf8').slice(0, 400));
      if (named === null) return [];
      const folder = folderOf(file.split(/[\\/]/).slice(1).join('/'));
      const want = layerOf(folder);
      return named[1] === folder && Number(named[2]) === want
        ? []
        : [`${file}: ${named[0]} (the table: ${folder}/, ${want})`];
    });
    expect(wrong).toEqual([]);
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
