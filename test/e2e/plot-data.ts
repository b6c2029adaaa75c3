// Reads what a Plotly chart actually plotted (the `.data` Plotly keeps on its div), so
// browser tests assert on traces rather than on pixels. Runs in the page; the test's
// tsconfig has no DOM types, hence the casts.
import type { Page } from 'playwright-core';

export interface PlottedTrace {
  name: string;
  x: unknown[];
  y: (number | null)[];
  visible: unknown;
}

/** The traces of the Plotly chart at selector ([] before it is drawn). */
export function plotted(page: Page, selector: string): Promise<PlottedTrace[]> {
  return page.$eval(selector, (div) => {
    const data =
      (
        div as unknown as {
          data?: { name?: string; x?: ArrayLike<unknown>; y?: ArrayLike<number | null>; visible?: unknown }[];
        }
      ).data ?? [];
    return data.map((t) => ({
      name: t.name ?? '',
      x: Array.from(t.x ?? []),
      y: Array.from(t.y ?? []),
      visible: t.visible,
    }));
  });
}

/** Text content of the element at selector, trimmed ('' when absent). */
export async function text(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').trim();
}
