// The worked example page in a real browser: the sliders drive GET /api/example and the
// page shows the engine's numbers (the table in docs/architecture.md), plus its two charts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBrowserApp } from './browser-app.ts';
import type { BrowserApp } from './browser-app.ts';
import { plotted, text } from './plot-data.ts';

let env: BrowserApp;
beforeAll(async () => {
  env = await startBrowserApp();
});
afterAll(async () => {
  await env?.close();
});

/** Moves a range input as a person would (value + input event), then waits for the numbers of exactly these inputs. */
async function setSliders(page: Page, yesterday: string, today: string): Promise<Record<string, string>> {
  for (const [id, value] of [
    ['yesterday', yesterday],
    ['today', today],
  ] as const) {
    await page.$eval(
      `#${id}`,
      (input, v) => {
        (input as unknown as { value: string }).value = v;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      },
      value,
    );
  }
  await page.waitForSelector(`#tomorrow[data-inputs="${yesterday},${today}"]`);
  return {
    y1: await text(page, '#y1'),
    y2: await text(page, '#y2'),
    tomorrow: await text(page, '#tomorrow'),
  };
}

describe('worked example page', () => {
  it('shows the engine’s y1, y2 and tomorrow for the slider positions', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/example.html`);
    expect(await setSliders(page, '1', '1')).toEqual({ y1: '1.8', y2: '0.9', tomorrow: '0.99' });
    expect(await setSliders(page, '1', '0.5')).toEqual({ y1: '1.8', y2: '0', tomorrow: '0' });
    expect(await setSliders(page, '0.5', '0.5')).toEqual({ y1: '0.9', y2: '0.45', tomorrow: '0.495' });
    expect(await setSliders(page, '0', '0')).toEqual({ y1: '0', y2: '0', tomorrow: '0' });
    expect(await text(page, '#y2-work')).toContain('(−0.5)');

    // The series chart and the gradient panel draw from the engine too.
    await expect.poll(async () => (await plotted(page, '#series-chart')).length).toBe(2);
    const norms = async () => (await plotted(page, '#gradient-chart')).map((t) => t.y);
    await expect.poll(async () => (await norms()).length).toBe(1);
    const vanishing = (await norms())[0]!;
    expect(vanishing).toHaveLength(50);
    expect(vanishing[0]!).toBeLessThan(vanishing[49]! * 1e-6); // 0.5^49: the oldest step gets almost nothing

    await page.check('input[name="w2"][value="1.5"]');
    await expect.poll(() => text(page, '#gradient-summary')).toMatch(/w2 = 1\.5/);
    const exploding = (await norms())[0]!;
    expect(exploding[0]!).toBeGreaterThan(exploding[49]! * 1e6);

    await page.check('#clip');
    await expect.poll(async () => (await norms()).length).toBe(2);
    const [raw, clipped] = await norms();
    expect(clipped![0]!).toBeLessThan(raw![0]!); // clipping scales the exploding gradient down
    expect(await text(page, '#gradient-summary')).toMatch(/Clipping to 1 scales every gradient by/);

    await page.check('input[name="w2"][value="0.5"]');
    await setSliders(page, '0', '0.5');
    await env.screenshot(page, 'example');
    expect(problems()).toEqual([]);
  });
});
