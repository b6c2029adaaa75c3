// The one error type the data layer throws: it says what was wrong, where (file, line,
// column, field) and what to do, so a CLI or server can show `message` and nothing else.

export interface DataErrorDetails {
  file?: string;
  /** 1-based line in the file (for a record spanning lines, the line it ends on). */
  line?: number;
  /** 1-based column (field position within the row). */
  column?: number;
  /** Column name from the header. */
  field?: string;
  /** The offending cell, as read. */
  value?: string;
  /** What the person should do about it. */
  hint: string;
}

export class DataError extends Error {
  override readonly name = 'DataError';
  readonly problem: string;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly field: string | undefined;
  readonly value: string | undefined;
  readonly hint: string;

  constructor(problem: string, details: DataErrorDetails) {
    super(composeMessage(problem, details));
    this.problem = problem;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.field = details.field;
    this.value = details.value;
    this.hint = details.hint;
  }

  /** Plain object for a JSON API answer; no stack. */
  toJSON(): Record<string, string | number | undefined> {
    const { problem, file, line, column, field, value, hint, message } = this;
    return { error: message, problem, file, line, column, field, value, hint };
  }
}

function describeLocation(details: Omit<DataErrorDetails, 'hint'>): string {
  const parts: string[] = [];
  if (details.file !== undefined) parts.push(details.file);
  if (details.line !== undefined) parts.push(`line ${details.line}`);
  if (details.column !== undefined) {
    parts.push(`column ${details.column}${details.field !== undefined ? ` ("${details.field}")` : ''}`);
  } else if (details.field !== undefined) {
    parts.push(`column "${details.field}"`);
  }
  return parts.join(', ');
}

/** " in series \"AAPL\"" for a long-format file, "" for a single series. */
export function seriesLabel(id: string): string {
  return id === '' ? '' : ` in series "${id}"`;
}

function composeMessage(problem: string, details: DataErrorDetails): string {
  const where = describeLocation(details);
  const sentence = problem.endsWith('.') ? problem : `${problem}.`;
  return showInvisible(`${where === '' ? '' : `${where}: `}${sentence} ${details.hint}`);
}

// C0 and C1 controls (tab aside), DEL, and the bidirectional controls (LRM, RLM, ALM, the
// embeddings, overrides and isolates): characters that cannot be seen, or that reorder or
// recolour what a terminal or page shows around them.
const INVISIBLE_CLASS =
  '[\\u0000-\\u0008\\u000a-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]';
const INVISIBLE_ALL = new RegExp(INVISIBLE_CLASS, 'g');
const INVISIBLE_ANY = new RegExp(INVISIBLE_CLASS);

/**
 * Text with every control and bidi-control character written as a visible escape, so an
 * error message quoting a hostile cell can neither send a terminal escape nor reverse itself.
 *
 * @example
 * showInvisible('\u001b[31m2'); // "\\u001b[31m2"
 */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** True when the text holds a character `showInvisible` would escape. */
export function hasInvisible(text: string): boolean {
  return INVISIBLE_ANY.test(text);
}
