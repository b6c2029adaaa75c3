// The column the training form proposes to forecast: the one an analyst usually means. A
// price file's open/high/low/close is forecast on its close, a sales file on its sales;
// otherwise the last numeric column, where a value usually sits after its descriptors.

/** Names an analyst forecasts, best first; compared without case, spaces, dashes or underscores. */
const PREFERRED_TARGETS = ['close', 'price', 'value', 'sales', 'adjclose', 'amount', 'demand', 'y'];

/** "Adj Close", "adj_close" and "adjclose" are one name. */
const normalise = (name: string): string => name.toLowerCase().replace(/[\s_-]+/g, '');

/**
 * @param numericColumns the dataset's numeric columns, in file order
 * @returns the preferred column, or the last numeric one; '' when there is none
 * @example
 * defaultTarget(['open', 'high', 'low', 'close', 'volume']); // 'close'
 * defaultTarget(['precipitation', 'temp_max', 'temp_min', 'wind']); // 'wind'
 */
export function defaultTarget(numericColumns: readonly string[]): string {
  for (const wanted of PREFERRED_TARGETS) {
    const found = numericColumns.find((name) => normalise(name) === wanted);
    if (found !== undefined) return found;
  }
  return numericColumns.at(-1) ?? '';
}
