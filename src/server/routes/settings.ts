// /api/settings: the forecast settings schema as JSON Schema — each field's limits, choices,
// auto-mode default and description. The training form builds its inputs from it, so the
// page's limits are the server's without the browser bundle carrying any server code.
import { forecastSettingsSchema, SETTINGS_AUTO_DEFAULTS } from '../../forecaster.ts';
import { toJsonSchema } from '../json-schema.ts';
import type { ApiRoute } from '../route.ts';
import { settingsResponseSchema } from '../wire.ts';

export function settingsRoutes(): ApiRoute[] {
  const schema = toJsonSchema(forecastSettingsSchema, { defaults: SETTINGS_AUTO_DEFAULTS });
  return [
    {
      method: 'get',
      path: '/api/settings',
      summary: 'The forecast settings as JSON Schema: limits, choices, auto-mode defaults, descriptions',
      responses: { 200: 'the settings schema' },
      responseSchema: settingsResponseSchema,
      handlers: [
        (_req, res) => {
          res.json({ schema });
        },
      ],
    },
  ];
}
