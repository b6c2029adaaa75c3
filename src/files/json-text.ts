// Parses JSON read from a file, turning a syntax error (usually a truncated or corrupt
// file) into a message that says which file and what to suspect.

export class InvalidJsonError extends Error {
  override readonly name = 'InvalidJsonError';
}

export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InvalidJsonError(`${what} is not valid JSON (truncated or corrupt?): ${(e as Error).message}`);
  }
}
