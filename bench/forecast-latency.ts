// POST /api/models/:id/forecast (h = 30) latency under load: autocannon, 50 connections,
// 10 s, against the real server in its own process (as `npm start` runs it) on loopback,
// with a model trained on seattle temp_max. Target (issue 5): p99 under 50 ms.
// `--quick`: 2 s, printed only.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeResultsSection } from './results-md.ts';

const quick = process.argv.includes('--quick');
const port = 3900 + Math.floor(Math.random() * 90);
const url = `http://127.0.0.1:${port}`;
const root = fileURLToPath(new URL('../', import.meta.url));
const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts')], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    RECURRENT_DB: join(await mkdtemp(join(tmpdir(), 'recurrent-bench-')), 'r.db'),
  },
});
const post = (path: string, body: unknown) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

try {
  await new Promise<void>((resolve, reject) => {
    server.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('serving')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const { datasets } = (await (await fetch(`${url}/api/datasets`)).json()) as {
    datasets: { id: number; name: string }[];
  };
  const seattle = datasets.find((d) => d.name === 'seattle-weather.csv')!;
  const { training } = (await (
    await post('/api/trainings', {
      datasetId: seattle.id,
      target: 'temp_max',
      horizonSteps: 30,
      maxEpochs: 20,
      seed: 1,
    })
  ).json()) as { training: { id: number } };
  let modelId: number | null = null;
  while (modelId === null) {
    await new Promise((r) => setTimeout(r, 250));
    const t = (
      (await (await fetch(`${url}/api/trainings/${training.id}`)).json()) as {
        training: { status: string; modelId: number | null; error: string | null };
      }
    ).training;
    if (t.status === 'failed') throw new Error(t.error ?? 'training failed');
    if (t.status === 'succeeded') modelId = t.modelId;
  }
  const path = `/api/models/${modelId}/forecast`;
  await post(path, { steps: 30 });
  // A running server has warm caches and compiled code: 3 s of the same load first, unmeasured.
  const load = {
    url: `${url}${path}`,
    method: 'POST' as const,
    connections: 50,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ steps: 30 }),
  };
  await autocannon({ ...load, duration: 3 });

  const result = await autocannon({ ...load, duration: quick ? 2 : 10 });
  const { p50, p99, max } = result.latency as unknown as { p50: number; p99: number; max: number };
  const table = [
    '| request | requests | req/s | p50 ms | p99 ms | max ms | non-2xx | target |',
    '|---|---|---|---|---|---|---|---|',
    `| POST /api/models/:id/forecast (h = 30) | ${result.requests.total} | ${Math.round(result.requests.average)} | ${p50} | ${p99} | ${max} | ${result.non2xx} | ${p99 < 50 ? 'PASS' : 'MISS'} (p99 < 50 ms) |`,
  ].join('\n');
  console.log(table);
  if (!quick) {
    writeResultsSection(
      '## Forecast latency (issue 5)',
      [
        `Date: ${new Date().toISOString().slice(0, 10)}. Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}.`,
        'Command: `npx tsx bench/forecast-latency.ts` (also run by `npm run bench`). The server runs in its own process as `npm start` does; autocannon (50 connections, 10 s) in this one, over loopback. Model: GRU on seattle temp_max with a 30-step direct head; 3 s of the same load warm caches and JIT first, unmeasured, as on a running server.',
        table,
      ].join('\n\n'),
    );
  }
} finally {
  server.kill('SIGTERM');
}
