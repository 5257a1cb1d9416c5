// The symmetric distance matrix every tour routine reads: n points, row-major Float64Array.

import { haversineM } from './haversine.js';

export interface Matrix {
  n: number;
  /** d[i * n + j] = metres from point i to point j */
  d: Float64Array;
}

export interface LngLat {
  lng: number;
  lat: number;
}

export function distanceMatrix(points: readonly LngLat[]): Matrix {
  const n = points.length;
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const m = haversineM(points[i].lng, points[i].lat, points[j].lng, points[j].lat);
      d[i * n + j] = m;
      d[j * n + i] = m;
    }
  }
  return { n, d };
}

/** A matrix from any symmetric distance function (tests and the bench use plane points). */
export function matrixOf(n: number, dist: (i: number, j: number) => number): Matrix {
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) d[i * n + j] = d[j * n + i] = dist(i, j);
  return { n, d };
}

/** Length of the closed tour (a permutation of 0..n-1), summed leg by leg in tour order. */
export function tourLength(m: Matrix, tour: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < tour.length; i++) s += m.d[tour[i] * m.n + tour[(i + 1) % tour.length]];
  return s;
}
