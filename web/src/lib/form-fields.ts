// The pieces every form of the app is built from: a labelled field with its hint and a
// place for the server's message, and a select filled with choices.
import { el } from './dom.ts';

export function field(id: string, label: string, control: HTMLElement, hint = '', wide = false): HTMLElement {
  return el(
    'div',
    { class: wide ? 'field wide' : 'field', 'data-field': id },
    el('label', { for: id }, label),
    control,
    hint ? el('p', { class: 'hint' }, hint) : null,
    el('span', { class: 'field-error', 'aria-live': 'polite' }),
  );
}

export function options(
  select: HTMLSelectElement,
  values: string[],
  selected: string[] = [],
): HTMLSelectElement {
  for (const v of values) select.append(el('option', { value: v, selected: selected.includes(v) }, v));
  return select;
}
