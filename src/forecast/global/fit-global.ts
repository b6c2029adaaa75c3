// fitGlobal: one network over a collection of series, or, where the series carry a season
// longer than the main one (a week of hours), an ensemble of networks, one per season,
// each on its own exponential-smoothing normalisation, whose forecasts are combined by
// their median (the mean of two). On M4 Hourly the day network and the week network each
// scored OWA 0.487 alone and 0.435 together (bench/M4-global.md): the week network wins on
// sMAPE, the day network on MASE. ES-RNN normalised its hourly series by both seasons at
// once; two networks that each read one keep the smoother as it is.
//
// The main network trains here and each other one on a worker thread at the same time,
// so an ensemble of two takes about the time of its slower member on two cores. Each
// series is then scored on its validation origins by the combined forecasts of its
// networks' held-out fits, and gets its intervals from those errors.
import type { TimeSeries } from '../../data/types.ts';
import { ConfigError } from '../auto.ts';
import type { ForecastOptions } from '../config.ts';
import { longerSeasonsOf } from '../extra-seasons.ts';
import type { FitHooks } from '../fit-hooks.ts';
import { fitGlobalMemberInWorker } from '../fit-in-worker.ts';
import { fitGlobalMember } from './fit-global-member.ts';
import type { MemberValidation } from './fit-global-member.ts';
import { planGlobal } from './global-config.ts';
import type { GlobalPlan } from './global-config.ts';
import { combineMembers } from './global-ensemble.ts';
import type { GlobalModel } from './global-model.ts';

/** A default longer season joins only when the typical series holds this many of it. */
export const MEMBER_SEASONS_HELD = 3;

/**
 * @example
 * const model = await fitGlobal(stores, { horizonSteps: 14 }); // stores: TimeSeries[], one per id
 * model.series.filter((s) => s.validation.score < 1).length;  // series that beat seasonal naive
 * forecastGlobal(model, stores[0]).forecast;                   // the next 14 values of the first
 */
export async function fitGlobal(
  collection: readonly TimeSeries[],
  options: ForecastOptions,
  hooks: FitHooks = {},
): Promise<GlobalModel> {
  const plan = planOrNull(collection, options);
  const seasons = plan ? memberSeasons(plan, options) : [];
  const alone = { ...options, extraSeasons: [] };
  if (!plan || seasons.length === 0) return (await fitGlobalMember(collection, alone, hooks)).model;
  const { config } = plan;
  // The others train on worker threads while the main network trains here; they follow
  // its cancellation, and report no epochs of their own (one loss curve is the main one's).
  const others = seasons.map((m) =>
    fitGlobalMemberInWorker(
      collection,
      { ...alone, seasonLength: m, scaler: { ...config.scaler, seasonLength: m } },
      { signal: hooks.signal },
    ).then(
      (fit): Member => ({ season: m, fit }),
      (e: unknown): Member => ({ season: m, error: (e as Error).message }),
    ),
  );
  // One core each: the main network trains here while the others take the other cores.
  const main = await fitGlobalMember(collection, alone, { ...hooks, threads: 1 });
  const members = await Promise.all(others);
  const failed = members.flatMap((m) =>
    'error' in m
      ? [
          `the network on a season of ${m.season} could not be fitted (${m.error}); the others forecast without it`,
        ]
      : [],
  );
  const fitted = members.flatMap((m) => ('fit' in m ? [m.fit] : []));
  const model = fitted.length > 0 ? combineMembers(collection, main, fitted) : main.model;
  return { ...model, warnings: [...model.warnings, ...failed] };
}

type Member =
  | { season: number; fit: { model: GlobalModel; validation: MemberValidation[] } }
  | { season: number; error: string };

/**
 * The seasons of the further networks: those asked for (extraSeasons; [] for none), or by
 * default the frequency's longer seasons (a week of hours) that the series of median length
 * holds MEMBER_SEASONS_HELD times. Only with exponential-smoothing normalisation, the one
 * that reads a season; other scalers would train the same network twice.
 */
export function memberSeasons(plan: GlobalPlan, options: ForecastOptions): number[] {
  const { scaler, seasonLength } = plan.config;
  if (scaler.transform !== 'es-normalise' || plan.usable.length === 0) return [];
  if (options.extraSeasons !== undefined) return options.extraSeasons.filter((m) => m > seasonLength);
  const lengths = plan.usable.map((s) => s.values.length).sort((a, b) => a - b);
  const typical = lengths[(lengths.length - 1) >> 1]!;
  return longerSeasonsOf(plan.usable[0]!.frequency).filter(
    (m) => m > seasonLength && typical >= MEMBER_SEASONS_HELD * m,
  );
}

/** The plan, or null when the collection cannot be planned (the main fit then says why). */
function planOrNull(collection: readonly TimeSeries[], options: ForecastOptions): GlobalPlan | null {
  try {
    return planGlobal(collection, options);
  } catch (e) {
    if (e instanceof ConfigError) return null;
    throw e;
  }
}
