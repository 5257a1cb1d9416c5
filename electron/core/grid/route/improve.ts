// Local search on a closed tour: 2-opt (reverse a stretch) and Or-opt (move a run of 1–3 points
// elsewhere, either way round), repeated until neither finds a shorter tour. Moves are taken as
// found (first improvement); an improvement must beat EPS so rounding cannot make it cycle.
import type { Matrix } from './matrix.js';

const EPS = 1e-9;

/** One pass of 2-opt over every pair of edges; true when the tour changed. */
function twoOptPass(m: Matrix, t: number[]): boolean {
  const { n: N, d } = m;
  const n = t.length;
  let changed = false;
  for (let i = 0; i < n - 2; i++) {
    const a = t[i];
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // the same two edges
      const b = t[i + 1];
      const c = t[j];
      const e = t[(j + 1) % n];
      const delta = d[a * N + c] + d[b * N + e] - d[a * N + b] - d[c * N + e];
      if (delta < -EPS) {
        for (let lo = i + 1, hi = j; lo < hi; lo++, hi--) [t[lo], t[hi]] = [t[hi], t[lo]];
        changed = true;
      }
    }
  }
  return changed;
}

/** One pass of Or-opt: each run of 1–3 consecutive points tried between every other pair. */
function orOptPass(m: Matrix, t: number[]): boolean {
  const { n: N, d } = m;
  const n = t.length;
  let changed = false;
  for (let len = 1; len <= 3 && len <= n - 3; len++) {
    for (let i = 0; i + len <= n; i++) {
      const s0 = t[i];
      const s1 = t[i + len - 1];
      const p = t[(i - 1 + n) % n];
      const q = t[(i + len) % n];
      const gain = d[p * N + s0] + d[s1 * N + q] - d[p * N + q];
      let best = -EPS;
      let bestK = -1;
      let bestRev = false;
      // insertion edges (t[k], t[k+1]) outside the run and other than (p, q)
      for (let k = 0; k < n; k++) {
        const k1 = (k + 1) % n;
        if ((k >= i - 1 && k < i + len) || (i === 0 && k === n - 1)) continue;
        const x = t[k];
        const y = t[k1];
        const base = d[x * N + y];
        const fwd = d[x * N + s0] + d[s1 * N + y] - base - gain;
        const rev = d[x * N + s1] + d[s0 * N + y] - base - gain;
        if (fwd < best) (best = fwd), (bestK = k), (bestRev = false);
        if (rev < best) (best = rev), (bestK = k), (bestRev = true);
      }
      if (bestK >= 0) {
        const run = t.slice(i, i + len);
        if (bestRev) run.reverse();
        const x = t[bestK];
        const rest = [...t.slice(0, i), ...t.slice(i + len)];
        const at = rest.indexOf(x);
        rest.splice(at + 1, 0, ...run);
        for (let k = 0; k < n; k++) t[k] = rest[k];
        changed = true;
      }
    }
  }
  return changed;
}

/** Improves the tour in place until 2-opt and Or-opt both stop; rotates it to begin at 0 again. */
export function localSearch(m: Matrix, t: number[]): number[] {
  if (t.length < 4) return t;
  for (;;) {
    const a = twoOptPass(m, t);
    const b = orOptPass(m, t);
    if (!a && !b) break;
  }
  const at = t.indexOf(0);
  return [...t.slice(at), ...t.slice(0, at)];
}
