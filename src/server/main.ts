// `npm start`: serves Recurrent on http://localhost:3000 (PORT and HOST override) with the
// bundled datasets and an embedded SQLite file (RECURRENT_DB overrides its path).
// RECURRENT_TOKEN and RECURRENT_ALLOWED_HOSTS guard a server shared with others (README,
// "Running on a shared server").
import { bindingWarning, hostsForBinding, weakTokenWarning } from './access/binding.ts';
import { parseHostList } from './access/host-allow-list.ts';
import { createApp } from './app.ts';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? 'localhost';
const accessToken = process.env.RECURRENT_TOKEN?.trim() || undefined;
let allowedHosts: string[];
try {
  allowedHosts = [...parseHostList(process.env.RECURRENT_ALLOWED_HOSTS), ...hostsForBinding(host)];
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
const app = createApp({ accessToken: accessToken ?? '', allowedHosts });
await app.ready;
const server = app.listen(port, host, () => {
  console.log(`Recurrent is serving on http://${host}:${port}`);
  if (allowedHosts.length > 0) console.log(`It also answers to Host: ${allowedHosts.join(', ')}`);
  for (const warning of [bindingWarning(host, port, accessToken), weakTokenWarning(accessToken)])
    if (warning !== null) console.warn(warning);
});

// Timeouts. Node's defaults give a request 300 s in all, which cuts off a 50 MB upload (the
// default limit) on a link slower than about 175 kB/s, and keep idle connections 5 s.
// - requestTimeout bounds receiving one whole request, body included: 30 minutes lets the
//   50 MB upload through at 29 kB/s (a poor mobile link) while a client that trickles a
//   body forever is still cut off. It does not bound answers, so the live training event
//   streams (long-lived responses) are unaffected.
// - headersTimeout bounds receiving the headers alone, which any real client sends at once:
//   20 s ends a slow-headers (slowloris) connection early. Node checks every 30 s, so the
//   effective bound is between 20 and 50 s.
// - keepAliveTimeout: how long an idle connection waits for its next request; 10 s saves
//   the pages a reconnect between clicks without holding sockets idle for long. (Behind a
//   reverse proxy that reuses connections, keep the proxy's idle timeout below this.)
server.requestTimeout = 30 * 60 * 1000;
server.headersTimeout = 20 * 1000;
server.keepAliveTimeout = 10 * 1000;

const stop = () => {
  server.close();
  void app.shutdown().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
