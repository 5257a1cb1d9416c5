// The map API over the hand-built bank of bank.ts: every figure below is worked out in bank.ts's
// comments, by hand, not read back from the code.
import { beforeEach, describe, expect, it } from 'vitest';
import type { GridDetail, GridLayer, PointDetail, PointLayer, VisitLayer } from '../../../shared/grid.js';
import { setUserStaffId } from '../../../electron/core/scope/index.js';
import { tempApi, type TestApi } from '../api/helpers.js';
import { loadBank, type ImportedBatch } from './bank.js';
import type { Role } from '../../../shared/permissions.js';

let t: TestApi;
let batches: ImportedBatch[];

beforeEach(async () => {
  t = tempApi({ userOrg: 'B1' });
  batches = await loadBank(t.db, t.dir);
  t.tokenFor('account_manager');
  setUserStaffId(t.db, 't_account_manager', 'S1');
});

async function get<T>(role: Role, url: string, status = 200): Promise<T> {
  const res = await t.app.request(url, { headers: t.auth(role) });
  expect(res.status, `${url}: ${await res.clone().text()}`).toBe(status);
  return (await res.json()) as T;
}

const byId = (l: GridLayer) => new Map(l.grids.map((g) => [g.grid_id, g]));
const D = 'date=2024-07-31';

describe('import warnings of grid polygons', () => {
  it('names the self-intersecting G3 and the empty G4 by 网格编号, and keeps both', () => {
    const grid = batches.find((b) => b.file === 'grid.geojson')!;
    const warnings = grid.issues.filter((i) => i.level === 'warning');
    expect(warnings.map((w) => w.value)).toEqual(['G3', 'G4']);
    expect(warnings[0].column).toBe('网格编号');
    expect(warnings[0].reason).toMatch(/G3.*自相交/);
    expect(warnings[0].reason).toContain('118.710000,24.910000'); // where the bow-tie crosses
    expect(warnings[1].reason).toMatch(/G4.*为空/);
    expect(t.db.prepare('SELECT COUNT(*) FROM grid').pluck().get()).toBe(4);
  });
});

describe('GET /api/map/grids', () => {
  it('visits and coverage in the month up to the date (whole bank)', async () => {
    const v = byId(await get<GridLayer>('admin', `/api/map/grids?${D}&measure=visits`));
    expect(v.get('G1')!.value).toBe(5);
    expect(v.get('G2')!.value).toBe(1);
    expect(v.has('G4')).toBe(false); // empty: nothing to draw
    const c = byId(await get<GridLayer>('admin', `/api/map/grids?${D}&measure=coverage`));
    expect(c.get('G1')!.value).toBe(0.3);
    expect(c.get('G2')!.value).toBe(0.25);
  });

  it('a period given: June holds only V7 (C1 in G1)', async () => {
    const l = await get<GridLayer>('admin', `/api/map/grids?${D}&measure=visits&from=2024-06-01&to=2024-06-30`);
    expect([l.from, l.to]).toEqual(['2024-06-01', '2024-06-30']);
    expect(byId(l).get('G1')!.value).toBe(1);
    expect(byId(l).get('G2')!.value).toBe(0);
  });

  it('customers, deposits and loans (元 from integer 分), item share', async () => {
    const n = byId(await get<GridLayer>('admin', `/api/map/grids?${D}&measure=customers`));
    expect([n.get('G1')!.value, n.get('G2')!.value]).toEqual([3, 2]);
    const d = byId(await get<GridLayer>('admin', `/api/map/grids?${D}&measure=deposit_balance`));
    expect([d.get('G1')!.value, d.get('G2')!.value]).toEqual([3100.75, 300]);
    const l = byId(await get<GridLayer>('admin', `/api/map/grids?${D}&measure=loan_balance`));
    expect([l.get('G1')!.value, l.get('G2')!.value]).toEqual([0, 5000]);
    const s = await get<GridLayer>('admin', `/api/map/grids?${D}&measure=item_share&item=1`);
    expect(s.item).toBe('1');
    expect(byId(s).get('G1')!.value).toBe(1 / 3);
    expect(byId(s).get('G2')!.value).toBe(1 / 2);
  });

  it('follows the data scope: B1 sees its grids and its rows only', async () => {
    const d = await get<GridLayer>('branch_manager', `/api/map/grids?${D}&measure=deposit_balance`);
    expect(d.grids.map((g) => g.grid_id)).toEqual(['G1', 'G3']);
    expect(byId(d).get('G1')!.value).toBe(3000.75); // D4 is B2's row
    // a 客户经理 limited to their customers: S1's grids
    const m = await get<GridLayer>('account_manager', `/api/map/grids?${D}&measure=customers`);
    expect(m.grids.map((g) => g.grid_id)).toEqual(['G1', 'G3']);
  });

  it('converts the exports (WGS-84) to the base layer system (GCJ-02)', async () => {
    const l = await get<GridLayer>('admin', `/api/map/grids?${D}`);
    expect(l.system).toBe('GCJ02');
    const [x, y] = (byId(l).get('G1')!.geometry.coordinates as number[][][])[0][0];
    // GCJ-02 moves 泉州 about 450 m east and 330 m south (coords.test.ts checks the formula)
    expect(x - 118.6).toBeGreaterThan(0.004);
    expect(x - 118.6).toBeLessThan(0.005);
    expect(y - 24.9).toBeLessThan(-0.0025);
    expect(y - 24.9).toBeGreaterThan(-0.0035);
  });

  it('refuses an unknown item or measure, and a period the wrong way round', async () => {
    await get('admin', `/api/map/grids?${D}&measure=item_share&item=19`, 400);
    await get('admin', `/api/map/grids?${D}&measure=height`, 400);
    await get('admin', `/api/map/grids?${D}&from=2024-07-10&to=2024-07-01`, 400);
  });
});

describe('GET /api/map/grids/:id', () => {
  it('G1: facts, placed customers, coverage, biggest gaps and its customer list', async () => {
    const g = await get<GridDetail>('admin', `/api/map/grids/G1?${D}`);
    expect(g).toMatchObject({ grid_id: 'G1', name: '东街社区', grid_type: '社区', org_id: 'B1', org_name: '城东支行', owner: { staff_id: 'S1', name: '王经理' }, households: 10 });
    expect([g.customers, g.customers_assigned, g.visits, g.visited_households, g.coverage]).toEqual([3, 1, 5, 3, 0.3]);
    expect(g.gaps).toHaveLength(18);
    expect(g.gaps[0]).toMatchObject({ item: '3', missing: 3 }); // ties by item number
    expect(g.gaps.slice(-2).map((x) => [x.item, x.missing])).toEqual([['1', 2], ['2', 2]]);
    expect(g.customer_list).toBe('#/gaps?gridId=G1&date=2024-07-31');
    // the list behind `customers`: the gap list of the grid, placed customers included
    const list = await get<{ rows: { custId: string }[] }>('admin', `/api/gaps?gridId=G1&date=2024-07-31`);
    expect(list.rows.map((r) => r.custId).sort()).toEqual(['C1', 'C2', 'C5']);
  });

  it('a grid outside the scope is a 404', async () => {
    await get('branch_manager', `/api/map/grids/G2?${D}`, 404);
  });
});

describe('GET /api/map/points', () => {
  it('customers as compact columns: 4 with a point, 2 without', async () => {
    const p = await get<PointLayer>('admin', `/api/map/points?kind=customer&${D}`);
    expect([...p.ids].sort()).toEqual(['C1', 'C2', 'C4', 'C6']);
    expect(p.xy).toHaveLength(8);
    expect(p.without_coords).toBe(2);
    // 月日均 of C1 = 1,100.50 × 1 day / 31 days < 1万: 1★
    expect(p.cls[p.ids.indexOf('C1')]).toBe(1);
    const gaps = await get<PointLayer>('admin', `/api/map/points?kind=customer&colour=gaps&${D}`);
    expect(gaps.cls[gaps.ids.indexOf('C4')]).toBe(15); // holds items 1, 4 and 5
    expect(gaps.cls[gaps.ids.indexOf('C6')]).toBe(18);
  });

  it('a branch sees its customers only', async () => {
    const p = await get<PointLayer>('branch_manager', `/api/map/points?kind=customer&${D}`);
    expect([...p.ids].sort()).toEqual(['C1', 'C2']);
  });

  it("a marker's popup is masked, audited, and 404 outside the scope", async () => {
    const c = await get<PointDetail>('branch_manager', `/api/map/points/customer/C1?${D}`);
    expect(c.name).not.toContain('三丰');
    expect(c).toMatchObject({ kind: 'customer', id: 'C1', grid_id: 'G1', star: 1, link: '#/customers/C1' });
    expect(c.gaps).toHaveLength(17);
    const placed = await get<PointDetail>('admin', `/api/map/points/customer/C2?${D}`);
    expect(placed.grid_id).toBe('G1');
    const audited = t.db.prepare("SELECT target FROM audit_log WHERE action = 'map_point' ORDER BY id").pluck().all();
    expect(audited).toEqual(['customer:C1', 'customer:C2']);
    await get('branch_manager', `/api/map/points/customer/C4?${D}`, 404);
  });
});

describe('GET /api/map/visits', () => {
  it('the month by default, at the visit point or else the customer point', async () => {
    const v = await get<VisitLayer>('admin', `/api/map/visits?${D}`);
    expect(v.ids).toEqual(['V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    expect(v.day[0]).toBe('2024-07-05');
    expect(v.result.slice(0, 4)).toEqual([0, 1, 2, 3]); // 有意向 已办理 无需求 未遇
  });

  it('filters by staff and result, and by scope', async () => {
    const s2 = await get<VisitLayer>('admin', `/api/map/visits?${D}&staff=S2`);
    expect(s2.ids).toEqual(['V6']);
    const r = await get<VisitLayer>('admin', `/api/map/visits?${D}&result=${encodeURIComponent('有意向')}`);
    expect(r.ids).toEqual(['V1', 'V5', 'V6']);
    const b1 = await get<VisitLayer>('branch_manager', `/api/map/visits?${D}`);
    expect(b1.ids).toEqual(['V1', 'V2', 'V3', 'V4', 'V5']);
  });
});

describe('point-in-polygon placement follows imports and undo', () => {
  it('C3 given a point in G1 by a correction file is placed there; undone, it is not', async () => {
    const fix = await loadBank(t.db, t.dir, { 'customer_fix.csv': '客户号,客户名称,客户类型,所属机构号,管户客户经理号,网格编号,经度,纬度\nC3,王小二,个人,B1,S1,,118.615,24.902\n' });
    let g = await get<GridDetail>('admin', `/api/map/grids/G1?${D}`);
    expect([g.customers, g.customers_assigned]).toEqual([4, 2]);
    const { undoBatch } = await import('../../../electron/core/import/index.js');
    undoBatch(t.db, fix[0].batchId, 'test');
    g = await get<GridDetail>('admin', `/api/map/grids/G1?${D}`);
    expect([g.customers, g.customers_assigned]).toEqual([3, 1]);
  });
});
