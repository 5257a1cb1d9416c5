// Small geometry helpers for the map screens (no Leaflet, no DOM: unit-tested in Node).
import type { GeoJsonFeatureCollection } from '../../../shared/grid.js';

type Ring = number[][];

/** A feature's display name: the first of the usual GeoJSON name properties that is a string. */
export function districtName(props: Record<string, unknown>): string | null {
  for (const k of ['name', 'NAME', 'Name', '名称', 'district']) {
    const v = props[k];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return null;
}

/** Signed area and centroid of a ring (shoelace); x, y are lng, lat (fine for label placement). */
function ringCentroid(ring: Ring): { a: number; x: number; y: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j];
    const [x1, y1] = ring[i];
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  if (a === 0) {
    const n = ring.length || 1;
    return { a: 0, x: ring.reduce((s, p) => s + p[0], 0) / n, y: ring.reduce((s, p) => s + p[1], 0) / n };
  }
  return { a: Math.abs(a / 2), x: cx / (3 * a), y: cy / (3 * a) };
}

/** The outer rings of a Polygon or MultiPolygon geometry (others: none). */
export function outerRings(geometry: { type: string; coordinates: unknown }): Ring[] {
  if (geometry.type === 'Polygon') return [(geometry.coordinates as Ring[])[0]].filter(Boolean);
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as Ring[][]).map((p) => p[0]).filter(Boolean);
  return [];
}

/** Where a polygon's label goes: the centroid of its largest outer ring (islands do not pull it into the sea). */
export function labelPoint(geometry: { type: string; coordinates: unknown }): { lng: number; lat: number } | null {
  let best: { a: number; x: number; y: number } | null = null;
  for (const r of outerRings(geometry)) {
    const c = ringCentroid(r);
    if (!best || c.a > best.a) best = c;
  }
  return best ? { lng: best.x, lat: best.y } : null;
}

/** One label per named feature of the base layer. */
export function baseLabelPoints(fc: GeoJsonFeatureCollection): Array<{ name: string; lng: number; lat: number }> {
  const out: Array<{ name: string; lng: number; lat: number }> = [];
  for (const f of fc.features) {
    const name = districtName(f.properties ?? {});
    const p = f.geometry ? labelPoint(f.geometry) : null;
    if (name && p) out.push({ name, ...p });
  }
  return out;
}
