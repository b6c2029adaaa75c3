// Translates csv-parse's errors (ragged rows, stray quotes) into DataErrors that name the
// line and column and say how to fix the file, instead of a parser message and a stack.
import { CsvError } from 'csv-parse';
import { DataError } from './errors.ts';

/** Where the parser was, in lines as a person counts them (see RecordSink in csv.ts). */
export interface ParserPosition {
  /** Lines csv-parse has counted twice before the failing record (CRLFs inside quotes). */
  overcount: number;
  /** The line the last good record ended on; 0 before the header. */
  lastLine: number;
}

export function toDataError(
  error: unknown,
  file: string,
  delimiter: string,
  headerLength: number,
  position: ParserPosition = { overcount: 0, lastLine: 0 },
): DataError {
  if (error instanceof DataError) return error;
  if (!(error instanceof CsvError)) {
    const reason = error instanceof Error ? error.message : String(error);
    return new DataError(`the input could not be read (${reason})`, {
      file,
      hint: 'Check that the file is a readable UTF-8 CSV file.',
    });
  }
  const line = typeof error['lines'] === 'number' ? error['lines'] - position.overcount : undefined;
  const shown = delimiter === '\t' ? 'tab' : `'${delimiter}'`;
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const got = Array.isArray(error['record']) ? error['record'].length : 0;
      return new DataError(`this row has ${got} fields but the header has ${headerLength}`, {
        file,
        line,
        column: Math.min(got, headerLength) + 1,
        hint: `Every row needs ${headerLength} fields separated by ${shown}. Quote a value that contains ${shown}, or add or remove the missing or extra field.`,
      });
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      // csv-parse reports the end of the file; the quote opened in the record after the last
      // good one, and that is the line to look at.
      return new DataError('a quoted field is opened but never closed', {
        file,
        line: position.lastLine + 1,
        hint: 'Add the closing double quote ("), or double a quote that belongs inside the value ("").',
      });
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return new DataError('a double quote sits in the middle of a field', {
        file,
        line,
        column: fieldColumn(error),
        hint: 'Quote the whole field ("5"" screen") or remove the stray quote.',
      });
    default:
      return new DataError(`the CSV is malformed (${error.message})`, {
        file,
        line,
        hint: 'Check the row for stray quotes or delimiters.',
      });
  }
}

// csv-parse reports the field position as `column` (0-based) when no column names are set.
function fieldColumn(error: CsvError): number | undefined {
  const column: unknown = error['column'];
  return typeof column === 'number' ? column + 1 : undefined;
}
