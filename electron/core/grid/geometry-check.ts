// Grid polygons the importer keeps with a WARNING (DATA.md "kept with a warning"): an empty one
// (a Polygon or MultiPolygon with no rings, or rings enclosing no area) draws nothing and holds no
// one; a self-intersecting one (@turf/kinks) gives point-in-polygon answers nobody meant. Both are
// the bank's data to mend, named by 网格编号, never silently dropped or "fixed".
import { kinks } from '@turf/kinks';
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Twice the signed area of a ring (shoelace), in degrees². */
function ring2Area(ring: Position[]): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return a;
}

/** True for a Polygon/MultiPolygon without rings, or whose outer rings enclose no area. */
export function isEmptyPolygon(g: { type: string; coordinates: unknown }): boolean {
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Position[][][];
  if (!Array.isArray(polys) || polys.length === 0) return true;
  return polys.every((p) => !Array.isArray(p) || p.length === 0 || ring2Area(p[0] ?? []) === 0);
}

/** The warning for a grid's geometry (JSON text), naming the grid; null when it is fine. */
export function gridGeometryWarning(gridId: string, geometry: string): string | null {
  let g: Polygon | MultiPolygon;
  try {
    g = JSON.parse(geometry) as Polygon | MultiPolygon;
  } catch {
    return null; // unreadable geometry is the reader's rejection, not a warning
  }
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return null;
  const empty = `网格 ${gridId} 的边界为空（没有围成面积），地图上不显示，也不会有客户按位置归入 (grid ${gridId}: empty polygon)`;
  if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return empty;
  // before the area: a bow-tie's two halves cancel to zero area, yet it is a crossing, not an empty grid
  const k = kinks(g);
  if (k.features.length) {
    const [x, y] = k.features[0].geometry.coordinates;
    return `网格 ${gridId} 的边界自相交（如在 ${x.toFixed(6)},${y.toFixed(6)} 处），按位置归入客户可能有误 (grid ${gridId}: self-intersecting polygon)`;
  }
  return isEmptyPolygon(g) ? empty : null;
}
