// Reading a model file's JSON, whichever kind of model it holds (one series' model or a
// global one): a missing, unreadable or truncated file is a ModelFileError that says which.
import { readFile } from 'node:fs/promises';
import { parseJsonText } from '../files/json-text.ts';

export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
}

/** A model file's JSON, of whichever kind: a missing or corrupt file throws a ModelFileError that says which. */
export async function readModelJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ModelFileError(
      `cannot read model file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  try {
    return parseJsonText(text, `model file ${path}`);
  } catch (e) {
    throw new ModelFileError((e as Error).message);
  }
}
