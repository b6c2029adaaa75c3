// The results page of one model (issue 14): it opens on the recent history and the forecast
// with a "forecast starts" marker, fits its y-axis to what is shown, hovers with both
// intervals at the data's precision, headlines the skill against the strongest baseline,
// gives every chart a text alternative, and fits a 390×844 phone without sideways scroll.
// A small seeded model on a weekly-seasonal series, trained through the real API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBrowserApp } from './browser-app.ts';
import type { BrowserApp } from './browser-app.ts';
import { plotted, text } from './plot-data.ts';
import { trainSeasonalSales } from './seasonal-sales.ts';

let env: BrowserApp;
let modelId = 0;
beforeAll(async () => {
  env = await startBrowserApp();
  const { page } = await env.newPage();
  modelId = await trainSeasonalSales(page, env.baseUrl);
  await page.close();
});
afterAll(async () => {
  await env?.close();
});

interface ChartView {
  xRange: number[];
  yRange: number[];
  shapes: { name?: string; x0: number }[];
  traces: { name: string; x: number[]; y: (number | null)[]; hovertemplate?: string; customdata?: unknown }[];
}

/** The chart's layout ranges (as epoch ms), shapes and traces, read from Plotly's own state. */
function chartView(page: Page): Promise<ChartView> {
  return page.$eval('#model-chart', (div) => {
    const toMs = (v: unknown) =>
      typeof v === 'number'
        ? v
        : Date.parse(`${String(v).replace(' ', 'T')}${String(v).length > 10 ? 'Z' : ''}`);
    const d = div as unknown as {
      layout: {
        xaxis: { range: unknown[] };
        yaxis: { range: number[] };
        shapes: { name?: string; x0: unknown }[];
      };
      data: {
        name: string;
        x: unknown[];
        y: (number | null)[];
        hovertemplate?: string;
        customdata?: unknown;
      }[];
    };
    return {
      xRange: d.layout.xaxis.range.map(toMs),
      yRange: [...d.layout.yaxis.range],
      shapes: d.layout.shapes.map((s) => ({ name: s.name, x0: toMs(s.x0) })),
      traces: d.data.map((t) => ({
        name: t.name,
        x: t.x.map(toMs),
        y: [...t.y],
        hovertemplate: t.hovertemplate,
        customdata: t.customdata,
      })),
    };
  });
}

/** Every visible value of the lines a y-axis must hold, inside the x-range. */
function visibleValues(view: ChartView): number[] {
  const [from, to] = view.xRange as [number, number];
  return view.traces
    .filter((t) => !t.name.startsWith('naive')) // hidden unless the overlay is on
    .flatMap((t) =>
      t.x.flatMap((x, i) => (x >= from && x <= to && t.y[i] !== null ? [t.y[i] as number] : [])),
    );
}

function expectYFits(view: ChartView): void {
  const values = visibleValues(view);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const [y0, y1] = view.yRange as [number, number];
  expect(y0).toBeLessThanOrEqual(lo);
  expect(y1).toBeGreaterThanOrEqual(hi);
  // Fitted, not the whole history's range: the padding is a small part of what is shown.
  expect(y1 - y0).toBeLessThan((hi - lo) * 1.25);
}

const byName = (view: ChartView, start: string) => {
  const trace = view.traces.find((t) => t.name.startsWith(start));
  if (!trace) throw new Error(`no trace named ${start}…: ${view.traces.map((t) => t.name).join(' | ')}`);
  return trace;
};

async function openResults(page: Page): Promise<void> {
  await page.goto(`${env.baseUrl}/model.html?id=${modelId}`);
  await page.waitForSelector('#metrics-table');
  // The opening view's detail has been drawn when the info line speaks of the zoomed range.
  await expect.poll(() => text(page, '#chart-info')).toMatch(/zoomed range/);
}

describe('the results page of a model', () => {
  it('opens on the recent history and the forecast, with a forecast-start marker and a fitted y-axis', async () => {
    const { page, problems } = await env.newPage();
    await openResults(page);
    const view = await chartView(page);
    const [from, to] = view.xRange as [number, number];
    const forecast = byName(view, 'forecast (built on its own predictions)');
    expect(forecast.x).toHaveLength(7);
    for (const x of forecast.x) {
      expect(x).toBeGreaterThanOrEqual(from);
      expect(x).toBeLessThanOrEqual(to);
    }
    const marker = view.shapes.find((s) => s.name === 'forecast-start');
    expect(marker, 'a forecast-start line').toBeDefined();
    expect(marker!.x0).toBeGreaterThanOrEqual(from);
    expect(marker!.x0).toBeLessThan(forecast.x[0]!);
    // Recent history, not all of it: 5 horizons (35 days) before the origin, 7 forecast days, ½ day each side.
    const actual = byName(view, 'actual');
    expect(actual.x[0]!).toBeLessThan(from);
    expect((to - from) / 86_400_000).toBe(35 + 7 + 1);
    expectYFits(view);

    // A zoom out to the test split refits the y-axis to the newly visible points.
    await page.click('#zoom-test');
    await expect.poll(async () => (await chartView(page)).xRange[0]).toBeLessThan(from);
    await expect.poll(() => text(page, '#chart-info')).toMatch(/zoomed range/);
    expectYFits(await chartView(page));
    // …and the whole series is one click away.
    await page.click('#zoom-all');
    await expect.poll(() => text(page, '#chart-info')).toMatch(/actual points shown/);
    expect((await chartView(page)).xRange[0]!).toBeLessThanOrEqual(actual.x[0]!);
    expect(problems()).toEqual([]);
  });

  it('hovers the forecast with its value and both intervals at the data’s two decimals', async () => {
    const { page, problems } = await env.newPage();
    await openResults(page);
    const forecast = byName(await chartView(page), 'forecast');
    expect(forecast.hovertemplate).toMatch(
      /80 % interval: %\{customdata\[0\]:,\.2f\} – %\{customdata\[1\]:,\.2f\}/,
    );
    expect(forecast.hovertemplate).toMatch(
      /95 % interval: %\{customdata\[2\]:,\.2f\} – %\{customdata\[3\]:,\.2f\}/,
    );
    // A real hover over the third forecast point.
    await page.locator('#model-chart').scrollIntoViewIfNeeded();
    const [x, y] = (await page.$eval('#model-chart', (div) => {
      const d = div as unknown as {
        data: { x: unknown[]; y: number[] }[];
        _fullLayout: {
          xaxis: { _offset: number; d2p: (v: unknown) => number };
          yaxis: { _offset: number; d2p: (v: unknown) => number };
        };
      };
      const trace = d.data.find((t) => (t as unknown as { name: string }).name.startsWith('forecast'));
      const box = div.getBoundingClientRect();
      const { xaxis, yaxis } = d._fullLayout;
      return [
        box.left + xaxis._offset + xaxis.d2p(trace?.x[2]),
        box.top + yaxis._offset + yaxis.d2p(trace?.y[2]),
      ];
    })) as [number, number];
    await page.mouse.move(x, y);
    await expect
      .poll(() => text(page, '#model-chart .hoverlayer'))
      .toMatch(/forecast \(built on its own predictions\)/);
    // Plotly draws each line of the label as its own tspan.
    const lines = await page.$$eval('#model-chart .hoverlayer tspan.line', (spans) =>
      spans.map((s) => (s.textContent ?? '').trim()),
    );
    const value = '[\\d,]+\\.\\d\\d';
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^value: ${value}$`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^80 % interval: ${value} – ${value}$`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^95 % interval: ${value} – ${value}$`)));
    expect(problems()).toEqual([]);
  });

  it('speaks of one step ahead and of the forecast in words, and headlines the strongest baseline', async () => {
    const { page, problems } = await env.newPage();
    await openResults(page);
    const body = await text(page, 'main');
    expect(body).not.toContain('predictNext');
    // Titled as the models list titles it: dataset, target, then the forecaster kept.
    expect(await text(page, '#model-title')).toMatch(/^weekly-sales · sales · \S/);
    expect(body).toContain('one step ahead (each point sees the real history)');
    expect(body).toContain('forecast (built on its own predictions)');
    const names = (await plotted(page, '#model-chart')).map((t) => t.name);
    expect(names).toContain('one step ahead (each point sees the real history)');

    // The strongest baseline on this weekly-seasonal series is seasonal naive, by far.
    const detail = (await (await page.request.get(`${env.baseUrl}/api/models/${modelId}`)).json()) as {
      evaluation: { model: { mae: number }; baselines: Record<string, { mae: number }> };
    };
    const { baselines, model } = detail.evaluation;
    const best = Object.entries(baselines).sort((a, b) => a[1].mae - b[1].mae)[0]!;
    expect(best[0]).toBe('seasonal-naive');
    const skill = (1 - model.mae / best[1].mae) * 100;
    const headline = await text(page, '#skill-line');
    expect(headline).toContain('seasonal naive (the strongest baseline on the test split)');
    expect(headline).toContain(
      skill > 0 ? `${skill.toFixed(1)} % lower MAE` : 'does not beat seasonal naive',
    );
    expect(await text(page, '#skill-note')).toMatch(/Against naive alone/);
    expect(problems()).toEqual([]);
  });

  it('gives every chart a text alternative and labels the forecast-again input', async () => {
    const { page, problems } = await env.newPage();
    await openResults(page);
    const alternatives = await page.$$eval('.js-plotly-plot', (charts) =>
      charts.map(
        (chart) =>
          chart.getAttribute('aria-label') ??
          chart.closest('figure')?.querySelector('figcaption')?.textContent ??
          '',
      ),
    );
    expect(alternatives.length).toBeGreaterThanOrEqual(1);
    for (const alt of alternatives) {
      expect(alt).toMatch(/^Chart of sales: actual values from \d{4}-\d\d-\d\d/);
      expect(alt).toMatch(/last actual [\d,]+\.\d\d on \d{4}-\d\d-\d\d/);
      expect(alt).toMatch(/forecast of 7 steps from .* between [\d,.]+ and [\d,.]+/);
    }
    await expect.poll(() => page.getByLabel('CSV file with new data').count()).toBe(1);
    expect(problems()).toEqual([]);
  });

  it('fits a 390×844 phone: no sideways scroll, split labels apart', async () => {
    const { page, problems } = await env.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await openResults(page);
    const widths = (await page.evaluate(
      '[document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]',
    )) as number[];
    expect(Math.max(widths[0]!, widths[1]!)).toBeLessThanOrEqual(widths[2]!);
    // The forecast is in the opening view on the phone too.
    const view = await chartView(page);
    expect(byName(view, 'forecast').x.at(-1)!).toBeLessThanOrEqual(view.xRange[1]!);

    // The whole history squeezes the splits the most: their labels must still not overlap.
    await page.click('#zoom-all');
    await expect.poll(() => text(page, '#chart-info')).toMatch(/actual points shown/);
    const boxes = await page.$$eval('#model-chart text', (nodes) =>
      nodes
        .filter((n) => ['train', 'validation', 'test'].includes((n.textContent ?? '').trim()))
        .map((n) => {
          const r = n.getBoundingClientRect();
          return { text: n.textContent?.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom };
        }),
    );
    expect(boxes.map((b) => b.text).sort()).toEqual(['test', 'train', 'validation']);
    const [validation, test] = ['validation', 'test'].map((t) => boxes.find((b) => b.text === t)!);
    const overlap =
      validation!.left < test!.right &&
      test!.left < validation!.right &&
      validation!.top < test!.bottom &&
      test!.top < validation!.bottom;
    expect(overlap).toBe(false);
    await env.screenshot(page, 'results-phone');
    expect(problems()).toEqual([]);
  });
});
