// The results page of a model with a known-future column, in a real browser: the page says
// which column the forecast needs and how a new CSV gives it; "Forecast again" with a file
// whose rows past the history carry the planned promotions lists the h forecast rows on
// their dates; a file without them is refused with the column and the first missing date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserApp } from './browser-app.ts';
import type { BrowserApp } from './browser-app.ts';
import { text } from './plot-data.ts';

const N = 200,
  H = 7;
const day = (t: number) => new Date(Date.UTC(2024, 0, 1) + t * 86_400_000).toISOString().slice(0, 10);
/** Promotions 0–3 on a fixed pattern; sales answer to them: 20 + 5·promo + a small wobble. */
const promo = (t: number) => (t * 7 + (t % 5)) % 4;
const sales = (t: number) => (20 + 5 * promo(t) + Math.sin(t)).toFixed(2);

function csv(historyDays: number, futureDays: number): string {
  const rows = ['date,sales,promo'];
  for (let t = 0; t < historyDays; t++) rows.push(`${day(t)},${sales(t)},${promo(t)}`);
  for (let t = historyDays; t < historyDays + futureDays; t++) rows.push(`${day(t)},,${promo(t)}`);
  return `${rows.join('\n')}\n`;
}

let env: BrowserApp;
let modelId = 0;
beforeAll(async () => {
  env = await startBrowserApp();
  const { page } = await env.newPage();
  await page.goto(`${env.baseUrl}/`);
  const upload = await page.request.post(`${env.baseUrl}/api/datasets`, {
    multipart: { file: { name: 'promo-sales.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(N, H)) } },
  });
  expect(upload.status()).toBe(201);
  const datasetId = ((await upload.json()) as { dataset: { id: number } }).dataset.id;
  const started = await page.request.post(`${env.baseUrl}/api/trainings`, {
    data: {
      datasetId,
      target: 'sales',
      horizonSteps: H,
      future: ['promo'],
      candidates: ['rnn'],
      maxEpochs: 3,
      hiddenSize: 4,
      seed: 1,
    },
  });
  expect(started.status()).toBe(202);
  const trainingId = ((await started.json()) as { training: { id: number } }).training.id;
  for (;;) {
    const res = await page.request.get(`${env.baseUrl}/api/trainings/${trainingId}`);
    const { training } = (await res.json()) as {
      training: { status: string; modelId: number | null; error: string | null };
    };
    if (training.status === 'succeeded' && training.modelId !== null) {
      modelId = training.modelId;
      break;
    }
    if (['failed', 'cancelled'].includes(training.status))
      throw new Error(`training ${training.status}: ${training.error}`);
    await page.waitForTimeout(100);
  }
  await page.close();
}, 120_000);
afterAll(async () => {
  await env?.close();
});

describe('forecasting again with known-future values, in the browser', () => {
  it('names the column the forecast needs, and forecasts from a file whose future rows give it', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/model.html?id=${modelId}`);
    await page.waitForSelector('#metrics-table');
    await expect
      .poll(() => page.textContent('body'))
      .toMatch(/known in the future: promo \(a new CSV gives their next 7 values/);
    await page.getByLabel('CSV file with new data').setInputFiles({
      name: 'next-week.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv(N + 14, H)),
    });
    await page.click('#forecast-form button[type=submit]');
    await page.waitForSelector('#forecast-table');
    expect(await text(page, '#forecast-status')).toMatch(/^7 forecast rows from the end of next-week\.csv/);
    const dates = await page.$$eval('#forecast-table tbody tr', (rows) =>
      rows.map((r) => r.cells[0]?.textContent ?? ''),
    );
    expect(dates).toHaveLength(H);
    expect(dates[0]).toContain(day(N + 14));
    expect(dates[H - 1]).toContain(day(N + 14 + H - 1));
    expect(problems()).toEqual([]);
  });

  it('refuses a file without the future rows, naming the column and the first missing date', async () => {
    const { page } = await env.newPage();
    await page.goto(`${env.baseUrl}/model.html?id=${modelId}`);
    await page.waitForSelector('#metrics-table');
    await page.getByLabel('CSV file with new data').setInputFiles({
      name: 'no-plans.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv(N + 14, 0)),
    });
    await page.click('#forecast-form button[type=submit]');
    await expect.poll(() => text(page, '#forecast-status')).toMatch(/promo/);
    const message = await text(page, '#forecast-status');
    expect(message).toContain(day(N + 14));
    expect(message).toMatch(/needs all 7/);
    expect(await page.$('#forecast-table')).toBeNull();
  });
});
