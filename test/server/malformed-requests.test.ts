// Malformed requests against the real app answer 4xx with a reason, never 500: multipart
// bodies busboy cannot read, a forecast longer than the model was calibrated for, bodies
// the JSON parser refuses, paths that are not valid percent-encoding — and a sweep over
// every route of /api/openapi.json with absurd ids, query values and bodies.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetResponseSchema, errorResponseSchema, trainingResponseSchema } from '../../src/server/wire.ts';
import { multipartBody, rawRequest } from '../support/raw-http.ts';
import { startTestServer } from '../support/test-server.ts';
import type { TestServer } from '../support/test-server.ts';
import { getJson, waitForTraining } from '../support/wire-json.ts';

const CSV = 'date,value\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n';
const UPLOAD = 'POST /api/datasets HTTP/1.1';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ datasetsDir: null });
});
afterAll(async () => {
  await server.stop();
});

/** The answer must be a 4xx whose JSON error matches `reason`. */
function expectRefused(r: { status: number; body: string }, status: number, reason: RegExp): void {
  expect(r.status, r.body).toBe(status);
  const body = errorResponseSchema.parse(JSON.parse(r.body));
  expect(body.error).toMatch(reason);
}

describe('multipart bodies busboy cannot read → 400 with the reason', () => {
  it('no boundary in the Content-Type', async () => {
    const r = await rawRequest(
      server.url,
      `${UPLOAD}\r\nContent-Type: multipart/form-data`,
      multipartBody('b', 'filename="a.csv"', CSV),
    );
    expectRefused(r, 400, /multipart.*no boundary/);
  });
  it('a boundary that is not the one the body uses', async () => {
    const r = await rawRequest(
      server.url,
      `${UPLOAD}\r\nContent-Type: multipart/form-data; boundary=other`,
      multipartBody('b', 'filename="a.csv"', CSV),
    );
    expectRefused(r, 400, /multipart.*closing boundary/);
  });
  it('a body cut short before its closing boundary', async () => {
    const whole = multipartBody('b', 'filename="a.csv"', CSV);
    const r = await rawRequest(
      server.url,
      `${UPLOAD}\r\nContent-Type: multipart/form-data; boundary=b`,
      whole.subarray(0, whole.length - 20),
    );
    expectRefused(r, 400, /multipart.*cut short/);
  });
  it('a NUL byte in the part header’s file name', async () => {
    const r = await rawRequest(
      server.url,
      `${UPLOAD}\r\nContent-Type: multipart/form-data; boundary=b`,
      multipartBody('b', 'filename="a\u0000b.csv"', CSV),
    );
    expectRefused(r, 400, /multipart.*part header is malformed/);
  });
  it('a body of many parts, or a file in an unexpected field', async () => {
    const many = new FormData();
    for (let i = 0; i < 30; i++) many.append(`field${i}`, 'x');
    many.append('file', new Blob([CSV], { type: 'text/csv' }), 'a.csv');
    const tooMany = await fetch(`${server.url}/api/datasets`, { method: 'POST', body: many });
    expectRefused(
      { status: tooMany.status, body: await tooMany.text() },
      400,
      /upload rejected: too many fields/i,
    );
    const elsewhere = new FormData();
    elsewhere.append('upload', new Blob([CSV], { type: 'text/csv' }), 'a.csv');
    const unexpected = await fetch(`${server.url}/api/datasets`, { method: 'POST', body: elsewhere });
    expectRefused(
      { status: unexpected.status, body: await unexpected.text() },
      400,
      /upload rejected: Unexpected file field \(field "upload"\)/,
    );
  });
  it('the same on a forecast with a new CSV', async () => {
    const r = await rawRequest(
      server.url,
      'POST /api/models/1/forecast HTTP/1.1\r\nContent-Type: multipart/form-data',
      multipartBody('b', 'filename="a.csv"', CSV),
    );
    expectRefused(r, 400, /multipart.*no boundary/);
  });
});

describe('bodies and paths the parsers refuse → 4xx', () => {
  it('a JSON body in a charset the parser does not know → 415', async () => {
    const r = await rawRequest(
      server.url,
      'POST /api/trainings HTTP/1.1\r\nContent-Type: application/json; charset=latin-9',
      '{}',
    );
    expectRefused(r, 415, /charset/);
  });
  it('a gzip body that is not gzip → 400', async () => {
    const r = await rawRequest(
      server.url,
      'POST /api/trainings HTTP/1.1\r\nContent-Type: application/json\r\nContent-Encoding: gzip',
      'not gzip',
    );
    expectRefused(r, 400, /could not be read/);
  });
  it('a path parameter that is not valid percent-encoding → 400', async () => {
    const r = await fetch(`${server.url}/api/datasets/%E0%A4%A`);
    expect(r.status).toBe(400);
    expect(errorResponseSchema.parse(await r.json()).error).toMatch(/decode/);
  });
});

describe('a forecast longer than the model was calibrated for', () => {
  it('→ 400 saying the most steps the model forecasts', async () => {
    const lines = (await readFile(new URL('../../datasets/seattle-weather.csv', import.meta.url), 'utf8'))
      .split('\n')
      .slice(0, 200)
      .join('\n');
    const form = new FormData();
    form.append('file', new Blob([lines], { type: 'text/csv' }), 'seattle.csv');
    const { dataset } = await getJson(
      datasetResponseSchema,
      fetch(`${server.url}/api/datasets`, { method: 'POST', body: form }),
      201,
    );
    const { training } = await getJson(
      trainingResponseSchema,
      fetch(`${server.url}/api/trainings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          datasetId: dataset.id,
          target: 'temp_max',
          horizonSteps: 3,
          maxEpochs: 1,
          hiddenSize: 4,
        }),
      }),
      202,
    );
    const { modelId } = await waitForTraining(server.url, training.id);
    const forecast = (steps: number) =>
      fetch(`${server.url}/api/models/${modelId}/forecast`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ steps }),
      });
    for (const steps of [4, 10_000]) {
      const body = await getJson(errorResponseSchema, forecast(steps), 400);
      expect(body.error).toMatch(/at most 3 steps/);
      expect(body.fields?.steps).toBe('at most 3');
    }
    expect((await forecast(3)).status).toBe(200);
    // The same with a new CSV sent along.
    const withFile = new FormData();
    withFile.append('steps', '5');
    withFile.append('file', new Blob([lines], { type: 'text/csv' }), 'newer.csv');
    const body = await getJson(
      errorResponseSchema,
      fetch(`${server.url}/api/models/${modelId}/forecast`, { method: 'POST', body: withFile }),
      400,
    );
    expect(body.error).toMatch(/at most 3 steps/);
  });
});

describe('every route of /api/openapi.json, probed', () => {
  it('answers absurd ids, query values and bodies with a 4xx (or a success), never a 5xx', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    const ids = [
      '0',
      '-1',
      'abc',
      '1.5',
      '1e3',
      '99999999999999999999',
      '9'.repeat(400),
      '%00',
      '%E2%80%AE',
      '..%2F..',
    ];
    const values = ['', 'abc', 'NaN', '1e400', '-1', '__proto__', 'constructor', '%00'];
    const bodies = [
      '{',
      '[]',
      'null',
      '"x"',
      '{"datasetId":"1"}',
      '{"datasetId":1e308,"target":"x"}',
      '{"steps":-1}',
      '{"steps":"3"}',
      '{"steps":100}',
      '{"__proto__":{"x":1}}',
      '{"datasetId":1,"target":{"a":1}}',
    ];
    const failures: string[] = [];
    const probe = async (method: string, path: string, body?: string) => {
      const r = await fetch(`${server.url}${path}`, {
        method: method.toUpperCase(),
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body,
      });
      const text = await r.text();
      if (r.status >= 500)
        failures.push(`${r.status} ${method} ${path} ${body ?? ''}: ${text.slice(0, 200)}`);
    };
    let probes = 0;
    for (const [template, operations] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(operations)) {
        const at = (id: string) => template.replace(/\{[A-Za-z]+\}/g, id);
        for (const id of ids) {
          await probe(method, at(id));
          probes++;
        }
        for (const { name } of (operation.parameters ?? []).filter((p) => p.in === 'query'))
          for (const value of values) {
            await probe(method, `${at('1')}?${name}=${value}&${name}=${value}`);
            await probe(method, `${at('1')}?${name}=${value}`);
            probes += 2;
          }
        if (method === 'post') {
          for (const body of bodies) {
            await probe(method, at('1'), body);
            probes++;
          }
          const r = await fetch(`${server.url}${at('1')}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json; charset=latin-9' },
            body: '{}',
          });
          if (r.status >= 500) failures.push(`${r.status} ${method} ${at('1')} in latin-9`);
        }
      }
    expect(probes).toBeGreaterThan(300);
    expect(failures).toEqual([]);
  });
});
