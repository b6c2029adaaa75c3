// Our own cell casting, applied to every row (never a sample, see docs/lessons.md #11): a strict
// decimal number reader, and the tokens that mean "missing".

const MISSING_TOKENS = new Set([
  'NA',
  'na',
  'N/A',
  'n/a',
  'NaN',
  'nan',
  'NAN',
  'null',
  'NULL',
  'Null',
  'None',
  '-',
  '?',
]);

const INFINITIES = new Map([
  ['Infinity', Infinity],
  ['+Infinity', Infinity],
  ['-Infinity', -Infinity],
  ['inf', Infinity],
  ['+inf', Infinity],
  ['-inf', -Infinity],
  ['Inf', Infinity],
  ['+Inf', Infinity],
  ['-Inf', -Infinity],
]);

export function isMissingCell(cell: string): boolean {
  const n = cell.length;
  if (n === 0 || (n <= 4 && MISSING_TOKENS.has(cell))) return true;
  // Only a cell with surrounding blanks can still be a token ("  NA ").
  if (cell.charCodeAt(0) > 32 && cell.charCodeAt(n - 1) > 32) return false;
  const trimmed = cell.trim();
  return trimmed.length === 0 || MISSING_TOKENS.has(trimmed);
}

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * A decimal number such as `12`, `-0.5`, `.5`, `1e-3`, `Infinity`; NaN when the cell is not
 * one. Stricter than Number(): no hex/binary/octal, and a blank cell is not 0.
 */
export function castNumber(cell: string): number {
  // Plain decimals of up to 15 digits, the bulk of any CSV, are read here: mantissa / 10^k
  // with both exact is the correctly rounded double, the same as Number() gives, but faster.
  const n = cell.length;
  const negative = cell.charCodeAt(0) === 45;
  let mantissa = 0;
  let digits = 0;
  let point = -1;
  for (let i = negative || cell.charCodeAt(0) === 43 ? 1 : 0; i < n; i++) {
    const code = cell.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + code - 48;
      digits++;
    } else if (code === 46 && point < 0) {
      point = digits;
    } else {
      return castUnusualNumber(cell);
    }
  }
  if (digits === 0) return NaN;
  if (digits > 15) return +cell;
  const value = point < 0 ? mantissa : mantissa / POW10[digits - point]!;
  return negative ? -value : value;
}

// Exponents, infinities, surrounding blanks; and what Number() accepts but a CSV must not.
function castUnusualNumber(cell: string): number {
  const first = cell.charCodeAt(0);
  if (first <= 32 || cell.charCodeAt(cell.length - 1) <= 32) {
    // trim() removes blanks but keeps control characters (NUL, BEL, ESC, \x08, \x1a…). Such a
    // cell is not a number: a control byte beside digits means damaged or binary input, and
    // reading "\x1b2" as 2 would be a guess, so the column's first such cell becomes a
    // "not a number" DataError with its line and column. Only a strictly shorter cell is
    // read again, so this recursion always ends.
    const trimmed = cell.trim();
    return trimmed.length === 0 || trimmed.length === cell.length ? NaN : castNumber(trimmed);
  }
  // "0x1f", "0b11", "0o17" are numbers to Number() but not to a CSV reader.
  if (first === 48 && cell.length > 1) {
    const second = cell.charCodeAt(1) | 32;
    if (second === 120 || second === 98 || second === 111) return NaN;
  }
  const value = +cell;
  return value === value ? value : (INFINITIES.get(cell) ?? NaN);
}
