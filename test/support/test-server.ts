// Starts the real app on an ephemeral loopback port with a real SQLite file, for API and
// browser tests, and stops it (workers included) afterwards.
import { mkdtemp } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/server/app.ts';
import type { AppOptions, RecurrentApp } from '../../src/server/app.ts';

export interface TestServer {
  app: RecurrentApp;
  url: string;
  dbPath: string;
  stop(): Promise<void>;
}

export async function startTestServer(options: AppOptions = {}): Promise<TestServer> {
  const dbPath = options.dbPath ?? join(await mkdtemp(join(tmpdir(), 'recurrent-db-')), 'recurrent.db');
  const app = createApp({ trainingConcurrency: 2, ...options, dbPath });
  await app.ready;
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    app,
    dbPath,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await app.shutdown();
    },
  };
}
