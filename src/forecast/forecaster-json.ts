// Fitted forecasters from model-file JSON, whichever kind they are.
import { classicalFromForecasterJSON } from './classical-forecaster.ts';
import { combinationFromJSON } from './combination.ts';
import type { FittedForecaster, FittedJSON } from './contract.ts';
import { rnnFromJSON } from './rnn-forecaster.ts';

export function forecasterFromJSON(json: FittedJSON): FittedForecaster {
  switch (json.kind) {
    case 'rnn':
      return rnnFromJSON(json);
    case 'classical':
      return classicalFromForecasterJSON(json);
    case 'combination':
      return combinationFromJSON(json, forecasterFromJSON);
    default:
      throw new Error(`unknown forecaster kind ${JSON.stringify((json as { kind?: unknown }).kind)}`);
  }
}
