// Web page bench (issue 5): how heavy the chart payloads are and how long the browser
// takes to draw them, on the real app in headless Chromium — the model page of an sp500
// "close" model, and the preview chart of a generated 100,000-point upload (docs/lessons.md #15:
// the server downsamples to ~5,000 points per trace, so both should stay small and fast).
// Usage: npx tsx bench/web-page.ts [--quick]
//   --quick    3 epochs and a 20,000-point upload, printed only (smoke test)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { createApp } from '../src/server/app.ts';
import { machineDescription, writeResultsSection } from './results-md.ts';

const quick = process.argv.includes('--quick');
const UPLOAD_POINTS = quick ? 20_000 : 100_000;
const EPOCHS = quick ? 3 : 20;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

interface Payload {
  bytes: number;
  ms: number;
  points: number;
}
interface Render {
  chartMs: number;
  sinceNavigationMs: number;
  apiMs: number;
  apiStartMs: number;
  plotlyJsMs: number;
  tracePoints: number[];
}

async function getPayload(url: string, count: (json: unknown) => number): Promise<Payload> {
  const started = performance.now();
  const response = await fetch(url);
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${text}`);
  return { bytes: Buffer.byteLength(text), ms: performance.now() - started, points: count(JSON.parse(text)) };
}

/** Opens a page and reads the performance measure the page records around Plotly.newPlot. */
async function measureRender(
  browser: Browser,
  url: string,
  measure: string,
  chartSelector: string,
  apiPath: string,
): Promise<Render> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  // A function, not a string: a string predicate would need eval, which the app's CSP forbids.
  await page.waitForFunction((name) => performance.getEntriesByName(name, 'measure').length > 0, measure, {
    timeout: 60_000,
  });
  const result = (await page.evaluate(`(() => {
    const m = performance.getEntriesByName(${JSON.stringify(measure)}, 'measure')[0];
    const div = document.querySelector(${JSON.stringify(chartSelector)});
    const resource = (part) => performance.getEntriesByType('resource').find((e) => e.name.includes(part));
    const api = resource(${JSON.stringify(apiPath)}), plotly = resource('/vendor/plotly.min.js');
    return {
      chartMs: m.duration, sinceNavigationMs: m.startTime + m.duration, apiMs: api ? api.duration : NaN, apiStartMs: api ? api.startTime : NaN, plotlyJsMs: plotly ? plotly.duration : NaN,
      tracePoints: div.data.map((t) => t.x.length),
    };
  })()`)) as Render;
  await page.close();
  if (errors.length > 0) throw new Error(`${url}: ${errors.join('; ')}`);
  return result;
}

async function trainSp500(base: string, datasetId: number): Promise<{ modelId: number; seconds: number }> {
  const started = performance.now();
  const body = {
    datasetId,
    target: 'close',
    horizonSteps: 5,
    windowLength: 30,
    cell: 'gru',
    hiddenSize: 16,
    maxEpochs: EPOCHS,
    patienceEpochs: EPOCHS,
    seed: 1,
  };
  const response = await fetch(`${base}/api/trainings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 202)
    throw new Error(`POST /api/trainings: ${response.status} ${await response.text()}`);
  const { training } = (await response.json()) as { training: { id: number } };
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const { training: t } = (await (await fetch(`${base}/api/trainings/${training.id}`)).json()) as {
      training: { status: string; modelId: number | null; error: string | null };
    };
    if (t.status === 'failed' || t.status === 'cancelled')
      throw new Error(`training ${t.status}: ${t.error ?? ''}`);
    if (t.status === 'succeeded' && t.modelId !== null)
      return { modelId: t.modelId, seconds: (performance.now() - started) / 1000 };
  }
}

/** Hourly timestamps and a seasonal random walk: long enough that LTTB must thin it 20×. */
function generatedCsv(points: number): string {
  const lines = ['time,value'];
  const start = Date.UTC(2010, 0, 1);
  let level = 100,
    seed = 12345;
  for (let i = 0; i < points; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    level += (seed / 2 ** 31 - 0.5) * 0.8;
    lines.push(
      `${new Date(start + i * 3_600_000).toISOString().slice(0, 19)},${(level + 5 * Math.sin((2 * Math.PI * i) / 24)).toFixed(3)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function upload(base: string, csv: string): Promise<{ datasetId: number; seconds: number }> {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), `generated-${UPLOAD_POINTS}.csv`);
  const started = performance.now();
  const response = await fetch(`${base}/api/datasets`, { method: 'POST', body: form });
  if (response.status !== 201)
    throw new Error(`POST /api/datasets: ${response.status} ${await response.text()}`);
  const { dataset } = (await response.json()) as { dataset: { id: number } };
  return { datasetId: dataset.id, seconds: (performance.now() - started) / 1000 };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const PLOTLY_BYTES = statSync(createRequire(import.meta.url).resolve('plotly.js-dist-min')).size;
const ms = (v: number) => `${Math.round(v)} ms`;

async function main(): Promise<void> {
  const benchStarted = performance.now();
  const loadAtStart = loadavg()[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'recurrent-web-bench-'));
  const app = createApp({ dbPath: join(dir, 'bench.db') });
  await app.ready;
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const { datasets } = (await (await fetch(`${base}/api/datasets`)).json()) as {
      datasets: { id: number; name: string; rows: number }[];
    };
    const sp500 = datasets.find((d) => d.name === 'sp500-2000.csv');
    if (!sp500) throw new Error('the bundled sp500-2000.csv is missing');
    const trained = await trainSp500(base, sp500.id);
    console.log(
      `trained sp500 close (${EPOCHS} epochs) in ${trained.seconds.toFixed(1)} s: model ${trained.modelId}`,
    );

    const countChart = (j: unknown) => {
      const f = (j as { fitted: Record<string, unknown> }).fitted;
      const a = f.actual as number[] | { values: number[] };
      return Array.isArray(a) ? a.length : a.values.length;
    };
    const countPoints = (j: unknown) => (j as { values: number[] }).values.length;
    // Pages first, so the server's first (cold) answer is part of what the page waited for.
    const modelRender = await measureRender(
      browser,
      `${base}/model.html?id=${trained.modelId}`,
      'model-chart',
      '#model-chart',
      `/api/models/${trained.modelId}/chart`,
    );
    const sp500Render = await measureRender(
      browser,
      `${base}/?dataset=${sp500.id}`,
      'preview-chart',
      '#preview-chart',
      `/api/datasets/${sp500.id}/points`,
    );
    const chartPayload = await getPayload(`${base}/api/models/${trained.modelId}/chart`, countChart);
    const sp500Points = await getPayload(`${base}/api/datasets/${sp500.id}/points?column=close`, countPoints);

    const uploaded = await upload(base, generatedCsv(UPLOAD_POINTS));
    const bigRender = await measureRender(
      browser,
      `${base}/?dataset=${uploaded.datasetId}`,
      'preview-chart',
      '#preview-chart',
      `/api/datasets/${uploaded.datasetId}/points`,
    );
    const bigPoints = await getPayload(
      `${base}/api/datasets/${uploaded.datasetId}/points?column=value`,
      countPoints,
    );

    const rows = [
      `| sp500 model page (model.html), GET /api/models/:id/chart | ${sp500.rows.toLocaleString('en-US')} | ${chartPayload.points.toLocaleString('en-US')} per fitted trace | ${kb(chartPayload.bytes)} | ${ms(modelRender.apiMs)} / ${ms(chartPayload.ms)} | ${ms(modelRender.chartMs)} | ${ms(modelRender.apiStartMs)} | ${ms(modelRender.sinceNavigationMs)} | ${modelRender.tracePoints.join(' / ')} |`,
      `| sp500 preview (index.html), GET /api/datasets/:id/points close | ${sp500.rows.toLocaleString('en-US')} | ${sp500Points.points.toLocaleString('en-US')} | ${kb(sp500Points.bytes)} | ${ms(sp500Render.apiMs)} / ${ms(sp500Points.ms)} | ${ms(sp500Render.chartMs)} | ${ms(sp500Render.apiStartMs)} | ${ms(sp500Render.sinceNavigationMs)} | ${sp500Render.tracePoints.join(' / ')} |`,
      `| ${UPLOAD_POINTS.toLocaleString('en-US')}-point upload preview (index.html), GET …/points | ${UPLOAD_POINTS.toLocaleString('en-US')} | ${bigPoints.points.toLocaleString('en-US')} | ${kb(bigPoints.bytes)} | ${ms(bigRender.apiMs)} / ${ms(bigPoints.ms)} | ${ms(bigRender.chartMs)} | ${ms(bigRender.apiStartMs)} | ${ms(bigRender.sinceNavigationMs)} | ${bigRender.tracePoints.join(' / ')} |`,
    ];
    const body = [
      `Date: ${new Date().toISOString().slice(0, 10)}. Machine: ${machineDescription()}. Browser: ${browser.version()} (headless, --disable-gpu).`,
      '',
      `Command: \`npx tsx bench/web-page.ts\` (also run by \`npm run bench\`); took ${((performance.now() - benchStarted) / 1000).toFixed(0)} s. Measured once each, on the real app (createApp) over loopback; 1-minute load average at the start ${loadAtStart.toFixed(1)} (other work on the machine inflates every time below).`,
      '',
      `The sp500 model: close, GRU 16, window 30, horizon 5, ${EPOCHS} epochs (trained in ${trained.seconds.toFixed(1)} s). The upload: ${UPLOAD_POINTS.toLocaleString('en-US')} hourly points (${kb(Buffer.byteLength(generatedCsv(UPLOAD_POINTS)))}), POSTed, ingested and stored in ${uploaded.seconds.toFixed(1)} s.`,
      '',
      `"render" is the page's own performance measure around \`Plotly.newPlot\` (SVG \`scatter\` traces) until its promise resolves; "data requested at" is when the page asked for the chart data, after loading and running plotly.min.js and the page module (and, on the model page, GET /api/models/:id); "ready since navigation" is when the chart had drawn. Each page is the first visit of a fresh browser context (cold cache). Payload fetch: the page's own request (resource timing, the server's first answer) / a Node \`fetch\` of the same URL afterwards (warm). Loading plotly.min.js (${kb(PLOTLY_BYTES)}) took ${ms(modelRender.plotlyJsMs)} on the model page.`,
      '',
      '| chart | points in series | points sent | payload | payload fetch (page / node) | render | data requested at | ready since navigation | points per plotted trace |',
      '|---|---|---|---|---|---|---|---|---|',
      ...rows,
    ].join('\n');
    console.log(`\n${body}\n`);
    if (!quick) writeResultsSection('## Web page (issue 5)', body);
  } finally {
    await browser.close().catch(() => undefined);
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await app.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
