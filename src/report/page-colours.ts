// One colour per policy within a report (issue 13): charts build their colour scales from each name alone
// (charts/palette.ts policyScale), so two names that land on one shade would look alike. This pass
// gathers every policy of the page (the table's and every chart's colour scale), gives them distinct
// colours (palette.ts distinctColours: a family's own policy never moves) and rewrites the scales and the
// table's swatches to match. PURE.
import type { Chart } from './charts/chart.js';
import { distinctColours, policyColour } from './charts/palette.js';
import type { ReportPage } from './html.js';

interface Scale {
  domain: string[];
  range: string[];
}

/** A colour scale that policyScale built: names, each with its own policy colour. */
const isPolicyScale = (value: unknown): value is Scale => {
  const s = value as Partial<Scale> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    Array.isArray(s.domain) &&
    Array.isArray(s.range) &&
    s.domain.length === s.range.length &&
    s.domain.every((name, i) => typeof name === 'string' && s.range![i] === policyColour(name))
  );
};

/** Every policy scale inside a spec, depth first. */
function* scales(value: unknown): Generator<Scale> {
  if (Array.isArray(value)) for (const item of value) yield* scales(item);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'scale' && isPolicyScale(inner)) yield inner;
      else yield* scales(inner);
    }
  }
}

export function withDistinctColours(page: ReportPage): ReportPage {
  const names = new Set(page.policies.map((p) => p.policy));
  for (const chart of page.charts) for (const scale of scales(chart.spec)) for (const n of scale.domain) names.add(n);
  const colours = distinctColours(names);
  if ([...colours].every(([name, colour]) => colour === policyColour(name))) return page;
  const charts: Chart[] = page.charts.map((chart) => {
    const spec = structuredClone(chart.spec);
    for (const scale of scales(spec)) scale.range = scale.domain.map((name) => colours.get(name)!);
    return { ...chart, spec };
  });
  return { ...page, charts, colours };
}
