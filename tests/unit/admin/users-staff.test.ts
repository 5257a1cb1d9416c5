// The 员工号 of a user account (用户管理): set on create and edit, shown with the staff member's
// name and org, flagged when it names nobody loaded or a 客户经理 has none, audited, and what the
// data scope then uses (a 客户经理 sees the customers whose 管户客户经理号 it is).
import { describe, expect, it } from 'vitest';
import type { AdminUser } from '../../../shared/users.js';
import { listAudit } from '../../../electron/core/audit/index.js';
import { setAccountManagerOwnCustomers } from '../../../electron/core/scope/settings.js';
import { customerInScope, scopeOfUser } from '../../../electron/core/scope/scope.js';
import { tempApi } from '../api/helpers.js';

function setup() {
  const api = tempApi();
  const org = api.db.prepare('INSERT INTO org (org_id, name, parent_id, level) VALUES (?, ?, ?, ?)');
  org.run('001', '测试农商银行', null, '总行');
  org.run('101', '城东支行', '001', '支行');
  org.run('102', '城西支行', '001', '支行');
  const staff = api.db.prepare("INSERT INTO staff (staff_id, name, org_id, post) VALUES (?, ?, ?, '客户经理')");
  // two managers of one name in two branches: the number tells them apart
  staff.run('E101', '林荣', '101');
  staff.run('E201', '林荣', '102');
  const cust = api.db.prepare("INSERT INTO customer (cust_id, name, cust_type, org_id, manager_id) VALUES (?, ?, '个人', '101', ?)");
  cust.run('C1', '张三', 'E101');
  cust.run('C2', '李四', 'E201');
  const admin = api.auth('admin');
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = admin) =>
    api.app.request(path, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { ...api, call };
}

const manager = { username: 'lin.rong', displayName: '林荣', role: 'account_manager', orgId: '101', password: 'first-pass-1' };

describe('staff number of a user', () => {
  it('is set on create and shown with the staff member it names; the audit records it', async () => {
    const t = setup();
    const res = await t.call('POST', '/api/users', { ...manager, staffId: 'E101' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ staffId: 'E101', staffName: '林荣', staffOrgName: '城东支行', staffNote: null });
    const row = t.db.prepare('SELECT staff_id FROM app_user WHERE username = ?').pluck().get('lin.rong');
    expect(row).toBe('E101');
    expect(JSON.parse(listAudit(t.db, { action: 'user_create' }).items[0].detail!)).toMatchObject({ staffId: 'E101' });
  });

  it('a 客户经理 without one is flagged (they would see no customer); with the setting off they are not', async () => {
    const t = setup();
    const created = (await (await t.call('POST', '/api/users', manager)).json()) as AdminUser;
    expect(created).toMatchObject({ staffId: null, staffNote: 'needs_staff' });
    setAccountManagerOwnCustomers(t.db, false);
    const users = (await (await t.call('GET', '/api/users')).json()) as AdminUser[];
    expect(users.find((u) => u.username === 'lin.rong')?.staffNote).toBeNull();
    // other roles need none
    const bm = (await (await t.call('POST', '/api/users', { ...manager, username: 'bm', role: 'branch_manager' })).json()) as AdminUser;
    expect(bm.staffNote).toBeNull();
  });

  it('an unknown 员工号 is kept and flagged (the staff file may come later); a malformed one is refused', async () => {
    const t = setup();
    const res = await t.call('POST', '/api/users', { ...manager, staffId: 'E999' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ staffId: 'E999', staffName: null, staffNote: 'unknown_staff' });
    const bad = await t.call('POST', '/api/users', { ...manager, username: 'x2', staffId: 'E 1;2' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'bad_staff_id' });
    // refused as a whole: no half-made account is left behind
    expect(t.db.prepare("SELECT count(*) FROM app_user WHERE username = 'x2'").pluck().get()).toBe(0);
  });

  it('is changed and removed on edit, audited from → to; the scope follows at once', async () => {
    const t = setup();
    await t.call('POST', '/api/users', { ...manager, staffId: 'E101' });
    const put = await t.call('PUT', '/api/users/lin.rong', { staffId: 'E201' });
    expect(await put.json()).toMatchObject({ staffId: 'E201', staffOrgName: '城西支行' });
    const detail = JSON.parse(listAudit(t.db, { action: 'user_update' }).items[0].detail!);
    expect(detail).toEqual({ staffId: { from: 'E101', to: 'E201' } });
    // an empty field unlinks
    const cleared = (await (await t.call('PUT', '/api/users/lin.rong', { staffId: '' })).json()) as AdminUser;
    expect(cleared).toMatchObject({ staffId: null, staffNote: 'needs_staff' });
    // leaving it out changes nothing (and writes no audit row)
    await t.call('PUT', '/api/users/lin.rong', { staffId: 'E201' });
    const before = listAudit(t.db, { action: 'user_update' }).items.length;
    expect(await (await t.call('PUT', '/api/users/lin.rong', { displayName: '林荣' })).json()).toMatchObject({ staffId: 'E201' });
    expect(listAudit(t.db, { action: 'user_update' }).items.length).toBe(before);
  });

  it('the linked 客户经理 sees the customers they manage, and only those; a change applies at once', async () => {
    const t = setup();
    await t.call('POST', '/api/users', { ...manager, staffId: 'E201' });
    // C1 and C2 both sit in 城东支行, the user's org: only the 管户 link tells them apart
    const sees = (id: string) => customerInScope(t.db, scopeOfUser(t.db, 'lin.rong'), id);
    expect([sees('C1'), sees('C2')]).toEqual([false, true]);
    await t.call('PUT', '/api/users/lin.rong', { staffId: 'E101' });
    expect([sees('C1'), sees('C2')]).toEqual([true, false]);
  });
});
