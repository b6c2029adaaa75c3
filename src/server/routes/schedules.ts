// /api/schedules: the jobs `recurrent schedule` runs, with their next and last run times,
// as the scheduler recorded them in SQLite.
import type { Db } from '../../store/db.ts';
import { listSchedules } from '../../store/schedules.ts';
import type { ApiRoute } from '../route.ts';
import { schedulesResponseSchema } from '../wire.ts';
import type { SchedulesResponse } from '../wire.ts';

export function scheduleRoutes(db: Db): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/api/schedules',
      summary: 'Scheduled jobs with their cron, zone, next run and last run',
      responses: { 200: 'the schedules' },
      responseSchema: schedulesResponseSchema,
      handlers: [
        (_req, res) => {
          res.json({ schedules: listSchedules(db) } satisfies SchedulesResponse);
        },
      ],
    },
  ];
}
