// Recording a visit from the map: stored as its own import batch (undo removes it), counted by the
// grid layer at once, audited, validated (catalog products, scope, staff), converted back to the
// exports' system.
import { beforeEach, describe, expect, it } from 'vitest';
import type { GridLayer } from '../../../shared/grid.js';
import { setUserStaffId } from '../../../electron/core/scope/index.js';
import { convertPoint } from '../../../electron/core/grid/coords.js';
import { tempApi, type TestApi } from '../api/helpers.js';
import { loadBank } from './bank.js';
import type { Role } from '../../../shared/permissions.js';

let t: TestApi;
beforeEach(async () => {
  t = tempApi({ userOrg: 'B1' });
  await loadBank(t.db, t.dir);
  t.tokenFor('account_manager');
  setUserStaffId(t.db, 't_account_manager', 'S1');
});

const post = (role: Role, url: string, body: unknown) =>
  t.app.request(url, { method: 'POST', headers: { ...t.auth(role), 'content-type': 'application/json' }, body: JSON.stringify(body) });
const g1Visits = async () => {
  const res = await t.app.request('/api/map/grids?date=2024-07-31&measure=visits', { headers: t.auth('admin') });
  return ((await res.json()) as GridLayer).grids.find((g) => g.grid_id === 'G1')!.value;
};

describe('POST /api/map/visits', () => {
  it('a 客户经理 records a prospect visit in G1: its own batch, counted, audited, undone', async () => {
    expect(await g1Visits()).toBe(5); // bank.ts
    // the map sends GCJ-02 (the base system); the store keeps WGS-84 (the exports')
    const shown = convertPoint([118.611, 24.911], 'WGS84', 'GCJ02');
    const res = await post('account_manager', '/api/map/visits', {
      target_name: '周九', grid_id: 'G1', lng: shown[0], lat: shown[1], method: '上门', result: '有意向', products: ['手机银行', '5'], visit_time: '2024-07-20 09:30', note: '<b>x</b>',
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const v = (await res.json()) as { visit_id: string; batch_id: number };
    const row = t.db.prepare('SELECT * FROM visit WHERE visit_id = ?').get(v.visit_id) as Record<string, unknown>;
    expect(row).toMatchObject({ staff_id: 'S1', grid_id: 'G1', products: '手机银行;贷款用信', visit_time: '2024-07-20 09:30:00', batch_id: v.batch_id });
    expect(Math.abs((row.lng as number) - 118.611)).toBeLessThan(1e-5);
    expect(Math.abs((row.lat as number) - 24.911)).toBeLessThan(1e-5);
    expect(t.db.prepare('SELECT dataset, status, file_name FROM import_batch WHERE batch_id = ?').get(v.batch_id)).toEqual({ dataset: 'visit', status: 'committed', file_name: '地图登记走访' });
    expect(t.db.prepare("SELECT target FROM audit_log WHERE action = 'visit_record'").pluck().all()).toEqual([v.visit_id]);
    expect(await g1Visits()).toBe(6);
    const undo = await post('admin', `/api/import/batches/${v.batch_id}/undo`, {});
    expect(undo.status).toBe(200);
    expect(t.db.prepare('SELECT COUNT(*) FROM visit WHERE visit_id = ?').pluck().get(v.visit_id)).toBe(0);
    expect(await g1Visits()).toBe(5);
  });

  it('refuses a product outside the catalog, a customer or grid outside the scope, another staff member, and the 大堂经理', async () => {
    const ok = { cust_id: 'C1', method: '上门', result: '未遇', visit_time: '2024-07-20 09:30' };
    expect((await post('account_manager', '/api/map/visits', { ...ok, products: ['炒股'] })).status).toBe(400);
    expect((await post('account_manager', '/api/map/visits', { ...ok, cust_id: 'C4' })).status).toBe(404);
    expect((await post('branch_manager', '/api/map/visits', { ...ok, staff_id: 'S1', grid_id: 'G2' })).status).toBe(404);
    expect((await post('account_manager', '/api/map/visits', { ...ok, staff_id: 'S2' })).status).toBe(400);
    expect((await post('account_manager', '/api/map/visits', { ...ok, visit_time: '2024-02-30 10:00' })).status).toBe(400);
    expect((await post('lobby_manager', '/api/map/visits', ok)).status).toBe(403);
    expect(t.db.prepare("SELECT COUNT(*) FROM import_batch WHERE file_name = '地图登记走访'").pluck().get()).toBe(0);
  });
});
