// The map follows the console's staff context (?staff=): grids by 网格责任人, customers by
// 管户客户经理号, merchants by 拓展客户经理号, always inside the caller's scope. The bank is bank.ts's
// (its comments give the grids and customers) with a third 客户经理 and three merchants chosen so
// that the merchant's own 拓展客户经理号 and its 法人客户's manager disagree:
//   S3 B1 客户经理, 网格责任人 of nothing, manages no customer
//   M1 owner C1 (S1's customer), 拓展 S2, 所属机构 B1, point in G1
//   M2 owner C4 (S2's customer), 拓展 S1, 所属机构 B2, point in G2
//   M3 owner C2 (S1's customer), 拓展 S1, 所属机构 B1, point in G1
// So, whole bank: staff S1 → grids G1, G3 (G4 is S1-less and empty); customers C1, C2 with a
// point (C3, C5 without); merchants M2, M3 (not M1, though its 法人 is S1's). Staff S2 → grid G2,
// customers C4, C6, merchant M1. B1's 行长 naming S1 → merchant M3 only (M2 is B2's row).
import { beforeEach, describe, expect, it } from 'vitest';
import type { GridLayer, PointLayer } from '../../../shared/grid.js';
import { setUserStaffId } from '../../../electron/core/scope/index.js';
import type { Role } from '../../../shared/permissions.js';
import { tempApi, type TestApi } from '../api/helpers.js';
import { FILES, loadBank } from './bank.js';

let t: TestApi;

beforeEach(async () => {
  t = tempApi({ userOrg: 'B1' });
  await loadBank(t.db, t.dir, {
    ...FILES,
    'staff.csv': FILES['staff.csv'] + 'S3,张经理,B1,客户经理\n',
    'merchant.csv':
      'merchant_id,name,owner_cust_id,sign_date,status,lng,lat,grid_id,manager_id,org_id\n' +
      'M1,东街茶行,C1,2024-01-01,正常,118.612,24.912,G1,S2,B1\n' +
      'M2,西街鱼铺,C4,2024-01-01,正常,118.652,24.912,G2,S1,B2\n' +
      'M3,东街米店,C2,2024-01-01,正常,118.606,24.906,G1,S1,B1\n',
  });
  t.tokenFor('account_manager');
  setUserStaffId(t.db, 't_account_manager', 'S1');
});

async function get<T>(role: Role, url: string, status = 200): Promise<T> {
  const res = await t.app.request(url, { headers: t.auth(role) });
  expect(res.status, `${url}: ${await res.clone().text()}`).toBe(status);
  return (await res.json()) as T;
}

const D = 'date=2024-07-31';
const gridIds = (l: GridLayer) => l.grids.map((g) => g.grid_id);
const ids = (l: PointLayer) => [...l.ids].sort();

describe('the staff context on /api/map/grids', () => {
  it('keeps the grids the staff member is 网格责任人 of, with their figures unchanged', async () => {
    const all = await get<GridLayer>('admin', `/api/map/grids?${D}&measure=visits`);
    expect(gridIds(all)).toEqual(['G1', 'G2', 'G3']);
    const s1 = await get<GridLayer>('admin', `/api/map/grids?${D}&measure=visits&staff=S1`);
    expect(gridIds(s1)).toEqual(['G1', 'G3']);
    // a grid's measure is the grid's (bank.ts: 5 July visits in G1), not only the staff member's
    expect(s1.grids[0].value).toBe(5);
    expect(gridIds(await get<GridLayer>('admin', `/api/map/grids?${D}&staff=S2`))).toEqual(['G2']);
    expect(gridIds(await get<GridLayer>('admin', `/api/map/grids?${D}&staff=S3`))).toEqual([]);
    // an empty value is no filter, as the context sends it when cleared
    expect(gridIds(await get<GridLayer>('admin', `/api/map/grids?${D}&staff=`))).toEqual(['G1', 'G2', 'G3']);
  });

  it('stays inside the scope: B1 naming S1 sees G1 and G3, naming B2’s S2 is a 404', async () => {
    expect(gridIds(await get<GridLayer>('branch_manager', `/api/map/grids?${D}&staff=S1`))).toEqual(['G1', 'G3']);
    const refused = await get<{ code: string }>('branch_manager', `/api/map/grids?${D}&staff=S2`, 404);
    expect(refused.code).toBe('no_staff');
    await get('branch_manager', `/api/map/grids?${D}&staff=NOBODY`, 404);
  });
});

describe('the staff context on /api/map/points', () => {
  it('customers by 管户客户经理号', async () => {
    const s1 = await get<PointLayer>('admin', `/api/map/points?kind=customer&${D}&staff=S1`);
    expect(ids(s1)).toEqual(['C1', 'C2']);
    expect(s1.without_coords).toBe(2); // C3 and C5
    expect(ids(await get<PointLayer>('admin', `/api/map/points?kind=customer&${D}&staff=S2`))).toEqual(['C4', 'C6']);
    expect(ids(await get<PointLayer>('admin', `/api/map/points?kind=customer&${D}&staff=S3`))).toEqual([]);
  });

  it('merchants by 拓展客户经理号, not by their 法人客户’s manager', async () => {
    expect(ids(await get<PointLayer>('admin', `/api/map/points?kind=merchant&${D}`))).toEqual(['M1', 'M2', 'M3']);
    expect(ids(await get<PointLayer>('admin', `/api/map/points?kind=merchant&${D}&staff=S1`))).toEqual(['M2', 'M3']);
    expect(ids(await get<PointLayer>('admin', `/api/map/points?kind=merchant&${D}&staff=S2`))).toEqual(['M1']);
    // B1's scope holds M1 and M3 (M2's 所属机构 is B2); naming S1 leaves M3
    expect(ids(await get<PointLayer>('branch_manager', `/api/map/points?kind=merchant&${D}&staff=S1`))).toEqual(['M3']);
    await get('branch_manager', `/api/map/points?kind=merchant&${D}&staff=S2`, 404);
  });

  it('a 客户经理 limited to their customers is themselves whoever they name', async () => {
    const other = await get<PointLayer>('account_manager', `/api/map/points?kind=customer&${D}&staff=S2`);
    expect(ids(other)).toEqual(['C1', 'C2']);
    expect(gridIds(await get<GridLayer>('account_manager', `/api/map/grids?${D}&staff=S2`))).toEqual(['G1', 'G3']);
  });
});
