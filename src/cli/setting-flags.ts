// The command line's flags for the forecast settings, built from the one settings schema.
// A table gives each setting its flag (the names people already type: --horizon, --hidden,
// --epochs …); the parsing, limits, choices and help text all come from the schema, so the
// CLI refuses exactly what the API and the jobs files refuse, and says so in their words.
import { InvalidArgumentError, Option } from 'commander';
import { z } from 'zod';
import {
  forecastSettingsFields,
  forecastSettingsSchema,
  SETTING_NAMES,
  SETTINGS_AUTO_DEFAULTS,
} from '../forecaster.ts';
import type { ForecastSettings, SettingName } from '../forecaster.ts';
import { UsageError } from './errors.ts';
import { collectList } from './load-series.ts';

/** Every setting's flag; a Record, so a setting added to the schema cannot lack one. */
export const SETTING_FLAGS: Record<SettingName, string> = {
  horizonSteps: '--horizon <steps>',
  seasonLength: '--season <m>',
  windowLength: '--window <steps>',
  cell: '--cell <kind>',
  hiddenSize: '--hidden <units>',
  layers: '--layers <n>',
  strategy: '--strategy <kind>',
  scale: '--scale <kind>',
  maxEpochs: '--epochs <n>',
  patienceEpochs: '--patience <epochs>',
  learningRate: '--lr <rate>',
  batchSize: '--batch <size>',
  seed: '--seed <n>',
  maxTrainingWork: '--max-work <parameter-steps>',
  features: '--features <columns>',
  future: '--future <columns>',
  candidates: '--candidates <names>',
  ensembleSeeds: '--ensemble-seeds <n>',
  architecture: '--architecture <kind>',
  precision: '--precision <kind>',
  calendar: '--calendar <on|off|try>',
  holidays: '--holidays <country>',
  calendarTimezone: '--calendar-timezone <zone>',
};

/** "--hidden" for hiddenSize. */
export function settingFlag(name: SettingName): string {
  return SETTING_FLAGS[name].split(' ')[0] ?? SETTING_FLAGS[name];
}

/** The field without its optional and preprocessing wrappers: what a flag's text is parsed as. */
function bareField(name: SettingName): z.ZodTypeAny {
  let field: z.ZodTypeAny = forecastSettingsFields[name];
  for (;;) {
    if (field instanceof z.ZodOptional) field = field.unwrap();
    else if (field instanceof z.ZodEffects) field = field.innerType();
    else return field;
  }
}

const autoDefaults: Partial<Record<SettingName, unknown>> = SETTINGS_AUTO_DEFAULTS;

/** 6e9 rather than 6000000000. */
const shown = (value: unknown) =>
  typeof value === 'number' && value >= 1e6 ? value.toExponential().replace('e+', 'e') : String(value);

/** The schema's description, plus what a terminal user needs: list syntax and auto mode's value. */
function help(name: SettingName): string {
  const list = bareField(name) instanceof z.ZodArray ? ' (a comma-separated list)' : '';
  const fallback = autoDefaults[name];
  const auto = fallback === undefined ? '' : ` (auto: ${shown(fallback)})`;
  return `${forecastSettingsFields[name].description}${list}${auto}`;
}

/**
 * Parses a flag's text as the schema's field. Lists gather across repeats (--features a,b
 * --features c); a refusal names the flag, the limit and the text given.
 */
export function settingParser(name: SettingName, flag = settingFlag(name)) {
  const field = bareField(name);
  return (value: string, previous?: unknown): unknown => {
    const asNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
    const input =
      field instanceof z.ZodArray
        ? field.element instanceof z.ZodNumber
          ? [...((previous as number[] | undefined) ?? []), ...collectList(value, undefined).map(asNumber)]
          : collectList(value, previous as string[] | undefined)
        : field instanceof z.ZodString
          ? value
          : asNumber(value);
    // The whole field, refinements included: a flag is refused as early as its text is read.
    const parsed = forecastSettingsFields[name].safeParse(input);
    if (!parsed.success)
      throw new InvalidArgumentError(`${flag} ${parsed.error.issues[0]?.message}, got "${value}"`);
    return parsed.data;
  };
}

/** The commander option of a setting: flag from the table, everything else from the schema. */
export function settingOption(name: SettingName): Option {
  const field = bareField(name);
  const option = new Option(SETTING_FLAGS[name], help(name));
  if (field instanceof z.ZodEnum) option.choices(field.options as string[]);
  else option.argParser(settingParser(name));
  if (!forecastSettingsFields[name].isOptional()) option.makeOptionMandatory();
  return option;
}

/** The settings among parsed flags, checked as a whole against the schema once more. */
export function settingsFromFlags(flags: Readonly<Record<string, unknown>>): ForecastSettings {
  const given: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) {
    const value = flags[new Option(SETTING_FLAGS[name]).attributeName()];
    if (value !== undefined) given[name] = value;
  }
  const parsed = forecastSettingsSchema.safeParse(given);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path[0];
  const flag = typeof field === 'string' ? settingFlag(field as SettingName) : 'a setting';
  throw new UsageError(`${flag} ${issue?.message}`);
}
