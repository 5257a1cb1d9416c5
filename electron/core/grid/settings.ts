// The map's settings in the `setting` table: the coordinate system the exports' grids and points
// are in (map.coord_system, per source; DATA.md: WGS-84 unless the file or this setting says
// otherwise) and an optional intranet tile server (map.tile_url). Unset means the defaults; a saved
// value that no longer reads is reported (`problem`) with the default in force, never silently used.
import { z } from 'zod';
import type { CoordSystem } from '../../../shared/grid.js';
import { auditInTransaction } from '../audit/index.js';
import type { Db } from '../db/connection.js';
import { UserInputError } from '../errors.js';
import { isCoordSystem } from './coords.js';

export const COORD_SYSTEM_KEY = 'map.coord_system';
export const TILE_URL_KEY = 'map.tile_url';

export interface MapSettings {
  /** the system of each source's coordinates; `exports`: the imported grid, customer, merchant, visit and org files */
  coordSystem: { exports: CoordSystem };
  tileUrl: string | null;
  problem?: string;
}

const System = z.enum(['WGS84', 'GCJ02', 'BD09']);

/** An http(s) URL template with {z}, {x} and {y}; {s} subdomains allowed. */
export const TileUrl = z
  .string()
  .trim()
  .max(500)
  .refine((u) => /^https?:\/\/[^\s/]+\/\S*$/i.test(u), '瓦片地址须为 http(s):// 开头的网址 (tile URL must be an http(s) URL)')
  .refine((u) => ['{z}', '{x}', '{y}'].every((p) => u.includes(p)), '瓦片地址须含 {z}、{x}、{y} 占位符 (tile URL must contain {z}, {x} and {y})')
  .refine((u) => !/["'<>\\`]/.test(u), '瓦片地址含不允许的字符 (tile URL holds characters not allowed)');

export const MapSettingsBody = z
  .object({
    coordSystem: z.object({ exports: System }).strict().optional(),
    tileUrl: z.union([TileUrl, z.literal(''), z.null()]).optional(),
  })
  .strict();

const read = (db: Db, key: string) => db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(key) as string | undefined;

export function mapSettings(db: Db): MapSettings {
  const out: MapSettings = { coordSystem: { exports: 'WGS84' }, tileUrl: null };
  const problems: string[] = [];
  const cs = read(db, COORD_SYSTEM_KEY);
  if (cs !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(cs);
    } catch {
      parsed = null;
    }
    const sys = (parsed as { exports?: unknown } | null)?.exports;
    if (isCoordSystem(sys)) out.coordSystem.exports = sys;
    else problems.push(`保存的坐标系设置“${cs.slice(0, 40)}”无法使用，暂按 WGS84。 (The saved coordinate system cannot be used; WGS84 is in force.)`);
  }
  const tile = read(db, TILE_URL_KEY);
  if (tile !== undefined && tile !== '') {
    const r = TileUrl.safeParse(tile);
    if (r.success) out.tileUrl = r.data;
    else problems.push(`保存的瓦片地址无法使用，暂不加载瓦片。 (The saved tile URL cannot be used; no tiles are loaded.)`);
  }
  if (problems.length) out.problem = problems.join(' ');
  return out;
}

/** The system the exports' coordinates are in (the setting, default WGS-84). */
export function exportsSystem(db: Db): CoordSystem {
  return mapSettings(db).coordSystem.exports;
}

function messageOf(e: z.ZodError): string {
  return e.issues.map((i) => `${i.path.join('.') || '设置'}: ${i.message}`).join('；');
}

/** Validates and saves what the body gives, with its audit row in the same transaction. */
export function saveMapSettings(db: Db, body: unknown, username: string): MapSettings {
  const r = MapSettingsBody.safeParse(body);
  if (!r.success) throw new UserInputError(messageOf(r.error), 'bad_setting');
  const s = r.data;
  const put = db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    if (s.coordSystem) put.run(COORD_SYSTEM_KEY, JSON.stringify(s.coordSystem));
    if (s.tileUrl !== undefined) {
      if (s.tileUrl === null || s.tileUrl === '') db.prepare('DELETE FROM setting WHERE key = ?').run(TILE_URL_KEY);
      else put.run(TILE_URL_KEY, s.tileUrl);
    }
    auditInTransaction(db, { username, action: 'settings', target: 'map', detail: s });
  })();
  return mapSettings(db);
}
