// The experiment variants bench/accuracy.ts fits, and one scored run of a variant on a series,
// through the facade only: fit → evaluate (test split, rolling origins, h steps, with the
// baselines) → forecast (the h rows a user would get).
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { evaluate, fit, forecast, resolveForecastConfig } from '../src/forecaster.ts';
import { withoutWallClockCap } from './without-wall-clock-cap.ts';
import type { ForecastConfig, ForecastModel, ForecastOptions, TimeSeries } from '../src/forecaster.ts';
import type { BenchSeries } from './accuracy-series.ts';

export interface Variant {
  id: string;
  /** Options on top of horizonSteps, given the config auto mode resolved for the series. */
  options(auto: ForecastConfig): Omit<ForecastOptions, 'horizonSteps'>;
  /** Fit and score a changed copy of the series instead (only for changes MAE and MASE do not see). */
  series?: (s: TimeSeries) => TimeSeries;
  /** Training is deterministic, so a variant that only changes the work cap is the auto run itself wherever the cap did not bind: reuse it. */
  sameAsAutoUnlessCapped?: boolean;
}

/**
 * Window-relative scaling picks ratios (x/anchor − 1) when every training value is
 * positive and offsets (x − anchor) otherwise; no option forces offsets. Shifting the
 * whole series below zero does, and changes neither MAE nor MASE (both shift-invariant),
 * nor auto mode's choices (trend and range checks are shift-invariant too).
 */
const belowZero = (s: TimeSeries): TimeSeries => {
  let max = -Infinity;
  for (const v of s.values) if (v > max) max = v;
  const shift = max + 1;
  return { ...s, values: s.values.map((v) => v - shift) };
};

const half = (w: number) => Math.max(2, Math.round(w / 2));

export const MAIN_VARIANTS: Variant[] = [
  { id: 'auto', options: () => ({}) },
  { id: 'rnn', options: () => ({ network: { cell: 'rnn' } }) },
  { id: 'lstm', options: () => ({ network: { cell: 'lstm' } }) },
  { id: 'gru', options: () => ({ network: { cell: 'gru' } }) },
];

export interface Experiment {
  id: string;
  title: string;
  /** Printed under the title. */
  note?: string;
  /** The variant that is auto mode's current default. */
  defaultId: string;
  /** The variant the current auto default corresponds to on one series. */
  current: (auto: ForecastConfig) => string;
  variants: Variant[];
}

export const EXPERIMENTS: Experiment[] = [
  {
    id: 'strategy',
    title: '(a) Multi-step strategy',
    defaultId: 'direct',
    current: (c) => c.strategy,
    variants: [
      { id: 'direct', options: () => ({ strategy: 'direct' }) },
      { id: 'recursive', options: () => ({ strategy: 'recursive' }) },
    ],
  },
  {
    id: 'scaler',
    title: '(b) Scaler',
    defaultId: 'auto',
    current: () => 'auto',
    variants: [
      { id: 'auto', options: () => ({}) },
      // auto's level scaler alone, without the seasonal-difference candidate beside it.
      { id: 'level', options: (c) => ({ scaler: c.scaler }) },
      { id: 'sdiff', options: () => ({ scaler: { kind: 'zscore', transform: 'seasonal-difference' } }) },
      { id: 'zscore', options: () => ({ scaler: { kind: 'zscore' } }) },
      { id: 'relative', options: () => ({ scaler: { kind: 'zscore', windowRelative: true } }) },
      {
        id: 'relative-offset',
        options: () => ({ scaler: { kind: 'zscore', windowRelative: true } }),
        series: belowZero,
      },
      { id: 'difference', options: () => ({ scaler: { kind: 'zscore', transform: 'difference' } }) },
    ],
  },
  {
    id: 'window',
    title: '(c) Window length',
    defaultId: 'auto',
    current: () => 'auto',
    variants: [
      { id: 'half', options: (c) => ({ windowLength: half(c.windowLength) }) },
      { id: 'auto', options: () => ({}) },
      { id: 'double', options: (c) => ({ windowLength: 2 * c.windowLength }) },
    ],
  },
  {
    id: 'hidden',
    title: '(d) Hidden size (GRU)',
    defaultId: 'H32',
    current: (c) => `H${c.network.hiddenSize}`,
    variants: [16, 32, 64].map((h) => ({
      id: `H${h}`,
      options: () => ({ network: { cell: 'gru' as const, hiddenSize: h } }),
    })),
  },
  {
    // Not a default: the yardstick. A difference between variants smaller than what the
    // training seed alone moves is not evidence for either.
    id: 'seed',
    title: '(e) Seed noise (auto mode, training seed only)',
    note: 'Not a default: the yardstick for the other experiments.',
    defaultId: 'seed42',
    current: (c) => `seed${c.training.seed}`,
    variants: [42, 7, 2024].map((seed) => ({ id: `seed${seed}`, options: () => ({ training: { seed } }) })),
  },
  {
    // What the work cap costs in accuracy where it binds (it is there to bound a long series' fit time).
    id: 'cap',
    title: '(h) Training work cap',
    defaultId: 'cap',
    note: 'The cap (maxTrainingWork, parameter-steps) exists to bound the fit time of a long series, not for accuracy: this shows what it costs where it binds. cap×10 is fitted only where the cap stopped one of the auto fits; elsewhere training is deterministic and it is the same fit ("= auto").',
    current: () => 'cap',
    variants: [
      { id: 'cap', options: () => ({}) },
      {
        id: 'cap×10',
        options: (c) => ({ training: { maxTrainingWork: 10 * (c.training.maxTrainingWork ?? 1) } }),
        sameAsAutoUnlessCapped: true,
      },
    ],
  },
];

export interface Score {
  mase: number;
  smape: number;
  mae: number;
}

export interface RunResult {
  series: string;
  variant: string;
  season: number;
  window: number;
  scaler: string;
  strategy: string;
  cell: string;
  hidden: number;
  origins: number;
  /** h-step MAE on the validation split: what model selection may look at. */
  validationMae: number;
  model: Score;
  baselines: Record<'naive' | 'seasonal-naive' | 'drift' | 'moving-average', Score>;
  /** Wall time of fit() (training, interval calibration). */
  fitSeconds: number;
  trainSeconds: number;
  epochs: number;
  bestEpoch: number;
  stoppedBy: string;
  /** The leaderboard: each candidate and its validation score (1 = seasonal naive), "ets 0.44 / naive 0.79". */
  candidates?: string;
  /** The candidate fit() kept (model.leaderboard.kept): a classical method, an RNN scaler or a combination. */
  kept: string;
  /** Some candidate stopped at the work cap. */
  capped: boolean;
  /** Rows forecast() returned past the end of the series: must equal h. */
  forecastRows: number;
  /** Set when this run reused an identical resolved config fitted earlier. */
  reusedFrom?: string;
}

export function scalerLabel(resolved: ForecastConfig, model?: ForecastModel): string {
  const c = model?.config ?? resolved;
  const kept = model?.heldOut;
  if (kept && kept.kind !== 'rnn') return kept.name;
  if (c.scaler.windowRelative) return 'relative';
  if (c.scaler.transform === 'difference') return 'difference';
  if (c.scaler.transform === 'seasonal-difference') return 'sdiff';
  if (c.scaler.transform === 'log') return 'log';
  return c.scaler.kind;
}

const pick = (m: { mase: number; smape: number; mae: number }): Score => ({
  mase: m.mase,
  smape: m.smape,
  mae: m.mae,
});

/**
 * Fits each distinct resolved config once per series; identical configs share the run.
 * Every fitted run is appended to a journal (JSON lines), so a run that is interrupted can
 * be resumed (--resume) without refitting what was done.
 */
export class RunCache {
  private readonly runs = new Map<string, RunResult>();
  private readonly autoRuns = new Map<string, RunResult>();
  /** Fits read back from the journal: used as if fitted now, with the times they took then. */
  private readonly journaled = new Map<string, RunResult>();

  constructor(
    private readonly journal: string,
    resume: boolean,
  ) {
    if (!resume || !existsSync(journal)) {
      writeFileSync(journal, '');
      return;
    }
    for (const line of readFileSync(journal, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const { key, result } = JSON.parse(line) as { key: string; result: RunResult };
      this.journaled.set(key, result);
    }
  }

  get resumed(): number {
    return this.journaled.size;
  }
  get resumedFitSeconds(): number {
    let t = 0;
    for (const r of this.journaled.values()) t += r.fitSeconds;
    return t;
  }

  async run(bench: BenchSeries, variant: Variant, log: (line: string) => void): Promise<RunResult> {
    const auto = resolveForecastConfig(bench.series, { horizonSteps: bench.horizonSteps });
    const options: ForecastOptions = { horizonSteps: bench.horizonSteps, ...variant.options(auto) };
    const series = variant.series ? variant.series(bench.series) : bench.series;
    const config = resolveForecastConfig(series, options);
    // Without a scaler, auto mode also fits the seasonal-difference candidate: not the same run as its level scaler given explicitly.
    // The pool narrowed by `candidates` is not part of the resolved config: key on it too.
    const key = `${bench.name}\u0000${variant.series ? variant.id : ''}\u0000${options.scaler === undefined ? 'choose' : 'given'}\u0000${options.candidates?.join('+') ?? 'all'}\u0000${JSON.stringify(config)}`;
    const seen = this.runs.get(key);
    if (seen) return { ...seen, variant: variant.id, reusedFrom: seen.reusedFrom ?? seen.variant };
    const autoRun = this.autoRuns.get(bench.name);
    if (variant.sameAsAutoUnlessCapped && autoRun && !autoRun.capped)
      return { ...autoRun, variant: variant.id, reusedFrom: 'auto' };
    const journaled = this.journaled.get(key);
    if (journaled) return this.keep(key, variant, { ...journaled, variant: variant.id });
    const started = performance.now();
    // Lifted without entering the key: on a quiet machine the wall-clock net never binds here.
    const model = await fit(series, withoutWallClockCap(options));
    const fitSeconds = (performance.now() - started) / 1000;
    const evaluation = evaluate(model, series);
    if (evaluation === null) throw new Error(`${bench.name}: too short for a test split`);
    const future = forecast(model, series);
    const b = evaluation.baselines;
    const result: RunResult = {
      series: bench.name,
      variant: variant.id,
      season: config.seasonLength,
      window: config.windowLength,
      scaler: scalerLabel(config, model),
      strategy: config.strategy,
      cell: config.network.cell,
      hidden: config.network.hiddenSize,
      origins: evaluation.origins,
      validationMae: model.validation.mae,
      model: pick(evaluation.model),
      baselines: {
        naive: pick(b.naive),
        'seasonal-naive': pick(b['seasonal-naive']),
        drift: pick(b.drift),
        'moving-average': pick(b['moving-average']),
      },
      fitSeconds,
      trainSeconds: (model.training?.elapsedMs ?? 0) / 1000,
      epochs: model.training?.history.length ?? 0,
      bestEpoch: model.training?.bestEpoch ?? 0,
      stoppedBy: model.training?.stoppedBy ?? 'max-epochs',
      candidates: model.leaderboard.entries
        .map(
          (e) =>
            `${e.name.replace(/seasonal difference \(m = \d+\) \+ z-score$/, 'sdiff')} ${e.score.toPrecision(3)}`,
        )
        .join(' / '),
      kept: model.leaderboard.kept,
      capped: model.warnings.some((w) => w.includes('work cap')),
      forecastRows: future.forecast.length,
    };
    this.keep(key, variant, result);
    appendFileSync(this.journal, `${JSON.stringify({ key, result })}\n`);
    log(
      `${bench.name} · ${variant.id} (kept ${result.kept}): MASE ${result.model.mase.toFixed(3)} (snaive ${result.baselines['seasonal-naive'].mase.toFixed(3)}, naive ${result.baselines.naive.mase.toFixed(3)}) · ${config.network.cell} H${config.network.hiddenSize} T${config.windowLength} ${config.strategy} ${result.scaler} · ${fitSeconds.toFixed(1)} s, ${result.epochs} epochs (${result.stoppedBy})${result.candidates ? ` · validation score ${result.candidates}` : ''}`,
    );
    return result;
  }

  private keep(key: string, variant: Variant, result: RunResult): RunResult {
    this.runs.set(key, result);
    if (variant.id === 'auto' && !variant.series) this.autoRuns.set(result.series, result);
    return result;
  }
}
