// Generated from the API's own route table: a route added tomorrow is checked here without
// anyone writing a test for it, once route-calls.ts says how to call it successfully.
import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, ROLES, type Role } from '../../../shared/permissions.js';
import { apiIdle, routesOf } from '../../../electron/core/api/index.js';
import { tempApi } from './helpers.js';
import { callBank, ROUTE_CALLS, type CallSpec } from './route-calls.js';

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
  const keyOf = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;

  it('knows how to call every guarded route successfully', () => {
    const missing = guarded.map(keyOf).filter((k) => !(k in ROUTE_CALLS));
    expect(missing, 'add these to ROUTE_CALLS in route-calls.ts').toEqual([]);
    const stale = Object.keys(ROUTE_CALLS).filter((k) => !guarded.some((r) => keyOf(r) === k));
    expect(stale, 'routes that no longer exist').toEqual([]);
  });

  it.each(guarded.map((r) => [r.method.toUpperCase(), r.path, r.access] as const))(
    '%s %s (%s): no token, a bad token and every role without the permission are refused; every role with it succeeds',
    async (method, path, access) => {
      const b = await callBank();
      const api = b.api;
      const how = ROUTE_CALLS[`${method} ${path}`];
      // refusals come before the handler reads anything: an empty JSON body will do
      const refusedCall = (headers: Record<string, string>) =>
        api.app.fetch(new Request(`http://localhost${concrete(path)}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: method === 'GET' ? undefined : '{}' }));
      const call = (role: Role, spec: CallSpec) =>
        api.app.fetch(
          new Request(`http://localhost${spec.url}`, {
            method,
            headers: spec.form ? api.auth(role) : { 'content-type': 'application/json', ...api.auth(role) },
            body: spec.form ?? (spec.body === undefined ? undefined : JSON.stringify(spec.body)),
          }),
        );

      const none = await refusedCall({});
      expect(none.status).toBe(401);
      expect(await none.json()).toMatchObject({ code: 'unauthorized' });
      expect((await refusedCall({ authorization: 'Bearer forged-token' })).status).toBe(401);

      const has = (role: Role, p: string) => (ROLE_PERMISSIONS[role] as readonly string[]).includes(p);
      for (const role of ROLES) {
        const allowed = (access === 'signed-in' || has(role, access)) && (how.alsoNeeds === undefined || has(role, how.alsoNeeds));
        const res = allowed ? await call(role, await how.request(b, role)) : await refusedCall(api.auth(role));
        const text = await res.text();
        if (allowed) {
          expect(res.status, `${role}: ${text.slice(0, 300)}`).toBe(how.status ?? 200);
          await how.verify?.(b, role);
        } else {
          expect(res.status, `${role} must be refused`).toBe(403);
          expect(JSON.parse(text)).toMatchObject({ code: 'forbidden' });
        }
      }
      await apiIdle(api.app);
    },
  );
});
