// What every chart of the HTML report shares: the neutral colours of billing categories (policies take
// theirs from palette.ts), the shared config and the chart frame.
import type { Config } from 'vega-lite';
import { NEUTRAL } from './palette.js';

/** Token categories, in stack order, with their labels and neutral greys (they are not policies). */
export const CATEGORIES = [
  { key: 'input', label: 'uncached input', color: NEUTRAL[1] },
  { key: 'cacheWrite5m', label: '5m writes', color: NEUTRAL[3] },
  { key: 'cacheWrite1h', label: '1h writes', color: NEUTRAL[5] },
  { key: 'cacheRead', label: 'cache reads', color: NEUTRAL[0] },
  { key: 'output', label: 'output', color: NEUTRAL[2] },
  { key: 'storage', label: 'storage', color: NEUTRAL[4] },
] as const;

export const CONFIG: Config = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: '#eeeeee' },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, subtitleFontSize: 11, subtitleColor: '#555555', anchor: 'start' },
};

export const WIDTH = 640;
export const HEIGHT = 260;
export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Characters of subtitle per line: Vega does not wrap titles, and a long line widens the chart. */
const SUBTITLE_CHARS = 110;

/** A subtitle as lines of at most SUBTITLE_CHARS, broken between words. */
export function wrapSubtitle(text: string | readonly string[]): string[] {
  const lines: string[] = [];
  for (const paragraph of typeof text === 'string' ? [text] : text) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line !== '' && line.length + 1 + word.length > SUBTITLE_CHARS) {
        lines.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    lines.push(line);
  }
  return lines;
}

/** What every single-view chart starts with: schema, title and subtitle, size, the shared config. */
export const chartFrame = (text: string, subtitle: string, height = HEIGHT) => ({
  $schema: SCHEMA,
  title: { text, subtitle: wrapSubtitle(subtitle) },
  width: WIDTH,
  height,
  config: CONFIG,
});
