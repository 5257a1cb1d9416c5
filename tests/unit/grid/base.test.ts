// The base layer and the map settings: the bundled map and its system, a bank's own GeoJSON
// validated (the bad feature named), replacing it for every layer's conversion and reset; tile URL
// validated; each change audited; administrators only.
import { describe, expect, it } from 'vitest';
import type { GridLayer, MapBase } from '../../../shared/grid.js';
import { tempApi } from '../api/helpers.js';
import { loadBank } from './bank.js';

const send = (t: ReturnType<typeof tempApi>, method: string, url: string, body?: unknown, role: 'admin' | 'branch_manager' = 'admin') =>
  t.app.request(url, { method, headers: { ...t.auth(role), 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
const square = [[[118.6, 24.9], [118.7, 24.9], [118.7, 25], [118.6, 25], [118.6, 24.9]]];

describe('the base layer', () => {
  it('is the bundled 泉州 map in GCJ-02 with its licence, until a bank map replaces it', async () => {
    const t = tempApi({ userOrg: 'B1' });
    await loadBank(t.db, t.dir);
    const bundled = (await (await send(t, 'GET', '/api/map/base')).json()) as MapBase;
    expect([bundled.source, bundled.system, bundled.geojson.features.length]).toEqual(['bundled', 'GCJ02', 12]);
    expect(bundled.licence).toContain('MIT');

    // a feature that is not a polygon is refused, named by its number and name
    const bad = await send(t, 'POST', '/api/map/base', { system: 'WGS84', geojson: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '东镇' }, geometry: { type: 'Polygon', coordinates: square } }, { type: 'Feature', properties: { name: '西镇' }, geometry: { type: 'Point', coordinates: [118.6, 24.9] } }] } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('第 2 个要素「西镇」');
    // no system stated and no crs: refused, not guessed
    expect((await send(t, 'POST', '/api/map/base', { geojson: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: square } }] } })).status).toBe(400);
    expect((await send(t, 'POST', '/api/map/base', { system: 'WGS84', geojson: { type: 'FeatureCollection', features: [] } }, 'branch_manager')).status).toBe(403);

    // the bank's own, in WGS-84 by its crs: layers now come in WGS-84, unconverted
    const own = await send(t, 'POST', '/api/map/base', { name: '本行乡镇', geojson: { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:4326' } }, features: [{ type: 'Feature', properties: { name: '东镇' }, geometry: { type: 'Polygon', coordinates: square } }] } });
    expect(own.status).toBe(200);
    expect(((await own.json()) as MapBase).system).toBe('WGS84');
    const grids = (await (await send(t, 'GET', '/api/map/grids?date=2024-07-31')).json()) as GridLayer;
    expect(grids.system).toBe('WGS84');
    expect((grids.grids.find((g) => g.grid_id === 'G1')!.geometry.coordinates as number[][][])[0][0]).toEqual([118.6, 24.9]);

    const reset = (await (await send(t, 'DELETE', '/api/map/base')).json()) as MapBase;
    expect(reset.source).toBe('bundled');
    expect(t.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'settings' AND target = 'map.base'").pluck().get()).toBe(2);
  });

  it('tile URL: an http(s) template with {z}/{x}/{y}, or none', async () => {
    const t = tempApi({ headOffice: true });
    expect((await send(t, 'PUT', '/api/map/settings', { tileUrl: 'javascript:alert(1)/{z}/{x}/{y}' })).status).toBe(400);
    expect((await send(t, 'PUT', '/api/map/settings', { tileUrl: 'http://tiles.intranet/{z}/{x}.png' })).status).toBe(400);
    const ok = await send(t, 'PUT', '/api/map/settings', { tileUrl: 'https://tiles.intranet/{z}/{x}/{y}.png', coordSystem: { exports: 'GCJ02' } });
    expect(await ok.json()).toEqual({ tileUrl: 'https://tiles.intranet/{z}/{x}/{y}.png', coordSystem: { exports: 'GCJ02' } });
    const base = (await (await send(t, 'GET', '/api/map/base')).json()) as MapBase;
    expect(base.tileUrl).toBe('https://tiles.intranet/{z}/{x}/{y}.png');
    const cleared = await send(t, 'PUT', '/api/map/settings', { tileUrl: null });
    expect(((await cleared.json()) as { tileUrl: string | null }).tileUrl).toBeNull();
  });
});
