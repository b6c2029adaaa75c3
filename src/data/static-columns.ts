// Static columns of a long-format file: a value that belongs to the series, not to the row
// (a store's region, a meter's type), repeated on every row of that series. Each series
// must hold one value in each; rows left empty are allowed, a second value is not. The
// values stay text as written (trimmed): whether they are numbers or categories is decided
// by what reads them (a global model's static inputs, src/forecast/global/static-inputs.ts).
import type { ResolvedColumns } from './columns.ts';
import { DataError } from './errors.ts';
import type { Table } from './table.ts';
import type { StaticValue } from './types.ts';

/**
 * Each series' static values, by series id ('' for a file holding one series), in the order
 * the names were given.
 *
 * @example
 * readStaticColumns(table, resolved.id, ['region']).get('store-7'); // [{ name: 'region', value: 'north' }]
 */
export function readStaticColumns(
  table: Table,
  id: ResolvedColumns['id'],
  names: readonly string[],
): Map<string, StaticValue[]> {
  const labels = id?.labels ?? [''];
  const bySeries = new Map<string, StaticValue[]>(labels.map((label) => [label, []]));
  for (const name of names) {
    const column = table.columns[table.header.indexOf(name)]!;
    const codes = column.takeCodes();
    if (codes === null)
      throw new DataError(`static column "${name}" has too many distinct values to be one per series`, {
        file: table.file,
        line: 1,
        column: column.index + 1,
        field: name,
        hint: 'A static column names a property of each series, such as its region or type.',
      });
    // The first row (and its line) giving each series a value, by series code.
    const first = new Int32Array(labels.length).fill(-1);
    for (let row = 0; row < codes.codes.length; row++) {
      const code = codes.codes[row]!;
      if (code < 0) continue;
      const series = id === null ? 0 : id.codes[row]!;
      if (series < 0) continue;
      const earlier = first[series]!;
      if (earlier < 0) first[series] = row;
      else if (codes.codes[earlier] !== code)
        throw new DataError(
          `static column "${name}" holds "${codes.labels[codes.codes[earlier]!]}" on line ${table.lines[earlier]} and "${codes.labels[code]}" on line ${table.lines[row]} for series "${labels[series]}"`,
          {
            file: table.file,
            line: table.lines[row],
            column: column.index + 1,
            field: name,
            hint: 'A static column holds one value per series; put a value that changes over time in a feature column.',
          },
        );
    }
    labels.forEach((label, series) => {
      const row = first[series]!;
      if (row < 0)
        throw new DataError(`static column "${name}" has no value for series "${label}"`, {
          file: table.file,
          column: column.index + 1,
          field: name,
          hint: 'Give every series a value in each static column, on at least one of its rows.',
        });
      bySeries.get(label)!.push({ name, value: codes.labels[codes.codes[row]!]! });
    });
  }
  return bySeries;
}
