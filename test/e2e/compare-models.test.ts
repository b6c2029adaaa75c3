// The models page and the comparison, in the real app in Debian Chromium: three small
// seeded models on stocks.csv (two of MSFT, one of IBM) are listed by dataset, series and
// target, sorted and filtered; two MSFT models overlay their forecasts on one chart with
// their metrics side by side, a mixed selection is refused with why, and the forecast
// CSV a page links to has both intervals, rounded, under a name that says what it holds.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  datasetListResponseSchema,
  modelListResponseSchema,
  trainingResponseSchema,
} from '../../src/server/wire.ts';
import type { ModelListItem } from '../../src/server/wire.ts';
import { getJson, waitForTraining } from '../support/wire-json.ts';
import { runCli } from '../support/run-cli.ts';
import { ROOT, startBrowserApp } from './browser-app.ts';
import type { BrowserApp } from './browser-app.ts';
import { plotted, text } from './plot-data.ts';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const HORIZON = 3;

let env: BrowserApp;
let stocksId = 0;
/** MSFT with theta, MSFT with a tiny seeded GRU, IBM with naive: each trains in about a second. */
let theta: ModelListItem;
let gru: ModelListItem;
let ibm: ModelListItem;

async function train(series: string, settings: Record<string, unknown>): Promise<ModelListItem> {
  const started = await getJson(
    trainingResponseSchema,
    fetch(`${env.baseUrl}/api/trainings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        datasetId: stocksId,
        target: 'price',
        series,
        horizonSteps: HORIZON,
        ...settings,
      }),
    }),
    202,
  );
  const training = await waitForTraining(env.baseUrl, started.training.id, 120_000);
  expect(training.status, training.error ?? '').toBe('succeeded');
  const { models } = await getJson(modelListResponseSchema, fetch(`${env.baseUrl}/api/models`));
  const model = models.find((m) => m.id === training.modelId);
  if (!model) throw new Error(`model ${training.modelId} is not listed`);
  return model;
}

beforeAll(async () => {
  env = await startBrowserApp();
  const { datasets } = await getJson(datasetListResponseSchema, fetch(`${env.baseUrl}/api/datasets`));
  stocksId = datasets.find((d) => d.name === 'stocks.csv')?.id ?? 0;
  expect(stocksId).toBeGreaterThan(0);
  theta = await train('MSFT', { candidates: ['theta'] });
  gru = await train('MSFT', { candidates: ['rnn'], cell: 'gru', hiddenSize: 4, maxEpochs: 2, seed: 7 });
  ibm = await train('IBM', { candidates: ['naive'] });
});
afterAll(async () => {
  await env?.close();
});

const rowTitles = (page: Page) => page.locator('#models-table tbody .model-title').allTextContents();

/** The page scrolls sideways when its content is wider than the window. */
const overflowsSideways = (page: Page) =>
  page.evaluate('document.documentElement.scrollWidth > window.innerWidth') as Promise<boolean>;

describe('the models page', () => {
  it('names every model by dataset, series and target, linked to its results and its dataset', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/runs.html`);
    await page.waitForSelector('#models-table');
    expect(await rowTitles(page)).toEqual([
      'stocks · IBM · price · naive',
      `stocks · MSFT · price · ${gru.kept}`,
      'stocks · MSFT · price · theta',
    ]);
    const row = page.locator(`#models-table tr[data-model-id="${theta.id}"]`);
    expect(await row.locator('.model-title').getAttribute('href')).toBe(`/model.html?id=${theta.id}`);
    expect(await row.locator('.dataset-link').getAttribute('href')).toBe(`/?dataset=${stocksId}`);
    expect(await row.locator('.dataset-link').textContent()).toBe('stocks.csv');
    expect(problems()).toEqual([]);
  });

  it('sorts by name and by test MASE, and filters by series text', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/runs.html`);
    await page.waitForSelector('#models-table');
    await page.selectOption('#models-sort', 'name');
    expect(await rowTitles(page)).toEqual([
      'stocks · IBM · price · naive',
      ...[`stocks · MSFT · price · ${gru.kept}`, 'stocks · MSFT · price · theta'].sort((a, b) =>
        a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true }),
      ),
    ]);
    await page.selectOption('#models-sort', 'mase');
    const byMase = [theta, gru, ibm]
      .filter((m) => m.metrics?.mase !== null && m.metrics?.mase !== undefined)
      .sort((a, b) => (a.metrics?.mase ?? 0) - (b.metrics?.mase ?? 0))
      .map((m) => String(m.id));
    const shown = await page
      .locator('#models-table tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => (r as unknown as { dataset: { modelId: string } }).dataset.modelId),
      );
    expect(shown.slice(0, byMase.length)).toEqual(byMase);

    await page.fill('#models-filter', 'msft');
    expect(await rowTitles(page)).toHaveLength(2);
    expect((await rowTitles(page)).every((t) => t.startsWith('stocks · MSFT · price'))).toBe(true);
    await page.fill('#models-filter', 'no such series');
    await page.waitForSelector('#models-none');
    await page.fill('#models-filter', '');
    expect(await rowTitles(page)).toHaveLength(3);
    expect(problems()).toEqual([]);
  });

  it('refuses to compare models of different series, and says so', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/runs.html`);
    await page.waitForSelector('#models-table');
    await page.check(`#models-table tr[data-model-id="${theta.id}"] .select-model`);
    await page.check(`#models-table tr[data-model-id="${ibm.id}"] .select-model`);
    expect(await text(page, '#selection-count')).toMatch(/Models of different series cannot be compared/);
    await page.click('#compare-selected');
    expect(await text(page, '#models-status')).toBe(
      'Models of different series cannot be compared: the selection forecasts stocks · MSFT · price and stocks · IBM · price. Select models of one series.',
    );
    expect(new URL(page.url()).pathname).toBe('/runs.html');

    // The same pair by a hand-written link: compare.html checks it too.
    await page.goto(`${env.baseUrl}/compare.html?ids=${theta.id},${ibm.id}`);
    await expect
      .poll(() => text(page, '#compare-status'))
      .toMatch(/Models of different series cannot be compared/);
    expect(await page.isHidden('#compare-chart-card')).toBe(true);
    expect(problems()).toEqual([]);
  });
});

describe('comparing two models of one series', () => {
  let comparePath = '';

  it('Select two models and the chart overlays both forecasts.', async () => {
    const { page, problems } = await env.newPage();
    await page.setViewportSize(DESKTOP);
    await page.goto(`${env.baseUrl}/runs.html`);
    await page.waitForSelector('#models-table');
    await page.check(`#models-table tr[data-model-id="${theta.id}"] .select-model`);
    await page.check(`#models-table tr[data-model-id="${gru.id}"] .select-model`);
    await page.click('#compare-selected');
    await page.waitForURL(/\/compare\.html\?ids=/);
    comparePath = new URL(page.url()).pathname + new URL(page.url()).search;
    expect(new URL(page.url()).searchParams.get('ids')).toBe(`${theta.id},${gru.id}`);

    await expect.poll(async () => (await plotted(page, '#compare-chart')).length).toBe(7);
    const traces = await plotted(page, '#compare-chart');
    const forecasts = traces.filter((t) => t.name.startsWith('forecast · '));
    expect(forecasts.map((t) => t.name)).toEqual([
      `forecast · theta (model ${theta.id})`,
      expect.stringMatching(new RegExp(`^forecast · rnn: .* \\(model ${gru.id}\\)$`)),
    ]);
    for (const f of forecasts) {
      expect(f.y).toHaveLength(HORIZON);
      expect(f.y.every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
    }
    // Both forecasts continue the same history, from the same first future month.
    const [a, b] = forecasts;
    expect(a?.x).toEqual(b?.x);
    const actual = traces.find((t) => t.name === 'actual');
    expect(actual?.y.length).toBeGreaterThan(10);
    expect(String(actual?.x.at(-1)) < String(a?.x[0])).toBe(true);
    expect(traces.filter((t) => t.name.startsWith('80 % interval · '))).toHaveLength(2);

    // The text alternative says what the chart shows: the caption that names the chart's figure.
    const label = await text(page, '#compare-figure > figcaption');
    expect(label).toMatch(
      /^Forecasts of 2 models for stocks · MSFT · price after the last actual value, [\d.,]+ on 2010-03-01\./,
    );
    expect(label).toContain(`theta (model ${theta.id}): 3 steps to 2010-06-01`);
    // …which is the figure's accessible name, as a screen reader announces it.
    expect(await page.getByRole('figure', { name: label }).locator('#compare-chart').count()).toBe(1);

    // Metrics side by side: a column per model.
    const [corner, ...headers] = await page.locator('#compare-metrics-table thead th').allTextContents();
    expect(corner).toBe('metric');
    expect(headers.sort()).toEqual([`theta (model ${theta.id})`, `${gru.kept} (model ${gru.id})`].sort());
    const rows = await page.locator('#compare-metrics-table tbody th').allTextContents();
    expect(rows).toEqual(expect.arrayContaining(['MAE', 'MASE', 'skill vs naive', '80 % interval coverage']));
    expect(await text(page, '#compare-title')).toBe('Compare models: stocks · MSFT · price');
    await env.screenshot(page, 'compare-desktop');
    expect(problems()).toEqual([]);
  });

  it('fits a phone: no sideways scroll at 390 px', async () => {
    const { page, problems } = await env.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(`${env.baseUrl}${comparePath}`);
    await expect.poll(async () => (await plotted(page, '#compare-chart')).length).toBe(7);
    expect(await overflowsSideways(page)).toBe(false);
    await env.screenshot(page, 'compare-phone');
    await page.goto(`${env.baseUrl}/runs.html`);
    await page.waitForSelector('#models-table');
    expect(await overflowsSideways(page)).toBe(false);
    await env.screenshot(page, 'models-phone');
    expect(problems()).toEqual([]);
  });
});

describe('The forecast CSV from the page and from `run` has the four interval columns.', () => {
  /** Stocks prices have two decimals, so the CSV's values have four. */
  const ROW = /^2010-0[4-6]-01(,-?\d+\.\d{4}){5}$/;

  it('`recurrent run --out` (the real binary) writes the same columns, rounded alike', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'recurrent-compare-run-'));
    const out = join(dir, 'msft.csv');
    const result = runCli([
      'run',
      join(ROOT, 'datasets', 'stocks.csv'),
      '--series',
      'MSFT',
      '--target',
      'price',
      '--horizon',
      String(HORIZON),
      '--candidates',
      'theta',
      '--out',
      out,
      '--quiet',
    ]);
    expect(result.status, result.stderr).toBe(0);
    const lines = (await readFile(out, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('time,forecast,lo_80,hi_80,lo_95,hi_95');
    expect(lines.slice(1)).toHaveLength(HORIZON);
    for (const line of lines.slice(1)) expect(line).toMatch(ROW);
    await rm(dir, { recursive: true, force: true });
  });

  it('the compare page and the results page link to a CSV with lo_80,hi_80,lo_95,hi_95, named by dataset, series and date', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/compare.html?ids=${theta.id},${gru.id}`);
    await page.waitForSelector('#compare-metrics-table .forecast-csv');
    const compareHref = await page
      .locator('#compare-metrics-table .forecast-csv')
      .first()
      .getAttribute('href');
    await page.goto(`${env.baseUrl}/model.html?id=${theta.id}`);
    await page.waitForSelector('#download-forecast[href]');
    const resultsHref = await page.getAttribute('#download-forecast', 'href');
    for (const href of [compareHref, resultsHref]) {
      const response = await page.request.get(new URL(href ?? '', env.baseUrl).href);
      expect(response.status()).toBe(200);
      const lines = (await response.text()).trim().split('\n');
      expect(lines[0]).toBe('time,forecast,lo_80,hi_80,lo_95,hi_95');
      expect(lines.slice(1)).toHaveLength(HORIZON);
      for (const line of lines.slice(1)) {
        expect(line).toMatch(ROW);
        const [, f, lo80, hi80, lo95, hi95] = line.split(',').map(Number);
        expect(lo95!).toBeLessThanOrEqual(lo80!);
        expect(lo80!).toBeLessThanOrEqual(f!);
        expect(f!).toBeLessThanOrEqual(hi80!);
        expect(hi80!).toBeLessThanOrEqual(hi95!);
      }
      expect(response.headers()['content-disposition']).toMatch(
        /^attachment; filename="?forecast-stocks-MSFT-price-\d{4}-\d{2}-\d{2}\.csv"?$/,
      );
    }
    const legacy = await page.request.get(
      `${env.baseUrl}/api/models/${theta.id}/forecast.csv?intervals=legacy`,
    );
    expect((await legacy.text()).split('\n')[0]).toBe('time,forecast,lower,upper');
    const wrong = await page.request.get(`${env.baseUrl}/api/models/${theta.id}/forecast.csv?intervals=90`);
    expect(wrong.status()).toBe(400);
    expect(problems()).toEqual([]);
  });
});
