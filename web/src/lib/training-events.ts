// The live feed of one training (GET /api/trainings/:id/events, server-sent events),
// parsed into typed callbacks. The stream closes itself once training has ended, so
// EventSource's automatic reconnect cannot replay a finished run forever.
import type { EpochEvent, TrainingEventData } from './api-types.ts';

export interface TrainingListener {
  epoch(event: EpochEvent): void;
  status(status: TrainingEventData['status']['status']): void;
  done(result: TrainingEventData['done']): void;
  failed(error: string): void;
  /** The connection dropped; EventSource will retry by itself. */
  disconnected(): void;
}

export function followTraining(trainingId: number, listener: TrainingListener): () => void {
  const source = new EventSource(`/api/trainings/${trainingId}/events`);
  const parse = <T>(event: Event): T => JSON.parse((event as MessageEvent<string>).data) as T;
  source.addEventListener('epoch', (e) => listener.epoch(parse<EpochEvent>(e)));
  source.addEventListener('status', (e) => listener.status(parse<TrainingEventData['status']>(e).status));
  source.addEventListener('done', (e) => {
    source.close();
    listener.done(parse(e));
  });
  source.addEventListener('failed', (e) => {
    source.close();
    listener.failed(parse<TrainingEventData['failed']>(e).error ?? 'training failed');
  });
  source.addEventListener('error', () => {
    if (source.readyState !== EventSource.CLOSED) listener.disconnected();
  });
  return () => source.close();
}
