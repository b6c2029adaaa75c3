// The ingestion fuzzer's parts, shared by the property test (test/data/ingest-fuzz.test.ts)
// and `npm run fuzz` (bench/fuzz.ts): seeded arbitraries for a valid CSV and for the byte
// mutations that break it, and the one check every outcome must pass — a valid series, or
// a DataError that names its line. Anything else (a RangeError, a TypeError, a parser's raw
// message wrapped as "could not be read") is a bug.
import fc from 'fast-check';
import { hasInvisible } from '../../../src/data/errors.ts';
import { DataError, ingestCsv } from '../../../src/data/ingest.ts';
import type {
  DuplicatePolicy,
  IngestOptions,
  MissingPolicy,
  NonFinitePolicy,
} from '../../../src/data/types.ts';

export interface FuzzCase {
  bytes: Buffer;
  options: IngestOptions;
}

const DAY_MS = 86_400_000;
const STEPS_MS = [DAY_MS, 3_600_000, 60_000, 7 * DAY_MS];

/** A well-formed CSV: a time column, a target "v", maybe a feature and an identifier. */
const validCsv = fc
  .record({
    rows: fc.integer({ min: 2, max: 40 }),
    startDay: fc.integer({ min: 0, max: 20_000 }),
    step: fc.constantFrom(...STEPS_MS),
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    lineEnding: fc.constantFrom('\n', '\r\n'),
    feature: fc.boolean(),
    identifiers: fc.integer({ min: 0, max: 3 }),
    timeFormat: fc.constantFrom<TimeFormat[]>('iso', 'epoch', 'slash', 'month-name'),
    values: fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 40, maxLength: 40 }),
  })
  .map((shape) => {
    const d = shape.delimiter;
    const header = [
      'date',
      'v',
      ...(shape.feature ? ['x'] : []),
      ...(shape.identifiers > 0 ? ['symbol'] : []),
    ];
    const lines = [header.join(d)];
    const groups = Math.max(1, shape.identifiers);
    for (let g = 0; g < groups; g++) {
      for (let i = 0; i < shape.rows; i++) {
        const ms = shape.startDay * DAY_MS + i * shape.step;
        const value = shape.values[(i + g) % shape.values.length]!;
        const cells = [writeTime(ms, shape.step % DAY_MS === 0, shape.timeFormat), String(value)];
        if (shape.feature) cells.push(String(i));
        if (shape.identifiers > 0) cells.push(`S${g}`);
        lines.push(cells.join(d));
      }
    }
    return lines.join(shape.lineEnding) + shape.lineEnding;
  });

type TimeFormat = 'iso' | 'epoch' | 'slash' | 'month-name';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// The time formats ingestion reads; a format without a clock falls back to ISO for sub-daily steps.
function writeTime(ms: number, daily: boolean, format: TimeFormat): string {
  const iso = new Date(ms).toISOString();
  if (format === 'epoch') return String(ms / 1000);
  if (!daily) return iso;
  const date = new Date(ms);
  const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  if (format === 'slash') return `${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}/${year}`;
  if (format === 'month-name') return `${MONTHS[month - 1]} ${day} ${year}`;
  return iso.slice(0, 10);
}

const HOSTILE_BYTES: readonly number[][] = [
  [0x00], // NUL
  [0xef, 0xbb, 0xbf], // a BOM, anywhere
  [0x1b], // ESC
  [0x07], // BEL
  [0x08], // backspace
  [0x1a], // SUB (DOS end of file)
  [0x7f], // DEL
  [0xff], // never valid in UTF-8
  [0xc3], // a lead byte with no continuation
  [0x80], // a continuation with no lead
  [0xe2, 0x80, 0xae], // U+202E right-to-left override
  [0x0d], // a lone CR
  [0x0a], // a lone LF
  [0x22], // a double quote
  [0x2c], // a comma
  [0x3b], // a semicolon
  [0x09], // a tab
];

const HUGE_CELLS = [
  '1e309',
  '-1e309',
  'Infinity',
  '-Infinity',
  'inf',
  '9'.repeat(400),
  '1e308',
  '-0',
  '1e-400',
];

type Mutation = (text: Buffer) => Buffer;

const insertBytes = fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE_BYTES)).map(
  ([at, bytes]): Mutation =>
    (b) =>
      splice(b, at % (b.length + 1), 0, Buffer.from(bytes)),
);

const deleteBytes = fc.tuple(fc.nat(), fc.integer({ min: 1, max: 8 })).map(
  ([at, count]): Mutation =>
    (b) =>
      splice(b, at % (b.length + 1), count, Buffer.alloc(0)),
);

const overwriteByte = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(
  ([at, byte]): Mutation =>
    (b) =>
      splice(b, at % (b.length + 1), 1, Buffer.from([byte])),
);

const deleteLine = fc.nat().map(
  (k): Mutation =>
    (b) =>
      onLines(b, (lines) => lines.splice(k % lines.length, 1)),
);

const duplicateLine = fc.nat().map(
  (k): Mutation =>
    (b) =>
      onLines(b, (lines) => lines.splice(k % lines.length, 0, lines[k % lines.length]!)),
);

const swapLines = fc.tuple(fc.nat(), fc.nat()).map(
  ([j, k]): Mutation =>
    (b) =>
      onLines(b, (lines) => {
        const [a, c] = [j % lines.length, k % lines.length];
        [lines[a], lines[c]] = [lines[c]!, lines[a]!];
      }),
);

const hugeNumber = fc.tuple(fc.nat(), fc.constantFrom(...HUGE_CELLS)).map(
  ([k, cell]): Mutation =>
    (b) =>
      Buffer.from(
        b.toString('latin1').replace(/-?\d+(\.\d+)?(e[-+]?\d+)?(?=[,;\t|\r\n]|$)/gi, (found, ...rest) => {
          const offset = rest[rest.length - 2] as number;
          return offset % 7 === k % 7 ? cell : found;
        }),
        'latin1',
      ),
);

const mixEndings = fc.tuple(fc.nat(), fc.constantFrom('\n', '\r\n', '\r')).map(
  ([k, ending]): Mutation =>
    (b) => {
      let seen = 0;
      return Buffer.from(
        b.toString('latin1').replace(/\r?\n/g, (found) => (seen++ % 3 === k % 3 ? ending : found)),
        'latin1',
      );
    },
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  insertBytes,
  deleteBytes,
  overwriteByte,
  deleteLine,
  duplicateLine,
  swapLines,
  hugeNumber,
  mixEndings,
);

const options: fc.Arbitrary<IngestOptions> = fc.record(
  {
    target: fc.constant('v'),
    missing: fc.constantFrom<MissingPolicy[]>('linear', 'ffill', 'drop', 'error'),
    duplicates: fc.constantFrom<DuplicatePolicy[]>('error', 'mean', 'last', 'sum'),
    nonFinite: fc.constantFrom<NonFinitePolicy[]>('error', 'missing'),
  },
  { requiredKeys: [] },
);

/** A valid CSV after 1 to 5 byte or line mutations, with random ingest options. */
export const mutatedCsv: fc.Arbitrary<FuzzCase> = fc
  .tuple(validCsv, fc.array(mutation, { minLength: 1, maxLength: 5 }), options)
  .map(([text, mutations, ingestOptions]) => ({
    bytes: mutations.reduce<Buffer>((bytes, mutate) => mutate(bytes), Buffer.from(text, 'latin1')),
    options: { ...ingestOptions, file: 'fuzz.csv' },
  }));

/**
 * Ingests one case and checks the outcome; throws (with the reason) when it breaks the
 * contract. Returns which of the two allowed outcomes happened.
 */
export async function checkIngestion(fuzz: FuzzCase): Promise<'series' | 'data-error'> {
  let result: Awaited<ReturnType<typeof ingestCsv>>;
  try {
    result = await ingestCsv(fuzz.bytes, fuzz.options);
  } catch (error) {
    checkDataError(error, fuzz.bytes);
    return 'data-error';
  }
  for (const series of result.series) {
    const { time, values, features } = series;
    for (let i = 0; i < time.length; i++) {
      if (!Number.isFinite(time[i]!)) throw new Error(`series "${series.id}": time ${i} is ${time[i]}`);
      if (i > 0 && !(time[i]! > time[i - 1]!))
        throw new Error(`series "${series.id}": times not increasing at ${i}`);
    }
    for (const column of [{ name: series.target, values }, ...features]) {
      if (column.values.length !== time.length)
        throw new Error(`column ${column.name}: ${column.values.length} values for ${time.length} times`);
      const bad = column.values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) throw new Error(`column ${column.name}: value ${bad} is ${column.values[bad]}`);
    }
  }
  if (result.series.length === 0) throw new Error('no series and no error');
  return 'series';
}

function checkDataError(error: unknown, bytes: Buffer): void {
  if (!(error instanceof DataError)) {
    const name = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new Error(`not a DataError: ${name}`);
  }
  // The catch-all for errors that are neither ours nor csv-parse's: an internal error in disguise.
  if (error.problem.startsWith('the input could not be read'))
    throw new Error(`an internal error leaked as a DataError: ${error.message}`);
  // "The file has a header but no data rows" points at line 2 of a one-line file: hence + 1.
  const lines = lineCount(bytes) + 1;
  if (error.line === undefined || !Number.isInteger(error.line) || error.line < 1 || error.line > lines)
    throw new Error(`a DataError without a usable line (${error.line}): ${error.message}`);
  if (/\n\s+at /.test(error.message)) throw new Error(`a stack in the message: ${error.message}`);
  // Several problems are listed one per line: each line, not the list, must be free of controls.
  if (error.message.split('\n').some(hasInvisible))
    throw new Error(`an unescaped control character in the message: ${JSON.stringify(error.message)}`);
}

function splice(bytes: Buffer, at: number, remove: number, insert: Buffer): Buffer {
  return Buffer.concat([bytes.subarray(0, at), insert, bytes.subarray(Math.min(bytes.length, at + remove))]);
}

// Line mutations on "\n"-separated lines (a CR stays with its line).
function onLines(bytes: Buffer, change: (lines: string[]) => void): Buffer {
  const lines = bytes.toString('latin1').split('\n');
  change(lines);
  return Buffer.from(lines.join('\n'), 'latin1');
}

// Lines as a person counts them: \r\n, \n and a lone \r each end one.
function lineCount(bytes: Buffer): number {
  let count = 1;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) count++;
  }
  return count;
}
