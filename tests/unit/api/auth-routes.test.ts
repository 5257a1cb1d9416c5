import { describe, expect, it } from 'vitest';
import type { AuthStatus, LoginResult, UserInfo } from '../../../shared/api.js';
import { DEMO_USERS, ensureDemoUsers, markDemo } from '../../../electron/core/auth/index.js';
import { listAudit } from '../../../electron/core/audit/index.js';
import { failedLoginLog } from '../../../electron/core/audit/failed-logins.js';
import { tempApi } from './helpers.js';

const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('auth routes', () => {
  it('first run: status asks for setup, setup signs the admin in, a second setup is refused', async () => {
    const { app } = tempApi();
    expect(await (await app.request('/api/auth/status')).json()).toEqual({ needsSetup: true, demo: false });
    expect((await app.request('/api/auth/setup', post({ password: 'short' }))).status).toBe(400);
    const res = await app.request('/api/auth/setup', post({ password: 'a-good-password' }));
    expect(res.status).toBe(200);
    const { token, user } = (await res.json()) as LoginResult;
    expect(user.role).toBe('admin');
    const me = await app.request('/api/auth/me', { headers: { authorization: `Bearer ${token}` } });
    expect(((await me.json()) as UserInfo).username).toBe(user.username);
    const again = await app.request('/api/auth/setup', post({ password: 'another-password' }));
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({ code: 'setup_done' });
    expect(((await (await app.request('/api/auth/status')).json()) as AuthStatus).needsSetup).toBe(false);
  });

  it('login writes an audit row on success and on refusal, never the password', async () => {
    const { app, db } = tempApi();
    await ensureDemoUsers(db);
    const bad = await app.request('/api/auth/login', post({ username: 'datang', password: 'wrong-pass-xyz' }));
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ code: 'bad_credentials' });
    const ghost = await app.request('/api/auth/login', post({ username: 'ghost', password: 'wrong-pass-xyz' }));
    expect(ghost.status).toBe(401);
    const ok = await app.request('/api/auth/login', post({ username: 'datang', password: 'demo123' }));
    expect(ok.status).toBe(200);
    const { user } = (await ok.json()) as LoginResult;
    expect(user).toMatchObject({ username: 'datang', role: 'lobby_manager', permissions: ['data:read'] });

    // failures are counted per source and written when their minute ends (flushed here), one row
    // each with the count; a success is written at once
    await failedLoginLog(db).flush();
    const rows = listAudit(db).items.map((r) => [r.action, r.target, r.action === 'login' ? null : JSON.parse(r.detail!).count]);
    expect(rows.sort()).toEqual([
      ['login', 'datang', null],
      ['login_failed', 'datang', 1],
      ['login_failed', 'ghost', 1],
    ]);
    const everything = JSON.stringify(db.prepare('SELECT * FROM audit_log').all());
    expect(everything).not.toContain('wrong-pass-xyz');
    expect(everything).not.toContain('demo123');
  });

  it('rejects a malformed login body with 400 and a Chinese message', async () => {
    const { app } = tempApi();
    const res = await app.request('/api/auth/login', post({ username: '' }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^请求参数不正确/);
    const notJson = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' });
    expect(notJson.status).toBe(400);
  });

  it('logout ends the session', async () => {
    const { app, auth } = tempApi();
    const headers = auth('branch_manager');
    expect((await app.request('/api/auth/me', { headers })).status).toBe(200);
    expect((await app.request('/api/auth/logout', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' } })).status).toBe(200);
    expect((await app.request('/api/auth/me', { headers })).status).toBe(401);
  });

  it('a demo bank lists its demo users on the login page, a real one does not', async () => {
    const { app, db } = tempApi();
    await ensureDemoUsers(db);
    expect(((await (await app.request('/api/auth/status')).json()) as AuthStatus).demoUsers).toBeUndefined();
    markDemo(db);
    const s = (await (await app.request('/api/auth/status')).json()) as AuthStatus;
    expect(s.demo).toBe(true);
    expect(s.demoUsers).toEqual(DEMO_USERS.map(({ username, password, role }) => ({ username, password, role })));
  });

  it('the audit log is readable by a branch manager, not by a lobby manager', async () => {
    // at the head office: the whole bank's log (a branch's readers see their own users' actions: tests/unit/scope)
    const api = tempApi({ headOffice: true });
    const { app, auth } = api;
    const { db } = api;
    await app.request('/api/auth/login', post({ username: 'nobody', password: 'x' }));
    await failedLoginLog(db).flush();
    const res = await app.request('/api/audit?limit=5', { headers: auth('branch_manager') });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { action: string }[] };
    expect(body.items[0].action).toBe('login_failed');
    expect((await app.request('/api/audit', { headers: auth('lobby_manager') })).status).toBe(403);
  });

  it('locks a user name after 5 wrong passwords, even against the right one, and audits it', async () => {
    const { app, db } = tempApi();
    await ensureDemoUsers(db);
    for (let i = 0; i < 5; i++) {
      expect((await app.request('/api/auth/login', post({ username: 'jixiao', password: `guess-${i}` }))).status).toBe(401);
    }
    const locked = await app.request('/api/auth/login', post({ username: 'jixiao', password: 'demo123' }));
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ code: 'locked' });
    await failedLoginLog(db).flush();
    // the five guesses are counted, not written one row each (summed: a minute may end between them)
    const counts: Record<string, number> = {};
    for (const e of listAudit(db).items) counts[`${e.action} ${e.target}`] = (counts[`${e.action} ${e.target}`] ?? 0) + JSON.parse(e.detail!).count;
    expect(counts).toEqual({ 'login_failed jixiao': 5, 'login_locked jixiao': 1 });
    expect(listAudit(db).items.length).toBeLessThanOrEqual(3);
    expect((await app.request('/api/auth/login', post({ username: 'datang', password: 'demo123' }))).status).toBe(200);
  });
});
