// Issue 14: "An .xlsx upload is previewed like a CSV." The workbook is written with exceljs
// into a temporary file (no committed binary), uploaded through the file picker, and its
// preview shows the sheet read, the columns, the frequency and a chart; a workbook of
// several sheets offers a sheet picker; an old .xls is told to be saved as CSV or .xlsx.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserApp } from './browser-app.ts';
import type { BrowserApp } from './browser-app.ts';
import { plotted, text } from './plot-data.ts';

let env: BrowserApp;
let dir = '';
beforeAll(async () => {
  env = await startBrowserApp();
  dir = await mkdtemp(join(tmpdir(), 'recurrent-xlsx-e2e-'));
});
afterAll(async () => {
  await env?.close();
});

async function writeWorkbook(path: string, sheets: Record<string, ExcelJS.CellValue[][]>): Promise<void> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  await book.xlsx.writeFile(path);
}

const SALES: ExcelJS.CellValue[][] = [
  ['date', 'sales', 'promo'],
  ...Array.from({ length: 120 }, (_, i) => [
    new Date(Date.UTC(2024, 0, 1 + i)),
    { formula: `${100 + (i % 7) * 5}+0`, result: 100 + (i % 7) * 5 },
    i % 10 === 0 ? 1 : 0,
  ]),
];

describe('.xlsx upload', () => {
  it('is previewed like a CSV', async () => {
    const path = join(dir, 'sales.xlsx');
    await writeWorkbook(path, { Data: SALES });
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/`);
    await page.waitForSelector('#datasets-table');
    await page.setInputFiles('#file-input', path);
    await page.waitForSelector('#columns-table');
    expect(await text(page, '#upload-status')).toBe('Uploaded sales.xlsx (sheet Data): 120 rows.');
    const facts = await text(page, '.facts');
    expect(facts).toContain('Data');
    expect(facts).toContain('daily');
    expect(await text(page, '#layout-sheet')).toBe("Sheet: Data (the workbook's only sheet).");
    const columns = await page.$$eval('#columns-table tbody tr', (rows) =>
      rows.map((r) =>
        Array.from(r.querySelectorAll('td'), (td: { textContent: string | null }) => td.textContent),
      ),
    );
    expect(columns.map((c) => c.slice(0, 3))).toEqual([
      ['date', 'time', 'time'],
      ['sales', 'number', 'target'],
      ['promo', 'number', 'feature'],
    ]);
    await expect.poll(async () => (await plotted(page, '#preview-chart')).length).toBeGreaterThan(0);
    const [trace] = await plotted(page, '#preview-chart');
    expect(trace?.y.slice(0, 3)).toEqual([100, 105, 110]);
    expect(await page.locator('#datasets-table tbody tr', { hasText: 'sales.xlsx' }).count()).toBe(1);
    await env.screenshot(page, 'xlsx-upload');
    expect(problems()).toEqual([]);
  });

  it('offers a sheet picker for a workbook of several sheets', async () => {
    const path = join(dir, 'two-sheets.xlsx');
    await writeWorkbook(path, {
      Readme: [['about'], ['sales by day']],
      Data: SALES.map((r) => r.slice(0, 2)),
    });
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/`);
    await page.waitForSelector('#datasets-table');
    await page.setInputFiles('#file-input', path);
    await page.waitForSelector('#preview-sheet');
    // The cover sheet holds no series, so the first sheet that does is read, and the page says so.
    expect(await page.$$eval('#preview-sheet option', (o) => o.map((x) => x.textContent))).toEqual([
      'Readme',
      'Data',
    ]);
    expect(await page.inputValue('#preview-sheet')).toBe('Data');
    expect(await text(page, '#upload-status')).toBe('Uploaded two-sheets.xlsx (sheet Data): 120 rows.');
    expect(await text(page, '#notes')).toContain(
      'sheet Readme holds no series this reader understands: sheet Data was read',
    );
    // Choosing the cover sheet is refused with the reason, and the choice goes back.
    await page.selectOption('#preview-sheet', 'Readme');
    await page.waitForSelector('#layout-status[data-kind="error"]');
    expect(await text(page, '#layout-status')).toMatch(/^two-sheets\.xlsx, sheet Readme/);
    expect(await page.inputValue('#preview-sheet')).toBe('Data');
    expect(problems().filter((p) => !p.includes('400'))).toEqual([]);
  });

  it('tells an old .xls to be saved as CSV or .xlsx', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/`);
    await page.waitForSelector('#datasets-table');
    await page.setInputFiles('#file-input', {
      name: 'old.xls',
      mimeType: 'application/vnd.ms-excel',
      buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    });
    await page.waitForSelector('#upload-status[data-kind="error"]');
    expect(await text(page, '#upload-status')).toBe(
      'old.xls was not added: old.xls is an Excel 97–2003 workbook (.xls), which cannot be read: save it as CSV or as .xlsx, and upload that file',
    );
    expect(problems().filter((p) => !p.includes('415'))).toEqual([]);
  });
});
