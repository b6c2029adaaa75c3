// Trainings requested through the web app: each runs fit() on a worker thread (or one
// global model over every series of a dataset, global-training.ts), at most
// `concurrency` at once (one per core), the rest wait in order. Progress is kept per run
// and fanned out to subscribers (the SSE stream), who get the epochs so far on joining.
// Cancelling keeps the best weights: a cancelled training still yields its model. The
// queue is bounded (a flood of requests gets 503 with Retry-After, not an ever-longer
// wait), and while the queue lives it renews the leases of its runs, so another process
// on the same SQLite file knows they are alive.
import { fitInWorker } from '../forecaster.ts';
import type { FitHooks, FitProgress, ForecastOptions } from '../forecaster.ts';
import type { Db } from '../store/db.ts';
import { keepRunLeases } from '../store/run-leases.ts';
import type { LeaseHeartbeat } from '../store/run-leases.ts';
import { getRun, insertRun, updateRun } from '../store/runs.ts';
import type { RunEpoch, RunRow, RunStatus } from '../store/runs.ts';
import type { DatasetService, SeriesRequest } from './dataset-service.ts';
import { HttpError, notFound } from './http-error.ts';
import { serverLimitsFromEnv } from './server-limits.ts';
import { trainGlobal } from './global-training.ts';
import { storeModel } from './stored-model.ts';
import type { RunProgress, TrainingEvent } from './training-events.ts';

export interface TrainingRequest {
  datasetId: number;
  ingest: SeriesRequest & { target: string; features: string[] };
  options: ForecastOptions;
  /** One global model over every series of the dataset (global-training.ts), not one series' fit. */
  global?: boolean;
}

/** How a run ended: the model to open (the first series' of a global training), what was kept. */
export interface TrainingOutcome {
  modelId: number | null;
  kept: string | null;
  cancelled: boolean;
}

interface Job {
  runId: number;
  request: TrainingRequest;
  controller: AbortController;
  epochs: RunProgress[];
  listeners: Set<(event: TrainingEvent) => void>;
  ended: boolean;
}

const TERMINAL: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled'];

/** A full queue's Retry-After: about what a small training takes to free a place. */
const QUEUE_FULL_RETRY_SECONDS = 30;

export interface TrainingQueueLimits {
  /** Trainings that may wait beyond the running ones. Default: RECURRENT_MAX_QUEUED_TRAININGS or 20. */
  maxQueued?: number;
}

export class TrainingQueue {
  private readonly waiting: Job[] = [];
  private readonly jobs = new Map<number, Job>();
  private running = 0;
  private closed = false;
  private readonly maxQueued: number;
  private readonly heartbeat: LeaseHeartbeat;

  constructor(
    private readonly db: Db,
    private readonly datasets: DatasetService,
    private readonly concurrency: number,
    limits: TrainingQueueLimits = {},
  ) {
    this.maxQueued = limits.maxQueued ?? serverLimitsFromEnv().maxQueuedTrainings;
    // The server also closes runs other processes abandon while it is up.
    this.heartbeat = keepRunLeases(db, { reclaimAbandoned: true });
  }

  submit(request: TrainingRequest): RunRow {
    this.requireRoom(1);
    return this.enqueue(request);
  }

  /**
   * Several trainings at once (one per series of a dataset), all or none: when the queue
   * cannot take them all, none is started, so no series is left half-forecast.
   */
  submitAll(requests: readonly TrainingRequest[]): RunRow[] {
    this.requireRoom(requests.length);
    return requests.map((r) => this.enqueue(r));
  }

  /** Refuses (409 closing, 503 full) unless `count` more trainings fit in the queue now. */
  private requireRoom(count: number): void {
    if (this.closed) throw new HttpError(409, 'the server is shutting down');
    // Idle workers take trainings at once; only the rest wait.
    const idle = Math.max(0, this.concurrency - this.running);
    const wouldWait = this.waiting.length + Math.max(0, count - idle);
    if (count > 0 && wouldWait > this.maxQueued) {
      const asked =
        count === 1
          ? ''
          : ` for ${count} trainings (${count - idle} would wait; at most ${this.maxQueued} may, RECURRENT_MAX_QUEUED_TRAININGS)`;
      throw new HttpError(
        503,
        `the training queue is full${asked}: ${this.waiting.length} trainings are waiting and ${this.running} running; retry in ${QUEUE_FULL_RETRY_SECONDS} s`,
        undefined,
        { 'Retry-After': String(QUEUE_FULL_RETRY_SECONDS) },
      );
    }
  }

  private enqueue(request: TrainingRequest): RunRow {
    const run = insertRun(this.db, {
      kind: 'train',
      datasetId: request.datasetId,
      target: request.ingest.target,
      series: request.ingest.series ?? '',
      options: request.options,
    });
    const job: Job = {
      runId: run.id,
      request,
      controller: new AbortController(),
      epochs: [],
      listeners: new Set(),
      ended: false,
    };
    this.jobs.set(run.id, job);
    this.waiting.push(job);
    this.pump();
    return this.reread(run.id);
  }

  cancel(runId: number): RunRow {
    const run = getRun(this.db, runId);
    if (!run || run.kind !== 'train') throw notFound(`training ${runId}`);
    const queued = this.waiting.find((j) => j.runId === runId);
    if (queued) {
      this.waiting.splice(this.waiting.indexOf(queued), 1);
      this.finish(queued, 'cancelled', {});
      this.emit(queued, { type: 'done', status: 'cancelled', modelId: null, kept: null });
    } else {
      this.jobs.get(runId)?.controller.abort();
    }
    return this.reread(runId);
  }

  /** Reads back a run this queue holds; the store never deletes runs. */
  private reread(runId: number): RunRow {
    const run = getRun(this.db, runId);
    if (!run) throw new Error(`run ${runId} vanished from the store while the training queue held it`);
    return run;
  }

  /** Epochs so far, then live events; returns an unsubscribe function. null when the run has ended. */
  subscribe(
    runId: number,
    listener: (event: TrainingEvent) => void,
  ): { past: RunProgress[]; unsubscribe: () => void } | null {
    const job = this.jobs.get(runId);
    if (!job || job.ended) return null;
    job.listeners.add(listener);
    return { past: [...job.epochs], unsubscribe: () => job.listeners.delete(listener) };
  }

  /** Cancels everything and waits for running fits to return. */
  async close(): Promise<void> {
    this.closed = true;
    this.heartbeat.stop();
    for (const job of [...this.waiting]) this.cancel(job.runId);
    for (const job of this.jobs.values()) job.controller.abort();
    while (this.running > 0) await new Promise((r) => setTimeout(r, 20));
  }

  private pump(): void {
    while (this.running < this.concurrency) {
      const job = this.waiting.shift();
      if (!job) return;
      this.running++;
      void this.execute(job).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async execute(job: Job): Promise<void> {
    // The run's one clock: its startedAt, the live elapsed time of its events, and wallMs
    // (finishedAt − startedAt, stored once) all read it, so every page shows one duration.
    const startedAt = new Date();
    const elapsed = () => Date.now() - startedAt.getTime();
    let peakRss = process.memoryUsage().rss;
    updateRun(this.db, job.runId, { status: 'running', startedAt: startedAt.toISOString() });
    this.emit(job, { type: 'status', status: 'running' });
    try {
      const hooks: FitHooks = {
        signal: job.controller.signal,
        onEpoch: (fitProgress) => {
          const progress = { ...fitProgress, runElapsedMs: elapsed() };
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
          // A report from inside a long epoch is live progress only: the run's history keeps
          // whole epochs.
          if (progress.partial === undefined) {
            job.epochs.push(progress);
            updateRun(this.db, job.runId, { history: job.epochs.map(toRecord) });
          }
          this.emit(job, { type: 'epoch', progress });
        },
      };
      const { modelId, kept, cancelled } = job.request.global
        ? await trainGlobal(this.db, this.datasets, { ...job.request, runId: job.runId }, hooks)
        : await this.trainOne(job, hooks);
      this.finish(
        job,
        cancelled ? 'cancelled' : 'succeeded',
        { modelId, peakMemoryMb: peakRss / 2 ** 20 },
        startedAt,
      );
      this.emit(job, { type: 'done', status: cancelled ? 'cancelled' : 'succeeded', modelId, kept });
    } catch (e) {
      const error = (e as Error).message;
      this.finish(job, 'failed', { error, peakMemoryMb: peakRss / 2 ** 20 }, startedAt);
      this.emit(job, { type: 'failed', error });
    }
  }

  /** One series' fit on a worker, stored beside its baselines. */
  private async trainOne(job: Job, hooks: FitHooks): Promise<TrainingOutcome> {
    const series = await this.datasets.series(job.request.datasetId, job.request.ingest);
    const model = await fitInWorker(series, job.request.options, hooks);
    // With auto mode's candidates, the model kept may be one that finished before the cancel.
    const cancelled = job.controller.signal.aborted || model.training?.stoppedBy === 'cancelled';
    // A cancel before the network's first epoch leaves nothing the user asked to train.
    const untrained = cancelled && (model.training?.history.length ?? 0) === 0;
    const modelId = untrained ? null : storeModel(this.db, job.request, model, series);
    return { modelId, kept: modelId === null ? null : model.leaderboard.kept, cancelled };
  }

  /** Ends a run; one that started gets wallMs = finishedAt − startedAt, from the same two readings. */
  private finish(
    job: Job,
    status: RunStatus,
    update: Parameters<typeof updateRun>[2],
    startedAt?: Date,
  ): void {
    const finishedAt = new Date();
    const wallMs = startedAt && finishedAt.getTime() - startedAt.getTime();
    updateRun(this.db, job.runId, {
      ...update,
      status,
      finishedAt: finishedAt.toISOString(),
      ...(wallMs === undefined ? {} : { wallMs }),
    });
    if (TERMINAL.includes(status)) {
      job.ended = true;
      this.jobs.delete(job.runId);
    }
  }

  private emit(job: Job, event: TrainingEvent): void {
    for (const listener of job.listeners) listener(event);
  }
}

function toRecord(p: FitProgress): RunEpoch {
  return {
    ...(p.stage === undefined ? {} : { stage: p.stage }),
    epoch: p.epoch,
    trainLoss: p.trainLoss,
    validationLoss: p.validationLoss,
    gradientNorm: p.gradientNorm,
    learningRate: p.learningRate,
    elapsedMs: p.elapsedMs,
  };
}
