// The engine's WebAssembly kernels (gemm and float32 gates) as bytes. They are compiled
// from their text (kernels-wat.ts) by wabt, once per text: at install (scripts/build-kernels.ts, run
// by npm's postinstall) or, when that file is missing or was built from another text, on
// first load. The bytes are kept in node_modules/.cache/recurrent, named by the text's
// hash, so an edited kernel can never run as its stale build.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../../files/atomic-write.ts';
import { kernelsWat } from './kernels-wat.ts';

const CACHE_DIR = fileURLToPath(new URL('../../../node_modules/.cache/recurrent/', import.meta.url));

/** Where the compiled kernels of this text are kept. */
export function compiledKernelPath(text: string = kernelsWat()): string {
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return join(CACHE_DIR, `kernels-${hash}.wasm`);
}

/** WebAssembly text → module bytes, SIMD enabled; throws wabt's message on a mistake. */
export async function compileWat(text: string, name = 'kernels.wat'): Promise<Uint8Array> {
  const { default: initWabt } = await import('wabt');
  const wabt = await initWabt();
  const module = wabt.parseWat(name, text, { simd: true });
  try {
    module.validate();
    return Uint8Array.from(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}

/** Compiles the kernels and keeps the bytes; returns them. */
export async function buildKernels(): Promise<{ bytes: Uint8Array; path: string }> {
  const text = kernelsWat();
  const path = compiledKernelPath(text);
  const bytes = await compileWat(text);
  await writeFileAtomic(path, bytes);
  return { bytes, path };
}

/** The kernels' bytes: the kept build of the current text, or a fresh one. */
export async function kernelBytes(): Promise<Uint8Array> {
  try {
    return new Uint8Array(readFileSync(compiledKernelPath()));
  } catch {
    try {
      return (await buildKernels()).bytes;
    } catch {
      // A read-only install: compile without keeping it.
      return compileWat(kernelsWat());
    }
  }
}
