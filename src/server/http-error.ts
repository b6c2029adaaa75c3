// Errors as HTTP answers: what was wrong (and, for bad input, which field), as JSON, with
// the right status — 400, 404, 409, 413, 415, 429, 503, 507 — and never a stack trace. A
// request the server cannot read is the client's mistake: it gets a 4xx naming what was
// wrong, never a 500.
import type { ErrorRequestHandler } from 'express';
import { MulterError } from 'multer';
import type { z } from 'zod';
import { ConfigError, DataError, ModelFileError, PrepError } from '../forecaster.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string>,
    /** Extra response headers, e.g. Retry-After on a 429 or 503. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what: string): HttpError => new HttpError(404, `${what} not found`);

/** Parses with a zod schema, turning failures into a 400 with one message per field. */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    // A misspelt field is named itself, so the person sees which key to fix.
    if (issue.code === 'unrecognized_keys')
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] ??= `not a field of a ${what}`;
    else fields[issue.path.join('.') || what] ??= issue.message;
  }
  throw new HttpError(
    400,
    `invalid ${what}: ${Object.entries(fields)
      .map(([f, m]) => `${f}: ${m}`)
      .join('; ')}`,
    fields,
  );
}

/** The status and body for any error a route lets through. */
function describeError(error: unknown): {
  status: number;
  body: { error: string; fields?: Record<string, string> };
  headers?: Record<string, string>;
} {
  if (error instanceof HttpError)
    return {
      status: error.status,
      body: { error: error.message, fields: error.fields },
      headers: error.headers,
    };
  if (error instanceof MulterError) {
    const status = error.code === 'LIMIT_FILE_SIZE' ? 413 : 400;
    return {
      status,
      body: {
        error:
          error.code === 'LIMIT_FILE_SIZE'
            ? 'the file is larger than the upload limit'
            : `upload rejected: ${error.message}${error.field ? ` (field "${error.field}")` : ''}`,
      },
    };
  }
  const e = error as { type?: string; status?: number; expose?: boolean; message?: string };
  if (e.type === 'entity.too.large')
    return { status: 413, body: { error: 'the request body is larger than the limit' } };
  if (e.type === 'entity.parse.failed')
    return { status: 400, body: { error: `the request body is not valid JSON: ${e.message}` } };
  // body-parser (an unknown charset or content encoding, a corrupt gzip body) and Express's
  // router (a path parameter that is not valid percent-encoding) mark the client's mistakes
  // with a 4xx status in the http-errors style; `expose: false` would mean the text is internal.
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.expose !== false)
    return { status: e.status, body: { error: `the request could not be read: ${e.message}` } };
  if (
    error instanceof DataError ||
    error instanceof PrepError ||
    error instanceof ConfigError ||
    error instanceof ModelFileError
  ) {
    return { status: 400, body: { error: (error as Error).message } };
  }
  return { status: 500, body: { error: 'internal error; the server log has the details' } };
}

export const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  const { status, body, headers } = describeError(error);
  if (status === 500) console.error(error);
  if (headers) res.set(headers);
  res.status(status).json(body);
};
