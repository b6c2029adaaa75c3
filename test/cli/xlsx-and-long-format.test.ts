// The real `recurrent` binary on an Excel workbook and on a long-format CSV: `inspect`
// reads an .xlsx like a CSV; a file whose id column has no known name is refused with the
// --id that reads it; a workbook with several bad cells names each by sheet, row and column.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recurrent-xlsx-'));
});

async function writeWorkbook(path: string, rows: ExcelJS.CellValue[][]): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Data');
  for (const row of rows) sheet.addRow(row);
  await book.xlsx.writeFile(path);
}

function salesRows(days: number): ExcelJS.CellValue[][] {
  return [
    ['date', 'sales'],
    ...Array.from({ length: days }, (_, i) => [new Date(Date.UTC(2024, 0, 1 + i)), 100 + (i % 7) * 4]),
  ];
}

describe('recurrent inspect file.xlsx', () => {
  it('reads the first sheet like a CSV and says which sheet it read', async () => {
    const path = join(dir, 'sales.xlsx');
    await writeWorkbook(path, salesRows(60));
    const result = runCli(['inspect', path]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`file: ${path}  (sheet Data)`);
    expect(result.stdout).toContain('rows: 60 read, 60 used');
    expect(result.stdout).toContain('frequency: daily');
    expect(result.stdout).not.toMatch(/^warning:/m);
  });

  it('names every bad cell by sheet, row and column letter (exit 3)', async () => {
    const path = join(dir, 'bad.xlsx');
    const rows = salesRows(20);
    rows[4]![1] = 'n/a?';
    rows[11]![1] = 'twelve';
    await writeWorkbook(path, rows);
    const result = runCli(['inspect', path, '--target', 'sales']);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain(`${path}, sheet Data, row 5, column B (sales): "n/a?" is not a number.`);
    expect(result.stderr).toContain(
      `${path}, sheet Data, row 12, column B (sales): "twelve" is not a number.`,
    );
    expect(result.stderr).toContain('2 problems in all.');
  });
});

describe('a long-format CSV whose id column is "store"', () => {
  it('is refused with the --id that reads it, and read with it', async () => {
    const path = join(dir, 'stores.csv');
    const lines = ['date,store,sales'];
    for (let d = 0; d < 30; d++)
      for (const store of ['north', 'south', 'east'])
        lines.push(
          `${new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10)},${store},${d + store.length}`,
        );
    await writeFile(path, `${lines.join('\n')}\n`);
    const refused = runCli(['inspect', path]);
    expect(refused.status).toBe(3);
    expect(refused.stderr).toMatch(/column "store" looks like a series id: use --id store/);
    const read = runCli(['inspect', path, '--id', 'store']);
    expect(read.status).toBe(0);
    expect(read.stdout).toContain('series by store');
  });
});
