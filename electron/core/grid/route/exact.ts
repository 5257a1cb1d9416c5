// The exact shortest closed tour by Held-Karp dynamic programming, O(2^k · k²) for k stops besides
// point 0: the yardstick of the unit tests and the bench. Refuses more than 13 stops (8 MB of table).
import type { Matrix } from './matrix.js';
import type { Tour } from './optimise.js';

export const HELD_KARP_MAX_STOPS = 13;

export function heldKarp(m: Matrix): Tour {
  const { n, d } = m;
  const k = n - 1;
  if (k > HELD_KARP_MAX_STOPS) throw new Error(`Held-Karp: ${k} stops > ${HELD_KARP_MAX_STOPS}`);
  if (k <= 0) return { order: n === 1 ? [0] : [], length: 0 };
  const full = (1 << k) - 1;
  // best[S * k + j]: shortest path 0 → (every stop of S) ending at stop j+1 (j ∈ S)
  const best = new Float64Array((full + 1) * k).fill(Infinity);
  const from = new Int8Array((full + 1) * k).fill(-1);
  for (let j = 0; j < k; j++) best[(1 << j) * k + j] = d[j + 1];
  for (let S = 1; S <= full; S++) {
    for (let j = 0; j < k; j++) {
      const here = best[S * k + j];
      if (!(S & (1 << j)) || here === Infinity) continue;
      for (let x = 0; x < k; x++) {
        if (S & (1 << x)) continue;
        const T = S | (1 << x);
        const v = here + d[(j + 1) * n + x + 1];
        if (v < best[T * k + x]) (best[T * k + x] = v), (from[T * k + x] = j);
      }
    }
  }
  let last = 0;
  let length = Infinity;
  for (let j = 0; j < k; j++) {
    const v = best[full * k + j] + d[(j + 1) * n];
    if (v < length) (length = v), (last = j);
  }
  const rev: number[] = [];
  let S = full;
  let j = last;
  while (j >= 0) {
    rev.push(j + 1);
    const p = from[S * k + j];
    S &= ~(1 << j);
    j = p;
  }
  return { order: [0, ...rev.reverse()], length };
}
