// The visit-route optimiser: a closed tour from point 0 (the start) through every other point.
// Several starting tours (nearest neighbour from different first stops, greedy edge, cheapest
// insertion), each repaired by 2-opt + Or-opt; the shortest wins. Deterministic: the first stops
// tried beyond the nearest few are drawn from a seeded generator.
import { cheapestInsertion, greedyEdge, nearestNeighbour } from './construct.js';
import { localSearch } from './improve.js';
import { tourLength, type Matrix } from './matrix.js';
import { seededRandom } from './rng.js';

export interface Tour {
  /** a permutation of 0..n-1 beginning with 0 */
  order: number[];
  length: number;
}

export interface OptimiseOptions {
  seed?: number;
  /** nearest-neighbour starts (default: every stop up to 12 stops, else 8) */
  starts?: number;
}

/** First stops for the nearest-neighbour starts: the three nearest the start, then seeded draws. */
function firstStops(m: Matrix, count: number, seed: number): number[] {
  const stops = Array.from({ length: m.n - 1 }, (_, i) => i + 1);
  if (count >= stops.length) return stops;
  const byNear = [...stops].sort((a, b) => m.d[a] - m.d[b] || a - b);
  const chosen = new Set(byNear.slice(0, Math.min(3, count)));
  const rnd = seededRandom(seed);
  while (chosen.size < count) chosen.add(stops[Math.floor(rnd() * stops.length)]);
  return [...chosen];
}

export function optimiseTour(m: Matrix, opts: OptimiseOptions = {}): Tour {
  const n = m.n;
  if (n <= 3) {
    // one tour up to direction: nothing to choose
    const order = Array.from({ length: n }, (_, i) => i);
    return { order, length: tourLength(m, order) };
  }
  const count = opts.starts ?? (n - 1 <= 12 ? n - 1 : 8);
  const starts: number[][] = [greedyEdge(m), cheapestInsertion(m), ...firstStops(m, count, opts.seed ?? 1).map((f) => nearestNeighbour(m, f))];
  let best: Tour | null = null;
  for (const s of starts) {
    const order = localSearch(m, s);
    const length = tourLength(m, order);
    if (best === null || length < best.length - 1e-9) best = { order, length };
  }
  return best!;
}
