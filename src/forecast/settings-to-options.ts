// The one translation of a person's settings (settings.ts) into the pipeline's
// ForecastOptions. Every surface — CLI, jobs files, API — goes through it, so the same
// settings give the same options, and a setting left out stays out for auto mode to fill.
import type { ScalerSpec } from '../prep/scale.ts';
import type { ForecastOptions, NetworkChoice } from './config.ts';
import type { ArchitectureChoice, ForecastSettings, ScaleChoice } from './settings.ts';

/** A scaler word as the pipeline's scaler spec; a seasonal one takes its season from the config. */
export function scalerForChoice(choice: ScaleChoice): ScalerSpec {
  switch (choice) {
    case 'relative':
      return { kind: 'zscore', windowRelative: true };
    case 'difference':
    case 'seasonal-difference':
    case 'log':
    case 'es-normalise':
      return { kind: 'zscore', transform: choice };
    default:
      return { kind: choice };
  }
}

/** The network fields of an architecture choice; none for the default (and for try, which is auto mode's). */
function architectureOf(
  choice: ArchitectureChoice | undefined,
): Pick<NetworkChoice, 'architecture' | 'bidirectional'> {
  switch (choice) {
    case 'bidirectional':
      return { bidirectional: true };
    case 'seq2seq':
      return { architecture: 'seq2seq' };
    case 'bidirectional-seq2seq':
      return { architecture: 'seq2seq', bidirectional: true };
    default:
      return {};
  }
}

/** The object without its undefined entries, or undefined when nothing is left. */
function given<T extends object>(o: T): Partial<T> | undefined {
  const entries = Object.entries(o).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as Partial<T>);
}

/**
 * Maps parsed settings to ForecastOptions. Features left out mean none (the surfaces ingest
 * only the columns asked for); every other setting left out is left to auto mode.
 *
 * @example
 * const settings = forecastSettingsSchema.parse({ horizonSteps: 14, cell: 'lstm', maxEpochs: 30 });
 * settingsToForecastOptions(settings);
 * // { horizonSteps: 14, features: [], network: { cell: 'lstm' }, training: { maxEpochs: 30 } }
 */
export function settingsToForecastOptions(settings: ForecastSettings): ForecastOptions {
  const s = settings;
  // Key order is kept stable: batch runs hash these options to skip unchanged series.
  const options = {
    horizonSteps: s.horizonSteps,
    features: s.features ?? [],
    futureFeatures: s.future,
    windowLength: s.windowLength,
    // One season leaves the longer ones to auto mode's test; a list is taken as it is.
    seasonLength: s.seasonLength?.[0],
    extraSeasons:
      s.seasonLength !== undefined && s.seasonLength.length > 1 ? s.seasonLength.slice(1) : undefined,
    strategy: s.strategy,
    scaler: s.scale === undefined ? undefined : scalerForChoice(s.scale),
    candidates: s.candidates,
    ensembleSeeds: s.ensembleSeeds,
    // Holidays are a calendar input: naming a country turns the calendar on.
    calendar:
      s.calendar === 'off'
        ? false
        : s.calendar === 'on' || s.calendar === 'try' || s.holidays !== undefined
          ? (given({
              holidays: s.holidays,
              timezone: s.calendarTimezone === 'UTC' ? undefined : s.calendarTimezone,
              candidate: s.calendar === 'try' ? true : undefined,
            }) ?? {})
          : undefined,
    network: given({
      cell: s.cell,
      hiddenSize: s.hiddenSize,
      layers: s.layers,
      precision: s.precision,
      ...architectureOf(s.architecture),
    }),
    tryArchitectures: s.architecture === 'try' ? true : undefined,
    training: given({
      maxEpochs: s.maxEpochs,
      patienceEpochs: s.patienceEpochs,
      learningRate: s.learningRate,
      batchSize: s.batchSize,
      seed: s.seed,
      maxTrainingWork: s.maxTrainingWork,
    }),
  };
  return given(options) as ForecastOptions;
}
