// The HTML report in a real browser: `ttlsim run` and `ttlsim replay` write index.html, and headless
// Chromium (Debian's, at /usr/bin/chromium) opens it from file:// with the network blocked. Every chart
// must render as SVG with marks, with no console errors or warnings, and the summary table must carry
// summary.json's exact numbers, cheapest policy first. Full-page screenshots go to reports/screenshots/
// for the README.
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
  rows: { policy: string; values: Record<string, string | null> }[];
  charts: { id: string; svg: boolean; marks: number }[];
}

/** Opens `<dir>/index.html` offline, waits for every chart, checks it, and screenshots it. */
async function checkReport(dir: string, minCharts: number, screenshot: string): Promise<void> {
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
      return {
        rows: [...document.querySelectorAll('#summary tr[data-policy]')].map((tr) => ({
          policy: tr.getAttribute('data-policy') ?? '',
          values: Object.fromEntries(
            [...tr.querySelectorAll('td[data-field]')].map((td) => [
              td.getAttribute('data-field') ?? '',
              td.getAttribute('data-value'),
            ]),
          ),
        })),
        charts: [...document.querySelectorAll('figure.chart')].map((figure) => ({
          id: figure.id,
          svg: figure.querySelector('.vega svg') !== null,
          marks: figure.querySelectorAll(`.vega svg :is(${markSelector})`).length,
        })),
      };
    }, MARK_ELEMENTS);

    // Charts: enough of them, each an SVG with at least one mark drawn.
    expect(facts.charts.length, 'number of figure.chart').toBeGreaterThanOrEqual(minCharts);
    for (const chart of facts.charts) {
      expect(chart.id, 'figure.chart id').toMatch(/^chart-./);
      expect(chart.svg, `${chart.id} has an svg`).toBe(true);
      expect(chart.marks, `${chart.id} draws marks`).toBeGreaterThan(0);
    }

    // The table: summary.json's numbers exactly, one row per policy, cheapest first.
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as {
      policies: Record<string, unknown>[];
    };
    const byName = new Map(summary.policies.map((p) => [String(p.policy), p]));
    expect(facts.rows.map((r) => r.policy).sort()).toEqual([...byName.keys()].sort());
    for (const row of facts.rows) {
      const policy = byName.get(row.policy)!;
      const shown = Object.fromEntries(
        FIELDS.map((f) => [
          f,
          row.values[f] === null || row.values[f] === undefined ? row.values[f] : Number(row.values[f]),
        ]),
      );
      const expected = Object.fromEntries(FIELDS.map((f) => [f, field(policy, f)]));
      expect(shown, `summary row ${row.policy}`).toEqual(expected);
    }
    const costs = facts.rows.map((r) => Number(r.values['costUsd.total']));
    expect(costs, 'rows cheapest first').toEqual([...costs].sort((a, b) => a - b));

    // Nothing may have gone wrong while we looked, either.
    expect(problems, 'console errors/warnings and page errors').toEqual([]);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, screenshot), fullPage: true });
  } finally {
    await context.close();
  }
}

describe('the HTML report in Chromium', () => {
  it('ttlsim run: renders every chart offline and the table matches summary.json', async () => {
    const dir = join(tmp, 'run');
    await cli(['run', 'scenarios/support-bot.yaml', '--out', dir, '--quiet']);
    await checkReport(dir, 7, 'run-report.png');
  }, 240_000);

  it('ttlsim replay: renders every chart offline and the table matches summary.json', async () => {
    const dir = join(tmp, 'replay');
    await cli(['replay', 'scenarios/logs/claude-code', '--out', dir, '--quiet']);
    await checkReport(dir, 9, 'replay-report.png');
  }, 240_000);
});
