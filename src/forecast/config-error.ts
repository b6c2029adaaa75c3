// A setting that cannot work for this series (a horizon of 0, an unknown time zone): the
// surfaces show its message as the user's mistake (CLI exit 2, API 400), not as a crash.
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
