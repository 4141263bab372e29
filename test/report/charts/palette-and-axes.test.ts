// The chart helpers of issue 13: one colour per policy from its name (family hue, variant shade), duration
// labels and ticks, active time that collapses idle stretches, and scatter labels that do not overlap.
import { describe, expect, it } from 'vitest';
import {
  FAMILY_COLOURS,
  NEUTRAL,
  policyColour,
  policyFamily,
  policyScale,
  shortName,
} from '../../../src/report/charts/palette.js';
import { durationLabelExpr, durationTicksMs } from '../../../src/report/charts/durations.js';
import { activeLayout, groupFigures, MAX_SERIES_POINTS } from '../../../src/report/charts/active-time.js';
import { placeLabels } from '../../../src/report/charts/label-placement.js';
import { rateFloor } from '../../../src/report/charts/hit-rate-chart.js';
import { gridColumns } from '../../../src/report/charts/sweep-charts.js';
import type { TimeSeries } from '../../../src/metrics/summarise.js';
import { renderSvg } from '../../../src/report/render-svg.js';

describe('policy palette', () => {
  it('puts each policy in its family, whatever the report', () => {
    const families = Object.fromEntries(
      [
        'no-cache',
        '5m',
        '1h',
        '1h-sliding',
        'keepalive',
        'keepalive-4m30s-15m',
        'adaptive',
        'oracle',
        'as-recorded',
        'mixed',
        '1h system+project, 5m history',
        '1h system, 5m project+history-sliding',
        '5m · subagents 1h',
        'ttl-40m-sliding',
        'ttl-40m',
        'ttl-2m',
        'ttl-1h',
      ].map((name) => [name, policyFamily(name).family]),
    );
    expect(families).toEqual({
      'no-cache': 'no-cache',
      '5m': '5m',
      '1h': '1h',
      '1h-sliding': '1h-sliding',
      keepalive: 'keep-alive',
      'keepalive-4m30s-15m': 'keep-alive',
      adaptive: 'adaptive',
      oracle: 'oracle',
      'as-recorded': 'as-recorded',
      mixed: 'role split',
      '1h system+project, 5m history': 'role split',
      '1h system, 5m project+history-sliding': 'role split',
      '5m · subagents 1h': '5m',
      'ttl-40m-sliding': '1h-sliding',
      'ttl-40m': '1h',
      'ttl-2m': '5m',
      'ttl-1h': '1h',
    });
  });

  it('gives the family hue to the family policy and sold TTLs, and other shades to variants', () => {
    expect(policyColour('5m')).toBe(FAMILY_COLOURS['5m']);
    expect(policyColour('ttl-5m')).toBe(FAMILY_COLOURS['5m']);
    expect(policyColour('ttl-1h')).toBe(FAMILY_COLOURS['1h']);
    expect(policyColour('1h')).toBe(FAMILY_COLOURS['1h']);
    const tuneSpace = [
      '1h system, 5m project+history',
      '1h system+project, 5m history',
      '1h system, 5m project+history-sliding',
      '1h system+project, 5m history-sliding',
      'keepalive-4m30s-15m',
      'keepalive-4m30s-30m',
      'keepalive-4m30s-60m',
      '5m',
      '1h',
      '1h-sliding',
      'no-cache',
      'adaptive',
    ];
    expect(new Set(tuneSpace.map(policyColour)).size).toBe(tuneSpace.length);
    expect(tuneSpace.map(policyColour).every((c) => /^#[0-9A-F]{6}$/.test(c))).toBe(true);
    // Categories that are not policies never take a policy's colour.
    for (const grey of NEUTRAL) expect(tuneSpace.map(policyColour)).not.toContain(grey);
  });

  it('builds a scale of only the policies given, each once', () => {
    expect(policyScale(['1h', '5m', '1h']).scale).toEqual({
      domain: ['1h', '5m'],
      range: [FAMILY_COLOURS['1h'], FAMILY_COLOURS['5m']],
    });
  });

  it('shortens names for point labels', () => {
    expect(shortName('keepalive-4m30s-15m')).toBe('ka 15m');
    expect(shortName('1h system+project, 5m history-sliding')).toBe('1h syst+proj sl');
    expect(shortName('5m')).toBe('5m');
  });
});

describe('durations', () => {
  it('labels axis values as durations, never raw minutes (rendered by Vega itself)', async () => {
    const values = [0, 45_000, 300_000, 5_400_000, 86_400_000 + 6 * 3_600_000];
    const svg = await renderSvg({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      data: { values: values.map((at) => ({ at })) },
      mark: 'point',
      encoding: { x: { field: 'at', type: 'quantitative', axis: { values, labelExpr: durationLabelExpr(1) } } },
    });
    const labels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    for (const label of ['0', '45s', '5m', '1h30m', '1d6h']) expect(labels).toContain(label);
    expect(labels.some((l) => /^\d{3,}/.test(l.replace(/,/g, '')))).toBe(false);
  });

  it('puts ticks at human steps', () => {
    // A day in at most 8 steps: every 3 hours, from 0 to 24h.
    expect(durationTicksMs(86_400_000, 8)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24].map((h) => h * 3_600_000));
    expect(durationTicksMs(30 * 60_000, 8)[1]).toBe(5 * 60_000);
  });
});

describe('active time', () => {
  const series = (requests: number[], bucketMs: number): TimeSeries => ({
    bucketMs,
    startMs: requests.map((_, k) => k * bucketMs),
    requests,
    hits: requests,
    keepalivePings: requests.map(() => 0),
    costUsd: requests.map(() => 0),
    liveEntries: requests.map(() => 0),
    liveTokens: requests.map(() => 0),
  });

  it('collapses long idle stretches and says when activity resumed', () => {
    const quarter = 15 * 60_000;
    // 40 idle buckets (10h), 4 busy, 20 idle (5h), 3 busy.
    const requests = [...new Array<number>(40).fill(0), 1, 2, 0, 3, ...new Array<number>(20).fill(0), 1, 1, 1];
    const layout = activeLayout([series(requests, quarter)]);
    expect(layout.originMs).toBe(40 * quarter);
    expect(layout.groups.map((g) => g.startMs / quarter)).toEqual([40, 41, 42, 43, 64, 65, 66]);
    expect(layout.idle).toEqual([{ activeMs: 5 * quarter, resumeMs: 64 * quarter, idleMs: 20 * quarter }]);
    expect(layout.activeSpanMs).toBe(8 * quarter);
  });

  it('keeps a short pause inside the activity', () => {
    const layout = activeLayout([series([1, 0, 0, 1], 15 * 60_000)]);
    expect(layout.idle).toEqual([]);
    expect(layout.groups).toHaveLength(4);
  });

  it('lays sparse series of different widths on one grid, real time inside a stretch', () => {
    const minute = 60_000;
    // Requests at minutes 0, 3 and (after 10h idle) 600; a ping at 30 only in the second series.
    const fine: TimeSeries = {
      bucketMs: minute,
      startMs: [0, 3 * minute, 600 * minute],
      requests: [2, 1, 4],
      hits: [1, 1, 4],
      keepalivePings: [0, 0, 0],
      costUsd: [1, 0.5, 2],
      liveEntries: [1, 1, 1],
      liveTokens: [100, 100, 300],
    };
    const coarse: TimeSeries = {
      bucketMs: 2 * minute,
      startMs: [0, 2 * minute, 30 * minute, 600 * minute],
      requests: [2, 1, 0, 4],
      hits: [1, 1, 0, 4],
      keepalivePings: [0, 0, 1, 0],
      costUsd: [1, 0.5, 0.25, 2],
      liveEntries: [1, 1, 0, 1],
      liveTokens: [100, 100, 0, 300],
    };
    const layout = activeLayout([fine, coarse]);
    expect(layout.bucketMs).toBe(2 * minute);
    // Minutes [0, 4) are one stretch drawn as two 2-minute groups; the ping at 30 is in the idle stretch.
    expect(layout.groups.map((g) => [g.startMs / minute, g.endMs / minute, g.segment])).toEqual([
      [0, 2, 0],
      [2, 4, 0],
      [600, 602, 1],
    ]);
    expect(layout.idle).toEqual([{ activeMs: 6 * minute, resumeMs: 600 * minute, idleMs: 596 * minute }]);
    const [a, b] = layout.series.map((s) => groupFigures(s, layout.groups));
    expect(a.map((f) => f.requests)).toEqual([2, 1, 4]);
    // The ping's cost is carried into the next stretch; the level it left (0 tokens) starts it.
    expect(b[2]).toEqual({
      requests: 4,
      hits: 4,
      costUsd: 2,
      costBeforeUsd: 1.75,
      liveTokensBefore: 0,
      liveTokensAfter: 300,
    });
    expect(a[2].costBeforeUsd).toBe(1.5);
  });

  it('merges only when the active buckets are too many', () => {
    const busy = new Array<number>(MAX_SERIES_POINTS * 3).fill(1);
    const layout = activeLayout([series([...busy, ...new Array<number>(100_000).fill(0), 1], 1000)]);
    expect(layout.merged).toBe(4);
    expect(layout.groups.length).toBeLessThanOrEqual(MAX_SERIES_POINTS + 1);
  });
});

describe('chart layout helpers', () => {
  it('places labels of crowded points without overlap', () => {
    const points = [0, 1, 2, 3].map((i) => ({ x: 0.5, y: 10 + i * 0.05, text: `policy ${i}` }));
    const placed = placeLabels(points, [0, 1], [0, 20], 400, 300);
    const boxes = placed.map((p, i) => ({
      y: 300 - (p.labelY / 20) * 300,
      x: (p.labelX - 0) * 400,
      align: p.align,
      w: points[i].text.length * 6,
    }));
    const x0 = (b: (typeof boxes)[number]) =>
      b.align === 'left' ? b.x : b.align === 'right' ? b.x - b.w : b.x - b.w / 2;
    for (let a = 0; a < boxes.length; a++)
      for (let b = a + 1; b < boxes.length; b++) {
        const overlapX = x0(boxes[a]) < x0(boxes[b]) + boxes[b].w && x0(boxes[b]) < x0(boxes[a]) + boxes[a].w;
        const overlapY = Math.abs(boxes[a].y - boxes[b].y) < 12;
        expect(overlapX && overlapY, `labels ${a} and ${b}`).toBe(false);
      }
  });

  it('starts a rate axis just under the lowest rate', () => {
    expect(rateFloor([0.98, 0.998])).toBe(0.97);
    expect(rateFloor([0.2, 0.9])).toBe(0);
  });

  it('lays facets out in full rows', () => {
    expect([1, 2, 3, 4, 6, 9].map(gridColumns)).toEqual([1, 2, 3, 2, 3, 3]);
  });
});
