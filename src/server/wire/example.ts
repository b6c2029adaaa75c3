// /api/example responses: the worked example's intermediate values, its predictions over
// a short series, and the unrolled gradient norms.
import { z } from 'zod';

export const exampleResultSchema = z.object({
  weights: z.object({ w1: z.number(), w2: z.number(), b1: z.number(), w3: z.number(), b2: z.number() }),
  steps: z.array(
    z.object({ day: z.string(), input: z.number(), preActivation: z.number(), hidden: z.number() }),
  ),
  y1: z.number(),
  y2: z.number(),
  tomorrow: z.number(),
});

export const exampleSeriesSchema = z.object({
  labels: z.array(z.string()),
  prices: z.array(z.number()),
  predicted: z.array(z.number()),
});

/** A norm can overflow to Infinity over many steps with a large feedback weight. */
export const exampleGradientsSchema = z.object({
  feedbackWeight: z.number(),
  steps: z.number().int(),
  gradNorms: z.array(z.number().nullable()),
  parameterGradNorm: z.number().nullable(),
  clipScale: z.number().nullable(),
});

export type ExampleResult = z.infer<typeof exampleResultSchema>;
export type ExampleSeries = z.infer<typeof exampleSeriesSchema>;
export type ExampleGradients = z.infer<typeof exampleGradientsSchema>;
