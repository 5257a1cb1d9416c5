// Intranet mode: a server bound beyond loopback answers only the host names it was given, and
// speaks HTTPS when given a certificate. Real server, real sockets, a certificate made by openssl.
import path from 'node:path';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../electron/core/db/connection.js';
import { allowedHostNames, hostName, isAllowedHost, normaliseAllowedHost } from '../../../electron/host-allow-list.js';
import { startServer, type RunningServer, type ServerOptions } from '../../../electron/server.js';
import { jsonOf, rawRequest } from './http-raw.js';
import { selfSignedCert } from './self-signed.js';
import { tempDir } from './helpers.js';

const open: { server: RunningServer; db: Db }[] = [];
afterEach(async () => {
  for (const { server, db } of open.splice(0)) {
    await server.close();
    db.close();
  }
});

async function serverWith(o: Partial<ServerOptions>) {
  const dir = tempDir('bc-intranet-');
  const db = openDb(path.join(dir, 'branch-console.db'));
  try {
    const server = await startServer({ db, dataDir: dir, port: 0, ...o });
    open.push({ server, db });
    return { server, dir, port: new URL(server.url).port };
  } catch (e) {
    db.close();
    throw e;
  }
}

describe('host allow-list', () => {
  it('reads host names as a Host header carries them', () => {
    expect(hostName('Console.Branch.Local:5180')).toBe('console.branch.local');
    expect(hostName('[::1]:5180')).toBe('[::1]');
    expect(hostName('console.branch.local.')).toBe('console.branch.local');
    expect(normaliseAllowedHost(' Console.Branch.Local ')).toBe('console.branch.local');
    expect(normaliseAllowedHost('fe80::1')).toBe('[fe80::1]');
    expect(normaliseAllowedHost('10.1.2.3')).toBe('10.1.2.3');
    for (const bad of ['http://console', 'console:5180', 'a/b', '', 'user@host', '-x']) {
      expect(() => normaliseAllowedHost(bad), bad).toThrow(/--allow-host/);
    }
  });

  it('needs a list to serve beyond loopback, and answers loopback names besides the listed ones', () => {
    expect(() => allowedHostNames('0.0.0.0')).toThrow(/--allow-host/);
    expect(() => allowedHostNames('10.1.2.3', [])).toThrow(/--allow-host/);
    const loopback = allowedHostNames('127.0.0.1');
    expect(isAllowedHost('127.0.0.1:5180', loopback)).toBe(true);
    expect(isAllowedHost('localhost', loopback)).toBe(true);
    expect(isAllowedHost('console.branch.local', loopback)).toBe(false);
    const intranet = allowedHostNames('0.0.0.0', ['console.branch.local', '10.1.2.3']);
    for (const ok of ['console.branch.local:5180', 'CONSOLE.branch.local', '10.1.2.3:5180', '127.0.0.1:5180']) expect(isAllowedHost(ok, intranet), ok).toBe(true);
    for (const no of ['evil.example', 'console.branch.local.evil.example', '10.1.2.4', '', undefined]) expect(isAllowedHost(no, intranet), String(no)).toBe(false);
  });
});

describe('intranet mode', () => {
  it('refuses to start beyond loopback without an allow-list', async () => {
    await expect(serverWith({ host: '0.0.0.0' })).rejects.toThrow(/--allow-host/);
  });

  it('answers the listed names and loopback, refuses any other Host (DNS rebinding)', async () => {
    const { server, port } = await serverWith({ host: '0.0.0.0', allowHosts: ['console.branch.test'] });
    expect(server.intranet).toBe(true);
    const status = (host: string) => rawRequest(`http://127.0.0.1:${port}/api/auth/status`, { headers: { host } });
    expect((await status(`console.branch.test:${port}`)).status).toBe(200);
    expect((await status(`127.0.0.1:${port}`)).status).toBe(200);
    const evil = await status(`rebound.evil.example:${port}`);
    expect(evil.status).toBe(403);
    expect(jsonOf(evil).code).toBe('bad_host');
    // a page at the listed name is the console's own origin: its JSON POST reaches the route
    const login = await rawRequest(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { host: `console.branch.test:${port}`, origin: `http://console.branch.test:${port}`, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'nobody', password: 'x' }),
    });
    expect(login.status).toBe(401);
  });

  it('serves HTTPS with the given certificate, and takes only https://<listed name> as its origin', async () => {
    const dir = tempDir('bc-tls-');
    const { cert, key } = selfSignedCert(dir, ['console.branch.test']);
    const { server, port } = await serverWith({ host: '0.0.0.0', allowHosts: ['console.branch.test'], tls: { cert, key } });
    expect(server.url).toBe(`https://127.0.0.1:${port}`);

    // the certificate the server presents is the one it was given
    const presented = await new Promise<string>((resolve, reject) => {
      const s = tls.connect({ host: '127.0.0.1', port: Number(port), servername: 'console.branch.test', ca: cert }, () => {
        resolve(s.getPeerX509Certificate()?.subjectAltName ?? '');
        s.end();
      });
      s.on('error', reject);
    });
    expect(presented).toContain('DNS:console.branch.test');

    const base = `https://127.0.0.1:${port}`;
    const status = await rawRequest(`${base}/api/auth/status`, { headers: { host: `console.branch.test:${port}` }, ca: cert });
    expect(status.status).toBe(200);
    expect(jsonOf<{ needsSetup: boolean }>(status).needsSetup).toBe(true);

    const setup = (origin: string) =>
      rawRequest(`${base}/api/auth/setup`, {
        method: 'POST',
        headers: { host: `console.branch.test:${port}`, origin, 'content-type': 'application/json' },
        body: JSON.stringify({ password: 'Intranet-Setup-2024' }),
        ca: cert,
      });
    expect((await setup(`http://console.branch.test:${port}`)).status).toBe(403); // http page ≠ https origin
    expect((await setup(`https://console.branch.test:${port}`)).status).toBe(200);

    // plain HTTP on the HTTPS port gets no answer from the API
    await expect(rawRequest(`http://127.0.0.1:${port}/api/auth/status`)).rejects.toThrow();
    // and an unknown certificate authority is refused by a client that checks (the default)
    await expect(rawRequest(`${base}/api/auth/status`)).rejects.toThrow(/self.signed|certificate/i);
  });
});
