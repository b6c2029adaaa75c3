// The messages between fit-in-worker.ts and its worker, fit-worker.ts. They live in a file
// of their own so that the caller's side need not import the worker's module (which
// imports fit.ts, which reaches fit-in-worker.ts again): no import circle, even type-only.
import type { TimeSeries } from '../data/types.ts';
import type { SplitRanges } from '../prep/split.ts';
import type { EpochProgress } from '../train/trainer.ts';
import type { ForecastConfig, ForecastOptions } from './config.ts';

export type FitWorkerRequest =
  | { type: 'fit'; series: TimeSeries; options: ForecastOptions }
  | { type: 'fit-rnn'; series: TimeSeries; config: ForecastConfig; split: SplitRanges }
  | { type: 'fit-global'; collection: TimeSeries[]; options: ForecastOptions }
  | { type: 'fit-global-member'; collection: TimeSeries[]; options: ForecastOptions }
  | { type: 'cancel' };

export type FitWorkerReply =
  | { type: 'epoch'; progress: EpochProgress }
  | { type: 'done'; result: unknown }
  | { type: 'error'; name: string; message: string };
