// The error preparation throws for a setting that cannot work with the data (a window
// longer than the series, fractions that leave nothing to train on), with what to change.

export class PrepError extends Error {
  override readonly name = 'PrepError';
  readonly problem: string;
  /** The option at fault, e.g. "windowLength". */
  readonly field: string | undefined;
  readonly hint: string;

  constructor(problem: string, details: { field?: string; hint: string }) {
    super(`${details.field === undefined ? '' : `${details.field}: `}${problem}. ${details.hint}`);
    this.problem = problem;
    this.field = details.field;
    this.hint = details.hint;
  }
}
