// The answer when too much heavy work is already waiting: 503 Service Unavailable with
// Retry-After, not 429. The limit is the server's capacity as a whole (every client's
// ingestions, summaries and charts share one pool), not one client's rate: 429 says "you
// sent too many", 503 says "the server is saturated, come back later" — which is the case.
import { HttpError } from '../http-error.ts';

export class ServerBusyError extends HttpError {
  constructor(
    readonly retryAfterSeconds: number,
    waiting: number,
  ) {
    super(
      503,
      `the server is busy: ${waiting} heavy tasks (ingestion, summaries, chart data) are already waiting; ` +
        `try again in ${retryAfterSeconds} s`,
      undefined,
      // The error handler sends an HttpError's headers with its status and body.
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}
