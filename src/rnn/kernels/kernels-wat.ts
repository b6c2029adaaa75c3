// The engine's one WebAssembly module, as text: its memory, the gemm kernels and the
// float32 gate kernels. kernel-module.ts compiles it (wabt) at install, or on first load.
import { gateKernelFunctions } from './gate-kernels-wat.ts';
import { gemmKernelFunctions } from './gemm-kernels-wat.ts';

export function kernelsWat(): string {
  return `(module
  (memory (export "memory") 1)
${gemmKernelFunctions()}
${gateKernelFunctions()})
`;
}
