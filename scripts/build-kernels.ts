// npm's postinstall: compiles the WebAssembly gemm kernels from their text
// (src/rnn/kernels/gemm-kernels-wat.ts) into node_modules/.cache/recurrent. Never fails
// the install: without this file the engine compiles them on first load instead.
import { buildKernels } from '../src/rnn/kernels/kernel-module.ts';

try {
  const { bytes, path } = await buildKernels();
  console.log(`recurrent: compiled the gemm kernels (${bytes.length} bytes) to ${path}`);
} catch (error) {
  console.warn(
    `recurrent: could not compile the gemm kernels now (${(error as Error).message}); they compile on first use`,
  );
}
