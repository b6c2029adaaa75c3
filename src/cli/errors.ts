// Maps what can go wrong to a message and an exit code: bad data names file, line and
// column (exit 3), a bad model file says why (exit 4), a bad flag or config is a usage
// error (exit 2). Never a stack trace.
import { ConfigError, DataError, ModelFileError, NonFiniteError, PrepError } from '../forecaster.ts';
import { EXIT } from './exit-codes.ts';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof DataError || error instanceof PrepError) return EXIT.badInput;
  if (error instanceof ModelFileError) return EXIT.badModel;
  if (error instanceof UsageError || error instanceof ConfigError) return EXIT.usage;
  if (error instanceof NonFiniteError) return EXIT.failure;
  return EXIT.failure;
}

export function messageFor(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
