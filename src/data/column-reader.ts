// Everything one CSV column tells us, gathered cell by cell over all rows: whether every
// present cell is a number, a timestamp or neither (with the first cell that says no), and
// the values themselves, stored only for the columns the caller will use.
import { GrowableArray } from './growable-array.ts';
import { castNumber, isMissingCell } from './cast.ts';
import {
  describeIsoLike,
  parseIsoLike,
  parseMonthName,
  slashDateToMs,
  splitSlashDate,
} from './time-parse.ts';
import type { DateOrder } from './types.ts';

export interface CellFailure {
  line: number;
  value: string;
}

export interface ColumnPlan {
  keepNumbers: boolean;
  keepText: boolean;
  /**
   * Keep text codes if the column turns out to hold text from its first value on: it may be
   * the series id of a long-format file (id-column.ts), given up past CANDIDATE_MAX_VALUES.
   */
  idCandidate?: boolean;
}

type TimeFamily = 'iso' | 'month-name' | 'slash';

/** Identifier columns with more distinct values than this are not treated as identifiers. */
export const MAX_IDENTIFIERS = 100_000;

/** A column with more distinct values than this is not proposed as a series id. */
export const CANDIDATE_MAX_VALUES = 10_000;

/** Bad cells remembered per column, for a list of located errors. */
export const FAILURES_KEPT = 20;

export class ColumnReader {
  missing = 0;
  present = 0;
  nonFinite = 0;
  /** First Infinity, 1e309 or overflowing integer: an error unless the policy reads it as missing. */
  firstNonFinite: CellFailure | null = null;
  isNumber = true;
  firstNonNumber: CellFailure | null = null;
  /** The first FAILURES_KEPT cells that are not numbers (the first is firstNonNumber). */
  readonly nonNumbers: CellFailure[] = [];
  /** More cells than nonNumbers holds are not numbers. */
  moreNonNumbers = false;
  isTime = true;
  firstNonTime: CellFailure | null = null;
  /** The first FAILURES_KEPT cells that are not timestamps in the column's format, once it has one. */
  readonly nonTimes: CellFailure[] = [];
  /** More cells than nonTimes holds are not timestamps. */
  moreNonTimes = false;
  timeFormat = '';
  /** First slash date that cannot be month-first (or day-first). */
  notMdy: CellFailure | null = null;
  notDmy: CellFailure | null = null;
  firstSlash: CellFailure | null = null;
  tooManyIdentifiers = false;

  private numbers: GrowableArray<Float64Array> | null;
  private family: TimeFamily | null = null;
  private times: GrowableArray<Float64Array> | null = null;
  private timesDmy: GrowableArray<Float64Array> | null = null;
  private codes: GrowableArray<Int32Array> | null;
  private readonly dictionary = new Map<string, number>();
  private readonly idCandidate: boolean;
  private dictionaryLimit = MAX_IDENTIFIERS;

  /** capacity: expected rows, when known, so storage is allocated once. */
  constructor(
    readonly name: string,
    readonly index: number,
    plan: ColumnPlan,
    private readonly capacity?: number,
  ) {
    this.numbers = plan.keepNumbers ? new GrowableArray(Float64Array, capacity) : null;
    this.codes = plan.keepText ? new GrowableArray(Int32Array, capacity) : null;
    this.idCandidate = plan.idCandidate === true && !plan.keepText;
  }

  read(cell: string, line: number): void {
    if (this.isNumber) {
      const value = castNumber(cell);
      if (value === value) {
        this.present++;
        if (value === Infinity || value === -Infinity) {
          this.nonFinite++;
          this.firstNonFinite ??= { line, value: cell };
        }
        this.numbers?.push(value);
        if (this.isTime) this.failTime(cell, line);
        else if (this.family !== null) this.noteNonTime(cell, line);
        if (this.codes !== null) this.pushText(cell);
        return;
      }
    }
    if (isMissingCell(cell)) {
      this.missing++;
      this.numbers?.push(NaN);
      this.times?.push(NaN);
      this.timesDmy?.push(NaN);
      this.codes?.push(-1);
      return;
    }
    this.present++;
    if (this.isNumber) {
      this.isNumber = false;
      this.firstNonNumber = { line, value: cell };
      this.nonNumbers.push(this.firstNonNumber);
      this.numbers = null;
    } else if (!this.moreNonNumbers) {
      const value = castNumber(cell);
      if (value !== value) {
        if (this.nonNumbers.length < FAILURES_KEPT) this.nonNumbers.push({ line, value: cell });
        else this.moreNonNumbers = true;
      }
    }
    if (this.isTime) this.readTime(cell.trim(), line);
    else if (this.family !== null) this.noteNonTime(cell, line);
    // Text from the first value on: keep its codes, it may be a series id.
    if (this.idCandidate && this.present === 1 && !this.isTime) this.startCandidate();
    if (this.codes !== null) this.pushText(cell);
  }

  /** True while the column keeps text codes only as a possible series id. */
  get isIdCandidate(): boolean {
    return this.idCandidate && this.codes !== null && !this.isNumber && !this.isTime;
  }

  private startCandidate(): void {
    this.dictionaryLimit = CANDIDATE_MAX_VALUES;
    this.codes = new GrowableArray(Int32Array, this.capacity);
    for (let i = 0; i < this.missing; i++) this.codes.push(-1);
  }

  // After the column stopped being a time column: remember a few more cells that are no
  // timestamp in any format, so the error can list them. (A cell in another format than the
  // first is not listed: the first cell may be the odd one, a repeated header say.)
  private noteNonTime(cell: string, line: number): void {
    if (this.moreNonTimes) return;
    const text = cell.trim();
    if (castNumber(text) === castNumber(text) || !parsesAsSomeTime(text)) {
      if (this.nonTimes.length < FAILURES_KEPT) this.nonTimes.push({ line, value: cell });
      else this.moreNonTimes = true;
    }
  }

  takeNumbers(): Float64Array | null {
    return this.numbers === null ? null : this.numbers.toArray();
  }

  /** Epoch ms of a string time column; `order` picks the reading of slash dates. */
  takeTimes(order: DateOrder): Float64Array | null {
    const source = this.family === 'slash' && order === 'DMY' ? this.timesDmy : this.times;
    return source === null ? null : source.toArray();
  }

  get isSlashDates(): boolean {
    return this.family === 'slash';
  }

  takeCodes(): { codes: Int32Array; labels: string[] } | null {
    if (this.codes === null) return null;
    return { codes: this.codes.toArray(), labels: [...this.dictionary.keys()] };
  }

  get distinctValues(): number {
    return this.dictionary.size;
  }

  private readTime(cell: string, line: number): void {
    const family = this.family ?? this.startFamily(cell);
    if (family === 'slash') {
      this.readSlash(cell, line);
      return;
    }
    const ms = family === 'iso' ? parseIsoLike(cell) : parseMonthName(cell);
    if (ms === ms) this.times!.push(ms);
    else this.failTime(cell, line);
  }

  // The first timestamp fixes the column's format; a column mixing formats is not a time column.
  private startFamily(cell: string): TimeFamily {
    this.times = this.missingSoFar();
    if (parseIsoLike(cell) === parseIsoLike(cell)) {
      this.timeFormat = describeIsoLike(cell);
      this.family = 'iso';
    } else if (splitSlashDate(cell) !== null) {
      this.family = 'slash';
      this.timesDmy = this.missingSoFar();
    } else {
      this.timeFormat = 'Mon D YYYY';
      this.family = 'month-name';
    }
    return this.family;
  }

  // Storage for a candidate that starts now: one NaN per missing cell before it.
  private missingSoFar(): GrowableArray<Float64Array> {
    const values = new GrowableArray(Float64Array, this.capacity);
    for (let i = 0; i < this.missing; i++) values.push(NaN);
    return values;
  }

  private readSlash(cell: string, line: number): void {
    const parts = splitSlashDate(cell);
    const mdy = parts === null ? NaN : slashDateToMs(parts, 'MDY');
    const dmy = parts === null ? NaN : slashDateToMs(parts, 'DMY');
    if (mdy !== mdy && dmy !== dmy) {
      this.failTime(cell, line);
      return;
    }
    this.firstSlash ??= { line, value: cell };
    if (mdy !== mdy) this.notMdy ??= { line, value: cell };
    if (dmy !== dmy) this.notDmy ??= { line, value: cell };
    this.times!.push(mdy);
    this.timesDmy!.push(dmy);
  }

  private failTime(cell: string, line: number): void {
    this.isTime = false;
    this.firstNonTime = { line, value: cell };
    this.nonTimes.push(this.firstNonTime);
    this.times = null;
    this.timesDmy = null;
  }

  private pushText(cell: string): void {
    const key = cell.trim();
    let code = this.dictionary.get(key);
    if (code === undefined) {
      if (this.dictionary.size >= this.dictionaryLimit) {
        // A proposed id gives up quietly; a chosen one says why it failed.
        if (this.dictionaryLimit === MAX_IDENTIFIERS) this.tooManyIdentifiers = true;
        this.codes = null;
        return;
      }
      code = this.dictionary.size;
      this.dictionary.set(key, code);
    }
    this.codes!.push(code);
  }
}

function parsesAsSomeTime(text: string): boolean {
  if (parseIsoLike(text) === parseIsoLike(text) || parseMonthName(text) === parseMonthName(text)) return true;
  const parts = splitSlashDate(text);
  if (parts === null) return false;
  const mdy = slashDateToMs(parts, 'MDY');
  const dmy = slashDateToMs(parts, 'DMY');
  return mdy === mdy || dmy === dmy;
}
