// The published M4 results for Hourly and Weekly, as ../shared/bench/m4/README.md quotes them
// from the organisers' "Evaluation and Ranks.xlsx": all series of the frequency, so beside a
// sample's numbers they are a bearing, not a like-for-like comparison (OWA, relative to
// Naive2 on the same series, travels best).
import type { M4Frequency } from './m4-data.ts';

export interface PublishedRow {
  method: string;
  smape: number;
  mase: number;
  owa: number;
}

export const M4_PUBLISHED: Record<M4Frequency, PublishedRow[]> = {
  hourly: [
    { method: 'Naive2', smape: 18.383, mase: 2.395, owa: 1.0 },
    { method: 'sNaive', smape: 13.912, mase: 1.193, owa: 0.627 },
    { method: 'Theta', smape: 18.138, mase: 2.455, owa: 1.006 },
    { method: "M4's RNN benchmark", smape: 14.698, mase: 3.048, owa: 1.036 },
    { method: 'ES-RNN (Smyl, M4 winner)', smape: 9.328, mase: 0.893, owa: 0.44 },
    { method: 'best hourly (Doornik et al.)', smape: 8.913, mase: 0.801, owa: 0.41 },
  ],
  weekly: [
    { method: 'Naive2', smape: 9.161, mase: 2.777, owa: 1.0 },
    { method: 'sNaive', smape: 9.161, mase: 2.777, owa: 1.0 },
    { method: 'Theta', smape: 9.093, mase: 2.637, owa: 0.971 },
    { method: "M4's RNN benchmark", smape: 15.22, mase: 5.132, owa: 1.755 },
    { method: 'ES-RNN (Smyl, M4 winner)', smape: 7.817, mase: 2.356, owa: 0.851 },
    { method: 'best weekly (Montero-Manso et al.)', smape: 6.582, mase: 2.107, owa: 0.739 },
  ],
};
