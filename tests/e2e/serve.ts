// Playwright's webServer command: prepares a database in the run's temp folder, then serves it.
//   demo  — `branch-console seed --db` (the demo bank with its demo users), then serve it
//   fresh — `branch-console seed --out` writes the export files; the served database is empty
// Usage: node bin/run-ts.js tests/e2e/serve.ts demo|fresh PORT
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [mode, port] = process.argv.slice(2);
const root = process.env.BC_E2E_DIR;
if (!root || !['demo', 'fresh'].includes(mode) || !port) {
  console.error('usage: BC_E2E_DIR=... serve.ts demo|fresh PORT');
  process.exit(2);
}
if (!fs.existsSync(path.join('dist', 'renderer', 'index.html'))) {
  console.error('dist/renderer is missing: run `npx vite build` (npm test does) before the e2e tests');
  process.exit(2);
}

const home = path.join(root, mode);
const db = path.join(home, 'console.db');
fs.mkdirSync(home, { recursive: true });
const env = { ...process.env, BRANCH_CONSOLE_HOME: home };
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/branch-console.js', ...args], { env, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (mode === 'demo') cli(['seed', '--db', db, '--scale', 'small', '--out', path.join(home, 'exports')]);
else cli(['seed', '--out', path.join(root, 'exports'), '--scale', 'small']);

const child = spawn(process.execPath, ['bin/branch-console.js', 'serve', '--db', db, '--port', port], { env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
