// The HTML report in a real browser: `ttlsim run`, `replay`, `sweep` and `tune` write index.html, and
// headless Chromium (Debian's, at /usr/bin/chromium) opens it from file:// with the network blocked. Every
// chart must render as SVG with marks, with no console errors or warnings, no horizontal overflow at
// 1280 px, and no legend entry whose colour no mark carries; the summary table must carry summary.json's
// exact numbers, cheapest policy first; and a policy must have one colour in every report of a scenario.
// Full-page screenshots go to reports/screenshots/ for the README.
import { describe, it, expect, afterAll } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCREENSHOTS = join(ROOT, 'reports', 'screenshots');
const FIELDS = [
  'costUsd.total',
  'savingsVsNoCache',
  'hitRate',
  'tokenHitRate',
  'entriesWritten',
  'expirations',
  'wastedWrites',
] as const;
/**
 * Graphical elements vega's SVG renderer puts inside its `g.mark-*` groups. Only data marks count
 * (`g.role-mark`): axes, grids and the frame are `g.mark-rule.role-axis-grid` etc. and are drawn even
 * when a chart has no data at all.
 */
const MARK_ELEMENTS = ['path', 'rect', 'line', 'circle', 'ellipse', 'polygon', 'polyline', 'image'];

let browser: Browser | undefined;
const tmp = mkdtempSync(join(tmpdir(), 'ttlsim-browser-'));

async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  browser ??= await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  return browser;
}

afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<void> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stderrIsTty: false,
    cwd: ROOT,
    env: { HOME: '/nonexistent-home' },
  };
  const code = await main(args, io);
  expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
}

function field(row: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], row);
}

interface PageFacts {
  rows: { policy: string; highlighted: boolean; values: Record<string, string | null> }[];
  charts: { id: string; svg: boolean; marks: number; legendsWithoutMarks: string[] }[];
  /** Policy name → colour, from the table's swatches and the charts' policy legends. */
  colours: [string, string][];
  overflowPx: number;
}

/** Opens `<dir>/index.html` offline, waits for every chart, checks it, screenshots it, and returns its policy colours. */
async function checkReport(dir: string, minCharts: number, screenshot: string | null): Promise<Map<string, string>> {
  const chromiumBrowser = await launch();
  const html = join(dir, 'index.html');
  expect(existsSync(html), `${html} was not written`).toBe(true);
  const context = await chromiumBrowser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  try {
    const blocked: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`console.${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));

    await page.goto(pathToFileURL(html).href);
    let timedOut = false;
    await page
      .waitForFunction(
        () => document.body.dataset.rendered === 'true' || document.body.dataset.error !== undefined,
        undefined,
        { timeout: 30_000 },
      )
      .catch(() => void (timedOut = true));
    const state = await page.evaluate(() => ({
      rendered: document.body.dataset.rendered,
      error: document.body.dataset.error,
    }));
    const seen = `\n  console/page errors: ${JSON.stringify(problems)}\n  blocked requests: ${JSON.stringify(blocked)}`;
    if (state.error !== undefined)
      throw new Error(`${html} failed to render: body[data-error] = ${state.error}${seen}`);
    if (timedOut || state.rendered !== 'true')
      throw new Error(`${html}: body[data-rendered="true"] not set within 30 s${seen}`);
    expect(blocked, 'network requests from a file:// report').toEqual([]);
    expect(problems, 'console errors/warnings and page errors').toEqual([]);

    const facts = await page.evaluate((markElements): PageFacts => {
      const markSelector = markElements.map((tag) => `g[class^="mark-"].role-mark > ${tag}`).join(', ');
      const paint = (el: Element) =>
        [el.getAttribute('fill'), el.getAttribute('stroke')]
          .filter((c): c is string => c !== null && c !== 'transparent' && c !== 'none')
          .map((c) => c.toLowerCase());
      const colours: [string, string][] = [];
      for (const swatch of document.querySelectorAll('#summary tr[data-policy] .swatch'))
        colours.push([
          swatch.closest('tr')?.getAttribute('data-policy') ?? '',
          (swatch as HTMLElement).style.background,
        ]);
      const charts = [...document.querySelectorAll('figure.chart')].map((figure) => {
        const marks = [...figure.querySelectorAll(`.vega svg :is(${markSelector})`)];
        const inked = new Set(marks.flatMap(paint));
        const legendsWithoutMarks: string[] = [];
        for (const legend of figure.querySelectorAll('.vega svg g.role-legend')) {
          const title = legend.querySelector('.role-legend-title text')?.textContent ?? '';
          const entries = [...legend.querySelectorAll('.role-legend-entry g[transform]')]
            .map((entry) => ({
              label: entry.querySelector(':scope > g .role-legend-label text')?.textContent ?? '',
              colours: [...entry.querySelectorAll(':scope > g .role-legend-symbol path')].flatMap(paint),
            }))
            .filter((e) => e.label !== '');
          // A legend of shapes only (every symbol one ink) is not a colour legend: its marks are coloured by policy.
          if (new Set(entries.map((e) => e.colours.join())).size <= 1 && entries.length > 1) continue;
          for (const e of entries) {
            if (!e.colours.some((c) => inked.has(c))) legendsWithoutMarks.push(`${title}: ${e.label}`);
            if (title === 'policy' || title === 'cheapest policy') colours.push([e.label, e.colours[0] ?? '']);
          }
        }
        return {
          id: figure.id,
          svg: figure.querySelector('.vega svg') !== null,
          marks: marks.length,
          legendsWithoutMarks,
        };
      });
      return {
        rows: [...document.querySelectorAll('#summary tr[data-policy]')].map((tr) => ({
          policy: tr.getAttribute('data-policy') ?? '',
          highlighted: tr.classList.contains('verdict'),
          values: Object.fromEntries(
            [...tr.querySelectorAll('td[data-field]')].map((td) => [
              td.getAttribute('data-field') ?? '',
              td.getAttribute('data-value'),
            ]),
          ),
        })),
        charts,
        colours,
        overflowPx: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      };
    }, MARK_ELEMENTS);

    expect(facts.overflowPx, 'horizontal overflow at 1280 px').toBeLessThanOrEqual(0);
    // Charts: enough of them, each an SVG with at least one mark drawn.
    expect(facts.charts.length, 'number of figure.chart').toBeGreaterThanOrEqual(minCharts);
    for (const chart of facts.charts) {
      expect(chart.id, 'figure.chart id').toMatch(/^chart-./);
      expect(chart.svg, `${chart.id} has an svg`).toBe(true);
      expect(chart.marks, `${chart.id} draws marks`).toBeGreaterThan(0);
      expect(chart.legendsWithoutMarks, `${chart.id}: legend entries no mark carries`).toEqual([]);
    }

    // The table: summary.json's numbers exactly, one row per policy, cheapest first.
    const summaryFile = ['summary.json', 'tune.json'].map((f) => join(dir, f)).find((f) => existsSync(f));
    const summary = (summaryFile === undefined ? { policies: [] } : JSON.parse(readFileSync(summaryFile, 'utf8'))) as {
      policies: Record<string, unknown>[];
    };
    const byName = new Map(summary.policies.map((p) => [String(p.policy), p]));
    if (summaryFile !== undefined) expect(facts.rows.map((r) => r.policy).sort()).toEqual([...byName.keys()].sort());
    for (const row of summaryFile === undefined ? [] : facts.rows) {
      const policy = byName.get(row.policy)!;
      const shown = Object.fromEntries(
        FIELDS.map((f) => [
          f,
          row.values[f] === null || row.values[f] === undefined ? row.values[f] : Number(row.values[f]),
        ]),
      );
      // Against a no-cache baseline `saves vs no cache` is the `saves vs no-cache` column (savesVsBaseline).
      const baselinePolicy = (summary as { verdict?: { baseline: { policy: string } } }).verdict?.baseline.policy;
      const expected = Object.fromEntries(
        FIELDS.map((f) => [
          f,
          f === 'savingsVsNoCache' && baselinePolicy === 'no-cache' ? undefined : field(policy, f),
        ]),
      );
      expect(shown, `summary row ${row.policy}`).toEqual(expected);
    }
    // The highlighted row is the verdict's policy, and `saves vs <baseline>` is measured from its baseline.
    const verdict = (summary as { verdict?: { policy: string; baseline: { costUsd: number } } }).verdict;
    if (verdict !== undefined) {
      expect(facts.rows.filter((r) => r.highlighted).map((r) => r.policy)).toEqual([verdict.policy]);
      for (const row of facts.rows)
        expect(Number(row.values.savesVsBaseline), row.policy).toBeCloseTo(
          1 - Number(row.values['costUsd.total']) / verdict.baseline.costUsd,
          12,
        );
    } else expect(facts.rows.filter((r) => r.highlighted)).toHaveLength(1);
    const costs = facts.rows.map((r) => Number(r.values['costUsd.total']));
    expect(costs, 'rows cheapest first').toEqual([...costs].sort((a, b) => a - b));

    // Nothing may have gone wrong while we looked, either.
    expect(problems, 'console errors/warnings and page errors').toEqual([]);

    if (screenshot !== null) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, screenshot), fullPage: true });
    }
    // One colour per policy within the page (table and legends), returned for the cross-report check.
    const colours = new Map<string, string>();
    for (const [name, colour] of facts.colours) {
      const hex = normalise(colour);
      expect(colours.get(name) ?? hex, `${name}: one colour in ${dir}`).toBe(hex);
      colours.set(name, hex);
    }
    return colours;
  } finally {
    await context.close();
  }
}

/** `rgb(230, 159, 0)` (a style read back) or `#E69F00` → `#e69f00`. */
function normalise(colour: string): string {
  const rgb = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(colour);
  if (rgb === null) return colour.toLowerCase();
  return `#${rgb
    .slice(1)
    .map((c) => Number(c).toString(16).padStart(2, '0'))
    .join('')}`;
}

/** Colours of every report of the comparison, by report. */
const seen = new Map<string, Map<string, string>>();

describe('the HTML report in Chromium', () => {
  it('ttlsim run: renders every chart offline and the table matches summary.json', async () => {
    const dir = join(tmp, 'run');
    await cli(['run', 'scenarios/claude-code-dev-day.yaml', '--out', dir, '--quiet']);
    seen.set('run', await checkReport(dir, 9, 'run-report.png'));
  }, 240_000);

  it('ttlsim replay: renders every chart offline and the table matches summary.json', async () => {
    const dir = join(tmp, 'replay');
    await cli(['replay', 'scenarios/logs/claude-code', '--out', dir, '--quiet']);
    seen.set('replay', await checkReport(dir, 11, 'replay-report.png'));
  }, 240_000);

  it('ttlsim sweep: renders the TTL sweep and the parameter sweep offline', async () => {
    const dir = join(tmp, 'sweep');
    await cli(['sweep', 'scenarios/scheduled-batch.yaml', '--ttl', '5m,10m,20m,40m,1h', '--out', dir, '--quiet']);
    seen.set('sweep --ttl', await checkReport(dir, 1, 'sweep-report.png'));
    const params = join(tmp, 'sweep-param');
    await cli([
      'sweep',
      'scenarios/claude-code-dev-day.yaml',
      '--param',
      'workload.arrivals=1/h,2/h',
      '--out',
      params,
      '--quiet',
    ]);
    seen.set('sweep --param', await checkReport(params, 1, null));
  }, 240_000);

  it('ttlsim tune: renders every chart offline and the table matches tune.json', async () => {
    const dir = join(tmp, 'tune');
    await cli(['tune', 'scenarios/document-agent.yaml', '--out', dir, '--quiet']);
    seen.set('tune document-agent', await checkReport(dir, 10, 'tune-report.png'));
    const devDay = join(tmp, 'tune-dev-day');
    await cli(['tune', 'scenarios/claude-code-dev-day.yaml', '--out', devDay, '--quiet']);
    seen.set('tune', await checkReport(devDay, 10, null));
  }, 240_000);

  it('gives every policy one colour across the run, replay, sweep and tune reports', () => {
    // The run, the parameter sweep and the tune are of one scenario (claude-code-dev-day); the replay and
    // the others share policy names with it (5m, 1h, 1h-sliding, no-cache, keepalive…).
    expect([...seen.keys()].sort()).toEqual(
      ['replay', 'run', 'sweep --param', 'sweep --ttl', 'tune', 'tune document-agent'].sort(),
    );
    const first = new Map<string, { colour: string; report: string }>();
    let shared = 0;
    for (const [report, colours] of seen) {
      for (const [name, colour] of colours) {
        const before = first.get(name);
        if (before === undefined) first.set(name, { colour, report });
        else {
          shared++;
          expect(`${name} in ${report}: ${colour}`).toBe(`${name} in ${report}: ${before.colour}`);
        }
      }
    }
    for (const name of ['no-cache', '5m', '1h', '1h-sliding', 'mixed', 'keepalive'])
      expect(
        ['run', 'sweep --param', 'tune'].filter((r) => seen.get(r)?.has(name)),
        name,
      ).toEqual(name === 'mixed' || name === 'keepalive' ? ['run', 'sweep --param'] : ['run', 'sweep --param', 'tune']);
    expect(shared).toBeGreaterThan(10);
  });
});
