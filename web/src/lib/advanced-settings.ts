// The rest of "Advanced": every setting of the server's schema (GET /api/settings) that the
// training form's own fields do not show, each control built from its schema alone — a
// choice for an enum, a multiple choice for a list of names, a comma-separated text for a
// list of numbers, a number input with the schema's limits otherwise. A setting added to the schema appears here with no change to
// the page; left empty, a setting is not sent and auto mode decides it.
import type { SettingSchema, SettingsSchema } from './api-types.ts';
import { el } from './dom.ts';

export interface AdvancedSettings {
  /** One field per setting, to sit inside the form's "Advanced" section. */
  fields: HTMLElement[];
  /** The settings given a value, by their schema name. */
  read(): Record<string, unknown>;
}

interface Control {
  key: string;
  element: HTMLInputElement | HTMLSelectElement;
  read(): unknown;
}

/** The schema's description as a hint: "hidden units per layer" → "Hidden units per layer." */
export function hintOf(schema: SettingSchema): string {
  const text = schema.description ?? '';
  return text === '' ? '' : `${text[0]?.toUpperCase()}${text.slice(1)}.`;
}

/** min, max and step of an <input type="number"> from the schema's limits. */
export function numberAttributes(schema: SettingSchema): Record<string, number | string | undefined> {
  return {
    // An exclusive bound has no HTML form; the server still refuses it with a message.
    min: schema.exclusiveMinimum ? undefined : schema.minimum,
    max: schema.exclusiveMaximum ? undefined : schema.maximum,
    step: schema.type === 'integer' ? 1 : 'any',
  };
}

/** "learningRate" → "Learning rate". */
function labelOf(key: string): string {
  const words = key.replace(/([A-Z])/g, ' $1').toLowerCase();
  return `${words[0]?.toUpperCase()}${words.slice(1)}`;
}

function controlFor(key: string, schema: SettingSchema): Control {
  const id = `setting-${key}`;
  const choices = schema.enum ?? schema.items?.enum;
  if (choices) {
    const multiple = schema.type === 'array';
    const select = el('select', {
      id,
      name: key,
      multiple,
      size: multiple ? Math.min(6, choices.length) : undefined,
    });
    if (!multiple) select.append(el('option', { value: '' }, 'auto'));
    for (const choice of choices) select.append(el('option', { value: choice }, choice));
    const picked = () => [...select.selectedOptions].map((o) => o.value).filter((v) => v !== '');
    return {
      key,
      element: select,
      read: () => (multiple ? (picked().length > 0 ? picked() : undefined) : picked()[0]),
    };
  }
  if (schema.type === 'array') return numberListControl(key, id);
  if (schema.type === 'string') {
    // Free text the server checks (a time zone name).
    const text = el('input', { id, name: key, type: 'text', placeholder: 'auto' });
    return { key, element: text, read: () => (text.value.trim() === '' ? undefined : text.value.trim()) };
  }
  const input = el('input', {
    id,
    name: key,
    type: 'number',
    ...numberAttributes(schema),
    placeholder: 'auto',
    value: typeof schema.default === 'number' ? schema.default : undefined,
  });
  return {
    key,
    element: input,
    read: () => (input.value.trim() === '' ? undefined : Number(input.value)),
  };
}

/**
 * A list of numbers ("168" or "7, 365") from text: the server checks each against the
 * schema's limits and names the one it refuses; text that is not a number is sent as such
 * and refused the same way, never dropped. Undefined for an empty field (auto mode's).
 */
export function numberList(text: string): (number | string)[] | undefined {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length === 0
    ? undefined
    : items.map((item) => (Number.isNaN(Number(item)) ? item : Number(item)));
}

function numberListControl(key: string, id: string): Control {
  const input = el('input', { id, name: key, type: 'text', inputmode: 'numeric', placeholder: 'auto' });
  return { key, element: input, read: () => numberList(input.value) };
}

export function buildAdvancedSettings(
  settings: SettingsSchema,
  shown: ReadonlySet<string>,
): AdvancedSettings {
  const controls = Object.entries(settings.properties)
    .filter(([key]) => !shown.has(key))
    .map(([key, schema]) => ({ control: controlFor(key, schema), schema }));
  const fields = controls.map(({ control, schema }) =>
    el(
      'div',
      { class: 'field', 'data-field': control.key },
      el('label', { for: control.element.id }, labelOf(control.key)),
      control.element,
      el('p', { class: 'hint' }, hintOf(schema)),
      el('span', { class: 'field-error', 'aria-live': 'polite' }),
    ),
  );
  return {
    fields,
    read: () => {
      const values: Record<string, unknown> = {};
      for (const { control } of controls) {
        const value = control.read();
        if (value !== undefined) values[control.key] = value;
      }
      return values;
    },
  };
}
