// The `points` query of chart data (datasets and models): how many points to send after
// downsampling, 5000 unless asked, refused outside 10–100,000 with the field named.
import { HttpError } from './http-error.ts';
import { numberQuery } from './route.ts';

export const DEFAULT_POINTS = 5000;

export function pointsQuery(req: Parameters<typeof numberQuery>[0]): number {
  const points = numberQuery(req, 'points') ?? DEFAULT_POINTS;
  if (!Number.isInteger(points) || points < 10 || points > 100_000)
    throw new HttpError(400, `points must be a whole number from 10 to 100000, got ${points}`, {
      points: 'out of range',
    });
  return points;
}
