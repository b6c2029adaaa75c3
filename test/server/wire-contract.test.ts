// The wire contract (src/server/wire.ts) against the served API: the OpenAPI document's
// response schemas are the contract's schemas converted, every JSON success response is
// documented with one, and the routes the other API tests do not reach (settings,
// schedules, runs, defaults, the worked example) send bodies the contract parses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { toJsonSchema } from '../../src/server/json-schema.ts';
import {
  allSeriesTrainingsResponseSchema,
  datasetListResponseSchema,
  datasetResponseSchema,
  defaultsResponseSchema,
  errorResponseSchema,
  exampleGradientsSchema,
  exampleResultSchema,
  exampleSeriesSchema,
  forecastResponseSchema,
  modelChartSchema,
  modelDetailSchema,
  modelListResponseSchema,
  pointsResponseSchema,
  runsResponseSchema,
  schedulesResponseSchema,
  settingsResponseSchema,
  summaryResponseSchema,
  trainingResponseSchema,
} from '../../src/server/wire.ts';
import { startTestServer } from '../support/test-server.ts';
import type { TestServer } from '../support/test-server.ts';
import { getJson } from '../support/wire-json.ts';

/** "method path status" → the contract's schema of that response. */
const CONTRACT: Record<string, z.ZodTypeAny> = {
  'get /api/datasets 200': datasetListResponseSchema,
  'post /api/datasets 200': datasetResponseSchema,
  'post /api/datasets 201': datasetResponseSchema,
  'post /api/datasets/{id}/layout 200': datasetResponseSchema,
  'get /api/datasets/{id} 200': datasetResponseSchema,
  'get /api/datasets/{id}/summary 200': summaryResponseSchema,
  'get /api/datasets/{id}/points 200': pointsResponseSchema,
  'get /api/datasets/{id}/defaults 200': defaultsResponseSchema,
  'get /api/models 200': modelListResponseSchema,
  'get /api/models/{id} 200': modelDetailSchema,
  'get /api/models/{id}/chart 200': modelChartSchema,
  'post /api/models/{id}/forecast 200': forecastResponseSchema,
  'post /api/trainings 202': trainingResponseSchema,
  'post /api/trainings/all-series 202': allSeriesTrainingsResponseSchema,
  'get /api/trainings/{id} 200': trainingResponseSchema,
  'post /api/trainings/{id}/cancel 202': trainingResponseSchema,
  'get /api/runs 200': runsResponseSchema,
  'get /api/settings 200': settingsResponseSchema,
  'get /api/schedules 200': schedulesResponseSchema,
  'get /api/example 200': exampleResultSchema,
  'get /api/example/series 200': exampleSeriesSchema,
  'get /api/example/gradients 200': exampleGradientsSchema,
};

/** JSON files sent as downloads: a model file's own format, not an API response. */
const DOWNLOADS = new Set(['get /api/models/{id}/file 200']);

interface OpenApiResponse {
  content?: Record<string, { schema: unknown }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, OpenApiResponse> }>>;
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

describe('the OpenAPI document and the wire contract', () => {
  it("documents every JSON response with the contract's schema", async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApiDocument;
    const documented = new Set<string>();
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(methods))
        for (const [status, response] of Object.entries(operation.responses)) {
          const json = response.content?.['application/json'];
          if (!json) continue;
          const key = `${method} ${path} ${status}`;
          if (DOWNLOADS.has(key)) continue;
          const expected = Number(status) >= 400 ? errorResponseSchema : CONTRACT[key];
          expect(expected, `${key} has no schema in the contract`).toBeDefined();
          if (expected) expect(json.schema, key).toEqual(toJsonSchema(expected));
          documented.add(key);
        }
    expect([...documented].filter((k) => !/ [45]\d\d$/.test(k)).sort()).toEqual(Object.keys(CONTRACT).sort());
  });
});

describe('responses the other API tests do not reach', () => {
  it('settings, schedules, runs, defaults and the worked example parse with the contract', async () => {
    const { url } = server;
    const { schema } = await getJson(settingsResponseSchema, fetch(`${url}/api/settings`));
    expect(schema.properties.horizonSteps?.type).toBe('integer');
    await getJson(schedulesResponseSchema, fetch(`${url}/api/schedules`));
    await getJson(runsResponseSchema, fetch(`${url}/api/runs`));
    const example = await getJson(exampleResultSchema, fetch(`${url}/api/example?yesterday=0&today=1`));
    expect(example.steps).toHaveLength(2);
    const series = await getJson(exampleSeriesSchema, fetch(`${url}/api/example/series`));
    expect(series.predicted).toHaveLength(series.prices.length - 2);
    const gradients = await getJson(
      exampleGradientsSchema,
      fetch(`${url}/api/example/gradients?w2=3&steps=200`),
    );
    expect(gradients.gradNorms).toHaveLength(200);
    const { datasets } = await getJson(datasetListResponseSchema, fetch(`${url}/api/datasets`));
    const seattle = datasets.find((d) => d.name === 'seattle-weather.csv');
    const { config } = await getJson(
      defaultsResponseSchema,
      fetch(`${url}/api/datasets/${seattle?.id}/defaults?target=temp_max&horizonSteps=7`),
    );
    expect(config.horizonSteps).toBe(7);
  });
});
