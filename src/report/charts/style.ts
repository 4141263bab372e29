// What every chart of the HTML report shares: one colour per policy across all charts (Okabe–Ito, safe for
// the common colour-vision deficiencies), category colours for token kinds, and the chart frame.
import type { Config } from 'vega-lite';

/** Okabe & Ito's eight colours (2008), black last: distinguishable with protanopia, deuteranopia and tritanopia. */
export const OKABE_ITO = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
] as const;

/** Colour of the logs' own figures (as recorded) beside the policies. */
export const RECORDED_COLOR = '#555555';

/**
 * The colour scale of policies: the same policy has the same colour in every chart of a report (by its
 * position in the result), and `extra` series (the logs' as-recorded figures) get fixed colours after them.
 */
export function policyColor(
  policies: readonly string[],
  extra: readonly { name: string; color: string }[] = [],
): { scale: { domain: string[]; range: string[] }; legend: { title: string } } {
  return {
    scale: {
      domain: [...policies, ...extra.map((e) => e.name)],
      range: [...policies.map((_, i) => OKABE_ITO[i % OKABE_ITO.length]), ...extra.map((e) => e.color)],
    },
    legend: { title: 'policy' },
  };
}

/** Token categories, in stack order, with their labels and colours. */
export const CATEGORIES = [
  { key: 'input', label: 'uncached input', color: '#999999' },
  { key: 'cacheWrite5m', label: '5m writes', color: '#E69F00' },
  { key: 'cacheWrite1h', label: '1h writes', color: '#D55E00' },
  { key: 'cacheRead', label: 'cache reads', color: '#56B4E9' },
  { key: 'output', label: 'output', color: '#0072B2' },
  { key: 'storage', label: 'storage', color: '#CC79A7' },
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

/** What every single-view chart starts with: schema, title and subtitle, size, the shared config. */
export const chartFrame = (text: string, subtitle: string, height = HEIGHT) => ({
  $schema: SCHEMA,
  title: { text, subtitle },
  width: WIDTH,
  height,
  config: CONFIG,
});
