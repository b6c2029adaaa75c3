// `npm start`: serves Recurrent on http://localhost:3000 (PORT and HOST override) with the
// bundled datasets and an embedded SQLite file (RECURRENT_DB overrides its path).
import { createApp } from './app.ts';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? 'localhost';
const app = createApp();
await app.ready;
const server = app.listen(port, host, () => {
  console.log(`Recurrent is serving on http://${host}:${port}`);
});

const stop = () => {
  server.close();
  void app.shutdown().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
