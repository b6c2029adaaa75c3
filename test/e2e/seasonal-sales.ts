// A small weekly-seasonal daily sales series, made here from a seed so the results-page
// tests need no file: a level that drifts slowly, a strong day-of-week pattern and noise,
// written with two decimals (the precision the page should show back). On such a series
// seasonal naive is a far stronger baseline than naive, which is what the headline tests.
import type { Page } from 'playwright-core';

/** mulberry32: a tiny seeded generator, so the CSV is the same bytes on every run. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `days` rows of date,sales from 2024-01-01, sales with two decimals. */
export function seasonalSalesCsv(days = 420, seed = 7): string {
  const random = seededRandom(seed);
  const weekly = [0.78, 0.92, 0.97, 1.0, 1.12, 1.38, 1.3];
  const start = Date.UTC(2024, 0, 1);
  const rows = ['date,sales'];
  let level = 240;
  for (let d = 0; d < days; d++) {
    level += (random() - 0.5) * 3;
    const value = level * (weekly[d % 7] ?? 1) + (random() - 0.5) * 18;
    rows.push(`${new Date(start + d * 86_400_000).toISOString().slice(0, 10)},${value.toFixed(2)}`);
  }
  return `${rows.join('\n')}\n`;
}

/**
 * Uploads the series and trains a small seeded model on it through the real API (from the
 * page, so the browser's session is used); resolves to the model id. The candidates are
 * narrowed to a few fast ones so training takes seconds.
 */
export async function trainSeasonalSales(page: Page, baseUrl: string, horizonSteps = 7): Promise<number> {
  await page.goto(`${baseUrl}/`);
  const upload = await page.request.post(`${baseUrl}/api/datasets`, {
    multipart: {
      file: { name: 'weekly-sales.csv', mimeType: 'text/csv', buffer: Buffer.from(seasonalSalesCsv()) },
    },
  });
  if (upload.status() !== 201) throw new Error(`upload failed: ${upload.status()} ${await upload.text()}`);
  const datasetId = ((await upload.json()) as { dataset: { id: number } }).dataset.id;
  const started = await page.request.post(`${baseUrl}/api/trainings`, {
    data: {
      datasetId,
      target: 'sales',
      horizonSteps,
      seasonLength: 7,
      candidates: ['naive', 'seasonal-naive', 'ses', 'theta', 'rnn'],
      maxEpochs: 3,
      hiddenSize: 4,
      seed: 1,
    },
  });
  if (started.status() !== 202)
    throw new Error(`training refused: ${started.status()} ${await started.text()}`);
  const trainingId = ((await started.json()) as { training: { id: number } }).training.id;
  for (;;) {
    const res = await page.request.get(`${baseUrl}/api/trainings/${trainingId}`);
    const { training } = (await res.json()) as {
      training: { status: string; modelId: number | null; error: string | null };
    };
    if (training.status === 'succeeded' && training.modelId !== null) return training.modelId;
    if (['failed', 'cancelled'].includes(training.status))
      throw new Error(`training ${trainingId} ${training.status}: ${training.error ?? ''}`);
    await page.waitForTimeout(100);
  }
}
