// EDGE: the Vega libraries' browser builds, read from node_modules so that every report carries them
// inline (reports must work offline: no CDN). Read once per process.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { VegaLibraries } from './html.js';

let cached: VegaLibraries | null = null;

export function vegaLibraries(): VegaLibraries {
  if (cached === null) {
    const require = createRequire(import.meta.url);
    // The packages export only their module entry, which sits in build/ beside the browser bundle.
    const read = (pkg: string, bundle: string) => readFileSync(join(dirname(require.resolve(pkg)), bundle), 'utf8');
    cached = {
      vega: read('vega', 'vega.min.js'),
      vegaLite: read('vega-lite', 'vega-lite.min.js'),
      vegaEmbed: read('vega-embed', 'vega-embed.min.js'),
    };
  }
  return cached;
}
