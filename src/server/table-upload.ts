// Which uploads are tables Recurrent reads (CSV, TSV, text, .xlsx), by name or media type,
// and what any other file is told.
import { HttpError } from './http-error.ts';

export const TABLE_TYPES =
  /^(text\/|application\/(csv|vnd\.ms-excel|octet-stream|vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet)$)/;
export const TABLE_NAMES = /\.(csv|tsv|txt|xlsx)$/i;

/** What an upload that is not a table gets told: what is accepted, in a person's words. */
export function notATable(name: string): HttpError {
  const what = /\.xls$/i.test(name)
    ? `${name} is an Excel 97–2003 workbook (.xls), which cannot be read`
    : `${name} is not a CSV file or an Excel workbook (.xlsx)`;
  return new HttpError(415, `${what}: save it as CSV or as .xlsx, and upload that file`);
}
