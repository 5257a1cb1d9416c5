// `branch-console serve`: answers on 127.0.0.1 and shuts down cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { tmpDir } from '../import/helpers.js';

const BIN = path.resolve(__dirname, '../../../bin/branch-console.js');

it('serves the API on a fresh database (asking for an administrator) and exits 0 on SIGTERM', async () => {
  const db = path.join(tmpDir(), 'real.db');
  const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b) => {
      out += b;
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited early (${code})`)));
  });
  const status = (await (await fetch(`${url}/api/auth/status`)).json()) as { needsSetup: boolean; demo: boolean };
  expect(status).toMatchObject({ needsSetup: true, demo: false });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});
