// createApp builds the Express 5 app — JSON API under /api, the pages of web/, Plotly from
// node_modules — without listening, so tests drive the real app. Training runs on worker
// threads; shutdown() stops them and closes the database. Every request first passes the
// access checks of ./access: its Host, then (for writes) its origin, then the token if one is set.
import express from 'express';
import type { Express } from 'express';
import helmet from 'helmet';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../store/db.ts';
import type { Db } from '../store/db.ts';
import { markInterruptedRuns } from '../store/runs.ts';
import { allowHosts, parseHostList } from './access/host-allow-list.ts';
import { loginRoutes } from './access/login-route.ts';
import { refuseCrossSiteWrites } from './access/same-origin.ts';
import { requireToken } from './access/token.ts';
import { DatasetService } from './dataset-service.ts';
import { errorHandler, notFound } from './http-error.ts';
import { ModelService } from './model-service.ts';
import { openApiDocument } from './openapi.ts';
import type { ApiRoute } from './route.ts';
import { datasetRoutes } from './routes/datasets.ts';
import { exampleRoutes } from './routes/example.ts';
import { modelRoutes } from './routes/models.ts';
import { scheduleRoutes } from './routes/schedules.ts';
import { settingsRoutes } from './routes/settings.ts';
import { trainingRoutes } from './routes/trainings.ts';
import { TrainingQueue } from './training-queue.ts';
import { bundleWebAssets } from './web-assets.ts';
import { joinWebStyles } from './web-styles.ts';
import { assembleWebPages } from './web-pages.ts';

export interface AppOptions {
  /** SQLite file; ':memory:' for tests. Default: RECURRENT_DB or ./data/recurrent.db. */
  dbPath?: string;
  /** Folder of bundled CSVs seeded into the database. Default: the repository's datasets/. */
  datasetsDir?: string | null;
  /** Default 50 MB. */
  uploadLimitBytes?: number;
  /** Trainings at once; default: the number of cores. */
  trainingConcurrency?: number;
  /** Folder of the pages; default: the repository's web/. */
  webDir?: string;
  /**
   * The shared access token: when set, every page and /api call needs it (a bearer header
   * or the login page's cookie). Default: RECURRENT_TOKEN; empty means none.
   */
  accessToken?: string;
  /**
   * Host names answered beside localhost, 127.0.0.1 and [::1], as `name` (any port) or
   * `name:port`. Default: the comma-separated RECURRENT_ALLOWED_HOSTS.
   */
  allowedHosts?: readonly string[];
}

export interface RecurrentApp extends Express {
  /** Resolves when the bundled datasets are in the database. */
  ready: Promise<void>;
  db: Db;
  /** Cancels trainings, waits for their workers, closes the database. */
  shutdown(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEFAULT_UPLOAD_LIMIT = 50 * 1024 * 1024;

export function createApp(options: AppOptions = {}): RecurrentApp {
  const db = openDatabase(options.dbPath);
  markInterruptedRuns(db);
  const datasets = new DatasetService(db);
  const models = new ModelService(db, datasets);
  const queue = new TrainingQueue(db, datasets, options.trainingConcurrency ?? availableParallelism());
  const uploadLimit = options.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT;
  const datasetsDir = options.datasetsDir === undefined ? `${ROOT}datasets` : options.datasetsDir;
  const ready =
    datasetsDir === null ? Promise.resolve() : datasets.seedBundled(datasetsDir).then(() => undefined);
  ready.catch((e: unknown) => console.error(`seeding the bundled datasets failed: ${(e as Error).message}`));

  const routes: ApiRoute[] = [
    ...datasetRoutes(db, datasets, uploadLimit, ready),
    ...trainingRoutes(db, datasets, queue),
    ...modelRoutes(db, datasets, models, uploadLimit),
    ...scheduleRoutes(db),
    ...settingsRoutes(),
    ...exampleRoutes(),
  ];
  const accessToken = (options.accessToken ?? process.env.RECURRENT_TOKEN ?? '').trim() || undefined;
  const allowedHosts = options.allowedHosts ?? parseHostList(process.env.RECURRENT_ALLOWED_HOSTS);
  const webDir = options.webDir ?? `${ROOT}web`;
  const pages = assembleWebPages(webDir);

  const app = express() as RecurrentApp;
  app.disable('x-powered-by');
  app.use(
    helmet({
      // The app opens no cross-origin windows, and over plain HTTP on a LAN address browsers
      // ignore COOP with a console error; it protects nothing here.
      crossOriginOpenerPolicy: false,
      // helmet's no-referrer makes browsers send `Origin: null` even on the pages' own POSTs;
      // same-origin keeps referrers inside the app (none leave it) and lets the cross-site
      // check (access/same-origin.ts) see the real origin, also in browsers without Sec-Fetch-Site.
      referrerPolicy: { policy: 'same-origin' },
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          // Served over plain HTTP on a LAN address too: upgrading requests would break it.
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  // The order matters: a request to a name this server is not meant to answer to is refused
  // before anything else; a cross-site write before the token (a forged request may carry a
  // valid cookie); and the login endpoints sit before the token check they lead through.
  app.use(allowHosts(allowedHosts));
  app.use(refuseCrossSiteWrites());
  app.use(loginRoutes(accessToken, pages.get('/login')));
  if (accessToken !== undefined) app.use(requireToken(accessToken));
  app.use('/api', express.json({ limit: '1mb' }));
  const document = openApiDocument(routes);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.get('/api/health', (_req, res) => {
    res.json({ ok: true });
  });
  for (const route of routes) app[route.method](route.path, ...route.handlers);
  app.use('/api', (req, _res, next) => {
    next(notFound(`${req.method} ${req.originalUrl}`));
  });

  const assets = bundleWebAssets(webDir);
  app.get('/assets/:name', (req, res, next) => {
    const text = assets.get(req.params.name);
    if (text === undefined) {
      next();
      return;
    }
    res.type('application/javascript').send(text);
  });
  const styles = joinWebStyles(webDir);
  app.get('/style.css', (_req, res) => {
    res.type('text/css').send(styles);
  });
  const plotly = createRequire(import.meta.url).resolve('plotly.js-dist-min');
  app.get('/vendor/plotly.min.js', (_req, res) => {
    res.sendFile(plotly);
  });
  for (const [path, html] of pages)
    app.get(path, (_req, res) => {
      res.type('html').send(html);
    });
  app.use(express.static(webDir, { index: false }));
  app.use(errorHandler);

  app.ready = ready;
  app.db = db;
  app.shutdown = async () => {
    await queue.close();
    await datasets.close();
    await ready.catch(() => undefined);
    db.close();
  };
  return app;
}
