// Colours distinct within one report (issue 13): names that land on one shade get different ones, a
// family's own policy keeps its colour in every report, and the charts and the table of a page agree.
import { describe, expect, it } from 'vitest';
import { distinctColours, policyColour, policyScale } from '../../src/report/charts/palette.js';
import { withDistinctColours } from '../../src/report/page-colours.js';
import { reportHtml } from '../../src/report/html.js';
import type { ReportPage } from '../../src/report/html.js';
import type { PolicySummary } from '../../src/metrics/summarise.js';

// Unknown names hash to six shades of one hue: these pairs meet (checked below, so the test cannot go stale).
const CLASHING = ['team-b', 'team-d', 'team-f', 'team-h'];
const KNOWN = ['no-cache', '5m', '1h', '1h-sliding', 'keepalive', 'adaptive', 'mixed'];

describe('distinct colours in one report', () => {
  it('the chosen names clash under the per-name palette', () => {
    expect(policyColour('team-b')).toBe(policyColour('team-d'));
    expect(policyColour('team-f')).toBe(policyColour('team-h'));
  });

  it('gives every name its own colour, whatever order the names come in', () => {
    const names = [...KNOWN, ...CLASHING, 'ttl-7m', 'ttl-9m', 'ttl-11m', 'adaptive-a', 'adaptive-b', 'adaptive-c'];
    const colours = distinctColours(names);
    expect(new Set(colours.values()).size).toBe(names.length);
    expect(distinctColours([...names].reverse())).toEqual(colours);
  });

  it("keeps a family's own policy on its colour, with or without clashing names beside it", () => {
    const alone = distinctColours(KNOWN);
    const crowded = distinctColours([...CLASHING, ...KNOWN, ...CLASHING.map((n) => `${n}-x`)]);
    for (const name of KNOWN) {
      expect(alone.get(name)).toBe(policyColour(name));
      expect(crowded.get(name)).toBe(policyColour(name));
    }
  });

  it('rewrites the charts and the table of a page to the same distinct colours', () => {
    const names = ['5m', ...CLASHING];
    const summary = (policy: string, usd: number) =>
      ({
        policy,
        costUsd: { total: usd },
        savingsVsNoCache: 0,
        hitRate: 0,
        tokenHitRate: 0,
      }) as unknown as PolicySummary;
    const page: ReportPage = {
      title: 'colours',
      facts: [],
      recommendation: '',
      notes: [],
      policies: names.map((n, i) => summary(n, i + 1)),
      charts: [
        {
          key: 'bars',
          spec: {
            data: { values: names.map((policy) => ({ policy })) },
            mark: 'bar',
            encoding: { color: { field: 'policy', type: 'nominal', ...policyScale(names) } },
          },
        },
      ],
    };
    const coloured = withDistinctColours(page);
    const scale = (coloured.charts[0].spec as { encoding: { color: { scale: { range: string[] } } } }).encoding.color
      .scale;
    expect(new Set(scale.range).size).toBe(names.length);
    expect(scale.range[0]).toBe(policyColour('5m'));
    // The page given is left as it was.
    expect(JSON.stringify(page.charts[0].spec)).toContain(`"${policyColour('team-b')}","${policyColour('team-b')}"`);
    const html = reportHtml(coloured, { vega: '', vegaLite: '', vegaEmbed: '' });
    names.forEach((name, i) =>
      expect(html).toContain(`<span class="swatch" style="background:${scale.range[i]}"></span>${name}<`),
    );
  });
});
