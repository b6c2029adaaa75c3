// Finds the time column and reads it into epoch milliseconds: timestamps in text, or
// numbers that are epoch seconds, epoch milliseconds or years. Ambiguous slash dates are
// settled from the whole column or by an explicit dateFormat, never guessed.
import type { ColumnReader } from './column-reader.ts';
import type { Table } from './csv.ts';
import { utcDate } from './calendar.ts';
import { DataError, type ProblemList } from './errors.ts';
import type { DateOrder, IngestOptions } from './types.ts';

/** Header names that suggest a time column, so numbers in them are read as epochs or years. */
export const TIME_NAME = /^(date|time|timestamp|datetime|date_?time|ts|epoch|unix|year|period|day)$/i;

const FORMATS =
  'ISO 8601 (2020-01-31, 2020-01-31T13:45:00Z), 2020/01/31 13:45:00, Jan 31 2020, 01/31/2020, or epoch seconds/milliseconds';

export interface TimeColumn {
  name: string;
  column: number;
  values: Float64Array;
  format: string;
}

/** The time column; cells that are not timestamps are added to `problems`, all of them up to its cap. */
export function resolveTime(
  table: Table,
  options: IngestOptions,
  idReader: ColumnReader | null,
  problems: ProblemList,
): TimeColumn {
  const reader =
    options.time !== undefined
      ? table.columns[table.header.indexOf(options.time)]!
      : detectTimeColumn(table, idReader);
  const where = { file: table.file, column: reader.index + 1, field: reader.name };
  if (reader.present === 0) {
    throw new DataError('the time column is empty', {
      ...where,
      line: table.lines[0],
      hint: 'Fill in the timestamps.',
    });
  }
  let values: Float64Array;
  let format: string;
  if (reader.isTime) {
    const order = reader.isSlashDates ? slashOrder(table, reader, options.dateFormat) : 'MDY';
    values = reader.takeTimes(order)!;
    format = reader.isSlashDates ? (order === 'MDY' ? 'MM/DD/YYYY' : 'DD/MM/YYYY') : reader.timeFormat;
  } else if (reader.isNumber) {
    ({ values, format } = numericTimes(reader.takeNumbers()!, reader.name));
  } else {
    for (const failure of reader.nonTimes) {
      problems.add(
        new DataError(`"${failure.value}" is not a date or time this reader understands`, {
          ...where,
          line: failure.line,
          value: failure.value,
          hint: `Write every timestamp in one format: ${FORMATS}.`,
        }),
      );
    }
    if (reader.moreNonTimes) problems.addUncounted();
    return { name: reader.name, column: reader.index + 1, values: new Float64Array(0), format: '' };
  }
  for (let i = 0; i < values.length && !problems.full; i++) {
    const ms = values[i]!;
    if (!Number.isFinite(ms)) {
      problems.add(
        new DataError('this row has no timestamp', {
          ...where,
          line: table.lines[i],
          hint: 'Fill in the timestamp, or remove the row.',
        }),
      );
    } else if (ms < EARLIEST_MS || ms > LATEST_MS)
      problems.add(outOfRange(where, table.lines[i], ms, format));
  }
  return { name: reader.name, column: reader.index + 1, values, format };
}

// Years 0000 to 9999 are the four-digit years ISO 8601 writes without an expanded sign;
// the text formats cannot hold others, and an epoch number outside them is a wrong unit or
// a typo far more often than a date. Refusing them here keeps every reported time printable.
const EARLIEST_MS = utcDate(0, 1, 1);
const LATEST_MS = utcDate(10000, 1, 1) - 1;

function outOfRange(
  where: { file: string; column: number; field: string },
  line: number | undefined,
  ms: number,
  format: string,
): DataError {
  const numeric = format.startsWith('epoch');
  const shown = numeric ? `${format === 'epoch seconds' ? ms / 1000 : ms} (${format})` : 'this timestamp';
  return new DataError(`${shown} falls outside the years 0000 to 9999`, {
    ...where,
    line,
    hint: numeric
      ? 'Check the unit: epoch seconds below 1e11, epoch milliseconds above; or fix the value.'
      : 'Fix the year, or the zone offset that carries the time past it.',
  });
}

function detectTimeColumn(table: Table, idReader: ColumnReader | null): ColumnReader {
  const candidates = table.columns.filter((c) => c !== idReader);
  const parsed = candidates.find((c) => c.isTime && c.present > 0);
  if (parsed !== undefined) return parsed;
  const named = candidates.find((c) => TIME_NAME.test(c.name));
  if (named !== undefined) return named;
  throw new DataError('no time column was found: no column holds dates or times in every row', {
    file: table.file,
    line: 1,
    hint: `Name the time column (option time, CLI --time). Timestamps can be ${FORMATS}.`,
  });
}

function slashOrder(table: Table, reader: ColumnReader, requested: DateOrder | undefined): DateOrder {
  const where = { file: table.file, column: reader.index + 1, field: reader.name };
  if (requested !== undefined) {
    const failure = requested === 'MDY' ? reader.notMdy : reader.notDmy;
    if (failure === null) return requested;
    throw new DataError(
      `"${failure.value}" is not a valid ${requested === 'MDY' ? 'month/day/year' : 'day/month/year'} date`,
      {
        ...where,
        line: failure.line,
        value: failure.value,
        hint: `Check the dateFormat: ${requested === 'MDY' ? 'DMY' : 'MDY'} may be the one this file uses.`,
      },
    );
  }
  if (reader.notMdy !== null && reader.notDmy !== null) {
    throw new DataError(
      `slash dates are mixed: "${reader.notMdy.value}" (line ${reader.notMdy.line}) can only be day-first but "${reader.notDmy.value}" can only be month-first`,
      {
        ...where,
        line: reader.notDmy.line,
        value: reader.notDmy.value,
        hint: 'Write every date in the same order, preferably ISO 8601 (2020-01-31).',
      },
    );
  }
  if (reader.notMdy !== null) return 'DMY';
  if (reader.notDmy !== null) return 'MDY';
  const example = reader.firstSlash!;
  throw new DataError(
    `dates like "${example.value}" could be month-first or day-first, and no day above 12 settles it`,
    {
      ...where,
      line: example.line,
      value: example.value,
      hint: "Say which with dateFormat 'MDY' or 'DMY' (CLI: --date-format MDY|DMY).",
    },
  );
}

function numericTimes(numbers: Float64Array, name: string): { values: Float64Array; format: string } {
  let maxAbs = 0;
  let allYears = true;
  for (let i = 0; i < numbers.length; i++) {
    const v = numbers[i]!;
    if (v !== v) continue;
    maxAbs = Math.max(maxAbs, Math.abs(v));
    if (!Number.isInteger(v) || v < 1000 || v > 9999) allYears = false;
  }
  if (allYears && /year/i.test(name)) {
    for (let i = 0; i < numbers.length; i++) numbers[i] = utcDate(numbers[i]!, 1, 1);
    return { values: numbers, format: 'year' };
  }
  // 1e11 s is the year 5138 but 1e11 ms is 1973, so the magnitude tells the unit.
  if (maxAbs < 1e11) {
    for (let i = 0; i < numbers.length; i++) numbers[i] = numbers[i]! * 1000;
    return { values: numbers, format: 'epoch seconds' };
  }
  return { values: numbers, format: 'epoch milliseconds' };
}
