// Starting tours for the optimiser (each a permutation of 0..n-1 beginning with 0, the start point):
// nearest neighbour with a chosen first stop, greedy edge matching, cheapest insertion. Each is a
// different shape of mistake, which the local search then repairs; the best repaired one wins.
import type { Matrix } from './matrix.js';

/** 0 → first → always the nearest point not yet visited → back to 0. */
export function nearestNeighbour(m: Matrix, first: number): number[] {
  const { n, d } = m;
  const seen = new Uint8Array(n);
  const tour = [0];
  seen[0] = 1;
  let cur = 0;
  if (first !== 0) (tour.push(first), (seen[first] = 1), (cur = first));
  while (tour.length < n) {
    let best = -1;
    let bestD = Infinity;
    for (let j = 0; j < n; j++) if (!seen[j] && d[cur * n + j] < bestD) (bestD = d[cur * n + j]), (best = j);
    tour.push(best);
    seen[best] = 1;
    cur = best;
  }
  return tour;
}

/** Shortest edges first, never a third edge at a point nor a cycle before the last edge. */
export function greedyEdge(m: Matrix): number[] {
  const { n, d } = m;
  if (n <= 3) return Array.from({ length: n }, (_, i) => i);
  const edges: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) edges.push(i * n + j);
  // ties by index: deterministic
  edges.sort((a, b) => d[a] - d[b] || a - b);
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  const deg = new Uint8Array(n);
  const adj: number[][] = Array.from({ length: n }, () => []);
  let added = 0;
  for (const e of edges) {
    const i = Math.floor(e / n);
    const j = e % n;
    if (deg[i] >= 2 || deg[j] >= 2) continue;
    const ri = find(i);
    const rj = find(j);
    if (ri === rj) continue;
    parent[ri] = rj;
    deg[i]++, deg[j]++;
    adj[i].push(j), adj[j].push(i);
    if (++added === n - 1) break;
  }
  // one Hamiltonian path now: walk it from one end, then rotate so the tour begins at 0
  let end = 0;
  while (deg[end] !== 1) end++;
  const path = [end];
  let prev = -1;
  let cur = end;
  while (path.length < n) {
    const next = adj[cur][0] !== prev ? adj[cur][0] : adj[cur][1];
    path.push(next);
    prev = cur;
    cur = next;
  }
  const at = path.indexOf(0);
  return [...path.slice(at), ...path.slice(0, at)];
}

/** From 0 and its nearest point, insert each time the point whose cheapest insertion adds least. */
export function cheapestInsertion(m: Matrix): number[] {
  const { n, d } = m;
  if (n <= 2) return Array.from({ length: n }, (_, i) => i);
  let first = 1;
  for (let j = 2; j < n; j++) if (d[j] < d[first]) first = j;
  const tour = [0, first];
  const inTour = new Uint8Array(n);
  inTour[0] = inTour[first] = 1;
  while (tour.length < n) {
    let bestK = -1;
    let bestPos = -1;
    let bestCost = Infinity;
    for (let k = 0; k < n; k++) {
      if (inTour[k]) continue;
      for (let p = 0; p < tour.length; p++) {
        const a = tour[p];
        const b = tour[(p + 1) % tour.length];
        const c = d[a * n + k] + d[k * n + b] - d[a * n + b];
        if (c < bestCost) (bestCost = c), (bestK = k), (bestPos = p);
      }
    }
    tour.splice(bestPos + 1, 0, bestK);
    inTour[bestK] = 1;
  }
  return tour;
}
