// "Forecast again with new data": posts a fresh CSV with the training file's columns to
// the model (multipart) and lists the forecast rows it returns, rounded like the data.
import { errorMessage, postFile } from './api.ts';
import type { ForecastResponse } from './api-types.ts';
import { replaceChildren, showStatus, table } from './dom.ts';
import { dateTime, metric } from './format.ts';
import { scrollBox } from './scroll-box.ts';
import { formatValue } from './value-precision.ts';

export interface ForecastAgainElements {
  form: HTMLFormElement;
  input: HTMLInputElement;
  status: HTMLElement;
  rows: HTMLElement;
  /** The data's decimals (value-precision.ts) once known; until then values show 4 significant digits. */
  decimals?: () => number | null;
}

export function attachForecastAgain(
  modelId: number,
  { form, input, status, rows, decimals }: ForecastAgainElements,
): void {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = input.files?.[0];
    if (!file) {
      showStatus(status, 'Choose a CSV file first.', 'error');
      return;
    }
    showStatus(status, `Forecasting from ${file.name}…`);
    replaceChildren(rows);
    const places = decimals?.() ?? null;
    const value = (v: number) => (places === null ? metric(v) : formatValue(v, places));
    try {
      const { forecast } = await postFile<ForecastResponse>(`/api/models/${modelId}/forecast`, file);
      showStatus(
        status,
        `${forecast.rows.length} forecast rows from the end of ${file.name} (from the model’s own predictions).`,
        'ok',
      );
      const t = table(
        ['time', 'forecast', '80 % lower', '80 % upper', '95 % lower', '95 % upper'],
        forecast.rows.map((r) => [
          dateTime(r.time),
          value(r.forecast),
          value(r.lower80),
          value(r.upper80),
          value(r.lower95),
          value(r.upper95),
        ]),
      );
      t.id = 'forecast-table';
      for (const tr of t.rows) for (let c = 1; c < tr.cells.length; c++) tr.cells[c]?.classList.add('num');
      replaceChildren(rows, scrollBox('Forecast from the new data', t));
    } catch (err) {
      showStatus(status, errorMessage(err), 'error');
    }
  });
}
