// Launches the built desktop app where an Electron binary exists; elsewhere skips, naming why.
// Run: npx playwright test -c playwright.electron.config.ts
import { _electron as electron, expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from '../../electron/shell/detect-electron.js';
import { isStale } from '../../electron/shell/staleness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const detection = findElectronBinary(ROOT);

function ensureBuilt(): void {
  const at = (...p: string[]) => path.join(ROOT, ...p);
  if (isStale([at('dist', 'renderer', 'index.html')], [at('renderer'), at('shared'), at('vite.config.ts')])) {
    execFileSync(process.execPath, [at('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  }
  if (isStale([at('dist-electron', 'main.cjs'), at('dist-electron', 'preload.cjs')], [at('electron'), at('shared'), at('scripts', 'build-electron.js')])) {
    execFileSync(process.execPath, [at('scripts', 'build-electron.js')], { cwd: ROOT, stdio: 'inherit' });
  }
}

test('the desktop app opens on the login page, locked down, at 1366×768', async () => {
  if (!detection.found) {
    // the list reporter prints stdout but not skip reasons
    console.log(`skipped: No Electron binary: ${detection.reason}`);
    test.skip(true, `No Electron binary: ${detection.reason}`);
    return;
  }
  ensureBuilt();

  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-electron-'));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
  env.BRANCH_CONSOLE_HOME = home;

  const app = await electron.launch({ executablePath: detection.path, args: [ROOT], cwd: ROOT, env });
  try {
    const win = await app.firstWindow();
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.setContentSize(1366, 768));
    await expect(win.locator('[data-testid="login-form"]')).toBeVisible({ timeout: 200_000 });

    expect(new URL(win.url()).origin).toBe('app://console');
    // the page sees the bridge and nothing of Node
    const exposed = await win.evaluate(() => {
      const g = globalThis as unknown as { require?: unknown; process?: unknown; branchConsole?: { isDesktop?: boolean } };
      return { require: typeof g.require, process: typeof g.process, desktop: g.branchConsole?.isDesktop === true };
    });
    expect(exposed).toEqual({ require: 'undefined', process: 'undefined', desktop: true });
    // the window refuses to go anywhere else
    await win.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    await expect(win.locator('[data-testid="login-form"]')).toBeVisible();
    expect(new URL(win.url()).origin).toBe('app://console');

    const size = await win.evaluate(() => {
      const g = globalThis as unknown as { innerWidth: number; innerHeight: number };
      return [g.innerWidth, g.innerHeight];
    });
    expect(size).toEqual([1366, 768]);
    await win.screenshot({ path: test.info().outputPath('login-1366x768.png') });
  } finally {
    await app.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
});
