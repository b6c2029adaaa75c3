// Excel workbooks take the CSV's path: cells become the text a CSV would hold (dates as ISO
// 8601, formulas as their saved result) and go through the same typed columns, so the same
// checks apply, located by sheet, row and column letter. Workbooks are written here with
// exceljs, not committed as binaries.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DataError, ingestCsv } from '../../src/data/ingest.ts';

type Row = ExcelJS.CellValue[];

async function workbook(sheets: Record<string, Row[]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

function dailyRows(days: number): Row[] {
  return Array.from({ length: days }, (_, i) => [
    new Date(Date.UTC(2024, 0, 1 + i)),
    { formula: `${i}+100`, result: 100 + i },
    i % 2 === 0 ? 'even' : 'odd',
  ]);
}

describe('an .xlsx workbook', () => {
  it('reads like the same data as CSV: dates, formula results, the sheet reported', async () => {
    const bytes = await workbook({
      Data: [['date', 'sales', 'parity'], ...dailyRows(30)],
      Notes: [['hello']],
    });
    const { series, report } = await ingestCsv(bytes, { file: 'sales.xlsx', target: 'sales' });
    const csv = [
      'date,sales,parity',
      ...Array.from(
        { length: 30 },
        (_, i) =>
          `${new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10)},${100 + i},${i % 2 === 0 ? 'even' : 'odd'}`,
      ),
    ].join('\n');
    const fromCsv = await ingestCsv(Buffer.from(csv), { file: 'sales.csv', target: 'sales' });
    expect(Array.from(series[0]!.values)).toEqual(Array.from(fromCsv.series[0]!.values));
    expect(Array.from(series[0]!.time)).toEqual(Array.from(fromCsv.series[0]!.time));
    expect(report.columns).toEqual(fromCsv.report.columns);
    expect(report.frequency?.label).toBe('daily');
    expect(report.sheet).toBe('Data');
    expect(report.sheets).toEqual(['Data', 'Notes']);
    expect(report.warnings).toEqual([]);
  });

  it('reads the sheet asked for', async () => {
    const bytes = await workbook({
      Notes: [['hello']],
      Data: [['date', 'sales'], ...dailyRows(10).map((r) => r.slice(0, 2))],
    });
    const { report } = await ingestCsv(bytes, { file: 'sales.xlsx', sheet: 'Data' });
    expect(report.sheet).toBe('Data');
    expect(report.rowsUsed).toBe(10);
    const error = await ingestCsv(bytes, { file: 'sales.xlsx', sheet: 'Nope' }).catch((e: unknown) => e);
    expect((error as DataError).message).toMatch(/no sheet named "Nope"\. Its sheets are: Notes, Data\./);
  });

  it('names sheet, row and column letter for every bad cell', async () => {
    const rows = dailyRows(20);
    rows[3]![1] = 'oops';
    rows[7]![1] = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
    const bytes = await workbook({ Data: [['date', 'sales', 'parity'], ...rows] });
    const error = (await ingestCsv(bytes, { file: 'sales.xlsx', target: 'sales' }).catch(
      (e: unknown) => e,
    )) as DataError;
    expect(error).toBeInstanceOf(DataError);
    expect(error.message.split('\n')).toEqual([
      'sales.xlsx, sheet Data, row 5, column B (sales): "oops" is not a number. Fix the cell, or write it as empty or NA so the missing-value policy fills it.',
      'sales.xlsx, sheet Data, row 9, column B (sales): "#DIV/0!" is not a number.',
      '2 problems in all.',
    ]);
  });

  it('counts columns from where the table starts, and rows as the sheet numbers them', async () => {
    const rows: Row[] = [[], [null, 'date', 'sales'], ...dailyRows(6).map((r) => [null, r[0], r[1]])];
    rows[5]![2] = 'bad';
    const bytes = await workbook({ Data: rows });
    const error = (await ingestCsv(bytes, { file: 'b.xlsx', target: 'sales' }).catch(
      (e: unknown) => e,
    )) as DataError;
    expect(error.message).toMatch(/^b\.xlsx, sheet Data, row 6, column C \(sales\): "bad" is not a number/);
  });

  it('refuses a value outside the named columns, at its row', async () => {
    const rows: Row[] = [['date', 'sales'], ...dailyRows(6).map((r) => r.slice(0, 2))];
    rows[3]![3] = 'stray';
    const bytes = await workbook({ Data: rows });
    const error = (await ingestCsv(bytes, { file: 's.xlsx' }).catch((e: unknown) => e)) as DataError;
    expect(error.message).toMatch(
      /^s\.xlsx, sheet Data, row 4, column C: this row has 4 fields but the header has 2\. A value sits outside the columns the header row names/,
    );
  });

  it('is held to the row limit', async () => {
    const bytes = await workbook({ Data: [['date', 'sales'], ...dailyRows(30).map((r) => r.slice(0, 2))] });
    const error = (await ingestCsv(bytes, { file: 'big.xlsx', maxRows: 10 }).catch(
      (e: unknown) => e,
    )) as DataError;
    expect(error.message).toMatch(/more than 10 data rows, the row limit/);
  });

  it('an old .xls or a picture is told what is accepted', async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const error = (await ingestCsv(xls, { file: 'old.xls' }).catch((e: unknown) => e)) as DataError;
    expect(error.message).toBe(
      'old.xls: this is an Excel 97–2003 workbook (.xls), not a CSV or .xlsx file. Save it as CSV (.csv) or as an Excel workbook (.xlsx), and give that file.',
    );
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);
    expect(((await ingestCsv(png, { file: 'p.png' }).catch((e: unknown) => e)) as DataError).message).toMatch(
      /this is a PNG picture, not a CSV or \.xlsx file/,
    );
  });
});
