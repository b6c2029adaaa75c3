// /api/example: the worked example (yesterday and today → tomorrow) and the unrolled
// gradients, computed by the engine — the page only draws them.
import { runWorkedExample, unrollGradients } from '../../forecaster.ts';
import { HttpError } from '../http-error.ts';
import { numberQuery } from '../route.ts';
import type { ApiRoute } from '../route.ts';
import { exampleGradientsSchema, exampleResultSchema, exampleSeriesSchema } from '../wire.ts';
import type { ExampleGradients, ExampleResult, ExampleSeries } from '../wire.ts';

/** A short low/medium/high price series (scaled 0, 0.5, 1) for the predictions chart. */
const EXAMPLE_PRICES = [0, 0.5, 1, 1, 0.5, 0.5, 0, 0, 0.5, 1, 0.5, 0, 1, 1, 0.5];

function unitQuery(value: number | undefined, name: string): number {
  const v = value ?? 0;
  if (v < 0 || v > 1)
    throw new HttpError(400, `${name} must be between 0 and 1, got ${v}`, { [name]: 'outside 0..1' });
  return v;
}

export function exampleRoutes(): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/api/example',
      summary: 'The worked example for yesterday and today (0 low … 1 high)',
      query: { yesterday: '0..1', today: '0..1' },
      responses: { 200: 'every intermediate value', 400: 'a price outside 0..1' },
      responseSchema: exampleResultSchema,
      handlers: [
        (req, res) => {
          const result: ExampleResult = runWorkedExample(
            unitQuery(numberQuery(req, 'yesterday'), 'yesterday'),
            unitQuery(numberQuery(req, 'today'), 'today'),
          );
          res.json(result);
        },
      ],
    },
    {
      method: 'get',
      path: '/api/example/series',
      summary: 'Predictions of the worked example over a short low/medium/high series',
      responses: { 200: 'prices and predictions' },
      responseSchema: exampleSeriesSchema,
      handlers: [
        (_req, res) => {
          // Each consecutive (yesterday, today) pair but the last: the last price has no prediction.
          const predicted: number[] = [];
          let yesterday: number | undefined;
          for (const today of EXAMPLE_PRICES.slice(0, -1)) {
            if (yesterday !== undefined) predicted.push(runWorkedExample(yesterday, today).tomorrow);
            yesterday = today;
          }
          res.json({
            labels: ['low', 'medium', 'high'],
            prices: EXAMPLE_PRICES,
            predicted,
          } satisfies ExampleSeries);
        },
      ],
    },
    {
      method: 'get',
      path: '/api/example/gradients',
      summary: 'Per-step gradient norms of the unit unrolled over many steps',
      query: { w2: 'feedback weight', steps: '2..200 (default 50)', clip: 'clipping threshold (optional)' },
      responses: { 200: 'gradient norms per step', 400: 'bad query' },
      responseSchema: exampleGradientsSchema,
      handlers: [
        (req, res) => {
          const steps = numberQuery(req, 'steps') ?? 50;
          if (!Number.isInteger(steps) || steps < 2 || steps > 200)
            throw new HttpError(400, `steps must be a whole number from 2 to 200, got ${steps}`, {
              steps: 'out of range',
            });
          const clip = numberQuery(req, 'clip');
          if (clip !== undefined && !(clip > 0))
            throw new HttpError(400, `clip must be positive, got ${clip}`, { clip: 'not positive' });
          const gradients: ExampleGradients = unrollGradients({
            feedbackWeight: numberQuery(req, 'w2') ?? 0.5,
            steps,
            clipNorm: clip ?? null,
          });
          res.json(gradients);
        },
      ],
    },
  ];
}
