// Customers whose export leaves 网格编号 empty get the grid whose polygon holds their point
// (point-in-polygon with turf), stored in grid_assignment (migration 013) and rebuilt whole when
// the data version has moved since (every import commit and undo bumps it), as the holdings are.
// Grids and customer points both come from the exports, in the same system: no conversion here.
// A point inside two overlapping grids goes to the first by 网格编号 (stable, and said in the docs).
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Db } from '../db/connection.js';
import { dataVersion } from '../import/data-version.js';

const STATE = 'grid_assign';

export interface GridShape {
  grid_id: string;
  geometry: Polygon | MultiPolygon;
  bbox: [number, number, number, number];
}

function bboxOf(g: Polygon | MultiPolygon): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys) for (const ring of poly) for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

/** Every grid with a drawable polygon, by 网格编号. */
export function gridShapes(db: Db): GridShape[] {
  const rows = db.prepare('SELECT grid_id, geometry FROM grid ORDER BY grid_id').all() as { grid_id: string; geometry: string }[];
  const out: GridShape[] = [];
  for (const r of rows) {
    try {
      const g = JSON.parse(r.geometry) as Polygon | MultiPolygon;
      if ((g.type === 'Polygon' || g.type === 'MultiPolygon') && Array.isArray(g.coordinates) && g.coordinates.length) {
        out.push({ grid_id: r.grid_id, geometry: g, bbox: bboxOf(g) });
      }
    } catch {
      // the importer refuses unreadable geometry; a row that is anyway holds no one
    }
  }
  return out;
}

/** The first grid (by 网格编号) whose polygon holds the point, or null. */
export function gridAt(shapes: readonly GridShape[], lng: number, lat: number): string | null {
  for (const s of shapes) {
    const [a, b, c, d] = s.bbox;
    if (lng < a || lng > c || lat < b || lat > d) continue;
    if (booleanPointInPolygon([lng, lat], s.geometry)) return s.grid_id;
  }
  return null;
}

/** Makes grid_assignment current; cheap when it already is. */
export function ensureGridAssignment(db: Db): void {
  const version = dataVersion(db);
  const fresh = () => (db.prepare('SELECT data_version FROM derived_state WHERE name = ?').pluck().get(STATE) as number | undefined) === version;
  if (fresh()) return;
  db.transaction(() => {
    if (fresh()) return;
    db.prepare('DELETE FROM grid_assignment').run();
    const shapes = gridShapes(db);
    if (shapes.length) {
      const insert = db.prepare('INSERT INTO grid_assignment (cust_id, grid_id) VALUES (?, ?)');
      const unplaced = db
        .prepare("SELECT cust_id, lng, lat FROM customer WHERE (grid_id IS NULL OR grid_id = '') AND lng IS NOT NULL AND lat IS NOT NULL")
        .all() as { cust_id: string; lng: number; lat: number }[];
      for (const c of unplaced) {
        const g = gridAt(shapes, c.lng, c.lat);
        if (g !== null) insert.run(c.cust_id, g);
      }
    }
    db.prepare(
      `INSERT INTO derived_state (name, data_version, built_at) VALUES (?, ?, datetime('now', 'localtime'))
       ON CONFLICT(name) DO UPDATE SET data_version = excluded.data_version, built_at = excluded.built_at`,
    ).run(STATE, version);
  }).immediate();
}

/** SQL for a customer's grid (alias `c`, with `LEFT JOIN grid_assignment ga ON ga.cust_id = c.cust_id`). */
export const CUSTOMER_GRID_SQL = "COALESCE(NULLIF(c.grid_id, ''), ga.grid_id)";
export const ASSIGNMENT_JOIN = 'LEFT JOIN grid_assignment ga ON ga.cust_id = c.cust_id';
