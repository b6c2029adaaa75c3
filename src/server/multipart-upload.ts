// One CSV file from a multipart/form-data body, held in memory (the bytes go to SQLite,
// never to a path). Two choices differ from multer's defaults:
// - part parameters are decoded as UTF-8, as browsers send them; busboy's latin-1 default
//   turns "données-日本語.csv" into "donnÃ©es-æ¥æ¬èª.csv";
// - the client's full file name is kept (busboy would keep only what follows the last "/"
//   or "\"), so the name sanitiser (dataset-name.ts) decides what a separator becomes.
// A body busboy cannot read — no boundary, a boundary that does not match, a body cut
// short, a malformed part header — is the client's malformed request: 400 with the reason,
// never a 500.
import type { RequestHandler } from 'express';
import multer, { MulterError } from 'multer';
import { HttpError } from './http-error.ts';

/** busboy's messages (plain Errors), in words that say what to fix. */
const BUSBOY_REASONS: Record<string, string> = {
  'Multipart: Boundary not found':
    'the Content-Type header names no boundary (expected multipart/form-data; boundary=…)',
  'Unexpected end of form':
    'the body ended before the closing boundary: it was cut short, or its boundary is not the one in the Content-Type header',
  'Unexpected end of file': 'the file part ended before its closing boundary: the body was cut short',
  'Malformed part header':
    'a part header is malformed (a control character such as NUL in the file name, or a header line without a colon)',
  'Malformed content type': 'the Content-Type header cannot be parsed',
  'Request aborted': 'the client stopped sending the body',
  'Request closed': 'the connection closed before the body ended',
};

/**
 * Parses a multipart body with one file in `field` (req.file), at most `limitBytes`.
 *
 * @example
 * handlers: [requireBody('multipart'), singleFileUpload('file', 50 * 2 ** 20), store]
 */
export function singleFileUpload(field: string, limitBytes: number): RequestHandler {
  const parse = multer({
    storage: multer.memoryStorage(),
    // One file and a few small fields (a forecast's "steps"): a body of thousands of parts
    // or megabyte-long fields is refused (400) instead of being held in memory.
    limits: { fileSize: limitBytes, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 21 },
    defParamCharset: 'utf8',
    preservePath: true,
  }).single(field);
  return (req, res, next) => {
    parse(req, res, (error?: unknown) => {
      if (!error || error instanceof MulterError || error instanceof HttpError) {
        next(error);
        return;
      }
      const message = (error as Error).message;
      next(
        new HttpError(400, `malformed multipart body: ${BUSBOY_REASONS[message] ?? message}`, {
          [field]: 'malformed multipart body',
        }),
      );
    });
  };
}
