// The training form for one dataset. Up front, what an analyst decides: the column to
// forecast, how far ahead, and (in a long-format file) which series; both proposed from
// the data (default-target.ts, default-horizon.ts). Everything else is folded under
// "Advanced", where auto mode's choices stand until someone changes them. Each setting's
// limits, step, choices and hint come from the server's settings schema (GET
// /api/settings, the schema the API checks the request with), so the form cannot offer
// what the server refuses. Auto-mode defaults fill every field the person has not touched
// yet, so changing the target or horizon refreshes the suggestions without undoing their
// own edits.
import type {
  DefaultConfig,
  SettingSchema,
  SettingsSchema,
  TrainingRequest,
  ValidationReport,
} from './api-types.ts';
import { buildAdvancedSettings, hintOf, numberAttributes, numberList } from './advanced-settings.ts';
import { defaultHorizon } from './default-horizon.ts';
import { defaultTarget } from './default-target.ts';
import { el, replaceChildren } from './dom.ts';
import { field, options } from './form-fields.ts';

export interface TrainingForm {
  /** The request body, from the current field values. */
  read(): TrainingRequest;
  applyDefaults(config: DefaultConfig): void;
  showFieldErrors(fields: Record<string, string>): void;
  setBusy(busy: boolean): void;
  /** Series ids of a long-format file; empty for a file of one series. */
  seriesIds: string[];
}

/** A number input: its id on the page, the setting it edits, and its label. */
interface NumberField {
  id: string;
  key: keyof TrainingRequest;
  label: string;
}

const NUMBER_FIELDS: NumberField[] = [
  { id: 'horizon', key: 'horizonSteps', label: 'Horizon (steps ahead)' },
  { id: 'window', key: 'windowLength', label: 'Window (past steps seen)' },
  { id: 'hidden-size', key: 'hiddenSize', label: 'Hidden size' },
  { id: 'layers', key: 'layers', label: 'Layers' },
  { id: 'epochs', key: 'maxEpochs', label: 'Epochs (at most)' },
  { id: 'patience', key: 'patienceEpochs', label: 'Patience (epochs)' },
  { id: 'seed', key: 'seed', label: 'Seed' },
];

/** The settings the form's own fields show; the schema's others are added under "Advanced". */
const MAIN_SETTINGS: ReadonlySet<string> = new Set([
  ...NUMBER_FIELDS.map((f) => f.key),
  'seasonLength',
  'cell',
  'features',
  'future',
]);

/** The setting each field of the page edits, where its id is not the setting's name. */
const FIELD_KEYS: ReadonlyMap<string, string> = new Map([
  ...NUMBER_FIELDS.map((f): [string, string] => [f.id, f.key]),
  ['season', 'seasonLength'],
]);

/** A setting's schema; a form field the server does not know is a bug worth failing on. */
function setting(settings: SettingsSchema, key: string): SettingSchema {
  const schema = settings.properties[key];
  if (!schema) throw new Error(`the server's settings have no "${key}"`);
  return schema;
}

export function buildTrainingForm(
  form: HTMLFormElement,
  report: ValidationReport,
  datasetId: number,
  seriesIds: string[],
  initialSeries: string,
  settings: SettingsSchema,
): TrainingForm {
  const numeric = report.columns.filter((c) => c.type === 'number').map((c) => c.name);
  const timeLike = report.columns.filter((c) => c.type !== 'number').map((c) => c.name);
  const target = options(el('select', { id: 'target', name: 'target', required: true }), numeric, [
    defaultTarget(numeric),
  ]);
  /** A list of the numeric columns to pick several from. */
  const columnPicker = (name: string) =>
    options(
      el('select', { id: name, name, multiple: true, size: Math.min(6, Math.max(3, numeric.length)) }),
      numeric,
    );
  const features = columnPicker('features');
  // Known-future columns: their values over the horizon come from rows past the last target value.
  const future = columnPicker('future');
  const time = options(el('select', { id: 'time', name: 'time' }), timeLike, [report.time.column]);
  const longFormat = seriesIds.length > 1 || (seriesIds.length === 1 && seriesIds[0] !== '');
  const series = longFormat
    ? options(el('select', { id: 'series', name: 'series' }), seriesIds, [
        initialSeries || (seriesIds[0] ?? ''),
      ])
    : null;
  const cellSchema = setting(settings, 'cell');
  const cell = options(el('select', { id: 'cell', name: 'cell' }), cellSchema.enum ?? [], [
    String(cellSchema.default ?? ''),
  ]);
  const numberFields = NUMBER_FIELDS.map((f) => ({
    spec: f,
    input: el('input', {
      id: f.id,
      name: f.key,
      type: 'number',
      ...numberAttributes(setting(settings, f.key)),
      required: settings.required?.includes(f.key) === true,
    }),
  }));
  const numbers = new Map(numberFields.map(({ spec, input }) => [spec.id, input]));
  /** One of NUMBER_FIELDS' inputs; an id not among them is a bug in this file. */
  const numberInput = (id: string): HTMLInputElement => {
    const input = numbers.get(id);
    if (!input) throw new Error(`the training form has no number field "${id}"`);
    return input;
  };
  const horizon = numberInput('horizon');
  // One season or several ("7, 365"): text, read as a list the server checks item by item.
  const season = el('input', {
    id: 'season',
    name: 'seasonLength',
    type: 'text',
    inputmode: 'numeric',
    placeholder: 'auto',
  });
  /** Rows of the series chosen (or the shortest series, before one is): what bounds the horizon. */
  const seriesLength = (): number | undefined => {
    const reports = series ? report.series.filter((s) => s.id === series.value) : report.series;
    const lengths = reports.map((s) => s.rowsUsed);
    return lengths.length > 0 ? Math.min(...lengths) : undefined;
  };
  const suggestHorizon = () => {
    const frequency =
      report.series.find((s) => s.id === (series?.value ?? ''))?.frequency ?? report.frequency;
    horizon.value = String(defaultHorizon(frequency, seriesLength()));
  };
  suggestHorizon();
  const advanced = buildAdvancedSettings(settings, MAIN_SETTINGS);
  const submit = el('button', { type: 'submit', id: 'start' }, 'Start training');

  // Fields the person changed keep their value when new defaults arrive.
  const touched = new Set<string>();
  form.addEventListener('input', (event) => {
    const id = (event.target as HTMLElement).id;
    if (id) touched.add(id);
  });

  const folded = numberFields.filter(({ spec }) => spec.id !== 'horizon');
  const advancedSection = el(
    'details',
    { class: 'advanced wide', id: 'advanced-settings' },
    el('summary', {}, 'Advanced: network, training and data settings (auto mode chooses them)'),
    el(
      'div',
      { class: 'advanced-fields' },
      field('time', 'Time column', time),
      field('cell', 'Cell', cell, hintOf(cellSchema)),
      field(
        'season',
        'Season length (one, or several: 7, 365)',
        season,
        hintOf(setting(settings, 'seasonLength')),
      ),
      ...folded.map(({ spec, input }) =>
        field(spec.id, spec.label, input, hintOf(setting(settings, spec.key))),
      ),
      numeric.length > 1
        ? field(
            'features',
            'Extra input columns (features)',
            features,
            `${hintOf(setting(settings, 'features'))} Ctrl/⌘-click to choose several.`,
            true,
          )
        : field(
            'features',
            'Extra input columns (features)',
            el('p', { class: 'hint' }, 'None available: the target is the only numeric column.'),
            '',
            true,
          ),
      numeric.length > 1
        ? field(
            'future',
            'Columns known in the future',
            future,
            `${hintOf(setting(settings, 'future'))} Ctrl/⌘-click to choose several.`,
            true,
          )
        : null,
      ...advanced.fields,
    ),
  );
  replaceChildren(
    form,
    field('target', 'Target (column to forecast)', target),
    field('horizon', 'Horizon (steps ahead)', horizon, hintOf(setting(settings, 'horizonSteps'))),
    series
      ? field('series', 'Series', series, `This file holds ${seriesIds.length} series, one per id.`)
      : null,
    advancedSection,
    el('div', { class: 'actions' }, submit),
  );
  series?.addEventListener('change', () => {
    if (!touched.has('horizon')) suggestHorizon();
  });
  form.dataset.datasetId = String(datasetId);
  // The target is always an input already; offering it as a feature too would be confusing.
  const syncFeatures = () => {
    for (const o of [...features.options, ...future.options]) {
      o.disabled = o.value === target.value;
      if (o.disabled) o.selected = false;
    }
  };
  target.addEventListener('change', syncFeatures);
  syncFeatures();

  const num = (id: string) => {
    const v = numberInput(id).value.trim();
    return v === '' ? undefined : Number(v);
  };
  return {
    read() {
      return {
        ...(advanced.read() as Partial<TrainingRequest>),
        datasetId,
        target: target.value,
        time: time.value || undefined,
        series: series?.value,
        features: [...features.selectedOptions].map((o) => o.value),
        future:
          future.selectedOptions.length > 0 ? [...future.selectedOptions].map((o) => o.value) : undefined,
        horizonSteps: num('horizon') ?? 1,
        windowLength: num('window'),
        seasonLength: numberList(season.value),
        cell: cell.value,
        hiddenSize: num('hidden-size'),
        layers: num('layers'),
        maxEpochs: num('epochs'),
        patienceEpochs: num('patience'),
        seed: num('seed'),
      };
    },
    applyDefaults(config) {
      const values: Record<string, number> = {
        window: config.windowLength,
        'hidden-size': config.network.hiddenSize,
        layers: config.network.layers,
        epochs: config.training.maxEpochs,
        patience: config.training.patienceEpochs,
        seed: config.training.seed,
      };
      for (const [id, v] of Object.entries(values))
        if (!touched.has(id) && Number.isFinite(v)) numberInput(id).value = String(v);
      // The main season only: one season leaves the longer ones to auto mode's test, as the
      // CLI does; sending the detected ones back would make them the person's own choice.
      if (!touched.has('season')) season.value = String(config.seasonLength);
      if (!touched.has('cell')) cell.value = config.network.cell;
      if (!touched.has('features'))
        for (const o of features.options) o.selected = config.features.includes(o.value);
    },
    showFieldErrors(fields) {
      for (const box of form.querySelectorAll<HTMLElement>('[data-field]')) {
        const name = box.dataset.field ?? '';
        const key = FIELD_KEYS.get(name) ?? name;
        const error = box.querySelector('.field-error');
        const message = fields[key] ?? fields[name] ?? '';
        if (error) error.textContent = message;
        // A refused setting folded away would be an error nobody sees: unfold it.
        if (message !== '' && advancedSection.contains(box)) advancedSection.open = true;
      }
    },
    setBusy(busy) {
      for (const c of form.elements) (c as HTMLInputElement).disabled = busy;
    },
    seriesIds: series ? seriesIds : [],
  };
}
