// Decides what each column is for — time, identifier, target, features — from the
// evidence gathered over all rows, and turns it into typed arrays. Every refusal names
// the line and column that caused it.
import type { ColumnPlan, ColumnReader } from './column-reader.ts';
import type { Table } from './csv.ts';
import { DataError } from './errors.ts';
import { resolveTime, TIME_NAME, type TimeColumn } from './time-column.ts';
import type { ColumnInfo, IngestOptions, NonFinitePolicy } from './types.ts';

const ID_NAMES = new Set(['symbol', 'location', 'id', 'series', 'ticker']);

export interface ValueColumn {
  name: string;
  /** 1-based position in the header. */
  column: number;
  values: Float64Array;
}

export interface ResolvedColumns {
  time: TimeColumn;
  id: { name: string; codes: Int32Array; labels: string[] } | null;
  /** Target first, then features. */
  values: ValueColumn[];
  infos: ColumnInfo[];
  warnings: string[];
}

/** Which columns must keep their values, known from the header alone. */
export function planColumns(options: IngestOptions): (header: string[]) => ColumnPlan[] {
  const wanted = new Set([options.target, options.time, ...(options.features ?? [])]);
  return (header) => {
    const id = identifierName(options, header);
    return header.map((name) => ({
      keepNumbers: options.target === undefined || wanted.has(name) || TIME_NAME.test(name),
      keepText: name === id,
    }));
  };
}

export function resolveColumns(table: Table, options: IngestOptions): ResolvedColumns {
  const { file, header, columns } = table;
  for (const name of [options.time, options.target, options.id, ...(options.features ?? [])]) {
    if (name !== undefined && !header.includes(name)) {
      throw new DataError(`there is no column named "${name}"`, {
        file,
        line: 1,
        hint: `The columns are: ${header.join(', ')}. Names are matched exactly, case included.`,
      });
    }
  }
  const warnings: string[] = [];
  const idReader = pickIdentifier(table, options, warnings);
  const time = resolveTime(table, options, idReader);
  const taken = new Set([time.name, idReader?.name]);
  const named = new Set(options.features);
  const targetName =
    options.target ??
    columns.find((c) => !taken.has(c.name) && !named.has(c.name) && c.isNumber && c.present > 0)?.name;
  if (targetName === undefined) {
    throw new DataError('there is no numeric column to forecast', {
      file,
      line: 1,
      hint: `Name a target column of numbers; the columns are: ${header.join(', ')}.`,
    });
  }
  if (taken.has(targetName)) {
    throw new DataError(
      `"${targetName}" is the ${targetName === time.name ? 'time' : 'identifier'} column and cannot also be the target`,
      {
        file,
        line: 1,
        field: targetName,
        hint: 'Choose another target column.',
      },
    );
  }
  // Without a target (inspect), every numeric column comes along; with one, only named features.
  const featureNames =
    options.features ??
    (options.target !== undefined
      ? []
      : columns
          .filter((c) => !taken.has(c.name) && c.name !== targetName && c.isNumber && c.present > 0)
          .map((c) => c.name));
  const clash = featureNames.find(
    (name, i) => taken.has(name) || name === targetName || featureNames.indexOf(name) !== i,
  );
  if (clash !== undefined) {
    throw new DataError(
      `"${clash}" is listed as a feature but is already the time, identifier, target or another feature`,
      {
        file,
        line: 1,
        field: clash,
        hint: 'List each feature once, and not the time, identifier or target column.',
      },
    );
  }
  if (options.target === undefined) {
    warnings.push(
      `no target given: using "${targetName}"${featureNames.length > 0 ? `, with ${featureNames.join(', ')} as features` : ''}`,
    );
  }
  const values = [targetName, ...featureNames].map((name) =>
    numericColumn(table, columns[header.indexOf(name)]!, options.nonFinite ?? 'error'),
  );
  const roles = new Map<string, ColumnInfo['role']>([
    [time.name, 'time'],
    [targetName, 'target'],
  ]);
  for (const name of featureNames) roles.set(name, 'feature');
  if (idReader !== null) roles.set(idReader.name, 'id');
  const infos = columns.map((c): ColumnInfo => {
    const type = columnType(c, c.name === time.name, c === idReader);
    const role = roles.get(c.name);
    return role === undefined
      ? { name: c.name, type, missing: c.missing }
      : { name: c.name, type, missing: c.missing, role };
  });
  const id = idReader === null ? null : { name: idReader.name, ...identifierCodes(table, idReader) };
  return { time, id, values, infos, warnings };
}

function columnType(reader: ColumnReader, isTimeColumn: boolean, isIdentifier: boolean): ColumnInfo['type'] {
  if (isTimeColumn || (!reader.isNumber && reader.isTime && reader.present > 0)) return 'time';
  // Identifiers stay text even when they look like numbers (docs/lessons.md #11).
  return isIdentifier || !reader.isNumber ? 'text' : 'number';
}

function identifierName(options: IngestOptions, header: string[]): string | undefined {
  return options.id ?? header.find((name) => ID_NAMES.has(name.toLowerCase()));
}

function pickIdentifier(table: Table, options: IngestOptions, warnings: string[]): ColumnReader | null {
  const name = identifierName(options, table.header);
  if (name === undefined) return null;
  const reader = table.columns[table.header.indexOf(name)]!;
  // Detected by name only when it holds text: a numeric "id" is more often a row number.
  if (options.id === undefined && (reader.isNumber || reader.isTime)) return null;
  if (reader.tooManyIdentifiers) {
    const problem = `"${name}" has more than ${reader.distinctValues} distinct values, too many for series identifiers`;
    if (options.id !== undefined) {
      throw new DataError(problem, {
        file: table.file,
        line: 1,
        column: reader.index + 1,
        field: name,
        hint: 'Choose a column that names each series.',
      });
    }
    warnings.push(`${problem}; the file is read as a single series`);
    return null;
  }
  return reader;
}

function identifierCodes(table: Table, reader: ColumnReader): { codes: Int32Array; labels: string[] } {
  const taken = reader.takeCodes()!;
  const row = taken.codes.indexOf(-1);
  if (row >= 0) {
    throw new DataError('the identifier is missing, so this row belongs to no series', {
      file: table.file,
      line: table.lines[row],
      column: reader.index + 1,
      field: reader.name,
      hint: 'Fill in the identifier, or remove the row.',
    });
  }
  return taken;
}

function numericColumn(table: Table, reader: ColumnReader, nonFinite: NonFinitePolicy): ValueColumn {
  const where = { file: table.file, column: reader.index + 1, field: reader.name };
  if (!reader.isNumber) {
    const failure = reader.firstNonNumber!;
    const decimalComma = /^[+-]?\d+,\d+$/.test(failure.value.trim());
    throw new DataError(`"${failure.value}" is not a number`, {
      ...where,
      line: failure.line,
      value: failure.value,
      hint: decimalComma
        ? 'This looks like a decimal comma: write decimals with a point (1.5).'
        : 'Fix the cell, or write it as empty or NA so the missing-value policy fills it.',
    });
  }
  if (reader.present === 0) {
    throw new DataError(`the column has no values: all ${reader.missing} rows are missing`, {
      ...where,
      line: table.lines[0],
      hint: 'Choose a column that holds numbers, or fill in this one.',
    });
  }
  // Infinity is never a measurement: an overflowed export, a division by zero upstream or a
  // typo (1e309). Interpolating over it silently would hide that, so it is refused unless
  // the caller asked for such values to be read as missing.
  const infinite = reader.firstNonFinite;
  if (infinite !== null && nonFinite === 'error') {
    throw new DataError(`"${shortCell(infinite.value)}" is not a finite number`, {
      ...where,
      line: infinite.line,
      value: infinite.value,
      hint: `The column has ${reader.nonFinite} such value${reader.nonFinite === 1 ? '' : 's'}. Fix ${reader.nonFinite === 1 ? 'it' : 'them'}, or read non-finite values as missing with nonFinite: 'missing' (CLI: --non-finite missing).`,
    });
  }
  return { name: reader.name, column: reader.index + 1, values: reader.takeNumbers()! };
}

// A 400-digit number is quoted by its ends, so the message stays one readable line.
function shortCell(cell: string): string {
  const text = cell.trim();
  return text.length <= 40 ? text : `${text.slice(0, 20)}…${text.slice(-10)} (${text.length} characters)`;
}
