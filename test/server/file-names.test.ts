// Upload file names through the real app: sent as browsers send them (UTF-8 bytes in the
// part header), they come back exactly as the user wrote them, normalised to NFC, without
// control or bidi-override characters, and a "/" or "\" in them is replaced, not a reason
// to keep only the last part.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DATASET_NAME_LENGTH, safeDatasetName } from '../../src/server/dataset-name.ts';
import { datasetResponseSchema } from '../../src/server/wire.ts';
import { multipartBody, rawRequest } from '../support/raw-http.ts';
import { startTestServer } from '../support/test-server.ts';
import type { TestServer } from '../support/test-server.ts';
import { getJson } from '../support/wire-json.ts';

const CSV = 'date,value\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ datasetsDir: null });
});
afterAll(async () => {
  await server.stop();
});

/** Uploads with fetch's FormData: the file name goes in the part header as UTF-8 bytes. */
async function uploadedName(name: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([CSV], { type: 'text/csv' }), name);
  const body = await getJson(
    datasetResponseSchema,
    fetch(`${server.url}/api/datasets`, { method: 'POST', body: form }),
    201,
  );
  return body.dataset.name;
}

/** Sends a part header written by hand (for forms FormData cannot produce); returns status and JSON. */
async function rawUpload(
  disposition: string,
): Promise<{ status: number; body: { dataset?: { name: string } } }> {
  const { status, body } = await rawRequest(
    server.url,
    'POST /api/datasets HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=b',
    multipartBody('b', disposition, CSV),
  );
  return { status, body: JSON.parse(body) };
}

describe('upload file names', () => {
  it('a UTF-8 name with accents, CJK and an emoji round-trips exactly', async () => {
    expect(await uploadedName('données-日本語-😀.csv')).toBe('données-日本語-😀.csv');
  });

  it('a name in NFD (as macOS writes it) is stored in NFC', async () => {
    const nfd = 'donne\u0301es.csv';
    const stored = await uploadedName(nfd);
    expect(stored).toBe('données.csv');
    expect(stored).toBe(stored.normalize('NFC'));
  });

  it('bidi overrides, isolates and marks are removed', async () => {
    expect(await uploadedName('invoice-\u202Evsc.csv')).toBe('invoice-vsc.csv');
    expect(await uploadedName('\u2066a\u2069\u200Eb\u200F\u202Ac\u202D.csv')).toBe('abc.csv');
  });

  it('a "/" is replaced, not a reason to keep only the last part', async () => {
    expect(await uploadedName('sales 2024/05.csv')).toBe('sales 2024_05.csv');
    expect(await uploadedName('..\\..\\reports\\q1.csv')).toBe('reports_q1.csv');
  });

  it('control characters (NUL, ESC, newline) sent percent-encoded are removed', async () => {
    const { status, body } = await rawUpload("filename*=UTF-8''bad%00na%1Bme%0A.csv");
    expect(status).toBe(201);
    expect(body.dataset?.name).toBe('badname.csv');
  });

  it('a filename* in UTF-8 and a plain filename in UTF-8 give the same name', async () => {
    const star = await rawUpload(`filename*=UTF-8''${encodeURIComponent('données-日本語-😀.csv')}`);
    const plain = await rawUpload('filename="données-日本語-😀.csv"');
    expect(star.body.dataset?.name).toBe('données-日本語-😀.csv');
    expect(plain.body.dataset?.name).toBe('données-日本語-😀.csv');
  });
});

describe('safeDatasetName', () => {
  it('keeps a long name within the limit without splitting a character, extension kept', () => {
    const name = safeDatasetName(`${'👩‍👩‍👧'.repeat(200)}.csv`);
    const graphemes = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(name)];
    expect(graphemes).toHaveLength(MAX_DATASET_NAME_LENGTH);
    expect(name.endsWith('👩‍👩‍👧.csv')).toBe(true);
    expect(name).toBe(name.normalize('NFC'));
  });
  it('drops path syntax that names nothing, and falls back when nothing is left', () => {
    expect(safeDatasetName('../../../../tmp/recurrent-escape.csv')).toBe('tmp_recurrent-escape.csv');
    expect(safeDatasetName('./a//b.csv')).toBe('a_b.csv');
    expect(safeDatasetName('..')).toBe('upload.csv');
    expect(safeDatasetName('\u0000\u202E')).toBe('upload.csv');
  });
  it('removes C1 controls, line separators and lone surrogates', () => {
    expect(safeDatasetName('a\u0085b\u2028c\uD800d.csv')).toBe('abcd.csv');
  });
});
