// Errors across the thread boundary. A worker can post only plain data, so an error goes as
// its name, message and fields, and comes back as the same class: a DataError keeps its
// line, column and field, so the API answers exactly as when ingestion ran on the event loop.
// The training worker (src/forecast/fit-worker.ts) sends { name, message } the same way;
// `fields` is what this adds, for the typed errors a route maps to 400.
import { ConfigError, DataError, ModelFileError, PrepError } from '../../forecaster.ts';

export interface SerialisedError {
  name: string;
  message: string;
  /** The typed error's own fields (DataError: problem, file, line, column, field, value, hint). */
  fields?: Record<string, string | number | undefined>;
  /** A DataError's further problems in the same file, and how many went unlisted. */
  others?: SerialisedError[];
  unlisted?: number;
}

/** Plain data for postMessage; never the stack (it stays in the worker). */
export function serialiseError(error: unknown): SerialisedError {
  if (error instanceof DataError) {
    const { problem, file, line, column, field, value, hint, sheet } = error;
    return {
      name: error.name,
      message: error.message,
      fields: { problem, file, line, column, field, value, hint, sheet },
      others: error.others.map(serialiseError),
      unlisted: error.unlisted,
    };
  }
  if (error instanceof PrepError) {
    const { problem, field, hint } = error;
    return { name: error.name, message: error.message, fields: { problem, field, hint } };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/** The error serialiseError described, as its own class again where a route maps that class. */
export function reviveError(error: SerialisedError): Error {
  const revived = rebuild(error);
  // The worker's text is the truth, should a class ever compose its message from more fields.
  if (revived.message !== error.message) Object.defineProperty(revived, 'message', { value: error.message });
  return revived;
}

function rebuild(error: SerialisedError): Error {
  const f = error.fields ?? {};
  const text = (key: string) => (typeof f[key] === 'string' ? (f[key] as string) : undefined);
  const count = (key: string) => (typeof f[key] === 'number' ? (f[key] as number) : undefined);
  switch (error.name) {
    case 'DataError': {
      const others = (error.others ?? []).map(rebuild).filter((e) => e instanceof DataError);
      return new DataError(
        text('problem') ?? error.message,
        {
          file: text('file'),
          line: count('line'),
          column: count('column'),
          field: text('field'),
          value: text('value'),
          hint: text('hint') ?? '',
          sheet: text('sheet'),
        },
        { others, unlisted: error.unlisted ?? 0 },
      );
    }
    case 'PrepError':
      return new PrepError(text('problem') ?? error.message, {
        field: text('field'),
        hint: text('hint') ?? '',
      });
    case 'ConfigError':
      return new ConfigError(error.message);
    case 'ModelFileError':
      return new ModelFileError(error.message);
    default: {
      const other = new Error(error.message);
      other.name = error.name;
      return other;
    }
  }
}
