// `--architecture` through the real binary: a seq2seq network reads a known-future column
// at each decoder step and round-trips through its model file; `try` puts seq2seq and
// bidirectional candidates in the pool beside many-to-one; seq2seq with a recursive
// strategy is refused with the reason.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMO_SALES_HEADER, promoSales } from '../support/promo-sales.ts';
import { runCli } from '../support/run-cli.ts';

const N = 240;
const H = 7;
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recurrent-architecture-'));
  const { history, ahead } = promoSales(N, H, 33);
  await writeFile(join(dir, 'sales.csv'), [PROMO_SALES_HEADER, ...history, ...ahead].join('\n'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const common = ['--target', 'sales', '--horizon', String(H), '--future', 'promo', '--candidates', 'rnn'];
const quick = [...common, '--scale', 'zscore', '--epochs', '25', '--seed', '5'];

describe('recurrent run --architecture', () => {
  it('seq2seq: keeps a seq2seq network, writes h rows, and its model file forecasts the same', async () => {
    const out = join(dir, 'seq2seq.csv');
    const model = join(dir, 'seq2seq.json');
    const run = runCli([
      'run',
      join(dir, 'sales.csv'),
      ...quick,
      '--architecture',
      'seq2seq',
      '--out',
      out,
      '--save-model',
      model,
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/kept: gru 1×32 seq2seq, window \d+, direct 7-step/);
    const rows = (await readFile(out, 'utf8')).trim().split('\n');
    expect(rows).toHaveLength(H + 1);
    const again = join(dir, 'again.csv');
    const forecast = runCli(['forecast', model, join(dir, 'sales.csv'), '--out', again]);
    expect(forecast.status, forecast.stderr).toBe(0);
    expect(await readFile(again, 'utf8')).toBe(await readFile(out, 'utf8'));
    const saved = JSON.parse(await readFile(model, 'utf8')) as { final: { config: { network: unknown } } };
    expect(saved.final.config.network).toMatchObject({ architecture: 'seq2seq' });
  });

  it('bidirectional-seq2seq: the model names both', () => {
    const run = runCli([
      'run',
      join(dir, 'sales.csv'),
      ...quick,
      '--architecture',
      'bidirectional-seq2seq',
      '--out',
      join(dir, 'both.csv'),
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/kept: gru 1×32 bidirectional seq2seq/);
  });

  it('try: seq2seq and bidirectional networks join the pool beside many-to-one, and validation picks', () => {
    const run = runCli([
      'run',
      join(dir, 'sales.csv'),
      ...quick,
      '--architecture',
      'try',
      '--json',
      '--quiet',
      '--out',
      join(dir, 'try.csv'),
    ]);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { leaderboard: { entries: { name: string }[]; kept: string } };
    const names = report.leaderboard.entries.map((e) => e.name).sort();
    expect(names).toEqual(['rnn bidirectional: z-score', 'rnn seq2seq: z-score', 'rnn: z-score']);
    expect(names).toContain(report.leaderboard.kept);
  });

  it('seq2seq with the recursive strategy is refused: it decodes all h steps itself', () => {
    const run = runCli([
      'run',
      join(dir, 'sales.csv'),
      ...common,
      '--architecture',
      'seq2seq',
      '--strategy',
      'recursive',
      '--out',
      join(dir, 'no.csv'),
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/seq2seq .*direct strategy/);
  });
});
