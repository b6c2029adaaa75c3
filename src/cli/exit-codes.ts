// Exit codes of the `recurrent` command, listed in --help so scripts can branch on them.

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  badInput: 3,
  badModel: 4,
  cancelled: 130,
} as const;

export const EXIT_CODES_HELP = `
Exit codes:
  0    success
  1    unexpected failure
  2    usage error (unknown option, missing or invalid argument)
  3    bad input data (the message names file, line and column)
  4    unreadable model file (corrupt, truncated or from a newer version)
  130  cancelled (Ctrl-C)`;
