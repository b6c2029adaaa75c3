// Stored models for the server: parsed once and cached (a forecast request then costs one
// forward pass), the series each was trained on read back from its dataset, and the
// one-step fitted values charts ask for on every zoom.
import { forecast, forecastRows, modelFromJSON, predictNext } from '../forecaster.ts';
import type { FittedValues, ForecastModel, TimeSeries } from '../forecaster.ts';
import { insertForecast } from '../store/forecasts.ts';
import type { Db } from '../store/db.ts';
import { deleteModel, getModel, modelFileText } from '../store/models.ts';
import type { ModelRow } from '../store/models.ts';
import type { DatasetService } from './dataset-service.ts';
import { HttpError, notFound } from './http-error.ts';
import type { ForecastResponse } from './wire.ts';

interface Loaded {
  row: ModelRow;
  model: ForecastModel;
  fitted?: Promise<FittedValues>;
  /** Forecasts from the model's own series by step count, as response JSON: same inputs, same numbers. */
  forecasts: Map<number, Promise<string>>;
}

export class ModelService {
  private readonly cache = new Map<number, Loaded>();

  constructor(
    private readonly db: Db,
    private readonly datasets: DatasetService,
  ) {}

  load(id: number): Loaded {
    let hit = this.cache.get(id);
    if (!hit) {
      const row = getModel(this.db, id);
      if (!row) throw notFound(`model ${id}`);
      hit = {
        row,
        model: modelFromJSON(JSON.parse(this.fileText(id)), `model ${id}`),
        forecasts: new Map(),
      };
      this.cache.set(id, hit);
    }
    return hit;
  }

  fileText(id: number): string {
    const text = modelFileText(this.db, id);
    if (text === undefined) throw notFound(`model ${id}`);
    return text;
  }

  /** The series the model was trained on, from its dataset as stored. */
  series(id: number): Promise<TimeSeries> {
    const { row } = this.load(id);
    if (row.datasetId === null)
      throw new HttpError(409, `model ${id}'s dataset was deleted; forecast from a new CSV instead`);
    return this.datasets.series(row.datasetId, row.summary.ingest);
  }

  fitted(id: number): Promise<FittedValues> {
    const loaded = this.load(id);
    loaded.fitted ??= this.series(id).then((series) => predictNext(loaded.model, series));
    loaded.fitted.catch(() => {
      loaded.fitted = undefined;
    });
    return loaded.fitted;
  }

  /**
   * The forecast from the model's own series, computed and stored once per step count;
   * later requests are answered from memory (a forward pass and a database write saved).
   */
  ownForecastJson(id: number, steps: number | undefined): Promise<string> {
    const loaded = this.load(id);
    const key = steps ?? loaded.model.config.horizonSteps;
    let hit = loaded.forecasts.get(key);
    if (!hit) {
      hit = this.series(id).then((series) => {
        const rows = forecastRows(forecast(loaded.model, series, key));
        insertForecast(this.db, id, rows);
        return JSON.stringify({ forecast: { kind: 'forecast', rows } } satisfies ForecastResponse);
      });
      hit.catch(() => loaded.forecasts.delete(key));
      loaded.forecasts.set(key, hit);
    }
    return hit;
  }

  delete(id: number): void {
    if (!deleteModel(this.db, id)) throw notFound(`model ${id}`);
    this.cache.delete(id);
  }
}
