// npm's postinstall: compiles the engine's WebAssembly kernels from their text
// (src/rnn/kernels/kernels-wat.ts) into node_modules/.cache/recurrent. Never fails
// the install: without this file the engine compiles them on first load instead.
import { buildKernels } from '../src/rnn/kernels/kernel-module.ts';

try {
  const { bytes, path } = await buildKernels();
  console.log(`recurrent: compiled the WebAssembly kernels (${bytes.length} bytes) to ${path}`);
} catch (error) {
  console.warn(
    `recurrent: could not compile the WebAssembly kernels now (${(error as Error).message}); they compile on first use`,
  );
}
