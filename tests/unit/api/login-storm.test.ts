// A storm of failing logins must not stall everyone else: password hashing runs off the event
// loop (and at most two at a time, leaving the thread pool to file reads), so other requests
// are answered while the storm is still being hashed. Shown by order of completion, not time.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
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

/** Sends a request and resolves once it is fully written, with a promise of its completion. */
function send(url: string, o: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ done: Promise<number> }>((sent, fail) => {
    let finish!: (status: number) => void;
    const done = new Promise<number>((r) => (finish = r));
    const req = http.request(url, { method: o.method ?? 'GET', headers: o.headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => finish(res.statusCode ?? 0));
    });
    req.on('error', fail);
    req.on('finish', () => sent({ done }));
    req.end(o.body);
  });
}

it('answers other requests while a storm of failing logins is being hashed', async () => {
  const dir = tempDir('bc-storm-');
  const staticDir = path.join(dir, 'renderer');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>网点工作台</title>');
  const db = openDb(path.join(dir, 'branch-console.db'));
  const server = await startServer({ db, dataDir: dir, port: 0, staticDir });
  open.push({ server, db });

  // 16 guesses, each at a different name (no name lock) and below the 20-per-address limit, so
  // every one is really hashed; about 16 × 60 ms of scrypt on an office PC
  const N = 16;
  const order: string[] = [];
  const storm: Promise<void>[] = [];
  for (let i = 0; i < N; i++) {
    const { done } = await send(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `guess${i}`, password: 'wrong-password' }),
    });
    storm.push(done.then((status) => void order.push(`login ${status}`)));
  }
  // every login is on the wire before these two are sent
  const status = (await send(`${server.url}/api/auth/status`)).done.then((s) => void order.push(`status ${s}`));
  const page = (await send(`${server.url}/index.html`)).done.then((s) => void order.push(`page ${s}`));
  await Promise.all([...storm, status, page]);

  expect(order.filter((o) => o.startsWith('login'))).toEqual(Array(N).fill('login 401'));
  // both were answered while most of the storm was still waiting for its hash
  const loginsBefore = (what: string) => order.slice(0, order.indexOf(what)).filter((o) => o.startsWith('login')).length;
  expect(loginsBefore('status 200')).toBeLessThan(N / 2);
  expect(loginsBefore('page 200')).toBeLessThan(N / 2);
});
