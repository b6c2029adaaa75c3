// The error training raises when a loss or gradient stops being a finite number: it names
// the epoch, the parameter tensor and an input window so the cause can be found (docs/lessons.md #6).

export class NonFiniteError extends Error {
  override readonly name = 'NonFiniteError';
  constructor(
    readonly epoch: number,
    readonly quantity: 'loss' | 'gradient' | 'input' | 'target',
    readonly parameter: string | null,
    readonly windowIndex: number | null,
    detail: string,
  ) {
    super(detail);
  }
}
