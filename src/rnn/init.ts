// Weight initialisation: Glorot-uniform for input and head weights, orthogonal for
// recurrent weights (one orthogonal H×H block per gate, which keeps ‖Wh·h‖ ≈ ‖h‖ at the
// start so gradients neither vanish nor explode in the first epochs), zero biases.
import type { Floats } from './floats.ts';
import type { Random } from './random.ts';

/** U(−l, l) with l = √(6 / (fanIn + fanOut)). */
export function glorotUniform(target: Floats, fanIn: number, fanOut: number, random: Random): void {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  for (let i = 0; i < target.length; i++) target[i] = random.uniform(-limit, limit);
}

/**
 * Fills `blocks` consecutive n×n row-major blocks of target with random orthogonal
 * matrices: QR of a Gaussian matrix by modified Gram–Schmidt, with the signs of R's
 * diagonal folded into Q so the result is uniform over the orthogonal group.
 */
export function orthogonalBlocks(target: Floats, n: number, blocks: number, random: Random): void {
  const q = new Float64Array(n * n);
  for (let block = 0; block < blocks; block++) {
    for (let i = 0; i < n * n; i++) q[i] = random.normal();
    // Columns of q are orthonormalised in place; column j is q[j], q[n + j], …
    for (let j = 0; j < n; j++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += q[i * n + k]! * q[i * n + j]!;
        for (let i = 0; i < n; i++) q[i * n + j] = q[i * n + j]! - dot * q[i * n + k]!;
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += q[i * n + j]! ** 2;
      norm = Math.sqrt(norm);
      // R's diagonal entry is +norm here, so the sign correction is already applied.
      for (let i = 0; i < n; i++) q[i * n + j] = q[i * n + j]! / norm;
    }
    target.set(q, block * n * n);
  }
}
