// `branch-console serve` on the branch network: refused without --allow-host; with it and a
// certificate, HTTPS for the listed name only. The real command line in a child process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { tmpDir } from '../import/helpers.js';
import { cli } from './run-cli.js';
import { rawRequest } from '../api/http-raw.js';
import { selfSignedCert } from '../api/self-signed.js';

const BIN = path.resolve(__dirname, '../../../bin/branch-console.js');

it('refuses --host beyond loopback without --allow-host, before creating any database', () => {
  const db = path.join(tmpDir(), 'never.db');
  const r = cli('serve', '--db', db, '--host', '0.0.0.0', '--port', '0');
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/--allow-host/);
  expect(fs.existsSync(db)).toBe(false);
});

it('refuses --cert without --key, and a certificate file it cannot read', () => {
  const dir = tmpDir();
  const db = path.join(dir, 'never.db');
  const base = ['serve', '--db', db, '--host', '0.0.0.0', '--allow-host', 'console.branch.test', '--port', '0'];
  const half = cli(...base, '--cert', path.join(dir, 'console.crt'));
  expect(half.status).toBe(2);
  expect(half.stderr).toMatch(/--cert.*--key/);
  const missing = cli(...base, '--cert', path.join(dir, 'nope.crt'), '--key', path.join(dir, 'nope.key'));
  expect(missing.status).toBe(2);
  expect(missing.stderr).toContain('nope.crt');
});

it('serves HTTPS on the intranet to the listed names only, and exits 0 on SIGTERM', async () => {
  const dir = tmpDir();
  const { certFile, keyFile, cert } = selfSignedCert(dir, ['console.branch.test', 'backup.branch.test']);
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--db', path.join(dir, 'real.db'), '--port', '0', '--host', '0.0.0.0',
      '--allow-host', 'console.branch.test', '--allow-host', 'backup.branch.test', '--cert', certFile, '--key', keyFile],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (b) => (stderr += b));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b) => {
      out += b;
      const m = /(https:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited early (${code}): ${stderr}`)));
  });
  const port = new URL(url).port;
  try {
    // the certificate is checked for the listed name; the Host header is what a page could forge
    const get = (host: string) =>
      rawRequest(`${url}/api/auth/status`, { headers: { host: `${host}:${port}` }, ca: cert, servername: 'console.branch.test' });
    expect((await get('console.branch.test')).status).toBe(200);
    expect((await get('backup.branch.test')).status).toBe(200);
    expect((await get('rebound.evil.example')).status).toBe(403);
    expect(stderr).not.toMatch(/明文/); // the clear-text warning is for intranet mode without a certificate
  } finally {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }
});
