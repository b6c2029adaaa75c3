// A run as the API shows it: a training (its status, loss history and model) for
// /api/trainings, and any run (training or batch, with timings and memory) for /api/runs.
import type { RunRow } from '../store/runs.ts';
import type { Run, Training } from './wire.ts';

export function trainingJson(run: RunRow): Training {
  return {
    id: run.id,
    status: run.status,
    datasetId: run.datasetId,
    modelId: run.modelId,
    target: run.target,
    series: run.series,
    error: run.error,
    history: run.history,
    createdAt: run.queuedAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    wallMs: run.wallMs,
  };
}

export function runJson(run: RunRow): Run {
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    datasetId: run.datasetId,
    modelId: run.modelId,
    target: run.target,
    series: run.series,
    job: run.job,
    queuedAt: run.queuedAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    wallMs: run.wallMs,
    peakMemoryMb: run.peakMemoryMb,
    error: run.error,
  };
}
