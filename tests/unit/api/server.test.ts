import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../shared/api.js';
import { openDb } from '../../../electron/core/db/connection.js';
import { SessionStore, getUser, hashPassword, insertUser } from '../../../electron/core/auth/index.js';
import { startServer } from '../../../electron/server.js';
import { buildCsp } from '../../../electron/shell/csp.js';
import { tempDir } from './helpers.js';

async function serverWithRenderer() {
  const dir = tempDir('bc-server-');
  const staticDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>网点工作台</title>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  const db = openDb(path.join(dir, 'branch-console.db'));
  const sessions = new SessionStore();
  const server = await startServer({ db, dataDir: dir, port: 0, staticDir, sessions });
  const hash = await hashPassword('password1');
  const tokenOf = (role: 'branch_manager' | 'lobby_manager') => {
    const username = `s_${role}`;
    if (!getUser(db, username)) insertUser(db, { username, displayName: role, role, orgId: null }, hash);
    return sessions.create(getUser(db, username)!);
  };
  return { server, dir, tokenOf, close: async () => (await server.close(), db.close()) };
}

function rawGet(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { host } }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject);
  });
}

describe('web mode server', () => {
  it('binds 127.0.0.1 and serves the renderer, its client routes and the API, all with CSP and nosniff', async () => {
    const s = await serverWithRenderer();
    try {
      expect(s.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      for (const [p, status, type] of [
        ['/', 200, /text\/html/],
        ['/customers/list', 200, /text\/html/],
        ['/assets/app.js', 200, /javascript/],
        ['/assets/missing.js', 404, /text\/plain/],
        ['/api/auth/status', 200, /application\/json/],
        ['/api/no-such-route', 404, /application\/json/],
      ] as const) {
        const res = await fetch(s.server.url + p);
        expect(res.status, p).toBe(status);
        expect(res.headers.get('content-type'), p).toMatch(type);
        expect(res.headers.get('content-security-policy'), p).toBe(buildCsp());
        expect(res.headers.get('x-content-type-options'), p).toBe('nosniff');
        await res.arrayBuffer();
      }
      expect(await (await fetch(s.server.url + '/customers/list')).text()).toContain('网点工作台');
    } finally {
      await s.close();
    }
  });

  it('refuses a request whose Host is not loopback (DNS rebinding)', async () => {
    const s = await serverWithRenderer();
    try {
      const port = new URL(s.server.url).port;
      expect(await rawGet(`${s.server.url}/api/auth/status`, `evil.example:${port}`)).toBe(403);
      expect(await rawGet(`${s.server.url}/api/auth/status`, `localhost:${port}`)).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('streams a large upload to disk over HTTP, and refuses a lobby manager', async () => {
    const s = await serverWithRenderer();
    try {
      // ~24 MB of org rows: big enough that buffering would show, small enough for a unit test
      const file = path.join(s.dir, '机构.csv');
      const out = fs.createWriteStream(file);
      out.write('机构号,机构名称,上级机构号,机构层级\n');
      for (let i = 0; i < 400_000; i++) out.write(`${100000 + i},第${i}网点营业部门测试名称比较长一些,,分理处\n`);
      await new Promise((r) => out.end(r));
      const size = fs.statSync(file).size;
      const send = async (role: 'branch_manager' | 'lobby_manager') => {
        const fd = new FormData();
        fd.append('file', await fs.openAsBlob(file), 'bank/机构.csv');
        return fetch(`${s.server.url}/api/import/upload`, { method: 'POST', headers: { authorization: `Bearer ${s.tokenOf(role)}` }, body: fd });
      };
      const refused = await send('lobby_manager');
      expect(refused.status).toBe(403);
      await refused.arrayBuffer();
      const res = await send('branch_manager');
      expect(res.status).toBe(200);
      const { uploadId, previews } = (await res.json()) as { uploadId: string; previews: ImportPreview[] };
      expect(previews[0]).toMatchObject({ file: 'bank/机构.csv', dataset: 'org', size, rows: 400_000 });
      expect(fs.statSync(path.join(s.dir, 'uploads', uploadId, 'bank', '机构.csv')).size).toBe(size);
    } finally {
      await s.close();
    }
  });
});
