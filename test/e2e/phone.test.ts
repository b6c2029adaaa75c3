// The app on a phone (390×844) in real Chromium: the worked example's network diagram keeps
// its text legible (at least 11 px as drawn, where it used to shrink to about 5 px) at a
// phone's, a tablet's and a desktop's width, also after the window is resized; the example
// page does not scroll sideways; and the top bar wraps its links inside the screen.
// (Every page's sideways scroll and its accessibility scan are in accessibility.test.ts.)
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserApp } from './browser-app.ts';
import type { BrowserApp } from './browser-app.ts';

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 768, height: 1024 };
const DESKTOP = { width: 1440, height: 900 };

let env: BrowserApp;
beforeAll(async () => {
  env = await startBrowserApp();
});
afterAll(async () => {
  await env?.close();
});

async function openExample(viewport: { width: number; height: number }): Promise<Page> {
  const { page } = await env.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`${env.baseUrl}/example.html`);
  await page.waitForSelector('#tomorrow[data-inputs]');
  return page;
}

/** Every text of the diagram with its size as drawn on screen: CSS font size × the SVG's scale. */
const DIAGRAM_TEXT = `[...document.querySelectorAll('#diagram svg text')].map((t) => ({
  text: t.textContent,
  px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
}))`;

interface DrawnText {
  text: string;
  px: number;
}

async function smallestDiagramText(page: Page): Promise<DrawnText> {
  const texts = (await page.evaluate(DIAGRAM_TEXT)) as DrawnText[];
  expect(texts.length).toBeGreaterThan(15);
  expect(texts.every((t) => t.text !== '')).toBe(true); // every label is filled in with the engine's numbers
  return texts.reduce((a, b) => (b.px < a.px ? b : a));
}

const sideways = (page: Page) =>
  page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;

describe('the worked example on a phone', () => {
  it('draws the diagram stacked, with no text under 11 px, and does not scroll sideways', async () => {
    const page = await openExample(PHONE);
    expect(await page.getAttribute('#diagram svg', 'data-layout')).toBe('stacked');
    const smallest = await smallestDiagramText(page);
    expect(smallest.px, `"${smallest.text}"`).toBeGreaterThanOrEqual(11);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    // The diagram's picture is described in words, with the engine's numbers.
    expect(await page.getAttribute('#diagram', 'aria-label')).toMatch(/tomorrow = \d/);
    await env.screenshot(page, 'example-phone-diagram');
    await page.close();
  });

  it('keeps the text at 11 px or more at a tablet’s and a desktop’s width', async () => {
    for (const viewport of [TABLET, DESKTOP]) {
      const page = await openExample(viewport);
      const smallest = await smallestDiagramText(page);
      expect(smallest.px, `${viewport.width} px wide: "${smallest.text}"`).toBeGreaterThanOrEqual(11);
      await page.close();
    }
  });

  it('switches layout when the window narrows to a phone’s width', async () => {
    const page = await openExample(DESKTOP);
    expect(await page.getAttribute('#diagram svg', 'data-layout')).toBe('wide');
    await page.setViewportSize(PHONE);
    await page.waitForSelector('#diagram svg[data-layout="stacked"]');
    const smallest = await smallestDiagramText(page);
    expect(smallest.px, `"${smallest.text}"`).toBeGreaterThanOrEqual(11);
    await page.close();
  });
});

describe('the top bar on a phone', () => {
  it('wraps its links inside the screen, none over another', async () => {
    const page = await openExample(PHONE);
    const boxes = (await page.evaluate(`[...document.querySelectorAll('.topbar a')].map((a) => {
      const r = a.getBoundingClientRect();
      return { text: a.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    })`)) as { text: string; left: number; right: number; top: number; bottom: number }[];
    expect(boxes.length).toBeGreaterThanOrEqual(4);
    for (const b of boxes) {
      expect(b.left, b.text).toBeGreaterThanOrEqual(0);
      expect(b.right, b.text).toBeLessThanOrEqual(PHONE.width);
    }
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) {
        const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        expect(overlap, `${a.text} / ${b.text}`).toBe(false);
      }
    await page.close();
  });
});
