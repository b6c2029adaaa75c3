// Pieces every response shares. JSON has no NaN or Infinity: JSON.stringify writes a
// non-finite number as null, so any number that can be non-finite is `nullable` here.
// Like every file of the wire contract, it imports zod only, so the web type check can
// import the contract's types without the server's module graph.
import { z } from 'zod';

/** A number that may be NaN or ±Infinity on the server, hence null over the wire. */
export const maybeNumber = z.number().nullable();

/** An ISO 8601 time as the store writes it. */
export const isoTime = z.string();

/** Every 4xx and 5xx: the message, and one message per offending field when there are any. */
export const errorResponseSchema = z.object({
  error: z.string(),
  fields: z.record(z.string()).optional(),
});
