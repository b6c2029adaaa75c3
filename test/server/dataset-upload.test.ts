// Uploads through the real app and a real SQLite file: a long-format file's id column is
// proposed and can be changed (or set to none, which its repeated timestamps refuse); an
// .xlsx is read like a CSV; an identical file is answered with the dataset already stored;
// an .xls is told what is accepted.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetListResponseSchema, datasetResponseSchema } from '../../src/server/wire.ts';
import { startTestServer } from '../support/test-server.ts';
import type { TestServer } from '../support/test-server.ts';
import { getJson } from '../support/wire-json.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

function upload(
  name: string,
  content: string | Buffer,
  fields: Record<string, string> = {},
  type = 'text/csv',
) {
  const form = new FormData();
  form.append('file', new Blob([content], { type }), name);
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return fetch(`${server.url}/api/datasets`, { method: 'POST', body: form });
}

function layout(id: number, body: unknown): Promise<Response> {
  return fetch(`${server.url}/api/datasets/${id}/layout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function storesCsv(): string {
  const lines = ['date,store,sales'];
  for (let d = 0; d < 30; d++)
    for (const [s, store] of ['north', 'south', 'east'].entries())
      lines.push(`${new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10)},${store},${100 * s + d}`);
  return `${lines.join('\n')}\n`;
}

describe('a long-format upload', () => {
  it('proposes the id column, lists its series, and refuses "none" for it', async () => {
    const { dataset, report } = await getJson(datasetResponseSchema, upload('stores.csv', storesCsv()), 201);
    expect(report.id).toBe('store');
    expect(report.idProposed).toBe(true);
    expect(dataset.series).toEqual(['north', 'south', 'east']);

    // None: the dates repeat, so the file is refused as one series, naming the id column.
    const none = await layout(dataset.id, { id: null });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: string }).error).toMatch(
      /column "store" looks like a series id: use --id store/,
    );
    const kept = await getJson(datasetResponseSchema, fetch(`${server.url}/api/datasets/${dataset.id}`));
    expect(kept.report.id).toBe('store');

    // The series views read it with its id column.
    const points = (await (
      await fetch(`${server.url}/api/datasets/${dataset.id}/points?column=sales&series=south`)
    ).json()) as { total: number; series: string };
    expect(points).toMatchObject({ total: 30, series: 'south' });
  });

  it('leaves bundled datasets as shipped: 409', async () => {
    const { datasets } = await getJson(datasetListResponseSchema, fetch(`${server.url}/api/datasets`));
    const stocks = datasets.find((d) => d.name === 'stocks.csv');
    const response = await layout(stocks?.id ?? 0, { id: null });
    expect(response.status).toBe(409);
  });

  it('takes the id column as a field of the upload: "" reads the file as one series', async () => {
    const wide = `date,label,sales\n${Array.from({ length: 20 }, (_, i) => `2024-03-${String(i + 1).padStart(2, '0')},ok,${i}`).join('\n')}\n`;
    const { report } = await getJson(datasetResponseSchema, upload('wide.csv', wide, { id: '' }), 201);
    expect(report.id).toBeNull();
    expect(report.series).toHaveLength(1);
    const refused = await upload('stores-none.csv', storesCsv(), { id: '' });
    expect(refused.status).toBe(400);
  });
});

describe('the same file uploaded twice', () => {
  it('with ifIdentical=reuse, answers the dataset already stored instead of a second copy', async () => {
    const csv = `date,value\n${Array.from({ length: 15 }, (_, i) => `2024-05-${String(i + 1).padStart(2, '0')},${i * 2}`).join('\n')}\n`;
    const first = await getJson(datasetResponseSchema, upload('twice.csv', csv), 201);
    expect(first.duplicateOf).toBeUndefined();
    const count = async () =>
      (await getJson(datasetListResponseSchema, fetch(`${server.url}/api/datasets`))).datasets.length;
    const before = await count();
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'twice-again.csv');
    const again = await getJson(
      datasetResponseSchema,
      fetch(`${server.url}/api/datasets?ifIdentical=reuse`, { method: 'POST', body: form }),
      200,
    );
    expect(again).toMatchObject({ reused: true, duplicateOf: { id: first.dataset.id, name: 'twice.csv' } });
    expect(again.dataset.id).toBe(first.dataset.id);
    expect(await count()).toBe(before);
    // Without it (the API's default) a copy is stored, and said to be one.
    const copy = await getJson(datasetResponseSchema, upload('twice.csv', csv), 201);
    expect(copy.duplicateOf).toEqual({ id: first.dataset.id, name: 'twice.csv' });
    expect(copy.dataset.id).not.toBe(first.dataset.id);
  });
});

describe('Excel uploads', () => {
  it('reads an .xlsx like a CSV, and says which sheet', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Sales');
    sheet.addRow(['date', 'sales']);
    for (let i = 0; i < 25; i++) sheet.addRow([new Date(Date.UTC(2024, 0, 1 + i)), 50 + i]);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const { dataset, report } = await getJson(
      datasetResponseSchema,
      upload('sales.xlsx', bytes, {}, type),
      201,
    );
    expect(dataset.rows).toBe(25);
    expect(dataset.frequency).toBe('daily');
    expect(report.sheet).toBe('Sales');
  });

  it('tells an .xls what is accepted, not a media type', async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const response = await upload('old.xls', xls, {}, 'application/vnd.ms-excel');
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: string }).error).toBe(
      'old.xls is an Excel 97–2003 workbook (.xls), which cannot be read: save it as CSV or as .xlsx, and upload that file',
    );
  });
});
