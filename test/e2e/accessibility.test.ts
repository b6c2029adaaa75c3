// Every page of the app, scanned by axe-core in real Chromium at a desktop (1440×900) and a
// phone (390×844) size, in the light and the dark colour scheme: no violation axe rates
// serious or critical. The same pages are screenshotted at both sizes to
// test-output/screenshots/, checked for sideways scroll on the phone, for a text summary
// of every chart, and walked with the Tab key to see that every element that takes focus
// shows it.
//
// The pages are the real ones: the bundled datasets, one with its preview open, the
// training form, the results of a small seeded model trained through the API, the models
// list, the worked example, and the login page of a server started with a token.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/test-server.ts';
import type { TestServer } from '../support/test-server.ts';
import { ROOT, startBrowserApp } from './browser-app.ts';
import type { BrowserApp } from './browser-app.ts';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TOKEN = 'a11y-token-0123456789abcdef';

const SIZES = [
  { size: 'desktop', viewport: { width: 1440, height: 900 } },
  { size: 'phone', viewport: { width: 390, height: 844 } },
] as const;
const SCHEMES = ['light', 'dark'] as const;

/** One page as a person reaches it: its file in web/pages, where it is, and what shows it has loaded. */
interface AppPage {
  name: string;
  file: string;
  url: () => string;
  ready: string[];
}

let env: BrowserApp;
let secured: TestServer;
let datasetId = 0;
let modelId = 0;
let otherModelId = 0;

const PAGES: AppPage[] = [
  { name: 'datasets', file: 'index.html', url: () => `${env.baseUrl}/`, ready: ['#datasets-table'] },
  {
    name: 'dataset-preview',
    file: 'index.html',
    url: () => `${env.baseUrl}/?dataset=${datasetId}`,
    ready: ['#datasets-table', '#columns-table', '#preview-chart .main-svg'],
  },
  {
    name: 'train',
    file: 'train.html',
    url: () => `${env.baseUrl}/train.html?dataset=${datasetId}`,
    ready: ['#train-form[data-defaults="loaded"]'],
  },
  {
    name: 'model',
    file: 'model.html',
    url: () => `${env.baseUrl}/model.html?id=${modelId}`,
    ready: ['#metrics-table', '#model-chart .main-svg'],
  },
  { name: 'runs', file: 'runs.html', url: () => `${env.baseUrl}/runs.html`, ready: ['#models table'] },
  {
    name: 'compare',
    file: 'compare.html',
    url: () => `${env.baseUrl}/compare.html?ids=${modelId},${otherModelId}`,
    ready: ['#compare-chart .main-svg', '#compare-metrics table'],
  },
  {
    name: 'example',
    file: 'example.html',
    url: () => `${env.baseUrl}/example.html`,
    ready: ['#tomorrow[data-inputs]', '#series-chart .main-svg', '#gradient-chart .main-svg'],
  },
  { name: 'login', file: 'login.html', url: () => `${secured.url}/login`, ready: ['#login-form'] },
];

beforeAll(async () => {
  env = await startBrowserApp();
  secured = await startTestServer({ accessToken: TOKEN });
  const { datasets } = (await (await fetch(`${env.baseUrl}/api/datasets`)).json()) as {
    datasets: { id: number; name: string }[];
  };
  datasetId = datasets.find((d) => d.name === 'seattle-weather.csv')?.id ?? 0;
  // Two small seeded models of one series, trained through the API: the results and the
  // comparison pages need them, and the training page's own flow is another test's subject.
  [modelId, otherModelId] = await Promise.all([trainSmallModel(7), trainSmallModel(8)]);
}, 300_000);

/** Trains a small auto-mode model of temp_max with `seed` (3 epochs, 4 units); resolves to its model id. */
async function trainSmallModel(seed: number): Promise<number> {
  const started = await fetch(`${env.baseUrl}/api/trainings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      datasetId,
      target: 'temp_max',
      horizonSteps: 7,
      maxEpochs: 3,
      patienceEpochs: 3,
      hiddenSize: 4,
      seed,
    }),
  });
  expect(started.status, await started.clone().text()).toBe(202);
  const { training } = (await started.json()) as { training: { id: number } };
  for (;;) {
    const { training: t } = (await (await fetch(`${env.baseUrl}/api/trainings/${training.id}`)).json()) as {
      training: { status: string; modelId?: number | null; error?: string | null };
    };
    if (t.status === 'succeeded' && t.modelId) return t.modelId;
    if (t.status !== 'queued' && t.status !== 'running')
      throw new Error(`training ${training.id} ended ${t.status}: ${t.error ?? ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

afterAll(async () => {
  await env?.close();
  await secured?.stop();
});

/** Opens `page` at a size and colour scheme and waits until its content is drawn. */
async function open(
  app: AppPage,
  viewport: { width: number; height: number },
  colorScheme: 'light' | 'dark',
): Promise<Page> {
  // The app's Content-Security-Policy (script-src 'self') would refuse axe-core's injected
  // script tag: the test's own page bypasses it; the app's own scripts run as ever.
  const page = await env.browser.newPage({ viewport, colorScheme, bypassCSP: true });
  page.setDefaultTimeout(60_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.url());
  try {
    for (const selector of app.ready)
      await page.waitForSelector(selector, { state: 'attached', timeout: 30_000 });
  } catch (err) {
    // Say which page never finished drawing, and the script errors that stopped it.
    throw new Error(
      `${app.name} (${app.url()}) did not finish loading: ${String(err)}; script errors: ${errors.join(' | ') || 'none'}`,
    );
  }
  await page.waitForLoadState('networkidle');
  return page;
}

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** axe-core's serious and critical violations on the page, one line per element. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`,
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}) ${JSON.stringify(n.target)}: ${v.help} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}`,
      ),
    );
}

describe('every page passes axe-core (no serious or critical violations)', () => {
  it('covers every page in web/pages', () => {
    const files = readdirSync(join(ROOT, 'web', 'pages')).filter((f) => f.endsWith('.html'));
    expect([...new Set(PAGES.map((p) => p.file))].sort()).toEqual(files.sort());
  });

  for (const app of PAGES)
    it(`${app.name}: desktop and phone, light and dark, with screenshots`, async () => {
      const found: string[] = [];
      for (const { size, viewport } of SIZES)
        for (const scheme of SCHEMES) {
          const page = await open(app, viewport, scheme);
          await env.screenshot(page, `${app.name}-${size}-${scheme}`);
          for (const line of await seriousViolations(page)) found.push(`${size} ${scheme}: ${line}`);
          await page.close();
        }
      expect(found).toEqual([]);
    });
});

/**
 * Each drawn Plotly chart with the words that stand for it (its figure's caption, its
 * aria-label or what aria-describedby points at); charts in hidden sections are skipped.
 */
const CHART_SUMMARIES = `[...document.querySelectorAll('.js-plotly-plot')]
  .filter((div) => div.offsetParent !== null)
  .map((div) => {
    const caption = div.closest('figure')?.querySelector('figcaption')?.textContent ?? '';
    const described = (div.getAttribute('aria-describedby') ?? '')
      .split(/\\s+/)
      .map((id) => (id && document.getElementById(id)?.textContent) || '');
    const text = [caption, div.getAttribute('aria-label') ?? '', ...described].join(' ').trim();
    return { chart: '#' + div.id, text };
  })`;

describe('every chart has a text summary', () => {
  for (const app of PAGES)
    it(app.name, async () => {
      const page = await open(app, SIZES[0].viewport, 'light');
      const unsummarised = async () =>
        ((await page.evaluate(CHART_SUMMARIES)) as { chart: string; text: string }[])
          .filter((c) => c.text === '' || /^Loading\b/.test(c.text))
          .map((c) => c.chart);
      await expect.poll(unsummarised).toEqual([]);
      await page.close();
    });
});

/** Relative luminance (WCAG) of the page's background: near 0 is dark, near 1 is light. */
const PAGE_LUMINANCE = `(() => {
  const [r, g, b] = getComputedStyle(document.documentElement).backgroundColor.match(/\\d+/g).map(Number);
  const lin = (c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
})()`;

describe('the dark theme follows prefers-color-scheme', () => {
  it('every page is dark when the system asks for dark, and light otherwise', async () => {
    for (const app of PAGES)
      for (const scheme of SCHEMES) {
        const page = await open(app, SIZES[0].viewport, scheme);
        const luminance = (await page.evaluate(PAGE_LUMINANCE)) as number;
        if (scheme === 'dark') expect(luminance, app.name).toBeLessThan(0.05);
        else expect(luminance, app.name).toBeGreaterThan(0.8);
        await page.close();
      }
  });

  it('the worked example’s chart follows, in the page’s own colours', async () => {
    const example = PAGES.find((p) => p.name === 'example');
    if (!example) throw new Error('no example page');
    for (const scheme of SCHEMES) {
      const page = await open(example, SIZES[0].viewport, scheme);
      const colours = (await page.evaluate(`(() => {
        const layout = document.getElementById('series-chart').layout;
        const css = getComputedStyle(document.documentElement);
        return {
          plot: layout.plot_bgcolor, font: layout.font.color,
          card: css.getPropertyValue('--chart-bg').trim(), ink: css.getPropertyValue('--ink').trim(),
        };
      })()`)) as { plot: string; font: string; card: string; ink: string };
      expect(colours.plot, scheme).toBe(colours.card);
      expect(colours.font, scheme).toBe(colours.ink);
      expect(colours.plot, scheme).toBe(scheme === 'dark' ? '#171c23' : '#ffffff');
      await page.close();
    }
  });
});

describe('on a phone (390×844) no page scrolls sideways', () => {
  for (const app of PAGES)
    it(app.name, async () => {
      const page = await open(app, SIZES[1].viewport, 'light');
      const widths = (await page.evaluate(
        '({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })',
      )) as { scroll: number; inner: number };
      expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
      await page.close();
    });
});

/**
 * Tabs through the page and, for every element that takes focus, reports it unless a focus
 * ring shows: an outline or box-shadow on the element, or — for a visually hidden control
 * such as the upload's file input — on the nearest ancestor that is visible.
 */
const FOCUS_SHOWN = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return { done: true };
  const ring = (node) => {
    const s = getComputedStyle(node);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  };
  // Visually hidden: clipped away, transparent or a pixel in size (.visually-hidden).
  const hidden = (node) => {
    const s = getComputedStyle(node);
    const r = node.getBoundingClientRect();
    return s.clip !== 'auto' || s.clipPath !== 'none' || s.opacity === '0' || r.width <= 1 || r.height <= 1;
  };
  let shown = el;
  while (shown.parentElement && hidden(shown)) shown = shown.parentElement;
  const name = el.id ? '#' + el.id : el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  return { done: false, name, shown: ring(shown) };
})()`;

describe('every element that takes focus shows it', () => {
  for (const app of PAGES)
    it(app.name, async () => {
      const page = await open(app, SIZES[0].viewport, 'light');
      const unseen: string[] = [];
      // Past the last focusable element, focus leaves the document (back to the body).
      for (let i = 0; i < 120; i++) {
        await page.keyboard.press('Tab');
        const r = (await page.evaluate(FOCUS_SHOWN)) as { done: boolean; name?: string; shown?: boolean };
        if (r.done || r.name === undefined) break;
        if (!r.shown) unseen.push(r.name);
      }
      expect([...new Set(unseen)]).toEqual([]);
      await page.close();
    });
});
