// `recurrent serve`: the web app, as `npm start` runs it, with flags for port and host.
import type { Command } from 'commander';
import { parseIntegerOption } from '../options.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the web app and JSON API')
    .option('--port <port>', 'port (default: PORT or 3000)', parseIntegerOption('--port', 0))
    .option('--host <host>', 'host (default: HOST or localhost)')
    .option('--db <file>', 'SQLite file (default: RECURRENT_DB or ./data/recurrent.db)')
    .action(async (flags: { port?: number; host?: string; db?: string }) => {
      if (flags.port !== undefined) process.env.PORT = String(flags.port);
      if (flags.host !== undefined) process.env.HOST = flags.host;
      if (flags.db !== undefined) process.env.RECURRENT_DB = flags.db;
      await import('../../server/main.ts');
      await new Promise<never>(() => {});
    });
}
