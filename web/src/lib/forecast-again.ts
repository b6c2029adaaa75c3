// "Forecast again with new data": posts a fresh CSV with the training file's columns to
// the model (multipart) and lists the forecast rows it returns.
import { errorMessage, postFile } from './api.ts';
import type { ForecastResponse } from './api-types.ts';
import { replaceChildren, showStatus, table } from './dom.ts';
import { dateTime, metric } from './format.ts';

export interface ForecastAgainElements {
  form: HTMLFormElement;
  input: HTMLInputElement;
  status: HTMLElement;
  rows: HTMLElement;
}

export function attachForecastAgain(
  modelId: number,
  { form, input, status, rows }: ForecastAgainElements,
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
          metric(r.forecast),
          metric(r.lower80),
          metric(r.upper80),
          metric(r.lower95),
          metric(r.upper95),
        ]),
      );
      t.id = 'forecast-table';
      replaceChildren(rows, t);
    } catch (err) {
      showStatus(status, errorMessage(err), 'error');
    }
  });
}
