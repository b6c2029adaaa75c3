// A box that scrolls a wide table sideways inside itself, so the page never does (a phone
// at 390 px). A scrolling box must be reachable by keyboard to be scrolled without a mouse
// (axe: scrollable-region-focusable), so it takes focus and is a named region.
import { el } from './dom.ts';

/**
 * @example
 * scrollBox('Test-split accuracy table', table(['a', 'b'], rows));
 */
export function scrollBox(label: string, ...children: Node[]): HTMLDivElement {
  return el('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': label }, ...children);
}
