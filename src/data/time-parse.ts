// Reads one timestamp cell into epoch milliseconds UTC (NaN when it is not one). Formats:
// ISO 8601 dates and date-times with or without a zone, YYYY/MM/DD HH:mm:ss, "Jan 1 2000",
// and slash dates whose day/month order is decided later from the whole column.
// Zone-less values are read as UTC wall-clock time (see calendar.ts).
import { daysInMonth, HOUR_MS, MINUTE_MS, utcDate } from './calendar.ts';
import type { DateOrder } from './types.ts';

/** Slash date fields before the MDY/DMY decision: `first/second/year`. */
export interface SlashDate {
  first: number;
  second: number;
  year: number;
  /** Milliseconds after midnight. */
  timeOfDay: number;
}

/** `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm[:ss[.fff]][Z|±HH[:mm]]`, also with a space or '/' separators. */
export function parseIsoLike(cell: string): number {
  const n = cell.length;
  if (n < 10) return NaN;
  const sep = cell.charCodeAt(4);
  if ((sep !== 45 && sep !== 47) || cell.charCodeAt(7) !== sep) return NaN; // '-' or '/'
  const year = digits(cell, 0, 4);
  const month = digits(cell, 5, 2);
  const day = digits(cell, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  const date = utcDate(year, month, day);
  if (n === 10) return date;
  const t = cell.charCodeAt(10);
  if (t !== 84 && t !== 32) return NaN; // 'T' or ' '
  const clock = parseClock(cell, 11);
  return Number.isNaN(clock) ? NaN : date + clock;
}

// Clock time from `start`: HH:mm[:ss[.fff…]] then an optional zone; NaN if malformed.
function parseClock(cell: string, start: number): number {
  const hour = digits(cell, start, 2);
  const minute = digits(cell, start + 3, 2);
  if (hour < 0 || hour > 23 || cell.charCodeAt(start + 2) !== 58 || minute < 0 || minute > 59) return NaN;
  let ms = hour * HOUR_MS + minute * MINUTE_MS;
  let pos = start + 5;
  if (cell.charCodeAt(pos) === 58) {
    const second = digits(cell, pos + 1, 2);
    if (second < 0 || second > 59) return NaN;
    ms += second * 1000;
    pos += 3;
    if (cell.charCodeAt(pos) === 46 || cell.charCodeAt(pos) === 44) {
      let scale = 100;
      pos++;
      const fractionStart = pos;
      for (; pos < cell.length && isDigit(cell.charCodeAt(pos)); pos++) {
        ms += (cell.charCodeAt(pos) - 48) * scale;
        scale /= 10;
      }
      if (pos === fractionStart) return NaN;
      ms = Math.floor(ms);
    }
  }
  if (pos === cell.length) return ms;
  const offset = parseZone(cell, pos);
  return Number.isNaN(offset) ? NaN : ms - offset;
}

// `Z`, `±HH`, `±HHmm` or `±HH:mm` at `pos` running to the end; offset in ms.
function parseZone(cell: string, pos: number): number {
  const code = cell.charCodeAt(pos);
  const rest = cell.length - pos;
  if ((code === 90 || code === 122) && rest === 1) return 0; // Z
  if (code !== 43 && code !== 45) return NaN;
  const sign = code === 45 ? -1 : 1;
  const hours = digits(cell, pos + 1, 2);
  let minutes = 0;
  if (rest === 6 && cell.charCodeAt(pos + 3) === 58) minutes = digits(cell, pos + 4, 2);
  else if (rest === 5) minutes = digits(cell, pos + 3, 2);
  else if (rest !== 3) return NaN;
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return NaN;
  return sign * (hours * HOUR_MS + minutes * MINUTE_MS);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FULL_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_NAME = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/;

/** `Jan 1 2000`, `January 01, 2000`. */
export function parseMonthName(cell: string): number {
  const match = MONTH_NAME.exec(cell);
  if (match === null) return NaN;
  const name = match[1]!.toLowerCase();
  const month = name.length === 3 ? MONTHS.indexOf(name) + 1 : FULL_MONTHS.indexOf(name) + 1;
  const day = Number(match[2]);
  const year = Number(match[3]);
  if (month < 1 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return utcDate(year, month, day);
}

const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** `03/04/2020` or `3/4/2020 13:45[:10]`, before deciding which field is the day. */
export function splitSlashDate(cell: string): SlashDate | null {
  const match = SLASH_DATE.exec(cell);
  if (match === null) return null;
  const hour = match[4] === undefined ? 0 : Number(match[4]);
  const minute = match[5] === undefined ? 0 : Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  if (hour > 23 || minute > 59 || second > 59) return null;
  return {
    first: Number(match[1]),
    second: Number(match[2]),
    year: Number(match[3]),
    timeOfDay: hour * HOUR_MS + minute * MINUTE_MS + second * 1000,
  };
}

/** NaN when the fields are not a real date in that order (e.g. month 13). */
export function slashDateToMs(date: SlashDate, order: DateOrder): number {
  const month = order === 'MDY' ? date.first : date.second;
  const day = order === 'MDY' ? date.second : date.first;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(date.year, month)) return NaN;
  return utcDate(date.year, month, day) + date.timeOfDay;
}

/** Label for reports, from one representative cell of an ISO-like column. */
export function describeIsoLike(cell: string): string {
  if (cell.charCodeAt(4) === 47) return cell.length > 10 ? 'YYYY/MM/DD HH:mm:ss' : 'YYYY/MM/DD';
  if (cell.length === 10) return 'ISO 8601 date';
  const zoned = /(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/.test(cell.slice(16));
  return zoned ? 'ISO 8601 date-time with zone' : 'ISO 8601 date-time (read as UTC)';
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

// The non-negative integer in cell[start, start+count), or -1.
function digits(cell: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const code = cell.charCodeAt(i);
    if (!isDigit(code)) return -1;
    value = value * 10 + code - 48;
  }
  return value;
}
