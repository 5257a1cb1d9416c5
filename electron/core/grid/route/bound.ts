// A lower bound on the shortest closed tour: the Held-Karp 1-tree bound. A 1-tree is a minimum
// spanning tree of points 1..n-1 plus the two shortest edges at point 0; every tour is a 1-tree,
// so its weight bounds the tour from below. Penalties π on the points (edge i–j costs
// d + π_i + π_j, the bound subtracts 2Σπ) leave every tour's length unchanged but lift the tree's;
// subgradient steps push π towards points whose degree is not 2 (Held & Karp 1971, the step of
// Held, Wolfe & Crowder 1974).
import type { Matrix } from './matrix.js';

/** Weight of the minimum 1-tree under penalties pi, and each point's degree in it (Prim, O(n²)). */
function oneTree(m: Matrix, pi: Float64Array, deg: Int32Array): number {
  const { n, d } = m;
  deg.fill(0);
  const key = new Float64Array(n).fill(Infinity);
  const par = new Int32Array(n).fill(-1);
  const done = new Uint8Array(n);
  let w = 0;
  key[1] = 0;
  for (let step = 0; step < n - 1; step++) {
    let u = -1;
    for (let v = 1; v < n; v++) if (!done[v] && (u < 0 || key[v] < key[u])) u = v;
    done[u] = 1;
    w += key[u];
    if (par[u] >= 0) (deg[u]++, deg[par[u]]++);
    for (let v = 1; v < n; v++) {
      if (done[v]) continue;
      const c = d[u * n + v] + pi[u] + pi[v];
      if (c < key[v]) (key[v] = c), (par[v] = u);
    }
  }
  // the two cheapest edges at point 0
  let a = -1;
  let b = -1;
  for (let v = 1; v < n; v++) {
    const c = d[v] + pi[0] + pi[v];
    if (a < 0 || c < d[a] + pi[0] + pi[a]) (b = a), (a = v);
    else if (b < 0 || c < d[b] + pi[0] + pi[b]) b = v;
  }
  w += d[a] + pi[0] + pi[a] + d[b] + pi[0] + pi[b];
  deg[0] = 2;
  deg[a]++, deg[b]++;
  let sumPi = 0;
  for (let v = 0; v < n; v++) sumPi += pi[v];
  return w - 2 * sumPi;
}

export interface BoundOptions {
  /** a known tour length (the heuristic's): scales the steps */
  upper: number;
  iterations?: number;
}

/** The best 1-tree bound found (metres, same units as the matrix); ≤ the optimum tour. */
export function oneTreeBound(m: Matrix, opts: BoundOptions): number {
  const n = m.n;
  if (n < 3) return n === 2 ? 2 * m.d[1] : 0;
  const pi = new Float64Array(n);
  const deg = new Int32Array(n);
  const iterations = opts.iterations ?? Math.max(300, 10 * n);
  let best = -Infinity;
  let lambda = 2;
  let sinceBetter = 0;
  for (let it = 0; it < iterations; it++) {
    const w = oneTree(m, pi, deg);
    if (w > best + 1e-9) (best = w), (sinceBetter = 0);
    else if (++sinceBetter >= Math.max(10, n >> 2)) (lambda /= 2), (sinceBetter = 0);
    let norm = 0;
    for (let v = 0; v < n; v++) norm += (deg[v] - 2) ** 2;
    if (norm === 0) return w; // the 1-tree is a tour: the bound is the optimum
    if (lambda < 1e-6) break;
    const t = (lambda * (opts.upper - w)) / norm;
    if (!(t > 0)) break;
    for (let v = 0; v < n; v++) pi[v] += t * (deg[v] - 2);
  }
  return best;
}
