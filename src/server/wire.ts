// The wire contract: the JSON every /api route sends, as zod schemas with the TypeScript
// types inferred from them. The route builders return these types, the web pages import
// them type-only, the API tests parse real responses with the schemas, and the OpenAPI
// document's response schemas are converted from them (route.responseSchema). The files
// under wire/ import zod and nothing else, so the web type check can follow this import
// without pulling in the server's module graph.
export * from './wire/common.ts';
export * from './wire/datasets.ts';
export * from './wire/example.ts';
export * from './wire/models.ts';
export * from './wire/settings.ts';
export * from './wire/trainings.ts';
