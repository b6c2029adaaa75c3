// A route of the JSON API together with its OpenAPI description: registering routes from
// one table means the served document can never miss one.
import type { Request, RequestHandler } from 'express';
import type { z } from 'zod';
import { HttpError } from './http-error.ts';
import type { JsonSchema } from './json-schema.ts';

export type BodyKind = 'json' | 'multipart' | 'json-or-multipart';

export interface ApiRoute {
  method: 'get' | 'post' | 'delete';
  /** Express path, e.g. /api/models/:id */
  path: string;
  summary: string;
  query?: Record<string, string>;
  body?: BodyKind;
  /** The JSON body's schema for the API document, converted from the zod schema that checks it. */
  bodySchema?: JsonSchema;
  /** Status → what it means. */
  responses: Record<number, string>;
  /** The wire contract's schema (wire.ts) of the JSON success response; the document converts it. */
  responseSchema?: z.ZodTypeAny;
  /** The response is not JSON (an event stream, a CSV, a file download). */
  produces?: string;
  handlers: RequestHandler[];
}

/** A positive whole-number path parameter, else 400. */
export function idParam(req: Request, name = 'id'): number {
  const raw = req.params[name];
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 1)
    throw new HttpError(400, `${name} must be a positive whole number, got "${String(raw)}"`, {
      [name]: 'not a positive whole number',
    });
  return id;
}

/** 415 unless the request body (if any) is of an accepted media type. */
export function requireBody(kind: BodyKind, optional = false): RequestHandler {
  const accepted =
    kind === 'json'
      ? ['application/json']
      : kind === 'multipart'
        ? ['multipart/form-data']
        : ['application/json', 'multipart/form-data'];
  return (req, _res, next) => {
    const hasBody =
      (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') ||
      req.headers['transfer-encoding'] !== undefined;
    if (optional && !hasBody) {
      next();
      return;
    }
    if (!req.is(accepted)) {
      next(
        new HttpError(
          415,
          `expected a body of type ${accepted.join(' or ')}, got ${req.headers['content-type'] ?? 'none'}`,
        ),
      );
      return;
    }
    next();
  };
}

/** Query parameter as a finite number, or undefined when absent; 400 when not a number. */
export function numberQuery(req: Request, name: string): number | undefined {
  const raw = req.query[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(n))
    throw new HttpError(400, `query ${name} must be a number, got "${String(raw)}"`, {
      [name]: 'not a number',
    });
  return n;
}

export function stringQuery(req: Request, name: string): string | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string')
    throw new HttpError(400, `query ${name} must be given once`, { [name]: 'given more than once' });
  return raw;
}
