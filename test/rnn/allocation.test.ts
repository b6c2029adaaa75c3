// The hot path allocates nothing per time step or per batch after warm-up: measured in a
// child process (--expose-gc, a 256 MB young generation so no scavenge hides growth,
// counting only the young generation so late JIT compilation does not count) over
// windows of 200 training steps of a 2-layer network, 20 time steps each, the least kept.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PRECISIONS } from '../../src/rnn/floats.ts';
import type { Precision } from '../../src/rnn/floats.ts';

const PROBE = fileURLToPath(new URL('../support/allocation-probe.ts', import.meta.url));

function bytesPerBatch(cell: string, variant: string, precision: Precision): number {
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-semi-space-size=256', '--import', 'tsx', PROBE, cell, variant, precision],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return (JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { bytesPerBatch: number }).bytesPerBatch;
}

describe.each(PRECISIONS)('allocation in the training hot path, %s', (precision) => {
  for (const cell of ['rnn', 'lstm', 'gru']) {
    // What remains (~64 B) is V8 boxing the few doubles returned once per batch (the loss,
    // the gradient norm). One allocation per time step would already cost 20 steps × 2
    // layers × ≥ 16 B = 640 B, and a typed-array view per gemm call several KB.
    // Checked to fail: one escaping [array, offset] tuple per LSTM step reads ~2,600 B.
    it(`${cell}: no allocation per time step, under 128 bytes per batch`, () => {
      expect(bytesPerBatch(cell, '', precision)).toBeLessThan(128);
    });
    it(`${cell}, bidirectional encoder and teacher-forced decoder: under 128 bytes per batch`, () => {
      expect(bytesPerBatch(cell, 'seq2seq', precision)).toBeLessThan(128);
    });
  }
});
