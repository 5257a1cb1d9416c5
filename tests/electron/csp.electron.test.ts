// The desktop CSP against the real renderer, in Chromium, where no Electron binary is needed: the
// built renderer and a real API are served through the same routeAppRequest the app:// handler
// uses (bridged to http for the browser), and the page must start without one CSP violation.
// This is what catches a library that starts needing eval or inline script.
import { chromium, expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApi } from '../../electron/core/api/index.js';
import { openDb, type Db } from '../../electron/core/db/connection.js';
import { buildCsp } from '../../electron/shell/csp.js';
import { APP_ORIGIN } from '../../electron/shell/origin.js';
import { routeAppRequest } from '../../electron/shell/protocol-router.js';
import { isStale } from '../../electron/shell/staleness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let tmp: string;
let db: Db;
let server: http.Server;
let base: string;

function rendererDir(): string {
  const dist = path.join(ROOT, 'dist', 'renderer');
  if (!isStale([path.join(dist, 'index.html')], [path.join(ROOT, 'renderer'), path.join(ROOT, 'shared'), path.join(ROOT, 'vite.config.ts')])) return dist;
  // build beside, not into dist/: another suite may be serving dist/renderer right now
  const out = path.join(tmp, 'renderer');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  return out;
}

test.beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-csp-'));
  const staticDir = rendererDir();
  db = openDb(path.join(tmp, 'console.db'));
  const api = createApi({ db, dataDir: tmp });
  const csp = buildCsp();
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host') headers.set(k, v);
    // the page is the app's own: in Electron its requests carry Origin app://console, here the
    // bridge's http origin, which the API's same-origin guard would rightly refuse
    if (headers.get('origin') === base) headers.set('origin', APP_ORIGIN);
    const request = new Request(`${APP_ORIGIN}${req.url ?? '/'}`, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    const r = await routeAppRequest(request, { api, staticDir, csp });
    res.writeHead(r.status, Object.fromEntries(r.headers));
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('the renderer starts under the desktop CSP with no violation', async () => {
  test.skip(!fs.existsSync(CHROMIUM), `no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const violations: string[] = [];
    const errors: string[] = [];
    await page.exposeFunction('__reportCsp', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      const g = globalThis as unknown as {
        document: { addEventListener(t: string, f: (e: { violatedDirective: string; blockedURI: string }) => void): void };
        __reportCsp(v: string): void;
      };
      g.document.addEventListener('securitypolicyviolation', (e) => g.__reportCsp(`${e.violatedDirective} ${e.blockedURI}`));
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
    });

    const res = await page.goto(`${base}/index.html`);
    expect(res?.headers()['content-security-policy']).toBe(buildCsp());
    // a fresh database has no user yet: the first-run form must render through the real API
    await expect(page.locator('[data-testid="setup-form"]')).toBeVisible({ timeout: 30_000 });
    // and on through a POST to the API into the app shell, so more of the renderer has run
    await page.locator('input[name="password"]').fill('Branch-Console-1');
    await page.locator('input[name="confirm"]').fill('Branch-Console-1');
    await page.locator('[data-testid="setup-form"] button[type="submit"]').click();
    await expect(page).toHaveURL(/#\/home/, { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    expect(violations).toEqual([]);

    // the listener works and the policy bites: an injected inline script is refused
    const ran = await page.evaluate(() => {
      const g = globalThis as unknown as { document: { createElement(t: string): { textContent: string }; body: { appendChild(n: unknown): void } }; __inlineRan?: boolean };
      const el = g.document.createElement('script');
      el.textContent = 'globalThis.__inlineRan = true';
      g.document.body.appendChild(el);
      return g.__inlineRan === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(violations.join('\n')).toMatch(/script-src/);
  } finally {
    await browser.close();
  }
});
