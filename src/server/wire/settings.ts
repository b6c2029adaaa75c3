// GET /api/settings (the forecast settings as JSON Schema, as the OpenAPI document writes
// it) and GET /api/schedules (the jobs `recurrent schedule` runs).
import { z } from 'zod';
import { isoTime } from './common.ts';

// One level of `items` is all the settings use (a list of names), so the schema is not recursive.
const settingLeafSchema = z.object({
  type: z.enum(['integer', 'number', 'string', 'array']).optional(),
  description: z.string().optional(),
  /** Auto mode's value when the setting is left out and does not depend on the data. */
  default: z.unknown().optional(),
  enum: z.array(z.string()).optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  exclusiveMinimum: z.boolean().optional(),
  exclusiveMaximum: z.boolean().optional(),
  minItems: z.number().optional(),
  maxItems: z.number().optional(),
});

/** One field of the settings: the subset of JSON Schema that src/server/json-schema.ts writes for it. */
export const settingSchema = settingLeafSchema.extend({ items: settingLeafSchema.optional() });

export const settingsSchemaSchema = z.object({
  type: z.literal('object'),
  properties: z.record(settingSchema),
  required: z.array(z.string()).optional(),
});

export const settingsResponseSchema = z.object({ schema: settingsSchemaSchema });

export const scheduleSchema = z.object({
  job: z.string(),
  cron: z.string(),
  timezone: z.string().nullable(),
  /** Null when no scheduler is running the job. */
  nextRun: isoTime.nullable(),
  lastRun: isoTime.nullable(),
  lastStatus: z.string().nullable(),
  updatedAt: isoTime,
});

export const schedulesResponseSchema = z.object({ schedules: z.array(scheduleSchema) });

export type SettingSchema = z.infer<typeof settingSchema>;
export type SettingsSchema = z.infer<typeof settingsSchemaSchema>;
export type SettingsResponse = z.infer<typeof settingsResponseSchema>;
export type Schedule = z.infer<typeof scheduleSchema>;
export type SchedulesResponse = z.infer<typeof schedulesResponseSchema>;
