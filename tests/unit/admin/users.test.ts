// User administration over the real API and a real SQLite file: create, change, disable, reset
// (the user must change the password before anything else), and the last administrator.
import { describe, expect, it } from 'vitest';
import type { LoginResult } from '../../../shared/api.js';
import type { AdminUser } from '../../../shared/users.js';
import { listAudit } from '../../../electron/core/audit/index.js';
import { tempApi, type TestApi } from '../api/helpers.js';

const json = (method: string, body: unknown, headers: Record<string, string>) => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

function setup() {
  const api = tempApi();
  const org = api.db.prepare('INSERT INTO org (org_id, name, parent_id, level) VALUES (?, ?, ?, ?)');
  org.run('001', '测试农商银行', null, '总行');
  org.run('101', '城东支行', '001', '支行');
  const admin = api.auth('admin'); // the user t_admin
  const call = (method: string, path: string, body?: unknown, headers = admin) =>
    api.app.request(path, body === undefined ? { method, headers: { 'content-type': 'application/json', ...headers } } : json(method, body, headers));
  return { ...api, admin, call };
}

async function login(api: TestApi, username: string, password: string): Promise<Response> {
  return api.app.request('/api/auth/login', json('POST', { username, password }, {}));
}

const newUser = { username: 'li.wei', displayName: '李伟', role: 'branch_manager', orgId: '101', password: 'first-pass-1' };

describe('users (用户管理)', () => {
  it('creates a user in an org; the first sign-in must change the password before anything else', async () => {
    const t = setup();
    const res = await t.call('POST', '/api/users', newUser);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ username: 'li.wei', role: 'branch_manager', orgId: '101', orgName: '城东支行', disabled: false, mustChangePassword: true });

    const first = (await (await login(t, 'li.wei', 'first-pass-1')).json()) as LoginResult;
    expect(first.user.mustChangePassword).toBe(true);
    const as = { authorization: `Bearer ${first.token}` };
    // the API refuses everything but me, the change and logout until the password is changed
    const home = await t.app.request('/api/home', { headers: as });
    expect(home.status).toBe(403);
    expect(await home.json()).toMatchObject({ code: 'password_change_required' });
    expect((await t.app.request('/api/auth/me', { headers: as })).status).toBe(200);

    const wrong = await t.call('POST', '/api/auth/password', { current: 'not-it-at-all', password: 'my-own-pass-9' }, as);
    expect(wrong.status).toBe(400);
    const same = await t.call('POST', '/api/auth/password', { current: 'first-pass-1', password: 'first-pass-1' }, as);
    expect(await same.json()).toMatchObject({ code: 'weak_password' });
    const changed = await t.call('POST', '/api/auth/password', { current: 'first-pass-1', password: 'my-own-pass-9' }, as);
    expect(changed.status).toBe(200);
    const after = (await changed.json()) as LoginResult;
    expect(after.user.mustChangePassword).toBeUndefined();
    // the old token ended with the old password; the new one works
    expect((await t.app.request('/api/auth/me', { headers: as })).status).toBe(401);
    expect((await t.app.request('/api/home', { headers: { authorization: `Bearer ${after.token}` } })).status).toBe(200);
    expect((await login(t, 'li.wei', 'first-pass-1')).status).toBe(401);
    expect((await login(t, 'li.wei', 'my-own-pass-9')).status).toBe(200);
  });

  it('refuses a weak password, an unknown org, a duplicate name, with the reason', async () => {
    const t = setup();
    expect(await (await t.call('POST', '/api/users', { ...newUser, password: 'li.wei-2024' })).json()).toMatchObject({ code: 'weak_password' });
    expect(await (await t.call('POST', '/api/users', { ...newUser, password: 'demo123' })).json()).toMatchObject({ code: 'weak_password' });
    expect(await (await t.call('POST', '/api/users', { ...newUser, orgId: '999' })).json()).toMatchObject({ code: 'bad_org' });
    expect((await t.call('POST', '/api/users', newUser)).status).toBe(201);
    expect(await (await t.call('POST', '/api/users', newUser)).json()).toMatchObject({ code: 'user_exists' });
    expect(listAudit(t.db, { action: 'user_create' }).items).toHaveLength(1);
  });

  it('a reset signs the user out and makes the next sign-in change the password', async () => {
    const t = setup();
    await t.call('POST', '/api/users', newUser);
    const first = (await (await login(t, 'li.wei', 'first-pass-1')).json()) as LoginResult;
    await t.call('POST', '/api/auth/password', { current: 'first-pass-1', password: 'my-own-pass-9' }, { authorization: `Bearer ${first.token}` });
    const live = (await (await login(t, 'li.wei', 'my-own-pass-9')).json()) as LoginResult;

    const reset = await t.call('POST', '/api/users/li.wei/reset-password', { password: 'reset-pass-7' });
    expect(await reset.json()).toMatchObject({ mustChangePassword: true });
    expect((await t.app.request('/api/auth/me', { headers: { authorization: `Bearer ${live.token}` } })).status).toBe(401);
    const next = (await (await login(t, 'li.wei', 'reset-pass-7')).json()) as LoginResult;
    expect(next.user.mustChangePassword).toBe(true);
    const audit = listAudit(t.db, { object: 'user:li.wei' }).items.map((e) => [e.username, e.action]);
    expect(audit).toEqual([
      ['t_admin', 'user_reset_password'],
      ['li.wei', 'password_change'],
      ['t_admin', 'user_create'],
    ]);
  });

  it('role and org changes apply to live sessions; disabling ends them and refuses sign-in', async () => {
    const t = setup();
    await t.call('POST', '/api/users', { ...newUser, role: 'lobby_manager' });
    await t.db.prepare('UPDATE app_user SET must_change_password = 0').run();
    const s = (await (await login(t, 'li.wei', 'first-pass-1')).json()) as LoginResult;
    const as = { authorization: `Bearer ${s.token}` };
    expect((await t.app.request('/api/audit', { headers: as })).status).toBe(403);
    const upd = await t.call('PUT', '/api/users/li.wei', { role: 'branch_manager', orgId: '001' });
    expect(await upd.json()).toMatchObject({ role: 'branch_manager', orgId: '001', orgName: '测试农商银行' });
    expect((await t.app.request('/api/audit', { headers: as })).status).toBe(200);
    const detail = JSON.parse(listAudit(t.db, { action: 'user_update' }).items[0].detail!);
    expect(detail).toEqual({ role: { from: 'lobby_manager', to: 'branch_manager' }, orgId: { from: '101', to: '001' } });

    expect(await (await t.call('POST', '/api/users/li.wei/disable')).json()).toMatchObject({ disabled: true });
    expect((await t.app.request('/api/auth/me', { headers: as })).status).toBe(401);
    expect((await login(t, 'li.wei', 'first-pass-1')).status).toBe(401);
    expect(await (await t.call('POST', '/api/users/li.wei/enable')).json()).toMatchObject({ disabled: false });
    expect((await login(t, 'li.wei', 'first-pass-1')).status).toBe(200);
  });

  it('keeps at least one active administrator', async () => {
    const t = setup();
    // t_admin is the only administrator: it cannot be disabled by itself, nor demoted
    expect(await (await t.call('POST', '/api/users/t_admin/disable')).json()).toMatchObject({ code: 'self_disable' });
    const demote = await t.call('PUT', '/api/users/t_admin', { role: 'branch_manager' });
    expect(demote.status).toBe(409);
    expect(await demote.json()).toMatchObject({ code: 'last_admin' });

    await t.call('POST', '/api/users', { ...newUser, username: 'admin2', role: 'admin', orgId: null });
    // with a second active administrator, the first may be demoted, by the second…
    const second = { authorization: `Bearer ${t.sessions.create({ username: 'admin2', displayName: '李伟', role: 'admin', orgId: null, permissions: ['users:manage'] })}` };
    expect((await t.call('PUT', '/api/users/t_admin', { role: 'branch_manager' }, second)).status).toBe(200);
    // …and then admin2 is the last one: disabling or demoting it is refused
    expect(await (await t.call('PUT', '/api/users/admin2', { role: 'lobby_manager' }, second)).json()).toMatchObject({ code: 'last_admin' });
    const rows = t.db.prepare("SELECT username FROM app_user WHERE role = 'admin' AND disabled = 0").pluck().all();
    expect(rows).toEqual(['admin2']);

    // a disabled administrator does not count: with t_admin an admin again but disabled, admin2 is still the last
    await t.call('PUT', '/api/users/t_admin', { role: 'admin' }, second);
    await t.call('POST', '/api/users/t_admin/disable', undefined, second);
    expect(await (await t.call('PUT', '/api/users/admin2', { role: 'lobby_manager' }, second)).json()).toMatchObject({ code: 'last_admin' });
  });

  it('lists users with their org name and state; orgs for the select', async () => {
    const t = setup();
    await t.call('POST', '/api/users', newUser);
    await t.call('POST', '/api/users/li.wei/disable');
    const users = (await (await t.call('GET', '/api/users')).json()) as AdminUser[];
    expect(users.map((u) => [u.username, u.orgName, u.disabled])).toEqual([
      ['t_admin', null, false],
      ['li.wei', '城东支行', true], // disabled accounts last
    ]);
    expect(await (await t.call('GET', '/api/users/orgs')).json()).toEqual([
      { orgId: '001', name: '测试农商银行', level: '总行', parentId: null },
      { orgId: '101', name: '城东支行', level: '支行', parentId: '001' },
    ]);
  });
});
