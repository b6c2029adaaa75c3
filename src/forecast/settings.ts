// The forecast settings a person can give, typed once: each field's one name, its limits
// and what it means in words. The CLI flags, the jobs files, the API bodies, the OpenAPI
// document and the web form are all built from (or checked against) this schema, so a
// limit or a description changes here and nowhere else. Anything left out is auto mode's.
import { z } from 'zod';
import { CELL_KINDS } from '../rnn/cells/cell.ts';
import { MAX_LAYERS } from '../rnn/network.ts';
import { AUTO_DEFAULTS } from './auto.ts';
import { candidateSelectors } from './candidates.ts';
import { holidayCountries, isTimeZone } from './calendar-features.ts';
import { FORECAST_STRATEGIES } from './config.ts';
import { seasonListProblem } from './extra-seasons.ts';

export { CELL_KINDS };

/** How the target may be scaled, in the words the CLI has always used (`--scale`). */
export const SCALE_CHOICES = [
  'zscore',
  'minmax',
  'robust',
  'none',
  'relative',
  'difference',
  'seasonal-difference',
  'log',
  'es-normalise',
] as const;
export type ScaleChoice = (typeof SCALE_CHOICES)[number];

/** The network's architecture in one word (`--architecture`): config.ts's two, each with or without a bidirectional encoder. */
export const ARCHITECTURE_CHOICES = [
  'many-to-one',
  'bidirectional',
  'seq2seq',
  'bidirectional-seq2seq',
  'try',
] as const;
export type ArchitectureChoice = (typeof ARCHITECTURE_CHOICES)[number];

/** The largest seed: the generator folds seeds to 32 bits, so larger ones would repeat models. */
const MAX_SEED = 2 ** 32 - 1;

// One message per field that states both limits: whoever broke one learns the other too.
function wholeNumber(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.number({ invalid_type_error: message }).int(message).min(min, message).max(max, message);
}

function oneOf<T extends string>(values: readonly [T, ...T[]]) {
  const message = `must be one of ${values.join(', ')}`;
  return z.enum(values as [T, ...T[]], { errorMap: () => ({ message }) });
}

const seasonsMessage = 'must be a season length or a list of at most 4, each a whole number from 1 to 10000';

/**
 * One season (24) or several (7, 365). A single number is read as a list of one, so the
 * settings written before lists existed keep their meaning. Seasons after the first add
 * candidates of their own: a season of 1 or a repeat would add nothing.
 */
function seasonLengths() {
  const list = z
    .array(wholeNumber(1, 10_000), { invalid_type_error: seasonsMessage })
    .min(1, seasonsMessage)
    .max(4, seasonsMessage)
    .superRefine((seasons, ctx) => {
      const problem = seasonListProblem(seasons);
      if (problem !== null) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    });
  return z.preprocess((v) => (typeof v === 'number' ? [v] : v), list);
}

const [firstSelector, ...otherSelectors] = candidateSelectors();
if (firstSelector === undefined) throw new Error('candidateSelectors() is empty');
const CANDIDATE_NAMES: [string, ...string[]] = [firstSelector, ...otherSelectors];

const [firstCountry, ...otherCountries] = holidayCountries();
if (firstCountry === undefined) throw new Error('date-holidays knows no country');
const HOLIDAY_COUNTRIES: [string, ...string[]] = [firstCountry, ...otherCountries];
const timeZoneMessage = 'must be an IANA time zone such as America/New_York';

const learningRateMessage = 'must be a number above 0 and at most 1';
const workMessage = 'must be a number from 1 to 1e15';

/** Every field's schema, by its one name; `.describe()` is the help text every surface shows. */
export const forecastSettingsFields = {
  horizonSteps: wholeNumber(1, 10_000).describe('how many steps ahead to forecast'),
  seasonLength: seasonLengths()
    .describe(
      'season length m, or several, e.g. 7,365 for daily data: the first sets seasonal naive, MASE and ' +
        'seasonal scaling (default: from the frequency); each further one adds seasonal naive and a ' +
        'seasonal-difference RNN at that season to the candidates (default: auto mode tests the ' +
        "frequency's longer season, a week of hours or a year of days, and keeps it when the data repeat at it)",
    )
    .optional(),
  windowLength: wholeNumber(2, 512)
    .describe('lookback window: the past steps each training example sees (default: from season and horizon)')
    .optional(),
  cell: oneOf(CELL_KINDS)
    .describe('recurrent cell: GRU and LSTM remember longer than a plain RNN')
    .optional(),
  hiddenSize: wholeNumber(1, 512).describe('hidden units per recurrent layer').optional(),
  layers: wholeNumber(1, MAX_LAYERS).describe('stacked recurrent layers').optional(),
  strategy: oneOf(FORECAST_STRATEGIES)
    .describe(
      'multi-step strategy: recursive feeds a one-step model its own predictions, direct outputs all ' +
        'h steps at once (default: direct, recursive for one step without features)',
    )
    .optional(),
  scale: oneOf(SCALE_CHOICES)
    .describe(
      'target scaling: zscore, minmax, robust, none, relative (window-relative), difference, ' +
        'seasonal-difference (y − y one season back), log, es-normalise (exponential-smoothing level ' +
        'and season; direct strategy only); default: auto mode fits its level scaler and the seasonal ' +
        'ones and keeps the best on validation',
    )
    .optional(),
  maxEpochs: wholeNumber(1, 10_000)
    .describe('most epochs to train; early stopping may end sooner')
    .optional(),
  patienceEpochs: wholeNumber(1, 10_000)
    .describe('epochs without validation improvement before early stopping')
    .optional(),
  learningRate: z
    .number({ invalid_type_error: learningRateMessage })
    .gt(0, learningRateMessage)
    .max(1, learningRateMessage)
    .describe('learning rate of the Adam optimiser')
    .optional(),
  batchSize: wholeNumber(1, 4096).describe('minibatch size: training windows per gradient step').optional(),
  seed: wholeNumber(0, MAX_SEED).describe('random seed: same data, settings and seed, same model').optional(),
  maxTrainingWork: z
    .number({ invalid_type_error: workMessage })
    .min(1, workMessage)
    .max(1e15, workMessage)
    .describe(
      'work cap on training: parameters × windows × window length, summed over epochs; ' +
        'unlike a time limit, the same on a busy machine',
    )
    .optional(),
  features: z
    .array(z.string().min(1, 'column names must not be empty'), {
      invalid_type_error: 'must be a list of column names',
    })
    .max(50, 'must name at most 50 columns')
    .describe(
      "extra input columns beside the target's own past: the model sees their values up to the forecast origin",
    )
    .optional(),
  future: z
    .array(z.string().min(1, 'column names must not be empty'), {
      invalid_type_error: 'must be a list of column names',
    })
    .max(20, 'must name at most 20 columns')
    .describe(
      'known-future input columns (a planned promotion, a price, a weather forecast): the model also sees ' +
        'their values over the horizon, given as rows after the last target value with the target left empty',
    )
    .optional(),
  candidates: z
    .array(oneOf(CANDIDATE_NAMES), { invalid_type_error: 'must be a list of candidate names' })
    .min(1, 'must name at least one candidate')
    .describe(
      `narrow auto mode's candidate pool to kinds or methods: ${CANDIDATE_NAMES.join(', ')}; all when absent`,
    )
    .optional(),
  ensembleSeeds: wholeNumber(1, 9)
    .describe('seeds of the best RNN candidate to fit; with more than 1 their median joins the pool')
    .optional(),
  architecture: oneOf(ARCHITECTURE_CHOICES)
    .describe(
      'how the network forecasts the h steps: many-to-one (its last hidden state feeds a dense head of h ' +
        'outputs), seq2seq (a decoder unrolls the h steps from the encoder, reading its previous output and ' +
        "each step's known-future values; fed the true previous value in training), bidirectional (the " +
        'encoder also reads each window backwards; nothing leaks, the window is wholly observed), or ' +
        'bidirectional-seq2seq; try: auto mode also fits seq2seq and bidirectional networks and keeps one ' +
        'only when validation prefers it (default: many-to-one)',
    )
    .optional(),
  precision: oneOf(['float32', 'float64'])
    .describe(
      'the arithmetic the network trains and forecasts in: float32 (default) trains about twice as fast, ' +
        'float64 keeps 16 digits instead of 7',
    )
    .optional(),
  calendar: oneOf(['off', 'on', 'try'])
    .describe(
      'calendar inputs for the network: the hour of the day, the day of the week and the day of the year ' +
        '(or the month), as the frequency has them, each as a sine and a cosine; known for any future time. ' +
        'try: one more RNN candidate reads them, kept only when validation prefers it',
    )
    .optional(),
  holidays: oneOf(HOLIDAY_COUNTRIES)
    .describe("a country's public holidays as a calendar input, from date-holidays (turns the calendar on)")
    .optional(),
  calendarTimezone: z
    .string({ invalid_type_error: timeZoneMessage })
    .refine(isTimeZone, timeZoneMessage)
    .describe(
      'the time zone the timestamps are read in for calendar inputs and holidays; UTC reads them as written',
    )
    .optional(),
};

/**
 * The settings as one object: unknown keys are refused, so a misspelt setting is an error
 * instead of being silently left to auto mode.
 *
 * @example
 * forecastSettingsSchema.parse({ horizonSteps: 14, cell: 'gru' }); // { horizonSteps: 14, cell: 'gru' }
 * forecastSettingsSchema.safeParse({ horizonSteps: 0 }).success;    // false
 */
export const forecastSettingsSchema = z.object(forecastSettingsFields).strict();

export type ForecastSettings = z.infer<typeof forecastSettingsSchema>;
export type SettingName = keyof ForecastSettings;
export const SETTING_NAMES = Object.keys(forecastSettingsFields) as SettingName[];

/**
 * What auto mode uses for a setting left out, where that does not depend on the data (the
 * window, the season, the strategy and the scaler do). Taken from AUTO_DEFAULTS, so help
 * texts, the OpenAPI document and the form's suggestions cannot drift from what fit() does.
 */
export const SETTINGS_AUTO_DEFAULTS = {
  cell: AUTO_DEFAULTS.network.cell,
  hiddenSize: AUTO_DEFAULTS.network.hiddenSize,
  layers: AUTO_DEFAULTS.network.layers,
  maxEpochs: AUTO_DEFAULTS.training.maxEpochs,
  patienceEpochs: AUTO_DEFAULTS.training.patienceEpochs,
  learningRate: AUTO_DEFAULTS.training.learningRate,
  batchSize: AUTO_DEFAULTS.training.batchSize,
  seed: AUTO_DEFAULTS.training.seed,
  maxTrainingWork: AUTO_DEFAULTS.training.maxTrainingWork,
} as const satisfies Partial<ForecastSettings>;
