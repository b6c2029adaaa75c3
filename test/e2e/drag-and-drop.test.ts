// Dropping a CSV on the drop zone uploads it exactly as the file picker does. The drop is
// dispatched in the page with a real DataTransfer holding a File.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserApp } from './browser-app.ts';
import type { BrowserApp } from './browser-app.ts';
import { text } from './plot-data.ts';

let env: BrowserApp;
beforeAll(async () => {
  env = await startBrowserApp();
});
afterAll(async () => {
  await env?.close();
});

const DROP = (name: string, csv: string) => `(() => {
  const transfer = new DataTransfer();
  transfer.items.add(new File([${JSON.stringify(csv)}], ${JSON.stringify(name)}, { type: 'text/csv' }));
  const zone = document.getElementById('drop-zone');
  for (const type of ['dragenter', 'dragover', 'drop']) {
    zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }
})()`;

describe('drag and drop upload', () => {
  it('uploads a dropped CSV and previews it', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/`);
    await page.waitForSelector('#datasets-table');
    const rows = [
      'month,sales',
      ...Array.from(
        { length: 36 },
        (_, i) =>
          `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01,${100 + i * 3 + (i % 12) * 5}`,
      ),
    ];
    await page.evaluate(DROP('dropped-sales.csv', `${rows.join('\n')}\n`));
    await page.waitForSelector('#columns-table');
    expect(await text(page, '#upload-status')).toMatch(/^Uploaded dropped-sales\.csv: 36 rows\./);
    expect(await text(page, '.facts')).toContain('monthly');
    expect(await page.locator('#drop-zone.dragging').count()).toBe(0);
    expect(problems()).toEqual([]);
  });
});
