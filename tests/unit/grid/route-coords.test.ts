// A route over exports whose coordinates are GCJ-02 (the map setting says so): the start and the
// stops come back in WGS-84 (the route's contract) and the legs are measured between those points.
// Checked against the published GCJ-02 formula (gcj-formula.ts, not gcoord): taking a returned
// point forward to GCJ-02 must give the point of the file back.
//   B1 at (118.600, 24.900); E1 owns G1 (118.55–118.65 × 24.85–24.95); C1 (118.610, 24.900),
//   C2 (118.600, 24.920), C3 (118.620, 24.910): E1's, in G1, never visited → all three are stops.
import distance from '@turf/distance';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RoutePlan } from '../../../shared/grid.js';
import { tempApi, type TestApi } from '../api/helpers.js';
import { loadBank } from './bank.js';
import { gcjFromWgs } from './gcj-formula.js';

const FILE_POINTS: Record<string, [number, number]> = { B1: [118.6, 24.9], C1: [118.61, 24.9], C2: [118.6, 24.92], C3: [118.62, 24.91] };
const square = [[[118.55, 24.85], [118.65, 24.85], [118.65, 24.95], [118.55, 24.95], [118.55, 24.85]]];

let t: TestApi;
beforeEach(async () => {
  t = tempApi();
  const pt = (id: string) => FILE_POINTS[id].join(',');
  await loadBank(t.db, t.dir, {
    'org.csv': `机构号,机构名称,上级机构号,机构层级,经度,纬度\nHQ,总行,,总行,118.5,24.8\nB1,一支行,HQ,支行,${pt('B1')}\n`,
    'staff.csv': '员工号,姓名,所属机构号\nE1,甲,B1\n',
    'grid.geojson': JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { 网格编号: 'G1', 网格名称: '一村', 所属机构号: 'B1', 网格责任人: 'E1' }, geometry: { type: 'Polygon', coordinates: square } }],
    }),
    'customer.csv':
      '客户号,客户名称,客户类型,所属机构号,管户客户经理号,网格编号,经度,纬度\n' +
      ['C1', 'C2', 'C3'].map((id) => `${id},客户${id},个人,B1,E1,G1,${pt(id)}`).join('\n') +
      '\n',
    'deposit.csv': '数据日期,账号,客户号,存款种类,账户余额\n2024-07-31,D1,C1,活期,100\n',
  });
});

async function plan(): Promise<RoutePlan> {
  const res = await t.app.request('/api/map/route', {
    method: 'POST',
    headers: { ...t.auth('admin'), 'content-type': 'application/json' },
    body: JSON.stringify({ staff: 'E1', date: '2024-07-31' }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as RoutePlan;
}

/** every point of the plan with the id of the file's point it stands for */
const pointsOf = (p: RoutePlan) => [{ id: p.start.org_id, lng: p.start.lng, lat: p.start.lat }, ...p.stops.map((s) => ({ id: s.cust_id, lng: s.lng, lat: s.lat }))];

function legsOf(p: RoutePlan): number[] {
  const tour = [p.start, ...p.stops, p.start];
  return tour.slice(1).map((b, i) => distance([tour[i].lng, tour[i].lat], [b.lng, b.lat], { units: 'meters' }));
}

describe('route points read in GCJ-02', () => {
  it('WGS-84 exports (the default): the points as the file has them', async () => {
    const p = await plan();
    expect(p.stops.map((s) => s.cust_id).sort()).toEqual(['C1', 'C2', 'C3']);
    for (const x of pointsOf(p)) expect([x.lng, x.lat]).toEqual(FILE_POINTS[x.id]);
  });

  it('GCJ-02 exports: every point converted to WGS-84 before the legs are measured', async () => {
    const set = await t.app.request('/api/map/settings', {
      method: 'PUT',
      headers: { ...t.auth('admin'), 'content-type': 'application/json' },
      body: JSON.stringify({ coordSystem: { exports: 'GCJ02' } }),
    });
    expect(set.status, await set.clone().text()).toBe(200);
    const p = await plan();
    expect(p.stops.map((s) => s.cust_id).sort()).toEqual(['C1', 'C2', 'C3']);
    for (const x of pointsOf(p)) {
      const file = FILE_POINTS[x.id];
      // the returned point taken forward by the published formula is the file's point (1e-5° ≈ 1 m)
      const back = gcjFromWgs([x.lng, x.lat]);
      expect(Math.abs(back[0] - file[0]), x.id).toBeLessThan(1e-5);
      expect(Math.abs(back[1] - file[1]), x.id).toBeLessThan(1e-5);
      // and it is not the file's point: the GCJ-02 shift near 泉州 is about half a kilometre
      expect(distance([x.lng, x.lat], file, { units: 'meters' })).toBeGreaterThan(400);
    }
    // the legs are the distances between the WGS-84 points returned, closing at the start
    const legs = legsOf(p);
    expect(p.legs_m).toHaveLength(4);
    p.legs_m.forEach((m, i) => expect(m).toBeCloseTo(legs[i], 3));
    expect(p.total_m).toBeCloseTo(legs.reduce((a, b) => a + b, 0), 3);
  });
});
