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
  /** The worksheet of an Excel workbook: the location then reads "sheet Data, row 12, column C". */
  sheet?: string;
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
  readonly sheet: string | undefined;
  /**
   * Further problems found in the same input (this error is the first), so a person can fix
   * them all in one go; at most MAX_LISTED_PROBLEMS in all, `unlisted` counts the rest.
   */
  readonly others: readonly DataError[];
  readonly unlisted: number;

  constructor(
    problem: string,
    details: DataErrorDetails,
    more: { others?: DataError[]; unlisted?: number } = {},
  ) {
    const others = more.others ?? [];
    const unlisted = more.unlisted ?? 0;
    super(composeMessage(problem, details) + listOthers(details.hint, others, unlisted));
    this.problem = problem;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.field = details.field;
    this.value = details.value;
    this.hint = details.hint;
    this.sheet = details.sheet;
    this.others = others;
    this.unlisted = unlisted;
  }

  /** This problem alone, as plain details (no others). */
  get details(): DataErrorDetails {
    const { file, line, column, field, value, hint, sheet } = this;
    return { file, line, column, field, value, hint, sheet };
  }

  /** Every problem this error stands for: itself, then the others. */
  get all(): DataError[] {
    return [this, ...this.others];
  }

  /** Plain object for a JSON API answer; no stack. */
  toJSON(): Record<string, string | number | undefined> {
    const { problem, file, line, column, field, value, hint, message } = this;
    return { error: message, problem, file, line, column, field, value, hint };
  }
}

/** How many problems one error lists at most; the count of the rest is given. */
export const MAX_LISTED_PROBLEMS = 20;

/**
 * One DataError standing for several (the first, with the rest as `others`), or the only one.
 *
 * @example
 * throw combineErrors([badCell, otherBadCell], 0); // message: both, one per line
 */
export function combineErrors(errors: readonly DataError[], unlisted = 0): DataError {
  const flat = errors.flatMap((e) => e.all);
  const [first, ...rest] = flat;
  if (first === undefined) throw new Error('combineErrors needs at least one error');
  const shown = rest.slice(0, MAX_LISTED_PROBLEMS - 1);
  const more = unlisted + errors.reduce((n, e) => n + e.unlisted, 0) + rest.length - shown.length;
  if (shown.length === 0 && more === 0) return first;
  return new DataError(first.problem, first.details, { others: shown, unlisted: more });
}

/**
 * Gathers the problems of one stage of reading (up to MAX_LISTED_PROBLEMS, counting the
 * rest) and throws them together, so a file with five bad cells is fixed in one round.
 */
export class ProblemList {
  private readonly errors: DataError[] = [];
  private unlisted = 0;

  add(error: DataError): void {
    if (this.errors.length < MAX_LISTED_PROBLEMS) this.errors.push(error);
    else this.unlisted++;
  }

  /** There are more problems than were looked at (a column stopped listing its bad cells). */
  addUncounted(): void {
    this.unlisted = Math.max(this.unlisted, 1);
  }

  get count(): number {
    return this.errors.length + this.unlisted;
  }

  get full(): boolean {
    return this.errors.length >= MAX_LISTED_PROBLEMS;
  }

  /** One DataError listing the problems gathered and then `last` (a problem that stopped reading). */
  endedBy(last: DataError): DataError {
    return combineErrors([...this.errors, last], this.unlisted);
  }

  /** Throws one DataError listing every problem gathered, if there is any. */
  throwIfAny(): void {
    if (this.errors.length > 0) throw combineErrors(this.errors, this.unlisted);
  }
}

// The first problem is given in full; each further one on its own line, its hint only when
// it says something the hints above did not.
function listOthers(firstHint: string, others: readonly DataError[], unlisted: number): string {
  if (others.length === 0 && unlisted === 0) return '';
  const hints = new Set([firstHint]);
  const lines = others.map((e) => {
    const where = describeLocation(e.details);
    const sentence = e.problem.endsWith('.') ? e.problem : `${e.problem}.`;
    const hint = hints.has(e.hint) ? '' : ` ${e.hint}`;
    hints.add(e.hint);
    return showInvisible(`${where === '' ? '' : `${where}: `}${sentence}${hint}`);
  });
  const listed = 1 + others.length;
  const footer =
    unlisted > 0 ? `The first ${listed} problems are listed; there are more.` : `${listed} problems in all.`;
  return `\n${[...lines, footer].join('\n')}`;
}

function describeLocation(details: Omit<DataErrorDetails, 'hint'>): string {
  const parts: string[] = [];
  if (details.file !== undefined) parts.push(details.file);
  if (details.sheet !== undefined) {
    parts.push(`sheet ${details.sheet}`);
    if (details.line !== undefined) parts.push(`row ${details.line}`);
    if (details.column !== undefined) {
      const letter = columnLetter(details.column);
      parts.push(`column ${letter}${details.field !== undefined ? ` (${details.field})` : ''}`);
    } else if (details.field !== undefined) {
      parts.push(`column "${details.field}"`);
    }
    return parts.join(', ');
  }
  if (details.line !== undefined) parts.push(`line ${details.line}`);
  if (details.column !== undefined) {
    parts.push(`column ${details.column}${details.field !== undefined ? ` ("${details.field}")` : ''}`);
  } else if (details.field !== undefined) {
    parts.push(`column "${details.field}"`);
  }
  return parts.join(', ');
}

/**
 * A spreadsheet's column letters for a 1-based column number.
 *
 * @example
 * columnLetter(3); // "C"
 * columnLetter(28); // "AB"
 */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
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
