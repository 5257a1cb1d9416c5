// The visit-route optimiser (electron/core/grid/route): haversine against @turf/distance, the
// heuristic against brute force and Held-Karp, the 1-tree bound below both.
import distance from '@turf/distance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneTreeBound } from '../../../electron/core/grid/route/bound.js';
import { heldKarp } from '../../../electron/core/grid/route/exact.js';
import { haversineM } from '../../../electron/core/grid/route/haversine.js';
import { distanceMatrix, tourLength, type Matrix } from '../../../electron/core/grid/route/matrix.js';
import { optimiseTour } from '../../../electron/core/grid/route/optimise.js';

const point = fc.record({ lng: fc.double({ min: 118.4, max: 118.8, noNaN: true }), lat: fc.double({ min: 24.7, max: 25.1, noNaN: true }) });
const points = (min: number, max: number) => fc.array(point, { minLength: min, maxLength: max });

/** Shortest closed tour from 0 by trying every order of the other points (independent of both codes). */
function bruteForce(m: Matrix): number {
  const rest = Array.from({ length: m.n - 1 }, (_, i) => i + 1);
  let best = Infinity;
  const permute = (k: number) => {
    if (k === rest.length) {
      best = Math.min(best, tourLength(m, [0, ...rest]));
      return;
    }
    for (let i = k; i < rest.length; i++) {
      [rest[k], rest[i]] = [rest[i], rest[k]];
      permute(k + 1);
      [rest[k], rest[i]] = [rest[i], rest[k]];
    }
  };
  permute(0);
  return best;
}

const isPermutation = (order: number[], n: number) => order.length === n && order[0] === 0 && [...order].sort((a, b) => a - b).every((v, i) => v === i);

describe('haversine', () => {
  it('agrees with @turf/distance to the millimetre', () => {
    fc.assert(
      fc.property(point, point, (a, b) => {
        const turf = distance([a.lng, a.lat], [b.lng, b.lat], { units: 'meters' });
        expect(Math.abs(haversineM(a.lng, a.lat, b.lng, b.lat) - turf)).toBeLessThan(1e-3);
      }),
    );
  });
  it('one degree of latitude is R·π/180 ≈ 111,195 m', () => {
    // 6371008.8 × π / 180 = 111195.08 (by hand)
    expect(haversineM(118, 24, 118, 25)).toBeCloseTo(111195.08, 1);
  });
});

describe('optimiseTour', () => {
  it('returns a permutation starting at 0 whose length is the sum of its legs', () => {
    fc.assert(
      fc.property(points(1, 40), fc.integer({ min: 1, max: 1000 }), (ps, seed) => {
        const m = distanceMatrix(ps);
        const t = optimiseTour(m, { seed });
        expect(isPermutation(t.order, ps.length)).toBe(true);
        let legs = 0;
        for (let i = 0; i < t.order.length; i++) legs += haversineM(ps[t.order[i]].lng, ps[t.order[i]].lat, ps[t.order[(i + 1) % ps.length]].lng, ps[t.order[(i + 1) % ps.length]].lat);
        expect(Math.abs(t.length - legs)).toBeLessThan(1e-6);
      }),
      { numRuns: 60 },
    );
  });

  it('is deterministic for a seed', () => {
    const ps = Array.from({ length: 60 }, (_, i) => ({ lng: 118.5 + ((i * 37) % 101) / 500, lat: 24.8 + ((i * 53) % 89) / 500 }));
    const m = distanceMatrix(ps);
    expect(optimiseTour(m, { seed: 7 })).toEqual(optimiseTour(m, { seed: 7 }));
  });

  it('on ≤ 9 stops: Held-Karp equals brute force; the heuristic is never below it, ≤ 1.02 always, equal most of the time', () => {
    let equal = 0;
    let runs = 0;
    fc.assert(
      fc.property(points(2, 10), (ps) => {
        const m = distanceMatrix(ps);
        const brute = bruteForce(m);
        const exact = heldKarp(m);
        expect(Math.abs(exact.length - brute)).toBeLessThan(1e-6);
        expect(Math.abs(tourLength(m, exact.order) - exact.length)).toBeLessThan(1e-6);
        const h = optimiseTour(m).length;
        expect(h).toBeGreaterThanOrEqual(brute - 1e-6);
        expect(h / brute).toBeLessThanOrEqual(1.02);
        runs++;
        if (Math.abs(h - brute) <= 1e-9 * brute) equal++;
      }),
      { numRuns: 80 },
    );
    // "most of the time": at least 90 % of the instances are solved exactly
    expect(equal / runs).toBeGreaterThanOrEqual(0.9);
  });

  it('on 10–13 stops: never below Held-Karp, ≤ 1.02 of it; the 1-tree bound never above it', () => {
    fc.assert(
      fc.property(points(11, 14), (ps) => {
        const m = distanceMatrix(ps);
        const exact = heldKarp(m).length;
        const h = optimiseTour(m).length;
        expect(h).toBeGreaterThanOrEqual(exact - 1e-6);
        expect(h / exact).toBeLessThanOrEqual(1.02);
        expect(oneTreeBound(m, { upper: h })).toBeLessThanOrEqual(exact + 1e-6);
      }),
      { numRuns: 20 },
    );
  });

  it('on 20–80 stops: never below the 1-tree bound', () => {
    fc.assert(
      fc.property(points(21, 81), (ps) => {
        const m = distanceMatrix(ps);
        const h = optimiseTour(m).length;
        expect(h).toBeGreaterThanOrEqual(oneTreeBound(m, { upper: h }) - 1e-6);
      }),
      { numRuns: 15 },
    );
  });

  it('a square with a point in the middle: the perimeter plus the detour, by hand', () => {
    // plane points (a matrix of euclidean distances): square 0(0,0) 1(0,2) 2(2,2) 3(2,0), centre 4(1,1).
    // Best: 0-4-1-2-3-0 = √2 + √2 + 2 + 2 + 2 = 6 + 2√2 (the centre replaces one side of 2 by 2√2).
    const xy = [[0, 0], [0, 2], [2, 2], [2, 0], [1, 1]];
    const m: Matrix = { n: 5, d: new Float64Array(25) };
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) m.d[i * 5 + j] = Math.hypot(xy[i][0] - xy[j][0], xy[i][1] - xy[j][1]);
    expect(optimiseTour(m).length).toBeCloseTo(6 + 2 * Math.SQRT2, 12);
    expect(heldKarp(m).length).toBeCloseTo(6 + 2 * Math.SQRT2, 12);
    // the 1-tree: edges 4–1, 4–2, 4–3 (√2 each) + two shortest at 0 (0–4 √2, 0–1 2) = 4√2 + 2 ≈ 7.66 ≤ 8.83
    expect(oneTreeBound(m, { upper: 6 + 2 * Math.SQRT2 })).toBeLessThanOrEqual(6 + 2 * Math.SQRT2 + 1e-9);
    expect(oneTreeBound(m, { upper: 6 + 2 * Math.SQRT2 })).toBeGreaterThanOrEqual(4 * Math.SQRT2 + 2 - 1e-9);
  });

  it('handles 0, 1 and 2 stops and repeated points', () => {
    const a = { lng: 118.6, lat: 24.9 };
    const b = { lng: 118.61, lat: 24.9 };
    expect(optimiseTour(distanceMatrix([a])).length).toBe(0);
    const one = optimiseTour(distanceMatrix([a, b]));
    expect(one.order).toEqual([0, 1]);
    expect(one.length).toBeCloseTo(2 * haversineM(a.lng, a.lat, b.lng, b.lat), 9);
    const same = optimiseTour(distanceMatrix([a, a, a, b, b]));
    expect(same.length).toBeCloseTo(2 * haversineM(a.lng, a.lat, b.lng, b.lat), 6);
  });
});
