// The WebAssembly kernels are compiled from their WebAssembly text by wabt and kept by the text's
// hash: what runs is always the build of the text in the tree, whatever was kept before.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kernelName } from '../../src/rnn/kernels/gemm-kernels-wat.ts';
import { kernelsWat } from '../../src/rnn/kernels/kernels-wat.ts';
import { compileWat, compiledKernelPath, kernelBytes } from '../../src/rnn/kernels/kernel-module.ts';

interface WasmModuleApi {
  Module: { new (code: Uint8Array): object; exports(module: object): { name: string }[] };
}

describe('the kernel module', () => {
  it('is the build of the current text, kept under its hash', async () => {
    const fresh = await compileWat(kernelsWat());
    const loaded = await kernelBytes();
    expect(Buffer.from(loaded)).toEqual(Buffer.from(fresh));
    expect(Buffer.from(readFileSync(compiledKernelPath()))).toEqual(Buffer.from(fresh));
    // An edited kernel gets another name, so a stale build is never loaded for it.
    expect(compiledKernelPath(`${kernelsWat()} ;; edited`)).not.toBe(compiledKernelPath());
  });

  it('exports its memory, the four gemm kernels and the gate kernels', async () => {
    // The compiler's lib has no WebAssembly declarations (see gemm-wasm.ts): the members used.
    const api = (globalThis as unknown as { WebAssembly: WasmModuleApi }).WebAssembly;
    const exports = api.Module.exports(new api.Module(await kernelBytes())).map((e) => e.name);
    const kernels = (['jvec', 'jvec1', 'kvec'] as const).flatMap((k) =>
      (['float64', 'float32'] as const).map((p) => kernelName(k, p)),
    );
    const gates = [
      'lstmStep32',
      'gruGates32',
      'gruState32',
      'lstmBack32',
      'gruBack32',
      'gruBackReset32',
      'tanh32',
      'tanhBack32',
    ];
    expect(exports.sort()).toEqual(['memory', ...kernels, ...gates].sort());
  });

  it("refuses a mistake in the text with wabt's message", async () => {
    await expect(compileWat('(module (func (f64x2.splat (i32.const 1))))', 'broken.wat')).rejects.toThrow(
      /broken\.wat/,
    );
  });
});
