// Reads API responses as the wire contract (src/server/wire.ts) says they are: the zod
// schema parses each body, so a response that drifts from the contract fails the test
// that received it, and the test works with a typed value instead of `any`.
import { expect } from 'vitest';
import type { z } from 'zod';
import { trainingEventSchemas, trainingResponseSchema } from '../../src/server/wire.ts';
import type { Training, TrainingEventName } from '../../src/server/wire.ts';

/** The body of `response`, checked to have `status` and parsed with `schema`. */
export async function getJson<S extends z.ZodTypeAny>(
  schema: S,
  response: Response | Promise<Response>,
  status = 200,
): Promise<z.output<S>> {
  const r = await response;
  const body: unknown = await r.json();
  expect(r.status, JSON.stringify(body).slice(0, 500)).toBe(status);
  return schema.parse(body) as z.output<S>;
}

/** Polls a training's record, parsed with the contract, until the training ends. */
export async function waitForTraining(url: string, id: number, timeoutMs = 60_000): Promise<Training> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { training } = await getJson(trainingResponseSchema, fetch(`${url}/api/trainings/${id}`));
    if (['succeeded', 'failed', 'cancelled'].includes(training.status)) return training;
    if (Date.now() > deadline)
      throw new Error(`training ${id} still ${training.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export type TrainingEvent = {
  [K in TrainingEventName]: { event: K; data: z.output<(typeof trainingEventSchemas)[K]> };
}[TrainingEventName];

/** Reads a training's event stream to its end, each event's data parsed with the contract. */
export async function readTrainingEvents(url: string): Promise<TrainingEvent[]> {
  const text = await (await fetch(url)).text();
  return text
    .trim()
    .split('\n\n')
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] as TrainingEventName | undefined;
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event === undefined || !(event in trainingEventSchemas) || data === undefined)
        throw new Error(`not a training event: ${block}`);
      return { event, data: trainingEventSchemas[event].parse(JSON.parse(data)) } as TrainingEvent;
    });
}
