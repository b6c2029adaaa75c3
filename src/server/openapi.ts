// The OpenAPI 3 document served at /api/openapi.json, built from the same route table the
// app registers, so every route is in it; a JSON body's schema comes from the zod schema
// its route checks it with (route.bodySchema), so the document states the limits enforced;
// a JSON success response's schema is converted from the wire contract's (route.responseSchema),
// the schema the API tests parse real responses with.
import { toJsonSchema } from './json-schema.ts';
import type { ApiRoute } from './route.ts';
import { errorResponseSchema } from './wire.ts';

const errorSchema = toJsonSchema(errorResponseSchema);

export function openApiDocument(routes: readonly ApiRoute[]): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters = [
      ...[...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'integer', minimum: 1 },
      })),
      ...Object.entries(route.query ?? {}).map(([name, description]) => ({
        name,
        in: 'query',
        required: false,
        description,
        schema: { type: 'string' },
      })),
    ];
    const content = (type: string, schema: object = { type: 'object' }) => ({
      [type]: { schema: type === 'application/json' ? schema : { type: 'string' } },
    });
    const requestBody = route.body && {
      required: route.body !== 'json-or-multipart',
      content: {
        ...(route.body !== 'multipart' ? content('application/json', route.bodySchema) : {}),
        ...(route.body !== 'json'
          ? {
              'multipart/form-data': {
                schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
              },
            }
          : {}),
      },
    };
    const responses = Object.fromEntries(
      Object.entries(route.responses).map(([status, description]) => {
        const code = Number(status);
        if (code === 204) return [status, { description }];
        const type = code >= 400 ? 'application/json' : (route.produces ?? 'application/json');
        return [
          status,
          {
            description,
            content:
              code >= 400
                ? { 'application/json': { schema: errorSchema } }
                : content(type, route.responseSchema && toJsonSchema(route.responseSchema)),
          },
        ];
      }),
    );
    (paths[path] ??= {})[route.method] = {
      summary: route.summary,
      parameters,
      ...(requestBody ? { requestBody } : {}),
      responses,
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Recurrent',
      version: '1.0.0',
      description:
        'Time-series forecasting with recurrent networks: datasets, trainings, models, forecasts and the worked example.',
    },
    paths,
  };
}
