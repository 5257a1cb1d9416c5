// Generated from the API's own route table: a route added tomorrow is checked here without
// anyone writing a test for it.
import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, ROLES } from '../../../shared/permissions.js';
import { routesOf } from '../../../electron/core/api/index.js';
import { tempApi } from './helpers.js';

const concrete = (p: string) => p.replace(/:[a-zA-Z]+/g, '1');

describe('route permission table', () => {
  const { app } = tempApi();
  const table = routesOf(app);

  it('declares the routes the renderer relies on, each with its permission', () => {
    const find = (m: string, p: string) => table.find((r) => r.method === m && r.path === p)?.access;
    expect(find('get', '/api/auth/status')).toBe('public');
    expect(find('post', '/api/auth/login')).toBe('public');
    expect(find('get', '/api/auth/me')).toBe('signed-in');
    expect(find('get', '/api/home')).toBe('data:read');
    expect(find('get', '/api/stats')).toBe('data:read');
    expect(find('post', '/api/import/upload')).toBe('import:write');
    expect(find('post', '/api/import/commit')).toBe('import:write');
    expect(find('post', '/api/import/batches/:id/undo')).toBe('import:write');
    expect(find('get', '/api/import/batches/:id/issues.csv')).toBe('import:read');
    expect(table.filter((r) => r.access === 'public').map((r) => r.path).sort()).toEqual([
      '/api/auth/login', '/api/auth/setup', '/api/auth/status',
    ]);
  });

  const guarded = table.filter((r) => r.access !== 'public');
  it.each(guarded.map((r) => [r.method.toUpperCase(), r.path, r.access] as const))(
    '%s %s (%s) refuses no token, a bad token, and every role without the permission',
    async (method, path) => {
      const api = tempApi();
      const route = routesOf(api.app).find((r) => r.method.toUpperCase() === method && r.path === path)!;
      const url = `http://localhost${concrete(path)}`;
      const call = (headers: Record<string, string>) =>
        api.app.fetch(new Request(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: method === 'GET' ? undefined : '{}' }));

      const none = await call({});
      expect(none.status).toBe(401);
      expect(await none.json()).toMatchObject({ code: 'unauthorized' });
      expect((await call({ authorization: 'Bearer forged-token' })).status).toBe(401);

      for (const role of ROLES) {
        const allowed = route.access === 'signed-in' || (ROLE_PERMISSIONS[role] as readonly string[]).includes(route.access);
        const res = await call(api.auth(role));
        if (allowed) {
          expect([401, 403], `${role} should pass the check`).not.toContain(res.status);
        } else {
          expect(res.status, `${role} must be refused`).toBe(403);
          expect(await res.json()).toMatchObject({ code: 'forbidden' });
        }
      }
    },
  );
});
