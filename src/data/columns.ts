// Decides what each column is for — time, identifier, target, features — from the
// evidence gathered over all rows, and turns it into typed arrays. Every refusal names
// the line and column that caused it.
import { FAILURES_KEPT, type ColumnPlan, type ColumnReader } from './column-reader.ts';
import type { Table } from './csv.ts';
import { DataError, ProblemList } from './errors.ts';
import { likelyIdColumns } from './id-column.ts';
import { resolveTime, TIME_NAME, type TimeColumn } from './time-column.ts';
import type { ColumnInfo, IngestOptions, NonFinitePolicy } from './types.ts';

export const ID_NAMES = new Set(['symbol', 'location', 'id', 'series', 'ticker']);

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
  notes: string[];
  /** Text columns that would split the rows into series, best first. */
  idCandidates: string[];
  /** The id column is the detected candidate (options.idDetection 'use'). */
  idProposed: boolean;
}

/** Which columns must keep their values, known from the header alone. */
export function planColumns(options: IngestOptions): (header: string[]) => ColumnPlan[] {
  const wanted = new Set([options.target, options.time, ...(options.features ?? [])]);
  return (header) => {
    const id = identifierName(options, header);
    return header.map((name) => ({
      keepNumbers: options.target === undefined || wanted.has(name) || TIME_NAME.test(name),
      keepText: name === id || (options.statics ?? []).includes(name),
      idCandidate: true,
    }));
  };
}

export function resolveColumns(table: Table, options: IngestOptions): ResolvedColumns {
  const { file, header, columns } = table;
  for (const name of [
    options.time,
    options.target,
    options.id,
    ...(options.features ?? []),
    ...(options.statics ?? []),
  ]) {
    if (name !== undefined && name !== null && !header.includes(name)) {
      throw new DataError(`there is no column named "${name}"`, {
        file,
        line: 1,
        hint: `The columns are: ${header.join(', ')}. Names are matched exactly, case included.`,
      });
    }
  }
  const warnings: string[] = [];
  const notes: string[] = [];
  const problems = new ProblemList();
  let idReader = pickIdentifier(table, options, warnings);
  const time = resolveTime(table, options, idReader, problems);
  // Bad timestamps make repeats meaningless: say what is wrong with them first.
  problems.throwIfAny();
  const idCandidates =
    idReader === null ? likelyIdColumns(table, time.values, new Set([time.name, options.target])) : [];
  let idProposed = false;
  const proposal = idCandidates[0];
  if (proposal !== undefined && options.id === undefined && options.idDetection === 'use') {
    idReader = columns[header.indexOf(proposal.name)]!;
    idProposed = true;
    notes.push(
      `the timestamps repeat, and column "${proposal.name}" splits the rows into ${proposal.series} series with their own timestamps: it is read as the series id`,
    );
  }
  const taken = new Set([time.name, idReader?.name, ...(options.statics ?? [])]);
  const named = new Set(options.features);
  const targetName =
    options.target ??
    columns.find((c) => !taken.has(c.name) && !named.has(c.name) && c.isNumber && c.present > 0)?.name;
  if (targetName === undefined) {
    // A column of numbers with a few bad cells is the one meant: list its bad cells.
    const nearlyNumeric = columns.find(
      (c) =>
        !taken.has(c.name) &&
        !c.isNumber &&
        c.nonNumbers.length < FAILURES_KEPT &&
        c.present >= 4 * c.nonNumbers.length,
    );
    if (nearlyNumeric !== undefined) {
      numericColumn(table, nearlyNumeric, options.nonFinite ?? 'error', problems);
      problems.throwIfAny();
    }
    throw new DataError('there is no numeric column to forecast', {
      file,
      line: 1,
      hint: `Name a target column of numbers; the columns are: ${header.join(', ')}.`,
    });
  }
  if (taken.has(targetName)) {
    throw new DataError(
      `"${targetName}" is the ${targetName === time.name ? 'time' : targetName === idReader?.name ? 'identifier' : 'static'} column and cannot also be the target`,
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
      `"${clash}" is listed as a feature but is already the time, identifier, a static column, the target or another feature`,
      {
        file,
        line: 1,
        field: clash,
        hint: 'List each feature once, and not the time, identifier or target column.',
      },
    );
  }
  if (options.target === undefined) {
    // A choice made for the person, not a fault in the file: a note, not a warning.
    notes.push(
      `no target given: using "${targetName}"${featureNames.length > 0 ? `, with ${featureNames.join(', ')} as features` : ''}`,
    );
  }
  const values = [targetName, ...featureNames].map((name) =>
    numericColumn(table, columns[header.indexOf(name)]!, options.nonFinite ?? 'error', problems),
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
  const id =
    idReader === null ? null : { name: idReader.name, ...identifierCodes(table, idReader, problems) };
  problems.throwIfAny();
  return {
    time,
    id,
    values,
    infos,
    warnings,
    notes,
    idCandidates: idCandidates.map((c) => c.name),
    idProposed,
  };
}

function columnType(reader: ColumnReader, isTimeColumn: boolean, isIdentifier: boolean): ColumnInfo['type'] {
  if (isTimeColumn || (!reader.isNumber && reader.isTime && reader.present > 0)) return 'time';
  // Identifiers stay text even when they look like numbers (docs/lessons.md #11).
  return isIdentifier || !reader.isNumber ? 'text' : 'number';
}

function identifierName(options: IngestOptions, header: string[]): string | undefined {
  if (options.id === null) return undefined;
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

function identifierCodes(
  table: Table,
  reader: ColumnReader,
  problems: ProblemList,
): { codes: Int32Array; labels: string[] } {
  const taken = reader.takeCodes()!;
  for (
    let row = taken.codes.indexOf(-1);
    row >= 0 && !problems.full;
    row = taken.codes.indexOf(-1, row + 1)
  ) {
    problems.add(
      new DataError('the identifier is missing, so this row belongs to no series', {
        file: table.file,
        line: table.lines[row],
        column: reader.index + 1,
        field: reader.name,
        hint: 'Fill in the identifier, or remove the row.',
      }),
    );
  }
  return taken;
}

const NO_VALUES = new Float64Array(0);

// Problems go to the list and the column comes back empty: the caller throws them all.
function numericColumn(
  table: Table,
  reader: ColumnReader,
  nonFinite: NonFinitePolicy,
  problems: ProblemList,
): ValueColumn {
  const where = { file: table.file, column: reader.index + 1, field: reader.name };
  if (!reader.isNumber) {
    for (const failure of reader.nonNumbers) {
      const decimalComma = /^[+-]?\d+,\d+$/.test(failure.value.trim());
      problems.add(
        new DataError(`"${failure.value}" is not a number`, {
          ...where,
          line: failure.line,
          value: failure.value,
          hint: decimalComma
            ? 'This looks like a decimal comma: write decimals with a point (1.5).'
            : 'Fix the cell, or write it as empty or NA so the missing-value policy fills it.',
        }),
      );
    }
    if (reader.moreNonNumbers) problems.addUncounted();
    return { name: reader.name, column: reader.index + 1, values: NO_VALUES };
  }
  if (reader.present === 0) {
    problems.add(
      new DataError(`the column has no values: all ${reader.missing} rows are missing`, {
        ...where,
        line: table.lines[0],
        hint: 'Choose a column that holds numbers, or fill in this one.',
      }),
    );
    return { name: reader.name, column: reader.index + 1, values: NO_VALUES };
  }
  // Infinity is never a measurement: an overflowed export, a division by zero upstream or a
  // typo (1e309). Interpolating over it silently would hide that, so it is refused unless
  // the caller asked for such values to be read as missing.
  const infinite = reader.firstNonFinite;
  if (infinite !== null && nonFinite === 'error') {
    problems.add(
      new DataError(`"${shortCell(infinite.value)}" is not a finite number`, {
        ...where,
        line: infinite.line,
        value: infinite.value,
        hint: `The column has ${reader.nonFinite} such value${reader.nonFinite === 1 ? '' : 's'}. Fix ${reader.nonFinite === 1 ? 'it' : 'them'}, or read non-finite values as missing with nonFinite: 'missing' (CLI: --non-finite missing).`,
      }),
    );
    return { name: reader.name, column: reader.index + 1, values: NO_VALUES };
  }
  return { name: reader.name, column: reader.index + 1, values: reader.takeNumbers()! };
}

// A 400-digit number is quoted by its ends, so the message stays one readable line.
function shortCell(cell: string): string {
  const text = cell.trim();
  return text.length <= 40 ? text : `${text.slice(0, 20)}…${text.slice(-10)} (${text.length} characters)`;
}
