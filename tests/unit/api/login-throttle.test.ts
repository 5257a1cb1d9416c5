// The login route over real HTTP: failures are counted per client address (taken from the
// socket), beside the per-name lock. Two loopback addresses (127.0.0.1 and 127.0.0.2, both
// this machine on Linux) stand for two PCs of the branch.
import http from 'node:http';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createUser } from '../../../electron/core/auth/index.js';
import { openDb, type Db } from '../../../electron/core/db/connection.js';
import { startServer, type RunningServer } from '../../../electron/server.js';
import { tempDir } from './helpers.js';

const open: { server: RunningServer; db: Db }[] = [];
afterEach(async () => {
  for (const { server, db } of open.splice(0)) {
    await server.close();
    db.close();
  }
});

function login(url: string, from: string, username: string, password: string): Promise<{ status: number; code?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/api/auth/login`, { method: 'POST', localAddress: from, headers: { 'content-type': 'application/json' } }, (res) => {
      let b = '';
      res.on('data', (c: Buffer) => (b += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, code: (JSON.parse(b) as { code?: string }).code }));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ username, password }));
  });
}

it('locks out the address that sprayed 20 wrong passwords over 20 names, and only that address', async () => {
  const dir = tempDir('bc-throttle-');
  const db = openDb(path.join(dir, 'branch-console.db'));
  await createUser(db, { username: 'li.wei', displayName: '李伟', role: 'branch_manager', orgId: null, password: 'Right-Pass-2024' });
  const server = await startServer({ db, dataDir: dir, port: 0 });
  open.push({ server, db });

  // one guess per name: no name reaches its own lock of 5
  for (let i = 0; i < 20; i++) expect((await login(server.url, '127.0.0.2', `user${i}`, 'guess')).status).toBe(401);
  // the 21st attempt from that address is refused before any password check, right or wrong
  expect(await login(server.url, '127.0.0.2', 'li.wei', 'Right-Pass-2024')).toEqual({ status: 429, code: 'client_locked' });
  // another PC signs in as usual, and the user's name is not locked
  expect((await login(server.url, '127.0.0.1', 'li.wei', 'Right-Pass-2024')).status).toBe(200);
});
