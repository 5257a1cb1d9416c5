// State-changing requests must be JSON and, when a browser says where they come from, come from
// the console itself; bodies outside the upload route stop at 1 MB. Real HTTP against the real
// web-mode server, and the desktop app's app:// handler, both over the same core API.
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../../electron/core/api/index.js';
import { needsSetup } from '../../../electron/core/auth/index.js';
import { openDb, type Db } from '../../../electron/core/db/connection.js';
import { listAudit } from '../../../electron/core/audit/index.js';
import { startServer, type RunningServer } from '../../../electron/server.js';
import { routeAppRequest } from '../../../electron/shell/protocol-router.js';
import { jsonOf, rawRequest } from './http-raw.js';
import { tempDir } from './helpers.js';

const open: { server: RunningServer; db: Db }[] = [];
afterEach(async () => {
  for (const { server, db } of open.splice(0)) {
    await server.close();
    db.close();
  }
});

/** A fresh web-mode install: no user yet, so POST /api/auth/setup is live. */
async function freshServer() {
  const dir = tempDir('bc-guard-');
  const db = openDb(path.join(dir, 'branch-console.db'));
  const server = await startServer({ db, dataDir: dir, port: 0 });
  open.push({ server, db });
  return { db, url: server.url };
}

const JSON_TYPE = { 'content-type': 'application/json' };

describe('state-changing requests come from the console, as JSON', () => {
  it('a foreign page cannot set the first administrator password with a text/plain POST', async () => {
    const { db, url } = await freshServer();
    // what <form enctype="text/plain"> or fetch(…, {mode: 'no-cors'}) on any web site sends: no preflight needed
    const forged = await rawRequest(`${url}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify({ password: 'attacker-chosen' }),
    });
    expect(forged.status).toBe(403);
    // even a page that managed to strip Origin and Sec-Fetch-Site is refused for the type alone
    const typeOnly = await rawRequest(`${url}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ password: 'attacker-chosen' }),
    });
    expect(typeOnly.status).toBe(415);
    expect(jsonOf(typeOnly).code).toBe('unsupported_media_type');
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const r = await rawRequest(`${url}/api/auth/setup`, { method: 'POST', headers: type ? { 'content-type': type } : {}, body: '{"password":"attacker-chosen"}' });
      expect(r.status, type).toBe(415);
    }
    expect(needsSetup(db)).toBe(true);

    // the console's own page: same origin, JSON
    const own = await rawRequest(`${url}/api/auth/setup`, {
      method: 'POST',
      headers: { ...JSON_TYPE, origin: url, 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ password: 'Branch-Setup-2024' }),
    });
    expect(own.status).toBe(200);
    expect(needsSetup(db)).toBe(false);
  });

  it('a foreign page cannot lock the administrator out by failing logins in their name', async () => {
    const { db, url } = await freshServer();
    const setup = await rawRequest(`${url}/api/auth/setup`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ password: 'Branch-Setup-2024' }) });
    expect(setup.status).toBe(200);
    // 5 wrong passwords lock a name; the page tries 6, as text/plain and as cross-site JSON
    for (let i = 0; i < 6; i++) {
      const asText = await rawRequest(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ username: 'admin', password: `guess-${i}` }),
      });
      expect(asText.status).toBe(415);
      const crossSite = await rawRequest(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { ...JSON_TYPE, 'sec-fetch-site': 'cross-site' },
        body: JSON.stringify({ username: 'admin', password: `guess-${i}` }),
      });
      expect(crossSite.status).toBe(403);
      expect(jsonOf(crossSite).code).toBe('cross_origin');
    }
    expect(listAudit(db, { action: 'login_failed' }).items).toHaveLength(0);
    const login = await rawRequest(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { ...JSON_TYPE, origin: url, 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ username: 'admin', password: 'Branch-Setup-2024' }),
    });
    expect(login.status).toBe(200);
  });

  it('judges Origin and Sec-Fetch-Site each when present: both must say "here"', async () => {
    const { url } = await freshServer();
    const port = new URL(url).port;
    // a new name each time, so no name reaches its lock of 5 failures
    let n = 0;
    const login = (headers: Record<string, string | undefined>) =>
      rawRequest(`${url}/api/auth/login`, { method: 'POST', headers: { ...JSON_TYPE, ...(headers as Record<string, string>) }, body: JSON.stringify({ username: `nobody${n++}`, password: 'x' }) });
    // refused before any password is checked
    for (const h of [
      { origin: 'https://evil.example' },
      { origin: 'null' }, // a sandboxed iframe or a file:// page
      { origin: `http://127.0.0.1:${Number(port) + 1}` }, // another local server: same site, other origin
      { origin: `https://127.0.0.1:${port}` }, // other scheme
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: url, 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' },
    ]) {
      expect((await login(h)).status, JSON.stringify(h)).toBe(403);
    }
    // let through to the password check (401: no such user)
    for (const h of [{}, { origin: url }, { 'sec-fetch-site': 'same-origin' }, { 'sec-fetch-site': 'none' }, { origin: url, 'sec-fetch-site': 'same-origin' }]) {
      expect((await login(h)).status, JSON.stringify(h)).toBe(401);
    }
    // the parameter of the media type does not matter, the type does
    expect((await login({ 'content-type': 'application/json; charset=utf-8' })).status).toBe(401);
    expect((await login({ 'content-type': 'application/jsonp' })).status).toBe(415);
  });

  it('applies to every state-changing method, body or not; reads are untouched', async () => {
    const { url } = await freshServer();
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const r = await rawRequest(`${url}/api/import/profiles?name=x`, { method });
      expect(r.status, method).toBe(415);
      const cross = await rawRequest(`${url}/api/import/profiles?name=x`, { method, headers: { ...JSON_TYPE, origin: 'https://evil.example' } });
      expect(cross.status, method).toBe(403);
    }
    // a read from anywhere still needs its token, nothing more is asked of it
    const read = await rawRequest(`${url}/api/auth/status`, { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(read.status).toBe(200);
  });

  it('keeps multipart for the upload route, from the console only', async () => {
    const { url } = await freshServer();
    const multipart = { 'content-type': 'multipart/form-data; boundary=----x' };
    const body = '------x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nx\r\n------x--\r\n';
    // no token: the upload route's own 401 shows the guard let the type through
    expect((await rawRequest(`${url}/api/import/upload`, { method: 'POST', headers: multipart, body })).status).toBe(401);
    expect((await rawRequest(`${url}/api/import/upload`, { method: 'POST', headers: { ...multipart, origin: url }, body })).status).toBe(401);
    expect((await rawRequest(`${url}/api/import/upload`, { method: 'POST', headers: { ...multipart, origin: 'https://evil.example' }, body })).status).toBe(403);
    // multipart anywhere else is refused
    expect((await rawRequest(`${url}/api/import/commit`, { method: 'POST', headers: multipart, body })).status).toBe(415);
  });

  it('in the desktop app, trusts app://console and nothing else', async () => {
    const dir = tempDir('bc-guard-desktop-');
    const db = openDb(path.join(dir, 'branch-console.db'));
    try {
      const api = createApi({ db, dataDir: dir, trustedOrigins: ['app://console'] });
      const send = (origin: string) =>
        routeAppRequest(
          new Request('app://console/api/auth/setup', {
            method: 'POST',
            headers: { ...JSON_TYPE, origin, 'sec-fetch-site': 'same-origin' },
            body: JSON.stringify({ password: 'Desktop-Setup-2024' }),
          }),
          { api, staticDir: dir },
        );
      expect((await send('http://127.0.0.1:5180')).status).toBe(403);
      expect((await send('app://evil')).status).toBe(403);
      expect(needsSetup(db)).toBe(true);
      expect((await send('app://console')).status).toBe(200);
      expect(needsSetup(db)).toBe(false);
    } finally {
      db.close();
    }
  });
});

describe('request body limit', () => {
  it('answers 413 from Content-Length alone, before a byte of the body is sent', async () => {
    const { url } = await freshServer();
    const u = new URL(`${url}/api/auth/login`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(u, { method: 'POST', headers: { ...JSON_TYPE, 'content-length': String(2 * 1024 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
      req.flushHeaders(); // headers only: the body is never written
    });
    expect(status).toBe(413);
  });

  it('counts a body sent without Content-Length (chunked) and stops it past 1 MB', async () => {
    const { url } = await freshServer();
    const u = new URL(`${url}/api/auth/login`);
    const reply = await new Promise<{ status: number; code: string }>((resolve) => {
      const req = http.request(u, { method: 'POST', headers: JSON_TYPE }, (res) => {
        let b = '';
        res.on('data', (c: Buffer) => (b += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, code: (JSON.parse(b) as { code: string }).code }));
      });
      req.on('error', () => undefined); // the server may close before the last chunks: expected
      // 1.5 MB in 64 KiB chunks, streamed: 24 × 64 KiB = 1536 KiB > 1024 KiB
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      req.write('{"username":"a","password":"');
      let n = 0;
      const pump = () => {
        while (n < 24) {
          n++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end('"}');
      };
      pump();
    });
    expect(reply).toEqual({ status: 413, code: 'too_large' });
  });

  it('lets a body under the limit through to the route (which then judges it)', async () => {
    const { url } = await freshServer();
    // 900 KiB of password: under the body limit, over the login schema's 1024 characters → 400, not 413
    const body = JSON.stringify({ username: 'a', password: 'x'.repeat(900 * 1024) });
    for (const headers of [{ ...JSON_TYPE }, { ...JSON_TYPE, 'transfer-encoding': 'chunked' }]) {
      const r = await rawRequest(`${url}/api/auth/login`, { method: 'POST', headers, body });
      expect(r.status).toBe(400);
      expect(jsonOf(r).code).toBe('invalid_input');
    }
  });
});
